package scanner

import (
	"hash/maphash"
	"sync"

	"github.com/nyaruka/phonenumbers"
	"github.com/tazala/tazala"
)

// group is one run of digits inside a number candidate.
type group struct {
	a, b int  // [a,b) in the segment text
	sep  byte // separator kind before this group: 0 none, ' ', '-', '.', '(' (any parenthesis)
}

const maxGroups = 8

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// attachedBefore reports whether the byte before t[i] glues the digits at i
// to something that makes them part of an identifier, a decimal or a mask:
// "ORD-123", "abc123", "0.87…", "****1234", "05/11".
func attachedBefore(t []byte, i, lo int) bool {
	if i <= lo {
		return false
	}
	p := t[i-1]
	switch {
	case isASCIILetter(p), isDigit(p), p == '_', p == '*', p == ']', p == '#' && i-1 > lo && t[i-2] == '*':
		return true
	case p >= 0x80:
		// a letter glued to the number (UTF-8 continuation of Cyrillic), but
		// not punctuation like «, №, or a non-breaking space
		return p >= 0x80 && p <= 0xBF && i-2 >= lo && (t[i-2] == 0xD0 || t[i-2] == 0xD1 || t[i-2] == 0xD2 || t[i-2] == 0xD3)
	case p == '.' || p == ',' || p == '/' || p == '-' || p == ':':
		if i-2 < lo {
			return false
		}
		q := t[i-2]
		if p == '-' {
			return isASCIILetter(q) || isDigit(q) || q == '_'
		}
		if p == ',' && isDigit(q) {
			// a decimal comma follows a short number; after an IIN-,
			// phone- or PAN-long run it is a CSV delimiter
			if !decimalComma(t, i-1) {
				return false
			}
			k := i - 2
			for k > lo && i-2-k < 11 && isDigit(t[k-1]) {
				k--
			}
			return i-1-k < 11
		}
		return isDigit(q)
	}
	return false
}

// attachedAfter reports whether the byte at t[j] glues the preceding
// digits to more text ("1234abc", "1234****", "12.5", "12:30").
func attachedAfter(t []byte, j int) bool {
	if j >= len(t) {
		return false
	}
	c := t[j]
	switch {
	case isASCIILetter(c), c == '_', c == '*', isDigit(c):
		return true
	case c == ',':
		return decimalComma(t, j)
	case c == '.' || c == ':' || c == '/':
		return j+1 < len(t) && isDigit(t[j+1])
	case c == 0xD0 || c == 0xD1:
		return true // Cyrillic letter glued on
	}
	return false
}

// decimalComma reports whether the ',' at t[j] continues a number ("12,50",
// "1,234") rather than ending a CSV field: one to three digits follow and
// do not start a new token such as "11-2027", "10.27" or "12/27".
func decimalComma(t []byte, j int) bool {
	e := j + 1
	for e < len(t) && isDigit(t[e]) {
		e++
	}
	if d := e - j - 1; d < 1 || d > 3 {
		return false
	}
	if e < len(t) && (t[e] == '-' || t[e] == '/' || t[e] == '.' || t[e] == ':') {
		return false
	}
	return true
}

