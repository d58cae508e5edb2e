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
	modes [16]Mode
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
	m := r.modes[k]
	return k != tazala.KindCVV && (m == Token || m == Last4)
}

// Append appends rec with every finding replaced to dst and returns the
// extended slice. fs must be sorted by start and must not overlap (as the
// scanner returns them); toks[i] is the token of fs[i] (toks may be nil when
// no finding needs one). A finding with an out-of-range span is replaced
// by nothing rather than copied through.
func (r *Redactor) Append(dst, rec []byte, fs []tazala.Finding, toks []tazala.Token) []byte {
	isJSON := tazala.LooksJSON(rec)
	pos := 0
	var q quoteState
	for i, f := range fs {
		a, b := f.Span.Start, f.Span.End
		if a < pos || b > len(rec) || a > b {
			// never copy through a value we cannot place: drop up to b
			if b > pos && b <= len(rec) {
				pos = b
			}
			continue
		}
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
		dst = r.replacement(dst, f.Kind, rec[a:b], tok)
		if quote {
			dst = append(dst, '"')
		}
		pos = b
	}
	return append(dst, rec[pos:]...)
}

func (r *Redactor) replacement(dst []byte, k tazala.Kind, v []byte, tok tazala.Token) []byte {
	m := r.modes[k]
	if (m == Token || m == Last4) && tok.ID == "" {
		m = Mask // fail safe: a missing token never lets the value through
	}
	switch m {
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
// written. Findings must lie within [from, to) (a finding that starts
// before from is the caller's to skip). Used for windows of over-long
// records.
func (r *Redactor) AppendRange(dst, rec []byte, fs []tazala.Finding, toks []tazala.Token, from, to int) []byte {
	if from < 0 {
		from = 0
	}
	if to > len(rec) {
		to = len(rec)
	}
	if from >= to {
		return dst
	}
	pos := from
	for i, f := range fs {
		a, b := f.Span.Start, f.Span.End
		if a < pos || a > b || b > len(rec) {
			continue
		}
		if b > to {
			to = b // never cut a value in two: the whole finding is replaced here
		}
		dst = append(dst, rec[pos:a]...)
		var tok tazala.Token
		if i < len(toks) {
			tok = toks[i]
		}
		dst = r.replacement(dst, f.Kind, rec[a:b], tok)
		pos = b
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
