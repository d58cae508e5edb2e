// Package scanner owns detection: it finds Kazakh IINs, phone numbers,
// e-mail addresses, payment card data and person names in log records and
// returns findings (kind, byte span, JSON path, detector, confidence). It
// never mutates a record and does no I/O.
//
// Detection is one pass over the record's bytes: a byte-class table picks
// out the few places where a finding can start (digits, '+', '@', capital
// letters, JSON escapes) and each candidate is validated by its detector
// (IIN control digit and birth date, Luhn and card network ranges, the
// telephone numbering plan, the public suffix list, a name lexicon) and
// scored by the label before it (a JSON key or a word such as "ИИН:").
// JSON lines are scanned on their raw bytes, object keys like values;
// strings holding escapes are decoded and spans are mapped back to the
// escaped text. A window of an over-long record (ScanText) and a plain
// line quoting JSON decode escapes the same way. With Config.Paths, a
// finding carries its JSON path, in which a key that is itself a finding
// is shown as [KIND], never raw.
//
// Findings come sorted by start. A finding wholly inside another (the
// digits of an e-mail's local part, a phone inside a PAN) is dropped; two
// findings that overlap only partly are both returned, and the redactor
// replaces the union of every overlapping cluster. (An e-mail whose local
// part runs back over a name ending on a '.' starts after the '.'.)
//
// Layout: scanner.go is the byte-class loop over a record (the lexer's
// first stage) and the finding list; digits.go reads digit groups and what
// glues them to the text around; labels.go finds the label before a value
// and what it hints; then one file per kind holds its candidate rules,
// validation and context words: iin.go, phone.go, card.go (PAN),
// expiry.go, cvv.go, email.go, names.go (and nameparts.go for names split
// across fields). number.go hands each digit candidate to the kinds.
//
// No regular expressions run on the hot path; user rules (package rules)
// run only on records that contain one of their keywords. A rule whose
// pattern hits its match timeout leaves the record Incomplete: the caller
// must not treat it as clean (RuleTimeouts counts them).
package scanner

import (
	"bytes"
	"hash/maphash"
	"slices"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/rules"
)

// Config configures a Scanner.
type Config struct {
	// Rules are user-defined rules run after the built-in detectors; nil for none.
	Rules *rules.Set
	// Disabled lists built-in kinds not to report.
	Disabled []tazala.Kind
	// Now is the reference time for birth-date checks; zero means time.Now().
	Now time.Time
	// Paths makes findings in JSON records carry their JSON path.
	Paths bool
}

// Scanner finds personal data in records. A Scanner holds scratch buffers
// and is not safe for concurrent use: give each goroutine its own (New is
// cheap; the lexicon and tables are shared).
type Scanner struct {
	cfg      Config
	maxYear  int
	disabled [tazala.NumKinds]bool

	line   []byte // the record being scanned
	json   bool   // the record looks like JSON ({ or [ first)
	window bool   // the record is a window of a longer one (ScanText)
	out    []tazala.Finding
	base   int // number of findings in out before this record

	dec  []byte  // decoded JSON string
	off  []int32 // raw offset of each decoded byte (+1 for the end)
	digs []byte  // digits of the current number candidate
	// digit groups of the number being read (number.go)
	groups [maxGroups]group
	wbuf   []byte // lower-cased word scratch
	paths  pathCache

	seed   maphash.Seed
	wcache *hashCache // word flags by seeded hash
	ccache *hashCache // label hints by seeded hash (and TLDs, by tldSeed)

	tldSeed maphash.Seed

	runes   []rune
	roffs   []int
	matches []rules.Match

	lastPAN int  // raw end of the last PAN found in this record, -1 if none
	lastExp int  // raw end of the last expiry found, -1 if none
	authTok int8 // whether the record is an access token's: 0 not looked, 1 yes, -1 no (cardsubject.go)

	weak  []int  // indices in out of weak findings (bare unlabelled digit runs)
	parts []part // candidate parts of names split across fields

	incomplete bool  // a user rule timed out on the last record
	timeouts   int64 // user-rule timeouts since New
}

// New returns a Scanner for cfg.
func New(cfg Config) *Scanner {
	s := &Scanner{cfg: cfg, seed: maphash.MakeSeed(), tldSeed: maphash.MakeSeed(), wcache: new(hashCache), ccache: new(hashCache)}
	now := cfg.Now
	if now.IsZero() {
		now = time.Now()
	}
	s.maxYear = now.Year()
	for _, k := range cfg.Disabled {
		if k.Valid() {
			s.disabled[k] = true
		}
	}
	return s
}

