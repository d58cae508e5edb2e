package scanner

import (
	"bytes"
)

// Evidence for a card number and against a card code that only the shape
// of the clause or the row gives: a number handed to a tokenizer, and the
// column after an expiry that holds a currency, an MCC or another field.

// tokenized reports whether the bare run [from, end) is handed to a
// tokenizer: a tokenizing verb right before it ("tokenize 4111…",
// "detokenized 4111…", "токенизация 4111…") or an arrow to a token right
// after it ("4111… -> tok_…", "4111… => token …"). A card vault tokenizes
// card numbers: such a run is not a bare id.
func tokenized(t []byte, from, end, lo int) bool {
	var buf [24]byte
	p := from
	for p > lo && p > from-3 && (t[p-1] == ' ' || t[p-1] == ':' || t[p-1] == '=') {
		p--
	}
	if p < from {
		w, _ := lowerWordBefore(buf[:0], t, p, lo)
		if tokenVerb(w) {
			return true
		}
	}
	// an arrow to a token: " -> tok_…", " => token", " → tok…"
	q := end
	for q < len(t) && q < end+2 && t[q] == ' ' {
		q++
	}
	switch {
	case q+1 < len(t) && (t[q] == '-' || t[q] == '=') && t[q+1] == '>':
		q += 2
	case q+2 < len(t) && t[q] == 0xE2 && t[q+1] == 0x86 && t[q+2] == 0x92: // →
		q += 3
	default:
		return false
	}
	for q < len(t) && q < end+6 && t[q] == ' ' {
		q++
	}
	return q+3 <= len(t) && bytes.EqualFold(t[q:q+3], []byte("tok"))
}

// tokenVerb reports whether the lower-cased word w is a verb or noun of
// tokenization.
func tokenVerb(w []byte) bool {
	for _, p := range [...]string{"tokeni", "detokeni", "токениз", "детокениз", "токенд"} {
		if bytes.HasPrefix(w, []byte(p)) {
			return true
		}
	}
	return false
}

// otherColumn reports whether the 3–4 digits at [a,b), the field right
// after an expiry in a delimited row, are the value of another column
// rather than the card's code. A list of column names in the record (a
// CSV header, an SQL column list) says so by the name after the expiry's.
// Without one, the row's shape says so when the expiry is
// a quoted string and the field after it a bare number ("'10/27', 6011"
// in SQL VALUES: a numeric column, an MCC or an amount, where a code
// keeps its leading zeros in a string). A known code (an ISO 4217 numeric
// currency, a common MCC) followed by another number is weak evidence
// that decides it ("…,08/26,643,4075.50": the currency of the amount),
// unless the row names its currency in letters.
func (s *Scanner) otherColumn(g *seg, a, b int) bool {
	t := s.line
	ra, rb, e := g.raw(a), g.raw(b), s.lastExp
	if e < 0 || ra <= e || ra-e > 4 || rb > len(t) || ra >= rb {
		return false
	}
	gap := t[e:ra]
	k := 0
	var q byte // the quote that closes the expiry
	if gap[0] == '\'' || gap[0] == '"' {
		q = gap[0]
		k++
	}
	if k >= len(gap) {
		return false
	}
	d := gap[k]
	if d != ',' && d != ';' && d != '|' && d != '\t' {
		return false
	}
	k++
	for k < len(gap) && gap[k] == ' ' {
		k++
	}
	var cq byte // the quote that opens the code
	if k < len(gap) {
		if k+1 != len(gap) || gap[k] != '\'' && gap[k] != '"' {
			return false
		}
		cq = gap[k]
		if rb >= len(t) || t[rb] != cq {
			// the quoted field goes on after the digits ("503,979.90",
			// "120 KZT"): a longer value, not a code
			return true
		}
	}
	if c, ok := s.headerAfterExpiry(e); ok {
		// the record names its columns: the one after the expiry decides
		return c&ctxCVV == 0
	}
	if q != 0 && cq == 0 {
		return true
	}
	if !knownOtherCode(t[ra:rb]) {
		return false
	}
	p := rb
	if cq != 0 {
		if p >= len(t) || t[p] != cq {
			return false
		}
		p++
	}
	if p >= len(t) || t[p] != d {
		return false
	}
	p++
	for p < len(t) && t[p] == ' ' {
		p++
	}
	if p < len(t) && (t[p] == '\'' || t[p] == '"') {
		p++
	}
	if rb-ra == 4 && p < len(t) && t[p] != '\n' && t[p] != '\r' && t[p] != d {
		// a common MCC followed by any other field ("08/27\t5812\tAPPROVED")
		return true
	}
	if p >= len(t) || !isDigit(t[p]) {
		return false
	}
	// a row that names its currency in letters ("…,4075.50,KZT") has no
	// use for a numeric one: the 3 digits are the code
	return rb-ra == 4 || !alphaCurrencyField(t[p:], d)
}

