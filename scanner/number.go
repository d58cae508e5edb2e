package scanner

import (
	"github.com/tazala/tazala"
)

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
	// attachedBefore, its table look-up written out (a call per candidate)
	if i > g.lo && (glueBefore[t[i-1]] == glueYes || glueBefore[t[i-1]] == glueMaybe && attachedBeforeBy(t, i, g.lo)) &&
		!s.delimAfterFinding(g, i) {
		for j < n && wordTail[t[j]] {
			j++
		}
		return j
	}
	// first group
	a := j
	j = digitsEnd(t, j)
	first := j - a
	// fast path: the common short single number (qty, a time, an amount)
	if j >= n || !isNumSep(t[j]) {
		if j+3 < n && t[j] == '%' {
			if t[j+1] == '2' && t[j+2] == '0' && isDigit(t[j+3]) {
				return s.encodedGroups(g, i, a, j, plus) // "4111%201111%20…" in a query string
			}
			if first <= 2 && !plus {
				return s.expiryEncoded(g, i, j) // "exp=12%2F27" in a query string
			}
		}
		if j+1 < n && t[j] == '+' && isDigit(t[j+1]) && i > g.lo && t[i-1] == '=' {
			return s.encodedGroups(g, i, a, j, plus) // "phone=+7+701+123+45+67": '+' for a blank
		}
		if j+2 < n && t[j] == '/' && t[j+1] == ' ' && isDigit(t[j+2]) && !plus && first <= 2 {
			return s.expiry(g, i, j) // "03/ 27"
		}
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
	gs := &s.groups // not a local array: zeroing 192 bytes cost more than reading the groups
	gs[0] = group{a: a, b: j}
	ng, total := 1, 0
	if t[j] != ' ' || j+1 < n && (isDigit(t[j+1]) || t[j+1] == '(' || t[j+1] == '-' || t[j+1] == '/') {
		ng, j, total = moreGroups(t, j, gs[:], 1)
	} // else a blank and no group after it, what moreGroups finds: "1580 ms"

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
	if !plus && first >= 10 && gs[1].sep == '.' && gs[1].a == gs[0].b+1 {
		// "900101300007.0": a decimal number; its integer part is no
		// identifier (FuzzRedact took it for an IIN)
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
	if !plus && ng == 2 && (gs[1].sep == '-' || gs[1].sep == '/') && gs[0].b-gs[0].a == 4 && gs[1].b-gs[1].a == 2 &&
		t[gs[0].a] == '2' && t[gs[0].a+1] == '0' && validMonth(t[gs[1].a:gs[1].b]) && !attachedAfter(t, j) {
		// "cardExpiry":"2027-12": year and month, under an expiry label only
		if c := s.labelCtx(g, i); c&ctxExpiry != 0 && c&ctxNegW == 0 {
			s.emit(g, tazala.KindExpiry, i, gs[1].b, "card_expiry", 0.9)
			return j
		}
	}
	if total < 10 && !plus && (j >= n || t[j] != '/') {
		// too few digits for an IIN, a PAN or a phone: a date, an amount, an IP
		if ng == 2 && gs[1].sep == ' ' && (first == 3 || first == 4) && gluedWord(t, j) {
			// "cvc=123 3ds=frictionless": the second group is the start of
			// a word ("3ds", "2fa"), the number ends before it
			s.cvv(g, a, gs[0].b)
			return skipAttached(t, j)
		}
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

// tryGroups finds the longest valid identifiers among consecutive groups,
// left to right. start is where the first group's text begins ('+' included).
//
// It returns the number of groups up to the end of the last match (0 for
// none), so that a caller can read the groups after it again on their own:
// "4111 1111 1111 1111 12 / 27 123" is a PAN, then an expiry and a code.
func (s *Scanner) tryGroups(g *seg, start int, plus bool, gs []group) int {
	if len(gs) == 1 {
		// one group, the common case: one range to try, from start
		nd := gs[0].b - gs[0].a
		if plus && (nd < 8 || nd > 15) || !plus && (nd < 10 || nd > 19) {
			return 0
		}
		if k, det, conf, weak := s.classify(g, start, plus, gs); k != 0 {
			s.emit(g, k, start, gs[0].b, det, conf)
			if weak {
				s.markWeak()
			}
			return 1
		}
		return 0
	}
	last := 0
	for a := 0; a < len(gs); {
		if a > 0 && gs[a].sep == '.' && gs[a].a == gs[a-1].b+1 && gs[a].b-gs[a].a >= 10 {
			// "0.900101300007": a long run right after a decimal point is
			// a fraction, not an identifier (FuzzRedact)
			a++
			continue
		}
		matched := false
		// digits in gs[a:b+1], counted down as b falls: ranges of a length
		// no kind has are not classified at all ("2026-12-01 10")
		nd := 0
		for _, x := range gs[a:] {
			nd += x.b - x.a
		}
		if nd < 8 || !(plus && a == 0) && nd < 10 {
			break // no range from here on is long enough ("2026-12-01 10")
		}
		for b := len(gs) - 1; b >= a; b, nd = b-1, nd-(gs[b].b-gs[b].a) {
			if plus && a == 0 {
				if nd < 8 || nd > 15 {
					continue
				}
			} else if nd < 10 || nd > 19 {
				continue
			}
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

// classify decides what the digits of gs are, asking each kind's
// classifier in turn (iin.go, card.go, phone.go). weak is set for one bare
// run of digits with no label for its kind: it is kept only if the record
// holds other, stronger findings (see dropWeak).
func (s *Scanner) classify(g *seg, from int, plus bool, gs []group) (k tazala.Kind, det string, conf float32, weak bool) {
	// fields set one by one: a composite literal is built in a temporary
	// and copied, a store-forwarding stall on every candidate
	var c candidate
	c.s, c.g, c.from, c.gs = s, g, from, gs
	c.read()
	if plus {
		if validIntlPhone(c.d) && !plusAmount(g.text, from) {
			return tazala.KindPhone, "phone", 0.95, false
		}
		return 0, "", 0, false
	}
	switch nd := len(c.d); {
	case nd == 12 && len(gs) == 1:
		if k, conf, weak := c.iin(); k != 0 {
			return k, "iin", conf, weak
		}
	case nd >= 13 && nd <= 19:
		if k, conf, weak := c.pan(); k != 0 {
			return k, "card_pan", conf, weak
		}
	}
	if k, conf, weak := c.nationalPhone(); k != 0 {
		return k, "phone", conf, weak
	}
	return 0, "", 0, false
}

// candidate is one digit-group sequence being classified: its digits, its
// separators, and its label, looked up once and only when a validator has
// accepted the digits.
type candidate struct {
	s     *Scanner
	g     *seg
	from  int
	gs    []group
	d     []byte // the digits alone
	seps  byte   // the separator kind between groups (0: one group)
	mixed bool   // more than one separator kind
	lc    ctx
	lcOK  bool
}

func (c *candidate) read() {
	t := c.g.text
	if len(c.gs) == 1 {
		// one group: its digits are the text itself, no copy
		c.d = t[c.gs[0].a:c.gs[0].b:c.gs[0].b]
		return
	}
	d := c.s.digs[:0]
	for i, x := range c.gs {
		d = append(d, t[x.a:x.b]...)
		if i > 0 {
			if c.seps == 0 {
				c.seps = x.sep
			} else if x.sep != c.seps {
				c.mixed = true
			}
		}
	}
	c.s.digs = d
	c.d = d
}

// label returns the hints of the label before the candidate.
func (c *candidate) label() ctx {
	if !c.lcOK {
		c.lc = c.s.labelCtx(c.g, c.from)
		if c.lc&^ctxSubjW == 0 || c.lc&ctxFillW != 0 {
			c.lc = c.ownerNeg(c.lc) // "Receipt No. …", "Reference Number" (opsneg.go)
		}
		if c.lc&(personCtx|ctxNeg) == 0 && unitAfter(c.g.text, c.gs[len(c.gs)-1].b) {
			c.lc |= ctxNeg // "read 7708… bytes": a quantity (opsneg.go)
		}
		c.lcOK = true
	}
	return c.lc
}

// personCtx are the label hints that tie a value to a person: a bare
// digit run after one of them is not weak.
const personCtx = ctxIIN | ctxPhone | ctxEmail | ctxCard | ctxNameStrong | ctxNameWeak | ctxNameIntro
