package scanner

// callLightVerb reports whether the two words before a number (lw the
// nearer) are a Kazakh call verb with its light verb: "қоңырау шалыңыз",
// "қоңырау шалу", "қоңырау шалып".
func callLightVerb(lw, lw2 string) bool {
	return hasAnyPrefix(lw, []string{"шал"}) && hasAnyPrefix(lw2, []string{"қоңырау"})
}

// numberChange are the adjectives of a changed number: "старый 8701…,
// новый 8702…", "old …, new …", "ескі …, жаңа …".
var numberChange = map[string]bool{
	"старый": true, "новый": true, "прежний": true, "old": true, "new": true, "previous": true,
	"ескі": true, "жаңа": true, "бұрынғы": true,
}

// numberNounBefore reports whether a "number" noun stands among the few
// words before ws in the same clause ("смена номера: старый …, новый
// …"), past other numbers and their adjectives, and no other noun owns
// it.
func (s *Scanner) numberNounBefore(t []byte, ws, lo int) bool {
	p := ws
	var buf [64]byte
	for n := 0; n < 4; n++ {
		if p > lo && (t[p-1] == '.' || t[p-1] == '!' || t[p-1] == '?') {
			return false // another sentence
		}
		w, start, ok := prevWord(t, p, lo)
		if !ok || len(w) > 32 {
			return false
		}
		if allDigits(w) || numberChange[string(lowerInto(buf[:0], w))] {
			p = start
			continue
		}
		return hasAnyPrefix(string(lowerInto(buf[:0], w)), numberNouns) && s.ctxOf(w)&(ctxNeg|ctxNegW|ctxCard|ctxIIN|ctxCompany) == 0
	}
	return false
}
