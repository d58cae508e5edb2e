package scanner

import (
	"unicode"
	"unicode/utf8"

	"github.com/tazala/tazala"
)

// Card expiry dates: MM/YY, MM/YYYY (M/YY with '/') with '/', '.', '-',
// " / ", "/ " or " /", only in
// card context: after an expiry label (exp, срок действия, жарамдылық
// мерзімі, valid thru; looking through "до", "until", "date") or right
// after a PAN.

// expiry handles "MM/YY" or "MM/YYYY" starting at i (slash at j).
func (s *Scanner) expiry(g *seg, i, j int) int {
	t := g.text
	n := len(t)
	y := j + 1
	if y+1 < n && t[y] == ' ' && isDigit(t[y+1]) {
		y++ // "03/ 27"
	}
	k := y
	for k < n && isDigit(t[k]) {
		k++
	}
	yl := k - y
	if (attachedAfter(t, k) && t[k] != ',') || (k < n && t[k] == '/') || (attachedBefore(t, i, g.lo) && !s.delimAfterFinding(g, i)) {
		return skipDate(t, k)
	}
	mm := 0
	for _, c := range t[i:j] {
		mm = mm*10 + int(c-'0')
	}
	if mm < 1 || mm > 12 || (j-i != 2 && j-i != 1) || (yl != 2 && yl != 4) {
		return k // a month of one digit ("3/27") is how people write it
	}
	if yl == 4 && !(t[y] == '2' && t[y+1] == '0') {
		return k
	}
	if conf := s.expiryContext(g, i); conf > 0 {
		s.emit(g, tazala.KindExpiry, i, k, "card_expiry", conf)
	}
	return k
}

// expiryEncoded handles "MM%2FYY" or "MM%2FYYYY" starting at i: an expiry
// in a URL-encoded query string ('%' at j). The span covers the encoded
// text.
func (s *Scanner) expiryEncoded(g *seg, i, j int) int {
	t := g.text
	if t[j+1] != '2' || t[j+2]|0x20 != 'f' {
		return j
	}
	y := j + 3
	k := y
	for k < len(t) && isDigit(t[k]) {
		k++
	}
	if yl := k - y; (yl != 2 && yl != 4) || attachedAfter(t, k) || (k < len(t) && t[k] == '%') ||
		!validMonth2(t[i:j]) || (yl == 4 && !(t[y] == '2' && t[y+1] == '0')) {
		return skipAttached(t, k)
	}
	if conf := s.expiryContext(g, i); conf > 0 {
		s.emit(g, tazala.KindExpiry, i, k, "card_expiry", conf)
	}
	return k
}

// validMonth2 reports whether m (one or two digits) is a month.
func validMonth2(m []byte) bool {
	if len(m) == 1 {
		return m[0] >= '1' && m[0] <= '9'
	}
	return validMonth(m)
}

// expiryContext returns the confidence that a well-formed MM/YY at i is a
// card expiry: after an expiry label (looking through "до", "thru",
// "until": "действует до 12/27"), or right after a PAN; 0 otherwise.
func (s *Scanner) expiryContext(g *seg, i int) float32 {
	c := s.labelCtx(g, i)
	if c&ctxExpiry == 0 {
		// "действует до 12/27", "exp. date 12/27": look one word further
		if w, ws, ok := prevWord(g.text, i, g.lo); ok && (isUntil(w) || isDateWord(w)) {
			if ws > g.lo && g.text[ws-1] == ' ' && ws-1 > g.lo && g.text[ws-2] == '.' {
				ws -= 2 // "exp. date"
			}
			if w2, _, ok := prevWord(g.text, ws, g.lo); ok {
				c |= s.ctxOf(w2) & ctxExpiry
			}
		}
	}
	switch {
	case c&(ctxExpiry|ctxExpW) != 0 && c&ctxNegW == 0,
		// "срок действия карты (ММ/ГГ): 12/27", "мерзімі аяқталуы 12/27"
		(c&phraseCtx != 0 || hintBefore(g, i)) && s.expiryPhrase(g, i):
		if s.otherCardSubject(g, i) {
			return 0 // "promo code X valid till 12/26" (cardsubject.go)
		}
		return 0.95
	case s.lastPAN >= 0 && (near(g, s.lastPAN, i) || s.nearVia(g, s.lastPAN, i)):
		return 0.85
	}
	// "назовите срок действия карты. клиент: 12/27" (cardctx.go)
	if u, ok := s.turnQuestion(g, i); ok && u&(ctxExpW|ctxExpiry) != 0 && u&ctxNegW == 0 {
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
// three words of the card grammar ("до", "exp", "секретный код",
// cardctx.go): "4111… до 12/29", "12/29, код 123", "12/29 — код на обороте 123".
func (s *Scanner) nearVia(g *seg, end, i int) bool {
	ri := g.raw(i)
	if ri < end || ri-end > 48 {
		return false
	}
	// the text between, in segment coordinates
	a := i
	for a > g.lo && g.raw(a-1) >= end {
		a--
	}
	gap := g.text[a:i]
	words, fill := 0, 0
	for k := 0; k < len(gap); {
		c := gap[k]
		if isDigit(c) {
			return false
		}
		if c == ' ' || c == ',' || c == ':' || c == ';' || c == '/' || c == '-' || c == '=' || c == '(' || c == ')' ||
			c == '\'' || c == '"' || c == '|' || c == '\t' || c == '\\' || c == '\n' || c == '.' {
			k++
			continue
		}
		if c >= utf8.RuneSelf {
			// dashes, bullets, no-break spaces between the links
			if r, sz := utf8.DecodeRune(gap[k:]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				k += sz
				continue
			}
		}
		e := k
		for e < len(gap) && gap[e] != ' ' && gap[e] != ',' && gap[e] != ':' && gap[e] != '=' {
			e++
		}
		w := gap[k:e]
		wc := s.ctxOf(w)
		if wc&ctxNegW != 0 || !isUntil(w) && !isCodeWord(w) && wc&(phraseCtx&^ctxNegW) == 0 && !isAnd(w) {
			return false
		}
		if wc&phraseCtx == ctxFillW || isAnd(w) {
			fill++ // "12/27, and the code is 123": fillers count half
		} else {
			words++
		}
		k = e
	}
	return words+fill/2 <= 3
}

// isAnd reports whether w is a conjunction between the links of a chain.
func isAnd(w []byte) bool {
	switch string(w) {
	case "and", "And", "и", "И", "және", "а", "also", "plus":
		return true
	}
	return false
}

// isDateWord reports whether w is "date" ("exp. date", "expiry date",
// "дата окончания" reads the other way and is a label of its own).
func isDateWord(w []byte) bool {
	if len(w) < 3 || len(w) > 20 {
		return false
	}
	var buf [24]byte
	switch string(lowerInto(buf[:0], w)) {
	case "date", "дата", "күні":
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

func validMonth(mm []byte) bool {
	if len(mm) != 2 {
		return false
	}
	m := int(mm[0]-'0')*10 + int(mm[1]-'0')
	return m >= 1 && m <= 12
}
