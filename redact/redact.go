// Package redact owns rewriting a record's bytes from findings and tokens:
// each finding's span is replaced by a typed token ([IIN:tk_…]), a mask or,
// for card numbers, the first six and last four digits plus the token. CVVs
// are removed. A record that was valid JSON stays valid JSON: replacements
// inside strings contain no quote or backslash, and a finding that was a
// bare JSON number becomes a quoted string.
package redact

import (
	"bytes"
	"fmt"

	"github.com/tazala/tazala"
)

// Mode says how one kind of finding is rewritten.
type Mode uint8

const (
	// Token replaces the value with [KIND:tk_…] (the default).
	Token Mode = iota
	// Mask replaces every letter and digit with '*', keeping separators and
	// the value's length, and adds no token.
	Mask
	// Last4 shows a card number as first six and last four digits with the
	// token: [PAN:440043******1234:tk_…]. For other kinds it equals Token.
	Last4
	// Remove drops the value: [CVV] (always used for CVVs).
	Remove
)

// ParseMode maps "token", "mask", "last4" or "remove" to a Mode.
func ParseMode(s string) (Mode, error) {
	switch s {
	case "token", "":
		return Token, nil
	case "mask":
		return Mask, nil
	case "last4":
		return Last4, nil
	case "remove":
		return Remove, nil
	}
	return 0, fmt.Errorf("redact: unknown mode %q (want token, mask, last4 or remove)", s)
}

// Config chooses a mode per kind.
type Config struct {
	// Default applies to kinds not in PerKind.
	Default Mode
	// PerKind overrides Default for some kinds.
	PerKind map[tazala.Kind]Mode
}

// Redactor rewrites records. It is stateless after construction and safe for
// concurrent use.
type Redactor struct {
	modes [tazala.NumKinds]Mode
}

// New returns a Redactor for cfg. CVVs are always removed, whatever cfg says.
func New(cfg Config) *Redactor {
	r := &Redactor{}
	for i := range r.modes {
		r.modes[i] = cfg.Default
	}
	for k, m := range cfg.PerKind {
		if k.Valid() {
			r.modes[k] = m
		}
	}
	r.modes[tazala.KindCVV] = Remove
	return r
}

// NeedsToken reports whether findings of kind k need a token from the
// tokenizer under this configuration.
func (r *Redactor) NeedsToken(k tazala.Kind) bool {
	m := r.mode(k)
	return k != tazala.KindCVV && (m == Token || m == Last4)
}

// mode returns the mode of kind k; an invalid kind is masked.
func (r *Redactor) mode(k tazala.Kind) Mode {
	if !k.Valid() {
		return Mask
	}
	return r.modes[k]
}

// Append appends rec with every finding replaced to dst and returns the
// extended slice. fs must be sorted by start (as the scanner returns them);
// findings may overlap. Overlapping findings form a cluster whose union of
// bytes is replaced as one, by every member's replacement in order
// ([NAME:tk_a][EMAIL:tk_b]), so no byte of any finding survives and every
// token stays visible. toks[i] is the token of fs[i] (toks may be nil when
// no finding needs one). A span running past the record is cut at its end;
// a span with start after end is ignored.
func (r *Redactor) Append(dst, rec []byte, fs []tazala.Finding, toks []tazala.Token) []byte {
	return r.appendRec(dst, rec, fs, toks, true)
}

