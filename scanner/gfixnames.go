package scanner

// writerPhrase reports whether the word w (starting at ws in g) ends a
// Kazakh phrase that introduces a letter's writer: "Жазып отырған …"
// ("the one writing is …"), "Хат жазып отырған …". The participle alone
// is an ordinary word; the converb of writing before it makes it an
// introduction.
func (s *Scanner) writerPhrase(g *seg, w []byte, ws int) bool {
	var buf [32]byte
	if len(w) != len("отырған") || string(lowerInto(buf[:0], w)) != "отырған" {
		return false
	}
	w2, _, ok := prevWord(g.text, ws, g.lo)
	if !ok || len(w2) > 16 {
		return false
	}
	switch string(lowerInto(buf[:0], w2)) {
	case "жазып", "хабарласып", "жүгініп":
		return true
	}
	return false
}

// kazakhParticipleEnds are the Kazakh participle endings (-ған, -ген,
// -қан, -кен) that mark a word as a verb form (verbEnds) but that many
// Kazakh given names, and so the surnames made from them, end with too:
// Өтеген, Төлеген, Тілеген, Жолдасқан.
var kazakhParticipleEnds = []string{"ған", "ген", "қан", "кен"}

// kazakhSurnameBefore widens an accepted given name and patronymic
// [a,b] (word indexes of ws) by the capitalised word right before it
// when that word is unknown but for a Kazakh participle ending: a
// Kazakh surname written first without a Russian ending ("Өтеген Жандос
// Қайратұлы"). A Russian verb ending, a listed name or a word that is
// never a name is not taken.
func (s *Scanner) kazakhSurnameBefore(t []byte, ws [][2]int, fl []uint8, a, b int) int {
	if a == 0 || b != a+1 {
		return a
	}
	f := fl[a-1]
	if f&wCommon == 0 || f&(wGiven|wSurname|wPatronymic|wNot) != 0 {
		return a
	}
	if fl[a]&wGiven == 0 || fl[b]&wPatronymic == 0 {
		return a
	}
	w := t[ws[a-1][0]:ws[a-1][1]]
	if len(w) > 40 {
		return a
	}
	var buf [48]byte
	lw := lowerInto(buf[:0], w)
	for _, e := range kazakhParticipleEnds {
		if hasSuffixStr(lw, e) && len(lw) >= len(e)+4 {
			return a - 1
		}
	}
	return a
}

// nameLangTags are the language and script tags a key may end with
// after its noun: full_name_kk, name_ru, fio_lat.
var nameLangTags = []string{"kk", "kz", "ru", "en", "lat", "cyr", "latin", "local"}

// langTagged reports whether the key w is noun followed by a separator
// and a language or script tag ("full_name_kk", "holderName_lat").
func langTagged(w []byte, noun string) bool {
	for _, tag := range nameLangTags {
		n := len(noun) + 1 + len(tag)
		if len(w) < n || !hasSuffixFold(w, tag) {
			continue
		}
		sep := w[len(w)-len(tag)-1]
		if (sep == '_' || sep == '-' || sep == '.') && hasSuffixFold(w[:len(w)-len(tag)-1], noun) {
			return true
		}
	}
	return false
}
