package scanner

import "github.com/tazala/tazala"

// Card security codes: 3–4 digits only after a CVV label or a phrase of
// the card grammar (cardctx.go: cvv, код безопасности, the digits on the
// back, қауіпсіздік коды) or right after an expiry.

// cvv handles a 3–4 digit number at [a,b): a CVV only after a CVV label,
// a phrase of the card grammar, or right after an expiry.
func (s *Scanner) cvv(g *seg, a, b int) {
	if s.lastExp >= 0 && (near(g, s.lastExp, a) || s.nearVia(g, s.lastExp, a)) {
		if !s.otherColumn(g, a, b) { // "'10/27', 6011": another column (cardrow.go)
			s.emit(g, tazala.KindCVV, a, b, "card_cvv", 0.85)
		}
		return
	}
	if b-a == 4 && (validMonth(g.text[a:a+2]) && !s.staleYY(g.text[a+2:b]) || yymm(g.text[a:b])) {
		// "exp":"0330", "срок 0330": MMYY without a slash, after an expiry
		// label; "EXP=2712": YYMM as track data and ISO 8583 write it
		if c := s.labelCtx(g, a); c&ctxExpiry != 0 && c&ctxCVV == 0 && !s.tokenExpiry(g, a) {
			s.emit(g, tazala.KindExpiry, a, b, "card_expiry", 0.85)
			return
		}
		if s.lastPAN >= 0 && validMonth(g.text[a:a+2]) && s.cardYear(g.text[a+2:b]) && s.rowAfterPAN(g, a, b) {
			// "4111…,1227,123": MMYY right after a PAN in a positional row
			s.emit(g, tazala.KindExpiry, a, b, "card_expiry", 0.8)
			return
		}
	}
	w, _, ok := prevWord(g.text, a, g.lo)
	if !ok {
		// a key that names the code (cvv, card_code), or a code key that
		// needs card evidence in the record (verification_value)
		if (g.key&ctxCVV != 0 || s.cvvRule(g.key) || s.cardObjectCode(g, a, g.key)) && !s.otherObject(g, a) {
			s.emit(g, tazala.KindCVV, a, b, "card_cvv", 0.95)
		} else if hintBefore(g, a) && s.cvvPhrase(g, a, b) && !s.otherCardSubject(g, a) {
			s.emit(g, tazala.KindCVV, a, b, "card_cvv", 0.9) // "security code (CVV) 123"
		}
		return
	}
	c := s.ctxOf(w)
	if g.off == nil && isEscapeTail(w) {
		c = s.rawKeyCtx(g.text, a) // "\u043a\u043e\u0434…":"123"
	}
	if c&ctxCVV == 0 && keyed(g.text, a, g.lo) && s.cardObjectCode(g, a, c) {
		c |= ctxCVV
	}
	if c&ctxCVV == 0 && c&ctxCodeW != 0 && c&ctxNegW == 0 && s.lastPAN >= 0 && s.nearVia(g, s.lastPAN, a) {
		c |= ctxCVV // "4111…, code 123": a code word right after the PAN
	}
	if c&ctxCVV != 0 {
		if !s.otherCardSubject(g, a) {
			s.emit(g, tazala.KindCVV, a, b, "card_cvv", 0.95)
		}
		return
	}
	// "security code 123", "код на обороте", "құпия код" (cardctx.go);
	// not a gift card's code (cardsubject.go)
	if c&phraseCtx != 0 && c&ctxNegW == 0 && s.cvvPhrase(g, a, b) && !s.otherCardSubject(g, a) {
		s.emit(g, tazala.KindCVV, a, b, "card_cvv", 0.9)
		return
	}
	// "назовите три цифры на обороте. клиент: 321": the answer to the
	// previous turn's question (cardctx.go)
	if u, ok := s.turnQuestion(g, a); ok && s.cvvRule(u) {
		s.emit(g, tazala.KindCVV, a, b, "card_cvv", 0.85)
	}
}

// isCodeWord reports whether w is a code word the positional chain
// looks through ("12/27, код 123").
func isCodeWord(w []byte) bool {
	switch string(w) {
	case "code", "Code", "CODE", "код", "Код", "коды", "коды:", "кодын", "value", "CODE:":
		return true
	}
	return false
}

// yymm reports whether the four digits d read as YYMM of a card expiry
// (years 2020–2045) and not as MMYY.
func yymm(d []byte) bool {
	y := int(d[0]-'0')*10 + int(d[1]-'0')
	return y >= 20 && y <= 45 && validMonth(d[2:4])
}

// gluedWord reports whether the digits ending at t[j] run into a word
// ("3ds", "2fa", "5xx"): letters right after them.
func gluedWord(t []byte, j int) bool {
	return j < len(t) && (isASCIILetter(t[j]) || t[j] == 0xD0 || t[j] == 0xD1)
}

// cardYear reports whether yy (two digits) is a year a card in use may
// expire in: from five years ago to twenty years ahead.
// staleYY reports whether a two-digit year is more than ten years before
// the reference year or more than twenty after it (as staleYear for an
// expiry with a separator): "exp 0100" is no card's MMYY.
func (s *Scanner) staleYY(yy []byte) bool {
	y := int(yy[0]-'0')*10 + int(yy[1]-'0')
	d := (y - s.maxYear%100 + 100) % 100
	return d > 20 && d < 90
}

func (s *Scanner) cardYear(yy []byte) bool {
	y := 2000 + int(yy[0]-'0')*10 + int(yy[1]-'0')
	return y >= s.maxYear-5 && y <= s.maxYear+20
}

// rowAfterPAN reports whether [a,b) is the field right after the PAN in a
// delimited row: one delimiter (',', ';', '|', tab) between them and the
// same delimiter or the end after it.
func (s *Scanner) rowAfterPAN(g *seg, a, b int) bool {
	t := g.text
	if a < 1 || g.raw(a-1) != s.lastPAN {
		return false
	}
	d := t[a-1]
	if d != ',' && d != ';' && d != '|' && d != '\t' {
		return false
	}
	return b == len(t) || t[b] == d
}

// cardObjectCode reports whether a code or security key (c, its hints)
// of a card object or element holds the card's code: {"card":{"number":
// "4111…","code":"123"}}, <Card>…<Security>123. A security key is enough;
// a bare code key needs a PAN or an expiry earlier in the record.
func (s *Scanner) cardObjectCode(g *seg, a int, c ctx) bool {
	if c&(ctxCodeW|ctxSecW) == 0 || c&ctxNegW != 0 {
		return false
	}
	if c&ctxSecW == 0 && s.lastPAN < 0 && s.lastExp < 0 {
		return false
	}
	return s.inCardObject(g, a)
}