// number examines the digit run (optionally '+'-prefixed) starting at i and
// emits IIN, PAN, phone, expiry and CVV findings. It returns the index to
// continue from.
func (s *Scanner) number(g *seg, i int) int {
	t := g.text
	n := len(t)
	plus := t[i] == '+'
	j := i
	if plus {
		if i+1 >= n || !isDigit(t[i+1]) {
			return i + 1
		}
		j++
	}
	if attachedBefore(t, i, g.lo) && !s.delimAfterFinding(g, i) {
		for j < n && (isDigit(t[j]) || isASCIILetter(t[j]) || t[j] == '_') {
			j++
		}
		return j
	}
	// first group
	a := j
	for j < n && isDigit(t[j]) {
		j++
	}
	first := j - a
	// fast path: the common short single number (qty, a time, an amount)
	if j >= n || !isNumSep(t[j]) {
		if attachedAfter(t, j) && !(first >= 11 && t[j] == ',') {
			if j < n && t[j] == '/' && !plus && first <= 2 {
				return s.expiry(g, i, j)
			}
			return skipAttached(t, j)
		}
		if plus {
			s.tryGroups(g, i, true, []group{{a: a, b: j}})
			return j
		}
		switch {
		case first == 3 || first == 4:
			s.cvv(g, a, j)
		case first >= 10 && first <= 19:
			s.tryGroups(g, i, false, []group{{a: a, b: j}})
		}
		return j
	}
	var gs [maxGroups]group
	gs[0] = group{a: a, b: j}
	ng, j, total := moreGroups(t, j, gs[:], 1)
	total += first
	if ng == 1 {
		// one group followed by a lone separator: "CVV 505 was", "ИИН 8801… ."
		if plus {
			s.tryGroups(g, i, true, gs[:1])
			return j
		}
		switch {
		case first == 3 || first == 4:
			s.cvv(g, a, j)
		case first >= 10 && first <= 19:
			s.tryGroups(g, i, false, gs[:1])
		}
		return j
	}
	if !plus && (gs[1].sep == '-' || gs[1].sep == '.' || gs[1].sep == '/') && gs[0].b-gs[0].a == 2 &&
		(ng > 2 || !attachedAfter(t, j) || t[j] == ',') {
		// "exp 12-27", "срок 03.2029", "valid thru 12 / 27": an expiry
		// written with another separator than '/', in card context; groups
		// after it ("12.27 123") are read again on their own
		if yl := gs[1].b - gs[1].a; yl == 2 || yl == 4 {
			if validMonth(t[gs[0].a:gs[0].b]) && (yl == 2 || (t[gs[1].a] == '2' && t[gs[1].a+1] == '0')) {
				if conf := s.expiryContext(g, i); conf > 0 {
					s.emit(g, tazala.KindExpiry, i, gs[1].b, "card_expiry", conf)
					return gs[1].b
				}
			}
		}
	}
	if total < 10 && !plus && (j >= n || t[j] != '/') {
		// too few digits for an IIN, a PAN or a phone: a date, an amount, an IP
		if attachedAfter(t, j) {
			return skipAttached(t, j)
		}
		return j
	}
	if attachedAfter(t, j) {
		// the last group runs into letters or a mask: drop it
		if j < n && t[j] == '/' && ng > 1 && gs[ng-1].b-gs[ng-1].a <= 2 {
			// "… 4400 12/27": the tail is an expiry, handled on its own
			ng--
			s.tryGroups(g, i, plus, gs[:ng])
			return gs[ng].a
		}
		ng--
		if ng == 0 {
			return skipAttached(t, j)
		}
		s.tryGroups(g, i, plus, gs[:ng])
		return skipAttached(t, j)
	}
	if m := s.tryGroups(g, i, plus, gs[:ng]); m > 0 && m < ng {
		// groups after the match: read them again on their own
		return gs[m-1].b
	}
	return j
}

// delimAfterFinding reports whether the byte before t[i] is a ',' or ';'
// right after the last finding: a field delimiter ("…,10.27,655,…").
func (s *Scanner) delimAfterFinding(g *seg, i int) bool {
	if i < 1 || (g.text[i-1] != ',' && g.text[i-1] != ';') || len(s.out) == s.base {
		return false
	}
	return s.out[len(s.out)-1].Span.End == g.raw(i-1)
}

// moreGroups reads the digit groups that follow position j, each after a
// separator (sepAt), into gs[ng:]. It returns the group count, the end of
// the last group and the digits read.
func moreGroups(t []byte, j int, gs []group, ng int) (int, int, int) {
	n := len(t)
	total := 0
	for ng < len(gs) && j < n {
		k, sep := sepAt(t, j)
		if k == j || k >= n || !isDigit(t[k]) {
			break
		}
		b := k
		for b < n && isDigit(t[b]) {
			b++
		}
		gs[ng] = group{a: k, b: b, sep: sep}
		ng++
		total += b - k
		j = b
	}
	return ng, j, total
}

func skipAttached(t []byte, j int) int {
	for j < len(t) && (isDigit(t[j]) || isASCIILetter(t[j]) || t[j] == '_' || t[j] == '*') {
		j++
	}
	return j
}

func isNumSep(c byte) bool {
	return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')'
}