// appendRec is Append; without fast, every finding goes through
// nextCluster (the definition the fast path must equal: FuzzAloneFast).
func (r *Redactor) appendRec(dst, rec []byte, fs []tazala.Finding, toks []tazala.Token, fast bool) []byte {
	isJSON := tazala.LooksJSON(rec)
	pos := 0
	var q quoteState
	for i := 0; i < len(fs); {
		if a, b, ok := alone(fs, i, pos, len(rec)); ok && fast {
			// the common case, a finding that overlaps no other: what
			// nextCluster and clusterReplacement would do for it, directly
			dst = append(dst, rec[pos:a]...)
			quote := false
			if isJSON {
				quote = bareJSONValue(rec, a, b) && !q.inString(rec, a)
			} else {
				quote = topLevelNumber(rec, a, b)
			}
			if quote {
				dst = append(dst, '"')
			}
			var tok tazala.Token
			if i < len(toks) {
				tok = toks[i]
			}
			dst = r.replacement(dst, fs[i].Kind, rec[a:b], tok)
			if quote {
				dst = append(dst, '"')
			}
			pos = b
			i++
			continue
		}
		c := nextCluster(fs, i, pos, len(rec), false)
		if c.members == 0 {
			i = c.next
			continue
		}
		dst = append(dst, rec[pos:c.a]...)
		quote := false
		if isJSON {
			quote = bareJSONValue(rec, c.a, c.b) && !q.inString(rec, c.a)
		} else {
			quote = topLevelNumber(rec, c.a, c.b)
		}
		if quote {
			dst = append(dst, '"')
		}
		dst = r.clusterReplacement(dst, rec, fs, toks, i, c)
		if quote {
			dst = append(dst, '"')
		}
		pos, i = c.b, c.next
	}
	return append(dst, rec[pos:]...)
}

// cluster is a run of findings fs[i:next] whose spans overlap: the bytes
// rec[a:b] (their union, minus what was already written) are replaced as one.
type cluster struct {
	a, b    int  // the bytes replaced; a == b when only covered members remain
	from    int  // the write position when the cluster was formed
	next    int  // index of the first finding after the cluster
	members int  // findings shown in the replacement
	covered bool // findings wholly before from are members (AppendRange)
}

// nextCluster gathers the findings from fs[i] on that share bytes with the
// first one (transitively). pos is how far the record was already written:
// bytes before it are never written twice, bytes from it up to b never
// copied. With covered, findings wholly before pos (written by the previous
// range of a windowed record) still show their token, at pos.
func nextCluster(fs []tazala.Finding, i, pos, n int, covered bool) cluster {
	c := cluster{a: n, b: pos, from: pos, next: i, covered: covered}
	replaced := 0
	for ; c.next < len(fs); c.next++ {
		s, e := fs[c.next].Span.Start, min(fs[c.next].Span.End, n)
		if c.members > 0 && s >= c.b {
			break // touches or follows the cluster: a cluster of its own
		}
		if s < 0 || s >= e {
			continue // empty, or not a span: nothing to place
		}
		if e <= pos {
			if covered {
				c.members++
			}
			continue
		}
		c.members++
		replaced++
		c.a = min(c.a, max(s, pos))
		c.b = max(c.b, e)
	}
	if replaced == 0 {
		c.a, c.b = pos, pos
	}
	return c
}

// alone reports whether fs[i] is a cluster of its own that nextCluster
// would replace whole: it starts at or after pos, is not empty within the
// record of n bytes, and the next finding starts at or after its end.
// It returns the bytes to replace.
func alone(fs []tazala.Finding, i, pos, n int) (a, b int, ok bool) {
	a, b = fs[i].Span.Start, min(fs[i].Span.End, n)
	if a < pos || a >= b || (i+1 < len(fs) && fs[i+1].Span.Start < b) {
		return 0, 0, false
	}
	return a, b, true
}

// has reports whether f is a member of c.
func (c cluster) has(f tazala.Finding) bool {
	s, e := f.Span.Start, f.Span.End
	if s < 0 || s >= e {
		return false
	}
	if e <= c.from {
		return c.covered
	}
	return max(s, c.a) < min(e, c.b)
}

// clusterReplacement writes the replacement of rec[c.a:c.b]: the single
// finding's own replacement, or for an overlap the union masked (when every
// member is masked) or each member's token or label in order.
func (r *Redactor) clusterReplacement(dst, rec []byte, fs []tazala.Finding, toks []tazala.Token, i int, c cluster) []byte {
	tokAt := func(j int) tazala.Token {
		if j < len(toks) {
			return toks[j]
		}
		return tazala.Token{}
	}
	if c.members == 1 && c.a < c.b {
		for j := i; j < c.next; j++ {
			if c.has(fs[j]) {
				return r.replacement(dst, fs[j].Kind, rec[c.a:c.b], tokAt(j))
			}
		}
	}
	allMask := true
	for j := i; j < c.next; j++ {
		if c.has(fs[j]) && r.effectiveMode(fs[j].Kind, tokAt(j)) != Mask {
			allMask = false
			break
		}
	}
	if allMask {
		return maskInto(dst, rec[c.a:c.b])
	}
	for j := i; j < c.next; j++ {
		if !c.has(fs[j]) {
			continue
		}
		k := fs[j].Kind
		dst = append(dst, '[')
		dst = append(dst, k.Label()...)
		switch r.effectiveMode(k, tokAt(j)) {
		case Token, Last4:
			// no first6/last4 inside an overlap: those digits may belong
			// to the other finding too
			dst = append(dst, ':')
			dst = append(dst, tokAt(j).ID...)
		}
		dst = append(dst, ']')
	}
	return dst
}