// alphaCurrencyField reports whether one of the fields of row (delimited
// by d) is three capital letters, an ISO 4217 alphabetic code, bare or
// quoted.
func alphaCurrencyField(row []byte, d byte) bool {
	for len(row) > 0 {
		f := row
		if i := bytes.IndexByte(row, d); i >= 0 {
			f, row = row[:i], row[i+1:]
		} else {
			row = nil
		}
		f = bytes.Trim(f, ` "'`)
		if len(f) == 3 && f[0] >= 'A' && f[0] <= 'Z' && f[1] >= 'A' && f[1] <= 'Z' && f[2] >= 'A' && f[2] <= 'Z' {
			return true
		}
	}
	return false
}

// knownOtherCode reports whether d (3 or 4 digits) is an ISO 4217 numeric
// currency code in common use or a common merchant category code.
func knownOtherCode(d []byte) bool {
	v := 0
	for _, c := range d {
		v = v*10 + int(c-'0')
	}
	switch len(d) {
	case 3:
		return currencyCodes[v]
	case 4:
		return mccCodes[v]
	}
	return false
}

var (
	// currencyCodes: ISO 4217 numeric codes of the currencies a payment
	// company of the region settles in or sees most (KZT, RUB, USD, EUR,
	// CNY, the CIS, the main reserve and travel currencies).
	currencyCodes = codeSet(1000, 398, 643, 840, 978, 156, 826, 392, 756, 933, 417, 860, 944, 51, 981, 972,
		934, 949, 980, 498, 356, 410, 784, 682, 124, 36, 985, 203, 348, 752, 578, 208, 344, 702, 764, 458, 360,
		986, 484, 710, 376, 818, 554, 608, 704, 634, 414, 48, 512, 400, 586, 50, 496, 975, 946, 941, 191)
	// mccCodes: merchant category codes (ISO 18245) common in card logs.
	mccCodes = codeSet(10000, 4111, 4121, 4131, 4511, 4722, 4784, 4812, 4814, 4816, 4829, 4899, 4900, 5045,
		5200, 5211, 5251, 5300, 5310, 5311, 5331, 5399, 5411, 5422, 5441, 5451, 5462, 5499, 5533, 5541, 5542,
		5651, 5655, 5661, 5691, 5699, 5712, 5722, 5732, 5734, 5812, 5813, 5814, 5912, 5921, 5941, 5942, 5944,
		5945, 5977, 5992, 5995, 5999, 6010, 6011, 6012, 6051, 6211, 6300, 6513, 6540, 7011, 7230, 7273, 7298,
		7311, 7372, 7399, 7512, 7523, 7538, 7832, 7841, 7922, 7941, 7991, 7994, 7995, 7997, 8011, 8021, 8043,
		8062, 8099, 8211, 8220, 8299, 8398, 8999, 9211, 9222, 9311, 9399, 9402)
)

func codeSet(n int, vs ...int) []bool {
	b := make([]bool, n)
	for _, v := range vs {
		b[v] = true
	}
	return b
}

// headerAfterExpiry looks for a list of column names in the record before
// raw offset e (a CSV header, an SQL column list: "pan,exp,cvv,amount",
// "(id, pan, exp, mcc)") and returns the hints of the name that follows
// an expiry column's name in it: the name of the column after the
// expiry. ok is false when no such list is within 240 bytes.
func (s *Scanner) headerAfterExpiry(e int) (c ctx, ok bool) {
	t := s.line
	lo := max(0, e-240)
	for i := lo; i < e; {
		if !isASCIILetter(t[i]) || i > lo && idByte[t[i-1]] {
			i++
			continue
		}
		j := i
		for j < e && idByte[t[j]] {
			j++
		}
		w := t[i:j]
		i = j
		if s.ctxOf(w)&ctxExpiry == 0 {
			continue
		}
		// a delimiter, then the next name
		k := j
		for k < e && (t[k] == ' ' || t[k] == '"' || t[k] == '\'' || t[k] == '`') {
			k++
		}
		if k >= e || t[k] != ',' && t[k] != ';' && t[k] != '|' && t[k] != '\t' {
			continue
		}
		k++
		for k < e && (t[k] == ' ' || t[k] == '"' || t[k] == '\'' || t[k] == '`') {
			k++
		}
		m := k
		for m < e && idByte[t[m]] {
			m++
		}
		if m == k || !isASCIILetter(t[k]) {
			continue
		}
		c, ok = s.ctxOf(t[k:m]), true // the last list wins
	}
	return c, ok
}