// sepAt reads a separator between digit groups at t[j]: one of " ", "-",
// ".", "(", ")", " (", ") ", ")-", " - ". It returns the index after it and
// its kind.
func sepAt(t []byte, j int) (int, byte) {
	n := len(t)
	c := t[j]
	switch c {
	case ' ':
		if j+1 < n && t[j+1] == '(' {
			return j + 2, '('
		}
		if j+2 < n && t[j+1] == '-' && t[j+2] == ' ' {
			return j + 3, '-'
		}
		if j+2 < n && t[j+1] == '/' && t[j+2] == ' ' {
			return j + 3, '/' // "12 / 27"
		}
		return j + 1, ' '
	case '-', '.':
		return j + 1, c
	case '(':
		return j + 1, '('
	case ')':
		if j+1 < n && (t[j+1] == ' ' || t[j+1] == '-') {
			return j + 2, '('
		}
		return j + 1, '('
	}
	return j, 0
}

// tryGroups finds the longest valid identifiers among consecutive groups,
// left to right. start is where the first group's text begins ('+' included).
//
// It returns the number of groups up to the end of the last match (0 for
// none), so that a caller can read the groups after it again on their own:
// "4111 1111 1111 1111 12 / 27 123" is a PAN, then an expiry and a code.
func (s *Scanner) tryGroups(g *seg, start int, plus bool, gs []group) int {
	last := 0
	for a := 0; a < len(gs); {
		matched := false
		for b := len(gs) - 1; b >= a; b-- {
			from := gs[a].a
			if a == 0 {
				from = start
			}
			if a > 0 && gs[a].sep == '(' && from > 0 && g.text[from-1] == '(' {
				from-- // "(701) 555-…" without a country prefix
			}
			if k, det, conf, weak := s.classify(g, from, plus && a == 0, gs[a:b+1]); k != 0 {
				s.emit(g, k, from, gs[b].b, det, conf)
				if weak {
					s.markWeak()
				}
				a = b + 1
				last = a
				matched = true
				break
			}
		}
		if !matched {
			a++
		}
	}
	return last
}

// classify decides what the digits of gs are. weak is set for one bare run
// of digits with no label for its kind: it is kept only if the record
// holds other, stronger findings (see dropWeak).
func (s *Scanner) classify(g *seg, from int, plus bool, gs []group) (k tazala.Kind, det string, conf float32, weak bool) {
	t := g.text
	d := s.digs[:0]
	seps := byte(0)
	mixed := false
	minG := 99
	for i, x := range gs {
		d = append(d, t[x.a:x.b]...)
		if i > 0 {
			if seps == 0 {
				seps = x.sep
			} else if x.sep != seps {
				mixed = true
			}
		}
		if l := x.b - x.a; l < minG {
			minG = l
		}
	}
	s.digs = d
	nd := len(d)
	if plus {
		if validIntlPhone(d) {
			return tazala.KindPhone, "phone", 0.95, false
		}
		return 0, "", 0, false
	}
	lc := ctx(0)
	lcDone := false
	label := func() ctx {
		if !lcDone {
			lc = s.labelCtx(g, from)
			lcDone = true
		}
		return lc
	}
	switch {
	case nd == 12 && len(gs) == 1:
		if validIIN(d, s.maxYear) {
			c := label()
			if c&ctxIIN != 0 {
				return tazala.KindIIN, "iin", 0.99, false
			}
			if c&(ctxNeg|ctxCard|ctxPhone|ctxCVV|ctxExpiry) != 0 {
				return 0, "", 0, false
			}
			return tazala.KindIIN, "iin", 0.9, c&personCtx == 0
		}
	case nd >= 13 && nd <= 19:
		if !mixed && (seps == 0 || seps == ' ' || seps == '-') && panGrouping(gs) && validPAN(d) {
			c := label()
			if c&ctxNeg != 0 && c&ctxCard == 0 {
				return 0, "", 0, false
			}
			return tazala.KindPAN, "card_pan", 0.97, len(gs) == 1 && c&personCtx == 0
		}
	}
	// national phone numbers: 8 7xx …, 7 7xx … (11 digits), or 10 digits after a phone label
	if nd == 11 && (d[0] == '8' || d[0] == '7') && validKZRUNational(d[1:]) && phoneGrouping(gs) && !(len(gs) == 2 && seps == '.') {
		c := label()
		if c&ctxNeg != 0 && c&ctxPhone == 0 {
			return 0, "", 0, false
		}
		if d[0] == '7' && len(gs) == 1 && c&(ctxIIN|ctxCard|ctxCVV|ctxExpiry) != 0 {
			return 0, "", 0, false
		}
		return tazala.KindPhone, "phone", 0.9, len(gs) == 1 && c&personCtx == 0
	}
	if nd == 10 && validKZRUNational(d) && phoneGrouping(gs) && label()&ctxPhone != 0 {
		return tazala.KindPhone, "phone", 0.8, false
	}
	return 0, "", 0, false
}