// effectiveMode is the mode a finding of kind k with token tok is written
// in: a missing token turns Token and Last4 into Mask.
func (r *Redactor) effectiveMode(k tazala.Kind, tok tazala.Token) Mode {
	m := r.mode(k)
	if (m == Token || m == Last4) && tok.ID == "" {
		return Mask
	}
	return m
}

func (r *Redactor) replacement(dst []byte, k tazala.Kind, v []byte, tok tazala.Token) []byte {
	// fail safe: a missing token never lets the value through (Mask)
	switch m := r.effectiveMode(k, tok); m {
	case Remove:
		dst = append(dst, '[')
		dst = append(dst, k.Label()...)
		return append(dst, ']')
	case Mask:
		return maskInto(dst, v)
	case Last4:
		if k == tazala.KindPAN {
			dst = append(dst, '[')
			dst = append(dst, k.Label()...)
			dst = append(dst, ':')
			dst = appendFirst6Last4(dst, v)
			dst = append(dst, ':')
			dst = append(dst, tok.ID...)
			return append(dst, ']')
		}
	}
	dst = append(dst, '[')
	dst = append(dst, k.Label()...)
	dst = append(dst, ':')
	dst = append(dst, tok.ID...)
	return append(dst, ']')
}

// maskInto writes '*' for every letter or digit of v, keeping ASCII
// punctuation. An escaped JSON value (holding a backslash) becomes a fixed
// "***" so no broken escape is left behind.
func maskInto(dst, v []byte) []byte {
	for _, c := range v {
		if c == '\\' {
			return append(dst, "***"...)
		}
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= 0x80:
			// one '*' per UTF-8 character
			if c >= 0xC0 {
				dst = append(dst, '*')
			}
		case c >= '0' && c <= '9', c|0x20 >= 'a' && c|0x20 <= 'z':
			dst = append(dst, '*')
		case c == '"':
			dst = append(dst, '*')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// appendFirst6Last4 writes the first six and last four digits of a card
// number with '*' for the rest: at most BIN + last four are ever shown.
func appendFirst6Last4(dst, v []byte) []byte {
	n := 0
	for _, c := range v {
		if c >= '0' && c <= '9' {
			n++
		}
	}
	i := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			continue
		}
		if i < 6 || i >= n-4 {
			dst = append(dst, c)
		} else {
			dst = append(dst, '*')
		}
		i++
	}
	return dst
}

// bareJSONValue reports whether [a,b) is a whole JSON value outside a
// string: a number after ':' , ',' or '['.
func bareJSONValue(rec []byte, a, b int) bool {
	i := a - 1
	for i >= 0 && (rec[i] == ' ' || rec[i] == '\t') {
		i--
	}
	if i < 0 || (rec[i] != ':' && rec[i] != ',' && rec[i] != '[') {
		return false
	}
	j := b
	for j < len(rec) && (rec[j] == ' ' || rec[j] == '\t') {
		j++
	}
	return j == len(rec) || rec[j] == ',' || rec[j] == '}' || rec[j] == ']'
}

// quoteState tracks, left to right, whether an offset lies inside a JSON
// string, so a bare number can be told from digits inside a string.
type quoteState struct {
	at int  // offset scanned up to
	in bool // inside a string at offset at
}

func (q *quoteState) inString(rec []byte, to int) bool {
	for q.at < to {
		i := bytes.IndexByte(rec[q.at:to], '"')
		if i < 0 {
			q.at = to
			break
		}
		i += q.at
		// an escaped quote has an odd number of backslashes before it
		bs := 0
		for j := i - 1; j >= 0 && rec[j] == '\\'; j-- {
			bs++
		}
		if bs%2 == 0 {
			q.in = !q.in
		}
		q.at = i + 1
	}
	return q.in
}

