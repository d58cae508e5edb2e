package scanner

import (
	"bytes"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
)

// prefixN returns the first n digits of d as an integer.
func prefixN(d []byte, n int) int {
	v := 0
	for i := 0; i < n && i < len(d); i++ {
		v = v*10 + int(d[i]-'0')
	}
	return v
}

// cardNetwork returns the network a PAN of this length and prefix belongs
// to, or "" when no network issues such numbers. Ranges follow the
// networks' published IIN tables (ISO/IEC 7812 issuer identification).
func cardNetwork(d []byte) string {
	n := len(d)
	if n < 12 || n > 19 {
		return ""
	}
	// the shorter prefixes from the 6-digit one (n ≥ 12): one read
	p6 := prefixN(d, 6)
	p1, p2, p3, p4 := p6/100000, p6/10000, p6/1000, p6/100
	switch {
	case p1 == 4:
		if n == 13 || n == 16 || n == 19 {
			return "visa"
		}
	case p4 >= 2200 && p4 <= 2204:
		if n >= 16 {
			return "mir"
		}
	case p4 >= 2221 && p4 <= 2720, p2 >= 51 && p2 <= 55:
		if n == 16 {
			return "mastercard"
		}
	case p2 == 34 || p2 == 37:
		if n == 15 {
			return "amex"
		}
	case p4 >= 3528 && p4 <= 3589:
		if n >= 16 {
			return "jcb"
		}
	case p3 >= 300 && p3 <= 305, p2 == 36, p2 == 38, p2 == 39, p4 == 3095:
		if n >= 14 {
			return "diners"
		}
	case p4 == 6011, p3 >= 644 && p3 <= 649, p2 == 65:
		if n >= 16 {
			return "discover"
		}
	case p6 >= 622126 && p6 <= 622925, p2 == 62, p2 == 81:
		if n >= 16 {
			return "unionpay"
		}
	case p2 == 50, p2 >= 56 && p2 <= 58, p2 == 60, p2 == 63, p2 == 67, p2 == 69:
		if n >= 12 {
			return "maestro"
		}
	}
	return ""
}

// validPAN reports whether d is a full card number: 13–19 digits, Luhn-valid
// and inside a card network's range.
func validPAN(d []byte) bool {
	return len(d) >= 13 && len(d) <= 19 && cardNetwork(d) != "" && checksum.Luhn(d)
}