// personCtx are the label hints that tie a value to a person: a bare
// digit run after one of them is not weak.
const personCtx = ctxIIN | ctxPhone | ctxEmail | ctxCard | ctxNameStrong | ctxNameWeak | ctxNameIntro

// panGrouping accepts the ways card numbers are written: one run, groups of
// four (the last may be shorter: 4-4-4-4-3, 4-4-4-1), or Amex/Diners 4-6-5 / 4-6-4.
func panGrouping(gs []group) bool {
	if len(gs) == 1 {
		return true
	}
	if gs[0].b-gs[0].a != 4 {
		return false
	}
	if len(gs) == 3 && gs[1].b-gs[1].a == 6 {
		return true
	}
	for _, x := range gs[1 : len(gs)-1] {
		if x.b-x.a != 4 {
			return false
		}
	}
	return len(gs) >= 4
}

// phoneGrouping rejects digit groupings no phone is written in (a group of
// more than 4 digits after the first one, unless it is the only group).
func phoneGrouping(gs []group) bool {
	if len(gs) == 1 {
		return true
	}
	// a national number's first group is the prefix alone ("8 701 …") or
	// runs into the area code ("8701 …"); "87 015 401 802" is an amount
	if l := gs[0].b - gs[0].a; l == 2 || l == 3 {
		return false
	}
	for _, x := range gs[1:] {
		if x.b-x.a > 7 {
			return false
		}
	}
	return true
}

// validKZRUNational checks the 10 national digits after +7 / 8: Kazakhstan
// uses 6xx and 7xx, Russia 3xx, 4xx, 8xx and 9xx.
func validKZRUNational(d []byte) bool {
	if len(d) != 10 {
		return false
	}
	switch d[0] {
	case '3', '4', '6', '7', '8', '9':
		return true
	}
	return false
}

// validIntlPhone checks a '+'-prefixed number (digits only in d) against
// the numbering plan: +7 by the Kazakh/Russian rule, others through the
// libphonenumber metadata.
func validIntlPhone(d []byte) bool {
	if len(d) < 8 || len(d) > 15 {
		return false
	}
	if d[0] == '7' {
		return len(d) == 11 && validKZRUNational(d[1:])
	}
	if d[0] == '0' {
		return false
	}
	return intlValid.check(d)
}

// intlCache memoises numbering-plan checks (libphonenumber's are regular
// expressions, far slower than the rest of the scanner) under a seeded
// hash of the digits, so the cache holds no phone number.
type intlCache struct {
	mu   sync.Mutex
	seed maphash.Seed
	m    map[uint64]bool
}

var intlValid = &intlCache{seed: maphash.MakeSeed(), m: make(map[uint64]bool)}

func (c *intlCache) check(d []byte) bool {
	h := maphash.Bytes(c.seed, d)
	c.mu.Lock()
	v, ok := c.m[h]
	c.mu.Unlock()
	if ok {
		return v
	}
	var buf [16]byte
	buf[0] = '+'
	v = false
	if num, err := phonenumbers.Parse(string(append(buf[:1], d...)), "ZZ"); err == nil {
		v = phonenumbers.IsValidNumber(num)
	}
	c.mu.Lock()
	if len(c.m) >= maxWordCache {
		clear(c.m)
	}
	c.m[h] = v
	c.mu.Unlock()
	return v
}

// labelCtx returns the hints of the label before position p: the word
// before it, or for a value at the very start of a decoded JSON string, the
// string's key.
//
// A number right before (the previous element of a list: `[7012…, 7013…]`,
// `"seq":"a,b"`) is looked through, up to four of them, so every element
// of a list gets the list's label.
func (s *Scanner) labelCtx(g *seg, p int) ctx {
	w, ws, ok := prevWord(g.text, p, g.lo)
	for k := 0; ok && k < 4 && allDigits(w); k++ {
		w, ws, ok = prevWord(g.text, ws, g.lo)
	}
	if !ok {
		return g.key
	}
	if allDigits(w) {
		return 0
	}
	return s.ctxOf(w)
}