// seg is a stretch of text the scanner walks: the raw record, or a decoded
// JSON string. Offsets into text map back to raw record offsets through off
// (nil for the raw record itself).
type seg struct {
	text []byte
	off  []int32
	lo   int // first byte of text that belongs to the segment
	// key holds the hints of the JSON key owning a decoded string, used when
	// no label is found inside the string.
	key ctx
}

func (g *seg) raw(i int) int {
	if g.off == nil {
		return i
	}
	return int(g.off[i])
}

// Scan appends the findings in rec to dst and returns the extended slice.
// Findings are sorted by start offset (longer first on a tie). No finding
// lies wholly inside another (the inner one, of lower priority, is
// dropped), but two findings may overlap partly: both are returned, and a
// redactor must replace the union of every overlapping cluster so that no
// byte of either is left. After Scan, Incomplete reports whether a user
// rule timed out on this record.
func (s *Scanner) Scan(rec []byte, dst []tazala.Finding) []tazala.Finding {
	return s.scan(rec, dst, tazala.LooksJSON(rec))
}

// ScanText is Scan for a piece of a record that is not known to start at a
// JSON value's beginning (a window of an over-long record). It gets no
// paths, but decodes JSON string escapes exactly as Scan does: a backslash
// escape is taken to lie in the string opened by the nearest unescaped
// quote before it (the start of rec when there is none: the string began
// in an earlier window), that string is decoded and scanned, and the key
// before its opening quote gives the context, as for a whole record.
func (s *Scanner) ScanText(rec []byte, dst []tazala.Finding) []tazala.Finding {
	s.window = true
	out := s.scan(rec, dst, false)
	s.window = false
	return out
}

func (s *Scanner) scan(rec []byte, dst []tazala.Finding, json bool) []tazala.Finding {
	s.line = rec
	s.out = dst
	s.base = len(dst)
	s.lastPAN, s.lastExp = -1, -1
	s.authTok = 0
	s.json = json
	s.incomplete = false
	s.weak = s.weak[:0]
	s.parts = s.parts[:0]
	g := seg{text: rec}
	s.scanSeg(&g)
	if len(s.parts) > 0 {
		s.flushParts(true)
	}
	s.parts = s.parts[:0]
	if s.cfg.Rules != nil {
		s.runRules()
	}
	s.dropWeak()
	s.resolve()
	if s.cfg.Paths && s.json && len(s.out) > s.base {
		s.fillPaths()
	}
	out := s.out
	s.out, s.line = nil, nil
	return out
}

// byte classes for the main loop
const (
	clNone = iota
	clDigit
	clPlus
	clAt
	clUpper
	clLead // first byte of a 2-byte UTF-8 sequence that may be a Cyrillic capital
	clQuote
	clBackslash
	clPercent // URL encoding: %40 is '@', %2B is '+' (query strings in access logs)
)

var class [256]uint8

// classNoQuote is class with '"' a byte like any other: the quote state
// (the JSON string an escape lies in) is read only at a backslash, so a
// segment with no backslash to look at walks without it (in JSON, quotes
// come every few bytes, and each stopped the skip loop).
var classNoQuote [256]uint8

// wordTail marks ASCII letters, digits and '_': bytes that glue a digit run
// to an identifier.
var wordTail [256]bool

// gluePrev marks the bytes before a digit run that glue it on when the
// byte before them is of the given classes (attachedBefore): ':', '.'
// and '/' after a digit, '-' after a letter, digit or '_', '#' after
// '*'; ']' and '*' glue it on always.
var gluePrev [256]uint8

const (
	glueDigit  = 1 << iota // after a digit
	glueWord               // after an ASCII letter, digit or '_'
	glueStar               // after '*'
	glueAlways = glueDigit | glueWord | glueStar | glueOther
	glueOther  = 1 << 3
)

// tailClass is the glue class of the byte before a gluePrev byte.
func tailClass(q byte) uint8 {
	switch {
	case isDigit(q):
		return glueDigit | glueWord | glueOther
	case wordTail[q]:
		return glueWord | glueOther
	case q == '*':
		return glueStar | glueOther
	}
	return glueOther
}