// panGrouping accepts the ways card numbers are written: one run, groups of
// four (the last may be shorter: 4-4-4-4-3, 4-4-4-1), Amex/Diners 4-6-5 /
// 4-6-4, or the issuer's 6-digit BIN and the rest of a 16–19 digit number
// (6-13, 6-10).
func panGrouping(gs []group) bool {
	if len(gs) == 1 {
		return true
	}
	if len(gs) == 2 && gs[0].b-gs[0].a == 6 && gs[1].b-gs[1].a >= 10 {
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

// pan classifies 13–19 digits: one run or the usual groupings with one
// separator kind (blank, no-break space, dash or dot), Luhn and a network
// range; not after a transaction-id label; a bare run with no person label
// is weak.
func (c *candidate) pan() (tazala.Kind, float32, bool) {
	if c.mixed || (c.seps != 0 && c.seps != ' ' && c.seps != '-' && c.seps != '.') || !panGrouping(c.gs) || !validPAN(c.d) || !panGroupingNetwork(c.d, c.gs) {
		return 0, 0, false
	}
	l := c.label()
	if l&ctxCard == 0 && l&ctxFillW != 0 && c.ownerOfNumber()&ctxCard != 0 {
		l |= ctxCard // "Card no 4111…", "карты номер"
	}
	if l&(ctxCard|ctxNeg) == 0 && c.cardNumberOwner() {
		l |= ctxCard // "card no. 4111…", "payment_method.card.number=4111…"
	}
	if l&ctxCard == 0 && (l&ctxNeg != 0 || len(c.gs) == 1 && l&personCtx == 0) && c.s.inCardObject(c.g, c.from) {
		// {"card":{"number":"4111…"}}, <Card><AccountNumber>4111…: the
		// enclosing object or element names the card
		l |= ctxCard
	}
	if l&ctxNeg != 0 && l&ctxCard == 0 {
		return 0, 0, false
	}
	weak := len(c.gs) == 1 && l&personCtx == 0
	if weak && isTestPAN(c.d) {
		// a card number the networks and processors publish for tests:
		// no random number is one of these, wherever it stands
		weak = false
	}
	if weak && tokenized(c.g.text, c.from, c.gs[0].b, c.g.lo) {
		weak = false // "tokenize 4111… -> tok_…" (cardrow.go)
	}
	return tazala.KindPAN, 0.97, weak
}

// testPANs are card numbers that networks and payment processors publish
// for testing (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay,
// Maestro). They are PANs by the labelling rules; a bare one is not weak.
var testPANs = func() map[string]bool {
	m := map[string]bool{}
	defer func() {
		for p := range m {
			testPANKeys[panKey([]byte(p))] = true
		}
	}()
	for _, p := range []string{
		// Visa
		"4111111111111111", "4012888888881881", "4222222222222", "4242424242424242", "4000056655665556",
		"4000000000000002", "4000000000003220", "4000002500003155", "4000000000009995", "4000000000000077",
		"4000000000000069", "4000000000000127", "4000000000000119", "4005550000000001", "4012000033330026",
		"4217651111111119", "4500600000000061", "4988438843884305", "4166676667666746", "4646464646464644",
		"4000020000000000", "4000060000000006", "4000160000000004", "4000180000000002", "4917610000000000003",
		"4917610000000000", "4462030000000000", "4917300800000000", "4484070000000000", "4012001037141112",
		"4263982640269299",
		// Mastercard
		"5555555555554444", "5105105105105100", "2223003122003222", "5200828282828210", "5454545454545454",
		"2221000000000009", "2223000048400011", "5425233430109903", "5431111111111111", "5101180000000007",
		"5100290029002909", "5555341244441115", "5577000055770004", "2222400010000008", "2223520043560014",
		"5500000000000004", "5555555555555557", "5186001700008785",
		// American Express
		"378282246310005", "371449635398431", "378734493671000", "370000000000002", "340000000000009",
		"341111111111111", "374245455400126", "370000000100018", "343434343434343",
		// Discover
		"6011111111111117", "6011000990139424", "6011981111111113", "6011601160116611", "6445644564456445",
		"6011000400000000",
		// Diners Club
		"30569309025904", "38520000023237", "36227206271667", "3056930009020004", "36006666333344",
		"36700102000000", "36148900647913", "36259600000004",
		// JCB
		"3530111333300000", "3566002020360505", "3566111111111113", "3569990010095841", "3528000700000000",
		"3569990010030400",
		// UnionPay
		"6200000000000005", "6243030000000001", "6212345678901265", "6250941006528599", "6221261111117766",
		"6205500000000000004",
		// Maestro
		"6759649826438453", "6799990100000000019", "6771798021000008", "6304000000000000",
	} {
		m[p] = true
	}
	return m
}()

// inCardObject reports whether the value at text position p lies in a
// JSON object or an XML element whose name is a card word: the key before
// the nearest unclosed '{' ("card":{…), or the opening tag before the
// value's own tag (<Card><Pan>…), within 160 bytes of the raw record.
func (s *Scanner) inCardObject(g *seg, p int) bool {
	w, ok := s.ownerKey(g, p)
	return ok && s.ctxOf(w)&ctxCard != 0
}

// ownerKey returns the name of the JSON object or XML element that holds
// the value at text position p (see inCardObject).
func (s *Scanner) ownerKey(g *seg, p int) ([]byte, bool) {
	t := s.line
	rp := g.raw(p)
	if rp > len(t) {
		return nil, false
	}
	lo := max(0, rp-160)
	// XML: <Card><Tag>value
	if rp > 0 && t[rp-1] == '>' {
		if a := bytes.LastIndexByte(t[lo:rp-1], '<'); a >= 0 {
			a += lo
			if a > 0 && t[a-1] == '>' {
				if b := bytes.LastIndexByte(t[lo:a-1], '<'); b >= 0 && lo+b+1 < a-1 && t[lo+b+1] != '/' {
					return t[lo+b+1 : a-1], true
				}
			}
		}
		return nil, false
	}
	// JSON: "card":{ … "key":"value
	b := bytes.LastIndexByte(t[lo:rp], '{')
	if b < 0 {
		return nil, false // no object opens within reach (most text lines)
	}
	k := rp - 1
	if bytes.IndexByte(t[lo+b:rp], '}') < 0 {
		k = lo + b // no object closes after it: the walk would reach it at depth 0
	}
	depth := 0
	for ; k >= lo; k-- {
		switch t[k] {
		case '}':
			depth++
		case '{':
			if depth > 0 {
				depth--
				continue
			}
			e := k
			for e > lo && (t[e-1] == ' ' || t[e-1] == ':') {
				e--
			}
			if e > lo && t[e-1] == '"' {
				e--
			}
			w, _, ok := prevWord(t, e+1, lo)
			return w, ok
		}
	}
	return nil, false
}

// testPANKeys holds testPANs by panKey: a look-up without hashing a string.
var testPANKeys = map[uint64]bool{}

// panKey packs 13–19 digits and their count into one number: a cheap
// first test, confirmed by testPANs (two lengths may share a key).
func panKey(d []byte) uint64 {
	var v uint64
	for _, c := range d {
		v = v*10 + uint64(c-'0')
	}
	return v ^ uint64(len(d))<<59
}

// isTestPAN reports whether d is a published test card number.
func isTestPAN(d []byte) bool {
	return testPANKeys[panKey(d)] && testPANs[string(d)]
}

// cardNumberOwner reports whether the candidate's label is a number noun
// owned by a card word across a dot: an abbreviation ("card no. 4111…")
// or a dotted key path ("card.number=4111…", "source.card.number").
func (c *candidate) cardNumberOwner() bool {
	t, lo := c.g.text, c.g.lo
	p := c.from
	for p > lo && p > c.from-4 && (t[p-1] == ' ' || t[p-1] == ':' || t[p-1] == '=' || t[p-1] == '"' || t[p-1] == '\'') {
		p--
	}
	if p > lo && t[p-1] == '.' {
		p-- // "no."
	}
	var buf [16]byte
	w, ws := lowerWordBefore(buf[:0], t, p, lo)
	switch string(w) {
	case "number", "no", "num", "nr", "номер", "нөмір", "нөмірі":
	default:
		return false
	}
	for ws > lo && t[ws-1] == ' ' {
		ws--
	}
	if ws > lo && t[ws-1] == '.' {
		ws-- // "card.number"
	}
	var obuf [64]byte
	o, _ := lowerWordBefore(obuf[:0], t, ws, lo)
	return len(o) > 0 && c.s.ctxOf(o)&ctxCard != 0
}
