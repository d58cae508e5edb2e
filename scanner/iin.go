package scanner

import (
	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
)

// validIIN reports whether d (exactly 12 ASCII digits) is a valid personal
// IIN: birth date, century digit no later than maxYear, control digit (see
// checksum.ValidIIN, which user rules' `iin` validator shares).
func validIIN(d []byte, maxYear int) bool { return checksum.ValidIIN(d, maxYear) }

// iin classifies 12 digits in one run: a valid IIN unless a label says it
// is another number (an RRN, an order id, a sequence number, a card
// field). Unlike a bare phone or PAN, a bare IIN is never weak: its check
// (birth date, century digit, control digit) passes about one random
// 12-digit number in 700, so an unlabelled one — alone on a line, in a URL
// path — is far more likely a person's than not.
func (c *candidate) iin() (tazala.Kind, float32, bool) {
	if !validIIN(c.d, c.s.maxYear) {
		return 0, 0, false
	}
	l := c.label()
	if l&ctxIIN != 0 {
		return tazala.KindIIN, 0.99, false
	}
	if l&ctxFillW != 0 && l&(ctxNeg|ctxCard) == 0 && c.ownerOfNumber()&ctxIIN != 0 {
		// "идентификационный номер", "сәйкестендіру нөмірі"
		return tazala.KindIIN, 0.95, false
	}
	if l&ctxNeg != 0 && l&(ctxCard|ctxPhone|ctxCVV|ctxExpiry) == 0 && c.iinNamedBefore() {
		// "idType":"IIN","idValue":"…": the value names an IIN before its
		// generic key
		return tazala.KindIIN, 0.95, false
	}
	if l&(ctxNeg|ctxCard|ctxPhone|ctxCVV|ctxExpiry) != 0 {
		return 0, 0, false
	}
	// an unquoted JSON number under a key with no personal hint is a
	// counter: kept only beside other findings (opsneg.go)
	return tazala.KindIIN, 0.9, l&personCtx == 0 && c.jsonCounter()
}

// ownerOfNumber returns the hints of the word before the candidate's label
// when that label is a bare "number" noun (номер, number, no, нөмірі):
// whose number it is ("идентификационный номер", "Card no").
func (c *candidate) ownerOfNumber() ctx {
	if _, ws, ok := prevWord(c.g.text, c.from, c.g.lo); ok {
		if w2, _, ok := prevWord(c.g.text, ws, c.g.lo); ok {
			return c.s.ctxOf(w2)
		}
	}
	return 0
}

// iinNamedBefore reports whether the word before the candidate's label
// names an IIN ("idType":"IIN","idValue":"…"). Only a three-letter word
// is looked up: IIN, ИИН, ЖСН.
func (c *candidate) iinNamedBefore() bool {
	_, ws, ok := prevWord(c.g.text, c.from, c.g.lo)
	if !ok {
		return false
	}
	w2, _, ok := prevWord(c.g.text, ws, c.g.lo)
	if !ok || (len(w2) != 3 && len(w2) != 6) {
		return false
	}
	return c.s.ctxOf(w2)&ctxIIN != 0
}