func init() {
	gluePrev[':'], gluePrev['.'], gluePrev['/'] = glueDigit, glueDigit, glueDigit
	gluePrev['-'] = glueWord
	gluePrev['#'] = glueStar
	gluePrev[']'], gluePrev['*'] = glueAlways, glueAlways
	for c := '0'; c <= '9'; c++ {
		class[c] = clDigit
	}
	for c := 'A'; c <= 'Z'; c++ {
		class[c] = clUpper
		wordTail[c], wordTail[c+'a'-'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		wordTail[c] = true
	}
	wordTail['_'] = true
	class['+'] = clPlus
	class['@'] = clAt
	class['"'] = clQuote
	class['\\'] = clBackslash
	class['%'] = clPercent
	for _, c := range []byte{0xD0, 0xD2, 0xD3, 0xC3, 0xC4, 0xC5} {
		class[c] = clLead
	}
	classNoQuote = class
	classNoQuote['"'] = clNone
}

// scanSeg walks one segment.
func (s *Scanner) scanSeg(g *seg) {
	t := g.text
	n := len(t)
	inStr := false
	strStart := 0
	// in text mode, the last quote seen: a backslash escape after it is
	// taken to lie in the string it opened (lo-1 in a window, whose first
	// string may have opened in an earlier window; -2 for none)
	lastQuote := -2
	if s.window {
		lastQuote = g.lo - 1
	}
	// the quote state is read only at a backslash of the raw record (in a
	// decoded string a backslash is skipped with the byte after it):
	// without one, quotes need not stop the loop
	class := &class
	if g.off != nil || bytes.IndexByte(t[g.lo:], '\\') < 0 {
		class = &classNoQuote
	}
	for i := g.lo; i < n; {
		// skip the bytes no finding starts at: the tight loop that runs
		// over most of the input
		for i+4 <= n {
			// one byte at a time, four to a round: where the next candidate
			// lies is known without reading the bytes again (the typical
			// input has one every few bytes)
			b := t[i : i+4 : i+4] // one bounds check for the four
			if class[b[0]] != clNone {
				goto found
			}
			if class[b[1]] != clNone {
				i++
				goto found
			}
			if class[b[2]] != clNone {
				i += 2
				goto found
			}
			if class[b[3]] != clNone {
				i += 3
				goto found
			}
			i += 4
		}
		if i >= n {
			return
		}
		for class[t[i]] == clNone {
			i++
			if i == n {
				return
			}
		}
	found:
		c := t[i]
		switch class[c] {
		case clDigit:
			// fast path: digits glued to a preceding letter, digit or '_'
			// (hex ids, UUIDs, "ORD123") start no finding
			if i > g.lo {
				if p := t[i-1]; wordTail[p] || (gluePrev[p] != 0 && i-2 >= g.lo && gluePrev[p]&tailClass(t[i-2]) != 0) {
					// the same skip as number's for a run attachedBefore
					// glues on (never a ',' or ';', which may be a field
					// delimiter): "12:30:05.781", "ORD-123", "****1234"
					i++
					for i < n && wordTail[t[i]] {
						i++
					}
					continue
				}
			}
			i = s.number(g, i)
		case clPlus:
			i = s.number(g, i)
		case clAt:
			i = s.email(g, i, 1)
		case clPercent:
			switch {
			case i+2 < n && t[i+1] == '4' && t[i+2] == '0':
				i = s.email(g, i, 3)
			case i+3 < n && t[i+1] == '2' && (t[i+2] == 'B' || t[i+2] == 'b') && isDigit(t[i+3]):
				i = s.encodedPlus(g, i)
			default:
				i++
			}
		case clUpper:
			i = s.name(g, i)
		case clLead:
			if i+1 < n && (c&0xE0 == 0xC0 && cyrUpper[c&0x1F][t[i+1]] || c&0xE0 != 0xC0 && isCyrUpper(c, t[i+1])) {
				i = s.name(g, i)
			} else {
				i += 2
			}
		case clQuote:
			if s.json && g.off == nil {
				inStr = !inStr
				strStart = i + 1
			}
			lastQuote = i
			i++
		case clBackslash:
			if g.off == nil {
				if s.json {
					if inStr {
						i = s.escaped(g, strStart, i)
						continue
					}
				} else if lastQuote >= g.lo-1 && isEscape(t, i) {
					// text mode (a window, or a plain line quoting JSON):
					// the string the escape is in opened at the last quote
					i = s.escaped(g, lastQuote+1, i)
					continue
				}
			}
			i += 2
		}
	}
}

// isEscape reports whether t[i] (a backslash) starts a valid JSON string
// escape.
func isEscape(t []byte, i int) bool {
	if i+1 >= len(t) {
		return false
	}
	switch t[i+1] {
	case '"', '\\', '/', 'n', 't', 'r', 'b', 'f':
		return true
	case 'u':
		_, ok := hex4(t, i+2)
		return ok
	}
	return false
}

// cyrUpper is isCyrUpper by table for the lead bytes of two-byte UTF-8
// sequences (C0..DF, indexed by their low five bits).
var cyrUpper = func() (t [32][256]bool) {
	for c0 := 0xC0; c0 <= 0xDF; c0++ {
		for c1 := range 256 {
			t[c0&0x1F][c1] = isCyrUpper(byte(c0), byte(c1))
		}
	}
	return
}()

// isCyrUpper reports whether the 2-byte UTF-8 sequence c0 c1 is a capital
// Cyrillic letter used in Russian or Kazakh, or a capital Latin letter with
// a diacritic (Ç, Ö, Ş, İ, É: Turkish, Romance, German names).
func isCyrUpper(c0, c1 byte) bool {
	switch c0 {
	case 0xC3, 0xC4, 0xC5:
		return latinUpper(c0, c1)
	case 0xD0:
		return c1 >= 0x80 && c1 <= 0xAF // Ѐ..Я (Ё, І included)
	case 0xD2:
		switch c1 {
		case 0x92, 0x9A, 0xA2, 0xAE, 0xB0, 0xBA: // Ғ Қ Ң Ү Ұ Һ
			return true
		}
	case 0xD3:
		switch c1 {
		case 0x98, 0xA8: // Ә Ө
			return true
		}
	}
	return false
}

// emit records a finding whose span is [a,b) in g's text.
func (s *Scanner) emit(g *seg, k tazala.Kind, a, b int, det string, conf float32) {
	if s.disabled[k] {
		return
	}
	if k == tazala.KindExpiry && s.otherExpiry(g, a, b) || k == tazala.KindName && s.addressOrCompany(g, a, b) {
		return // a certificate's expiry, a street's or company's name (opsneg.go)
	}
	ra, rb := g.raw(a), g.raw(b)
	if rb <= ra {
		return
	}
	s.out = append(s.out, tazala.Finding{Kind: k, Span: tazala.Span{Start: ra, End: rb}, Detector: det, Confidence: conf})
	switch k {
	case tazala.KindPAN:
		s.lastPAN = rb
	case tazala.KindExpiry:
		s.lastExp = rb
	}
}

// escaped handles a JSON string that holds an escape: it decodes the whole
// string, scans the decoded text (so \u0418\u0418\u041d reads as ИИН) and
// maps spans back to the escaped raw text. It returns the index of the
// string's closing quote.
func (s *Scanner) escaped(g *seg, start, at int) int {
	t := g.text
	end := stringEnd(t, at)
	// findings already made inside this string are redone on decoded text
	keep := len(s.out)
	for keep > s.base && s.out[keep-1].Span.Start >= start {
		keep--
	}
	s.out = s.out[:keep]
	for len(s.weak) > 0 && s.weak[len(s.weak)-1] >= keep {
		s.weak = s.weak[:len(s.weak)-1]
	}
	s.dec, s.off = decodeJSONString(s.dec[:0], s.off[:0], t[start:end], start)
	kc := s.keyCtx(t, start)
	d := seg{text: s.dec, off: s.off, key: kc}
	s.scanSeg(&d)
	return end
}

// stringEnd returns the index of the unescaped quote closing the string
// that contains position i, or len(t).
func stringEnd(t []byte, i int) int {
	for i < len(t) {
		q := bytes.IndexByte(t[i:], '"')
		if q < 0 {
			return len(t)
		}
		q += i
		// a quote preceded by an odd number of backslashes is escaped
		bs := 0
		for j := q - 1; j >= i && t[j] == '\\'; j-- {
			bs++
		}
		if bs%2 == 0 {
			return q
		}
		i = q + 1
	}
	return len(t)
}

// trimMailAfterNames starts an e-mail after a name that ends on a '.'
// inside the e-mail's local part: "Serikovna.nurlanova@mail.kz" after
// "Nurlanov Aigerim Serikovna" is the name, then "nurlanova@mail.kz", as a
// reader marks them. It reports whether it changed a start. f is sorted.
func (s *Scanner) trimMailAfterNames(f []tazala.Finding) bool {
	changed := false
	for i := range f {
		if f[i].Kind != tazala.KindName {
			continue
		}
		e := f[i].Span.End
		if e >= len(s.line) || s.line[e] != '.' {
			continue
		}
		for j := i + 1; j < len(f) && f[j].Span.Start < e; j++ {
			if f[j].Kind == tazala.KindEmail && f[j].Span.End > e+1 && f[j].Span.Start >= f[i].Span.Start {
				f[j].Span.Start = e + 1
				changed = true
			}
		}
	}
	return changed
}

// markWeak marks the finding just emitted as weak: a bare run of digits
// (no separators, no '+') that passed a validator but has no label for its
// kind. Validators alone are weak evidence for such runs (one 11-digit
// number in eight passes the national phone rule), and operational logs
// are full of them: offsets, sequence numbers, counters.
func (s *Scanner) markWeak() {
	if n := len(s.out); n > s.base {
		s.weak = append(s.weak, n-1)
	}
}

// dropWeak keeps weak findings only in a record that holds another finding
// (a CSV row with an e-mail beside its bare phone and IIN); in a record of
// nothing but weak findings they are all dropped.
func (s *Scanner) dropWeak() {
	if len(s.weak) == 0 || len(s.out)-s.base > len(s.weak) {
		return
	}
	s.out = s.out[:s.base]
}

// resolve sorts this record's findings by start (longer first on a tie)
// and drops each finding that lies wholly inside an earlier kept one (the
// digits of an e-mail's local part, a phone inside a PAN, a duplicate).
// Findings that overlap only partly are both kept: each is a value a
// labeller would mark, and dropping either would leave its other bytes in
// the output ("Иванов Иван Иванович.ivanov@mail.kz").
func (s *Scanner) resolve() {
	f := s.out[s.base:]
	if len(f) < 2 {
		return
	}
	// findings mostly come in order already: a stable sort of a sorted
	// list leaves it as it is, so only an unsorted one is sorted
	if !inOrder(f) {
		slices.SortStableFunc(f, cmpFindings)
	}
	if s.trimMailAfterNames(f) && !inOrder(f) {
		slices.SortStableFunc(f, cmpFindings)
	}
	w := 0
	maxEnd := -1
	for i := range f {
		if f[i].Span.End <= maxEnd {
			continue // inside a kept finding that starts no later
		}
		f[w] = f[i]
		w++
		maxEnd = f[i].Span.End
	}
	s.out = s.out[:s.base+w]
}

// cmpFindings orders findings by start, the longer first on a tie.
func cmpFindings(x, y tazala.Finding) int {
	if x.Span.Start != y.Span.Start {
		return x.Span.Start - y.Span.Start
	}
	return y.Span.End - x.Span.End
}

// inOrder reports whether f is sorted by cmpFindings.
func inOrder(f []tazala.Finding) bool {
	for i := 1; i < len(f); i++ {
		a, b := &f[i-1].Span, &f[i].Span
		if a.Start > b.Start || a.Start == b.Start && a.End < b.End {
			return false
		}
	}
	return true
}

// Incomplete reports whether the last Scan or ScanText could not run every
// user rule to the end: a rule's regular expression hit its match timeout
// (rules.MatchTimeout), so the record may hold a value that rule would have
// found. The caller must not treat such a record as clean: quarantine it
// or report it, never pass it on as fully scanned. The built-in detectors
// always run to completion.
func (s *Scanner) Incomplete() bool { return s.incomplete }

// RuleTimeouts returns how many user-rule searches have timed out in this
// Scanner since it was made (one per rule and record).
func (s *Scanner) RuleTimeouts() int64 { return s.timeouts }

// runRules runs the user rules whose keywords occur in the record. A rule
// that times out keeps the matches it found before the timeout and marks
// the record incomplete.
func (s *Scanner) runRules() {
	decoded := false
	for _, r := range s.cfg.Rules.Rules {
		if s.disabled[r.Kind] || !r.HasKeyword(s.line) {
			continue
		}
		if !decoded {
			s.runes, s.roffs = rules.Runes(s.line, s.runes, s.roffs)
			decoded = true
		}
		var err error
		s.matches, err = r.Find(s.line, s.runes, s.roffs, s.matches[:0])
		if err != nil {
			s.incomplete = true
			s.timeouts++
		}
		for _, m := range s.matches {
			s.out = append(s.out, tazala.Finding{Kind: r.Kind, Span: tazala.Span{Start: m.Start, End: m.End}, Detector: r.Detector, Confidence: r.Confidence})
		}
	}
}