func allDigits(w []byte) bool {
	for _, c := range w {
		if !isDigit(c) {
			return false
		}
	}
	return len(w) > 0
}

// ctxOf is ctxOf memoised under a seeded hash of the label.
func (s *Scanner) ctxOf(w []byte) ctx {
	h := maphash.Bytes(s.seed, w)
	if c, ok := s.ccache[h]; ok {
		return c
	}
	c := ctxOf(w)
	if len(s.ccache) >= maxWordCache {
		clear(s.ccache)
	}
	s.ccache[h] = c
	return c
}

// expiry handles "MM/YY" or "MM/YYYY" starting at i (slash at j).
func (s *Scanner) expiry(g *seg, i, j int) int {
	t := g.text
	n := len(t)
	k := j + 1
	for k < n && isDigit(t[k]) {
		k++
	}
	yl := k - j - 1
	if attachedAfter(t, k) || (k < n && t[k] == '/') || attachedBefore(t, i, g.lo) {
		return skipDate(t, k)
	}
	mm := 0
	for _, c := range t[i:j] {
		mm = mm*10 + int(c-'0')
	}
	if mm < 1 || mm > 12 || j-i != 2 || (yl != 2 && yl != 4) {
		return k
	}
	if yl == 4 && !(t[j+1] == '2' && t[j+2] == '0') {
		return k
	}
	if conf := s.expiryContext(g, i); conf > 0 {
		s.emit(g, tazala.KindExpiry, i, k, "card_expiry", conf)
	}
	return k
}

// expiryContext returns the confidence that a well-formed MM/YY at i is a
// card expiry: after an expiry label (looking through "до", "thru",
// "until": "действует до 12/27"), or right after a PAN; 0 otherwise.
func (s *Scanner) expiryContext(g *seg, i int) float32 {
	c := s.labelCtx(g, i)
	if c&ctxExpiry == 0 {
		if w, ws, ok := prevWord(g.text, i, g.lo); ok && isUntil(w) {
			if w2, _, ok := prevWord(g.text, ws, g.lo); ok {
				c |= s.ctxOf(w2) & ctxExpiry
			}
		}
	}
	switch {
	case c&ctxExpiry != 0:
		return 0.95
	case s.lastPAN >= 0 && (near(g, s.lastPAN, i) || s.nearVia(g, s.lastPAN, i)):
		return 0.85
	}
	return 0
}

func skipDate(t []byte, k int) int {
	for k < len(t) && (isDigit(t[k]) || t[k] == '/') {
		k++
	}
	return k
}

// near reports whether raw offset end (of a previous finding) is close
// before text position i: only separators between them.
func near(g *seg, end, i int) bool {
	ri := g.raw(i)
	return ri >= end && ri-end <= 3
}

// nearVia reports whether the previous finding ending at raw offset end is
// separated from text position i only by blanks, punctuation and at most
// one short connecting word ("до", "exp", "код"): "4111… до 12/29",
// "12/29, код 123".
func (s *Scanner) nearVia(g *seg, end, i int) bool {
	ri := g.raw(i)
	if ri < end || ri-end > 24 {
		return false
	}
	// the text between, in segment coordinates
	a := i
	for a > g.lo && g.raw(a-1) >= end {
		a--
	}
	gap := g.text[a:i]
	words := 0
	for k := 0; k < len(gap); {
		c := gap[k]
		if isDigit(c) {
			return false
		}
		if c == ' ' || c == ',' || c == ':' || c == ';' || c == '/' || c == '-' || c == '=' || c == '(' || c == ')' ||
			c == '\'' || c == '"' || c == '|' || c == '\t' || c == '\\' {
			k++
			continue
		}
		e := k
		for e < len(gap) && gap[e] != ' ' && gap[e] != ',' && gap[e] != ':' && gap[e] != '=' {
			e++
		}
		w := gap[k:e]
		if !isUntil(w) && !isCodeWord(w) && s.ctxOf(w)&(ctxExpiry|ctxCVV) == 0 {
			return false
		}
		words++
		k = e
	}
	return words <= 1
}

