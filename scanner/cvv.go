package scanner

import "github.com/tazala/tazala"

// Card security codes: 3–4 digits only after a CVV label or phrase (cvv,
// код безопасности, the digits on the back, қауіпсіздік коды) or right
// after an expiry.

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
	if len(w) < 3 || len(w) > 20 {
		return false
	}
	var buf [24]byte
	switch string(lowerInto(buf[:0], w)) {
	case "back", "reverse", "обороте", "оборотной", "обратной", "стороне", "жағындағы", "жағында", "артында":
		return true
	}
	return false
}

// isDigitsWord reports whether w is "digits" in one of the languages.
func isDigitsWord(w []byte) bool {
	if len(w) < 3 || len(w) > 20 {
		return false
	}
	var buf [24]byte
	switch string(lowerInto(buf[:0], w)) {
	case "digits", "digit", "numbers", "цифры", "цифр", "цифра", "сан", "сандар", "цифрлар":
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