// AppendRange is Append restricted to rec[from:to]: bytes outside are not
// written. A finding that starts before from is replaced from from on (the
// part before was written with the previous range), and one wholly before
// from shows its token at from; a cluster that runs past to is replaced
// whole (to moves to its end: a value is never cut in two). Used for
// windows of over-long records; no JSON quoting is added (AppendRangeJSON
// adds it).
func (r *Redactor) AppendRange(dst, rec []byte, fs []tazala.Finding, toks []tazala.Token, from, to int) []byte {
	return r.appendRange(dst, rec, fs, toks, from, to, nil, nil)
}

// JSONAt says that a range's record is JSON and whether its byte At lies
// inside a JSON string (as the caller, who read the record from its start,
// knows): with it a range can tell a bare number from digits in a string.
type JSONAt struct {
	At       int
	InString bool
}

// AppendRangeJSON is AppendRange for a window of a JSON record: a finding
// that is a bare JSON number becomes a quoted string, as in Append, so
// the record stays valid JSON when its windows are put together. js.At
// must not lie after from.
func (r *Redactor) AppendRangeJSON(dst, rec []byte, fs []tazala.Finding, toks []tazala.Token, from, to int, js JSONAt) []byte {
	return r.appendRange(dst, rec, fs, toks, from, to, &js, nil)
}

// Segment is one replacement written by AppendRangeSegs: the bytes
// rec[A:B] became dst[OA:OB] (A == B for a token shown at the range's
// start for a finding wholly before it). Between segments, dst copies rec
// byte for byte.
type Segment struct{ A, B, OA, OB int }

// AppendRangeSegs is AppendRange (AppendRangeJSON when js is not nil) that
// also appends to segs where each replacement lies in rec and in dst, so
// the caller can cut the output at any byte of rec that no replacement
// covers (the join of two windows that disagree about a finding).
func (r *Redactor) AppendRangeSegs(dst, rec []byte, fs []tazala.Finding, toks []tazala.Token, from, to int, js *JSONAt, segs []Segment) ([]byte, []Segment) {
	if js != nil {
		c := *js
		js = &c
	}
	dst = r.appendRange(dst, rec, fs, toks, from, to, js, &segs)
	return dst, segs
}

func (r *Redactor) appendRange(dst, rec []byte, fs []tazala.Finding, toks []tazala.Token, from, to int, js *JSONAt, segs *[]Segment) []byte {
	if from < 0 {
		from = 0
	}
	from = min(from, len(rec))
	to = min(max(to, from), len(rec))
	var q quoteState
	if js != nil && (js.At < 0 || js.At > from) {
		js = nil // the string state is not known at from: no quoting
	}
	if js != nil {
		q = quoteState{at: js.At, in: js.InString}
	}
	pos := from
	for i := 0; i < len(fs); {
		if fs[i].Span.Start >= to && fs[i].Span.End > pos {
			break
		}
		c := nextCluster(fs, i, pos, len(rec), true)
		if c.members == 0 {
			i = c.next
			continue
		}
		if c.a >= to && c.a < c.b {
			break
		}
		dst = append(dst, rec[pos:c.a]...)
		oa := len(dst)
		quote := js != nil && c.a < c.b && bareJSONValue(rec, c.a, c.b) && !q.inString(rec, c.a)
		if quote {
			dst = append(dst, '"')
		}
		dst = r.clusterReplacement(dst, rec, fs, toks, i, c)
		if quote {
			dst = append(dst, '"')
		}
		if segs != nil {
			*segs = append(*segs, Segment{A: c.a, B: c.b, OA: oa, OB: len(dst)})
		}
		pos, i = c.b, c.next
		to = max(to, pos)
	}
	return append(dst, rec[pos:to]...)
}

// topLevelNumber reports whether the record is nothing but the JSON number
// rec[a:b] (with blanks around): a valid JSON document that must stay one.
func topLevelNumber(rec []byte, a, b int) bool {
	for _, c := range rec[:a] {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	for _, c := range rec[b:] {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	if b-a > 1 && rec[a] == '0' {
		return false
	}
	for _, c := range rec[a:b] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return b > a
}