// cvv handles a 3–4 digit number at [a,b): a CVV only after a CVV label or
// right after an expiry.
func (s *Scanner) cvv(g *seg, a, b int) {
	if s.lastExp >= 0 && (near(g, s.lastExp, a) || s.nearVia(g, s.lastExp, a)) {
		s.emit(g, tazala.KindCVV, a, b, "card_cvv", 0.85)
		return
	}
	if b-a == 4 && validMonth(g.text[a:a+2]) {
		// "exp":"0330", "срок 0330": MMYY without a slash, after an expiry label
		if c := s.labelCtx(g, a); c&ctxExpiry != 0 && c&ctxCVV == 0 {
			s.emit(g, tazala.KindExpiry, a, b, "card_expiry", 0.85)
			return
		}
	}
	w, ws, ok := prevWord(g.text, a, g.lo)
	if !ok {
		if g.key&ctxCVV != 0 {
			s.emit(g, tazala.KindCVV, a, b, "card_cvv", 0.95)
		}
		return
	}
	if s.ctxOf(w)&ctxCVV != 0 {
		s.emit(g, tazala.KindCVV, a, b, "card_cvv", 0.95)
		return
	}
	// "security code 123", "verification code", "код безопасности"
	if isCodeWord(w) {
		if w2, _, ok := prevWord(g.text, ws, g.lo); ok && isCardCodeQualifier(w2) {
			s.emit(g, tazala.KindCVV, a, b, "card_cvv", 0.9)
			return
		}
	}
	// "the 3 digits on the back: 123", "три цифры на обороте", "артқы
	// жағындағы код": the back of the card, with digits or code before it
	if isBackWord(w) {
		p := ws
		for k := 0; k < 4; k++ {
			w2, ws2, ok := prevWord(g.text, p, g.lo)
			if !ok {
				break
			}
			if isDigitsWord(w2) || isCodeWord(w2) || s.ctxOf(w2)&ctxCVV != 0 {
				s.emit(g, tazala.KindCVV, a, b, "card_cvv", 0.85)
				return
			}
			p = ws2
		}
	}
}

// isBackWord reports whether w names the back of a card.
func isBackWord(w []byte) bool {
	switch string(lowerInto(nil, w)) {
	case "back", "reverse", "обороте", "оборотной", "обратной", "стороне", "жағындағы", "жағында", "артында":
		return true
	}
	return false
}

// isDigitsWord reports whether w is "digits" in one of the languages.
func isDigitsWord(w []byte) bool {
	switch string(lowerInto(nil, w)) {
	case "digits", "digit", "numbers", "цифры", "цифр", "цифра", "сан", "сандар", "цифрлар":
		return true
	}
	return false
}

// isUntil reports whether w is "до", "по", "thru", "through", "until" or "to".
func isUntil(w []byte) bool {
	switch string(w) {
	case "до", "по", "thru", "through", "until", "to", "дейін", "Thru", "THRU":
		return true
	}
	return false
}

func isCodeWord(w []byte) bool {
	switch string(w) {
	case "code", "Code", "CODE", "код", "Код", "коды", "коды:", "кодын", "value", "CODE:":
		return true
	}
	return false
}

func isCardCodeQualifier(w []byte) bool {
	switch string(w) {
	case "security", "Security", "SECURITY", "verification", "Verification", "card", "Card", "CVV", "CVC", "cvv", "cvc",
		"безопасности", "проверочный", "Проверочный", "қауіпсіздік", "Қауіпсіздік", "жағындағы", "тексеру":
		return true
	}
	return false
}

func validMonth(mm []byte) bool {
	if len(mm) != 2 {
		return false
	}
	m := int(mm[0]-'0')*10 + int(mm[1]-'0')
	return m >= 1 && m <= 12
}

// encodedPlus handles "%2B" followed by digits (a URL-encoded '+'): the
// digits are checked as an international phone number whose span includes
// the encoded plus.
func (s *Scanner) encodedPlus(g *seg, i int) int {
	t := g.text
	n := len(t)
	j := i + 3
	a := j
	for j < n && isDigit(t[j]) {
		j++
	}
	if attachedAfter(t, j) {
		return skipAttached(t, j)
	}
	var gs [maxGroups]group
	gs[0] = group{a: a, b: j}
	ng, j, _ := moreGroups(t, j, gs[:], 1)
	if attachedAfter(t, j) {
		return skipAttached(t, j)
	}
	s.tryGroups(g, i, true, gs[:ng])
	return j
}
