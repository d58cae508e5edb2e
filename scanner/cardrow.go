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
