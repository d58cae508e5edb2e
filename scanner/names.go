package scanner

import (
	"bufio"
	"embed"
	"hash/maphash"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tazala/tazala"
)

//go:embed lexicon/*.txt
var lexiconFS embed.FS

// word flags
const (
	wGiven         = 1 << iota // a given name from the lexicon
	wSurname                   // a surname: lexicon or surname ending
	wPatronymic                // a patronymic ending (-ович, -овна, -ұлы, -kyzy)
	wNot                       // never part of a person's name (company marker, greeting, currency)
	wStrongSurname             // a surname ending that ordinary words rarely have (-ов, -ова, -ұлы, -kyzy)
	wNameShaped                // 2–20 letters, capitalised, no digits: could be a given name
	wCommon                    // a verb's or common noun's ending (-ть, -ите, -ние, -ция, -tion): not a surname
)

var (
	lexOnce sync.Once
	lexicon map[string]uint8 // lower-cased word → wGiven | wSurname | wNot
)

func loadLexicon() {
	lexicon = make(map[string]uint8, 4096)
	read := func(file string, f uint8) {
		lexiconWords(file, func(w string) {
			lw := strings.ToLower(w)
			// the Kazakh spelling also as people type it on a Russian
			// keyboard (Нұрлан → Нурлан), then both in Latin letters
			// and a Latin name with diacritics also as typed without
			// them (Çelik → celik, Yılmaz → yilmaz)
			for _, form := range []string{lw, kazakhToRussian.Replace(lw), latinFold.Replace(lw)} {
				lexicon[form] |= f
				for _, v := range translit(form) {
					lexicon[v] |= f
				}
			}
		})
	}
	read("lexicon/given.txt", wGiven)
	read("lexicon/surnames.txt", wSurname)
	for w, c := range labelWords {
		// label words ("Клиент", "Payer", "Holder") and company markers
		// are never part of a person's name
		if c != 0 && lexicon[w]&(wGiven|wSurname) == 0 {
			lexicon[w] |= wNot
		}
	}
}

// lexiconWords calls fn for every word of the embedded lexicon file (lines
// starting with '#' are comments).
func lexiconWords(file string, fn func(w string)) {
	b, err := lexiconFS.ReadFile(file)
	if err != nil {
		panic("scanner: embedded lexicon missing: " + file)
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			fn(w)
		}
	}
}

// latinFold maps the Latin letters with diacritics of Turkish, Romance,
// German and Nordic names to the ASCII letters they are typed as.
var latinFold = strings.NewReplacer("ç", "c", "ş", "s", "ı", "i", "ğ", "g", "ö", "o", "ü", "u", "é", "e", "è", "e",
	"ê", "e", "ë", "e", "á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "í", "i", "ì", "i", "î", "i", "ï", "i",
	"ó", "o", "ò", "o", "ô", "o", "õ", "o", "ø", "o", "ú", "u", "ù", "u", "û", "u", "ñ", "n", "ß", "ss", "i̇", "i",
	// Polish and Czech letters; the macrons of the Kazakh Latin alphabet (Nūrsūltan)
	"ą", "a", "ć", "c", "ę", "e", "ł", "l", "ń", "n", "ś", "s", "ź", "z", "ż", "z", "ř", "r", "š", "s", "č", "c",
	"ž", "z", "ě", "e", "ů", "u", "ý", "y", "ň", "n", "ā", "a", "ē", "e", "ī", "i", "ō", "o", "ū", "u")

// kazLatinFold maps the letters of the Kazakh Latin alphabet written with
// a cedilla to the digraphs of the usual transliteration (Şolpan → sholpan).
var kazLatinFold = strings.NewReplacer("ş", "sh", "ç", "ch")

// accentedLatin reports whether the lower-cased word lw holds a Latin
// letter with a diacritic (U+00C0–U+017F) and no Cyrillic letter.
func accentedLatin(lw []byte) bool {
	acc := false
	for _, c := range lw {
		switch {
		case c == 0xD0 || c == 0xD1 || c == 0xD2 || c == 0xD3:
			return false
		case c >= 0xC3 && c <= 0xC5:
			acc = true
		}
	}
	return acc
}

// kazakhToRussian maps the Kazakh-only letters to the Russian ones they are
// typed as.
var kazakhToRussian = strings.NewReplacer("ә", "а", "ғ", "г", "қ", "к", "ң", "н", "ө", "о", "ұ", "у", "ү", "у", "һ", "х", "і", "и")

var patronymicEnds = []string{
	"ович", "евич", "ьич", "овна", "евна", "ична", "инична", "ұлы", "улы", "қызы", "кызы",
	"ovich", "evich", "ovna", "evna", "ichna", "uly", "ulu", "kyzy", "qyzy", "kizi",
}

var surnameEnds = []string{
	"ов", "ова", "ев", "ева", "ёв", "ёва", "ин", "ина", "ын", "ына", "ский", "ская", "цкий", "цкая", "енко", "ук", "юк",
	"ян", "янц", "дзе", "швили", "баев", "баева", "бекова", "беков", "ұлы", "қызы", "улы", "кызы", "их", "ых", "бай", "бек",
	"ov", "ova", "ev", "eva", "yev", "yeva", "in", "ina", "yn", "yna", "sky", "skiy", "skii", "skaya", "enko", "uk",
	"yuk", "chuk", "yan", "dze", "shvili", "uly", "kyzy", "qyzy", "bai", "bay", "bek",
	// Kazakh surnames that are an ancestor's compound name, unchanged
	// (-ахмет, -мбет, -қали/-ғали: Нұрахмет, Жұмағали), and Russian
	// surnames in -ых/-их written in Latin letters (Belykh, Sedykh)
	"хмет", "ахмед", "мбет", "қали", "кали", "ғали", "гали", "khmet", "akhmed", "mbet", "kali", "gali", "qali", "ghali",
	"ykh", "ikh", "skaia", "tskaia",
}

// wordFlags classifies one capitalised word. Results are memoised per
// Scanner under a seeded hash of the word, so the cache never holds the
// word itself.
func (s *Scanner) wordFlags(w []byte) uint8 {
	h := maphash.Bytes(s.seed, w)
	if f, ok := s.wcache.get(h); ok {
		return uint8(f)
	}
	f := s.classifyWord(w)
	s.wcache.put(h, uint32(f))
	return f
}

const maxWordCache = 1 << 16

func (s *Scanner) classifyWord(w []byte) uint8 {
	lexOnce.Do(loadLexicon)
	s.wbuf = lowerInto(s.wbuf[:0], w)
	lw := s.wbuf
	f, ok := lexicon[string(lw)]
	if !ok {
		if r := kazakhToRussian.Replace(string(lw)); r != string(lw) {
			f = lexicon[r]
		}
	}
	if !ok && accentedLatin(lw) && !mixedScript(lw) {
		// "Nūrsūltan", "Erlanūly", "Zieliński": read as typed without the
		// diacritics, for the lexicon and the endings alike
		folded := latinFold.Replace(string(lw))
		f, ok = lexicon[folded]
		if !ok {
			f = lexicon[latinFold.Replace(kazLatinFold.Replace(string(lw)))]
		}
		s.wbuf = append(s.wbuf[:0], folded...)
		lw = s.wbuf
	}
	if f&wNot != 0 || mixedScript(lw) || f&(wGiven|wSurname) == 0 && commonWord(lw) {
		return wNot // commonWord: "Сервис", "Шлюз", "Платёжный" (commonwords.go)
	}
	if utf8.RuneCount(lw) < 4 {
		return f
	}
	if verbSet.match(lw) {
		f |= wCommon
	}
	if patronymicSet.match(lw) {
		f |= wPatronymic
	}
	// surname endings count for given names too: Kazakh names such as
	// Серікбай or Алибек are given names and surnames alike
	if surnameSet.match(lw) {
		f |= wSurname
	}
	if f&wGiven == 0 && strongSurnameSet.match(lw) {
		f |= wSurname | wStrongSurname
	}
	return f
}

// verbEnds are Russian and Kazakh verb endings (infinitive, reflexive,
// imperative, past) and English ones, and endings of abstract and
// collective nouns (Отделение, Организация, Управление, Басқарма's
// -лық, Department), which surnames and given names do not have.
var verbEnds = []string{
	"ть", "ться", "ся", "сь", "ите", "йте", "ала", "ила", "ыла", "ела", "ало", "ило", "ды", "ді", "ты", "ті",
	"ған", "ген", "қан", "кен", "ңыз", "ңіз", "ing", "ed",
	"ние", "ция", "ство", "ость", "лық", "лік", "дық", "дік", "тық", "тік",
	"tion", "ment", "ness", "ship", "ity",
}

// strongSurnameEnds are endings of surnames that ordinary capitalised words
// (sentence starts, product and place names) almost never have.
var strongSurnameEnds = []string{
	"ов", "ова", "ев", "ева", "ёв", "ёва", "ская", "ский", "цкая", "цкий", "баев", "баева", "ұлы", "қызы",
	"ov", "ova", "ev", "eva", "yev", "yeva", "skaya", "skaia", "skiy", "skii", "uly", "kyzy", "qyzy",
	"енко", "enko", "швили", "shvili", "дзе", "dze",
}

// suffixSet indexes endings by their last byte, so a word is compared
// only with the endings that end like it.
type suffixSet [256][]string

func newSuffixSet(ends []string) *suffixSet {
	var set suffixSet
	for _, e := range ends {
		set[e[len(e)-1]] = append(set[e[len(e)-1]], e)
	}
	return &set
}

// match reports whether w ends with one of the set's endings.
func (set *suffixSet) match(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	for _, e := range set[w[len(w)-1]] {
		if hasSuffixStr(w, e) {
			return true
		}
	}
	return false
}

var (
	patronymicSet    = newSuffixSet(patronymicEnds)
	surnameSet       = newSuffixSet(surnameEnds)
	strongSurnameSet = newSuffixSet(strongSurnameEnds)
	verbSet          = newSuffixSet(verbEnds)
)

func hasSuffixStr(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s
}

// isLetterAt decodes the rune at t[i]; it reports whether it is a letter,
// whether it is upper case, and its size.
func letterAt(t []byte, i int) (letter, upper bool, n int) {
	c := t[i]
	if c < utf8.RuneSelf {
		if c >= 'A' && c <= 'Z' {
			return true, true, 1
		}
		return c >= 'a' && c <= 'z', false, 1
	}
	// fast path for basic Cyrillic: D0 80..BF, D1 80..BF
	if (c == 0xD0 || c == 0xD1) && i+1 < len(t) && t[i+1] >= 0x80 && t[i+1] <= 0xBF {
		return true, c == 0xD0 && t[i+1] <= 0xAF, 2
	}
	r, n := utf8.DecodeRune(t[i:])
	return unicode.IsLetter(r), unicode.IsUpper(r), n
}

// letterStep is 1 for an ASCII letter and 2 for a lead byte of basic
// Cyrillic (D0, D1): wordEnd's fast paths.
var letterStep = func() (t [256]uint8) {
	for c := range 256 {
		if isASCIILetter(byte(c)) {
			t[c] = 1
		}
	}
	t[0xD0], t[0xD1] = 2, 2
	return
}()

// wordEnd returns the end of the word starting at i (letters, with single
// inner hyphens or apostrophes).
func wordEnd(t []byte, i int) int {
	for i < len(t) {
		// fast paths: ASCII letters, basic Cyrillic (D0/D1 80..BF), by table
		if st := letterStep[t[i]]; st == 1 {
			i++
			continue
		} else if st == 2 && i+1 < len(t) && t[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		l, _, n := letterAt(t, i)
		if l {
			i += n
			continue
		}
		if (t[i] == '-' || t[i] == '\'') && i+1 < len(t) {
			if l2, _, _ := letterAt(t, i+1); l2 {
				i++
				continue
			}
		}
		break
	}
	return i
}

const maxNameWords = 4

// nameTail classes the ASCII bytes name's fast path reads a word over:
// letters and digits (not '_').
var nameTail = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case isASCIILetter(byte(c)):
			t[c] = tailLetter
		case isDigit(byte(c)):
			t[c] = tailDigit
		}
	}
	return
}()

const (
	tailLetter = 1 << iota
	tailDigit
)

// name handles a capital letter at t[i]: a sequence of 2–4 capitalised
// words that the lexicon, the endings and the label before it accept as a
// person's full name. It returns the index to continue from.
func (s *Scanner) name(g *seg, i int) int {
	t := g.text
	// fast path: an ASCII word not followed by " " and a capital cannot
	// start a multi-word name ("INFO", "KZT", "Hello,")
	e0 := -1 // the end of the first word, when the fast path read it whole
	if t[i] < 0x80 {
		j := i + 1
		var seen uint8
		for j < len(t) && nameTail[t[j]] != 0 {
			seen |= nameTail[t[j]]
			j++
		}
		if seen&tailDigit == 0 && formSep(g, i, j) > 0 {
			e0 = j // "cardholder=IVAN+PETROV": '+' for a blank in a form body
		} else if j < len(t) && t[j] < 0x80 && t[j] != ' ' && t[j] != '-' && t[j] != '\'' && t[j] != '_' {
			if seen&tailDigit == 0 && isFieldDelim(t[j]) && fieldStart(g, i) {
				// a field holding a word ("N22315793" is a document's id)
				s.namePart(g, i, j)
			}
			return j
		}
		if j+1 < len(t) && t[j] == ' ' && !isUpperStart(t, j+1) {
			if seen&tailDigit == 0 && ((t[j+1] == ' ' && columnWord(g, i, j)) || (i > g.lo && t[i-1] == '=' && fieldEnd(g, j))) {
				// a column of a fixed-width row; "lname=Ivanova fname=…"
				s.namePart(g, i, j)
			}
			return j
		}
		if seen&tailDigit == 0 && j < len(t) && t[j] == ' ' {
			e0 = j // letters up to a blank: what wordEnd(t, i) returns
		}
	}
	if i > g.lo {
		if p := t[i-1]; isDigit(p) || isASCIILetter(p) || p == '_' {
			return wordEnd(t, i)
		}
		if t[i-1] >= 0x80 {
			if r, _ := utf8.DecodeLastRune(t[g.lo:i]); unicode.IsLetter(r) {
				return wordEnd(t, i)
			}
		}
	}
	var ws [maxNameWords][2]int
	nw := 0
	j := i
	joined := false // words joined by '+' or "%20" in a form-encoded value
	for nw < maxNameWords {
		var e int
		if nw == 0 && e0 >= 0 {
			e = e0
		} else {
			e = wordEnd(t, j)
		}
		if e == j || (nw > 0 && keyAhead(t, e)) {
			break // a key of the next key=value pair is not part of a name
		}
		if nw > 0 && oneLetter(t, j, e) {
			break // "Ivanov A": an initial is not a name word
		}
		ws[nw] = [2]int{j, e}
		nw++
		if n := formSep(g, i, e); n > 0 {
			joined = true
			j = e + n
			continue
		}
		if e+1 >= len(t) || t[e] != ' ' {
			break
		}
		if _, up, _ := letterAt(t, e+1); !up {
			break
		}
		j = e + 1
	}
	if nw < 2 {
		if nw == 0 {
			return i + 1
		}
		if e := ws[0][1]; (fieldStart(g, i) && fieldEnd(g, e)) || columnWord(g, i, e) {
			s.namePart(g, i, e)
		}
		return ws[0][1]
	}
	end := ws[nw-1][1]
	// a word glued to digits or letters after it is an identifier
	if end < len(t) && (isDigit(t[end]) || t[end] == '_') {
		return end
	}
	lc := s.nameLabel(g, i)
	var fl [maxNameWords]uint8
	for k := 0; k < nw; k++ {
		fl[k] = s.wordFlags(t[ws[k][0]:ws[k][1]])
	}
	if lc&(ctxNameStrong|ctxCompany) == 0 && nw <= 3 && s.headerNameColumn(g, i, end) {
		// a table row's holder column (headercol.go)
		if noNot(fl[:nw]) {
			s.emit(g, tazala.KindName, i, end, "person_name", 0.9)
			return end
		}
	}
	// the whole value of a name field: "full_name":"Попова Ирина Николаевна"
	whole := wholeIn(g, i, end) || (joined && (end == len(t) || t[end] == '&'))
	if lc&ctxNameStrong != 0 && lc&ctxCompany == 0 && whole {
		ok := true
		for k := 0; k < nw; k++ {
			if fl[k]&wNot != 0 {
				ok = false
			}
		}
		if ok {
			s.emit(g, tazala.KindName, i, end, "person_name", 0.9)
			return end
		}
	}
	weak := (lc&ctxNameWeak != 0 && lc&ctxCompany == 0 && whole) || displayName(t, end)
	soft := lc&ctxNameSoft != 0
	// first look for a window of words the lexicon or the endings all know,
	// then allow one unknown word: "Обращается Ибраева Аяжан Сериковна" is
	// the three known words, not the capitalised verb before them
	for pass := 0; pass < 2; pass++ {
		intro := lc&(ctxNameIntro|ctxNameStrong) != 0
		for a := 0; a+1 < nw; a++ {
			for b := nw - 1; b > a; b-- {
				if pass == 0 && hasUnknown(fl[a:b+1]) {
					continue
				}
				if acceptName(fl[a:b+1], intro && a == 0, (weak && a == 0 && b == nw-1) || (soft && a == 0)) {
					a, b = surnameBeside(fl[:nw], a, b)
					a = s.kazakhSurnameBefore(t, ws[:nw], fl[:nw], a, b)
					if placeAfter(t, ws[b][1]) || placeBefore(g, ws[a][0]) {
						// "Ахмет Байтұрсынұлы көшесі": a street named after a person
						return ws[b][1]
					}
					s.emit(g, tazala.KindName, ws[a][0], ws[b][1], "person_name", 0.85)
					return ws[b][1]
				}
			}
			// a label word inside the sequence introduces the words after it:
			// "Клиент Жумабаев Ерасыл", "Holder GULNAZ AKHMETOVA"
			intro = fl[a]&wNot != 0 && s.ctxOf(t[ws[a][0]:ws[a][1]])&(ctxNameIntro|ctxNameStrong) != 0
		}
	}
	if a, ok := givenPair(fl[:nw]); ok && wordShape(t[ws[a][0]:ws[a][1]]) == wordShape(t[ws[a+1][0]:ws[a+1][1]]) &&
		!placeAfter(t, ws[a+1][1]) && !placeBefore(g, ws[a][0]) && !placeNoun(t[ws[a+1][0]:ws[a+1][1]]) {
		// "Азамат Оразалы", "Anna Kowalska", "Я Данияр Толеген": a given
		// name beside a word nothing knows, written alike (a surname
		// without an ending) is a name only in a record that holds other
		// personal data
		n := len(s.out)
		s.emit(g, tazala.KindName, ws[a][0], ws[a+1][1], "person_name", 0.7)
		if len(s.out) > n {
			s.markWeak()
		}
		return ws[a+1][1]
	}
	return ws[0][1]
}

// givenPair finds, in a window of capitalised words' flags, two
// neighbours that givenBesideUnknownWord accepts while every other word
// of the window is never part of a name ("Я", "Hello"); it returns the
// first one's index.
func givenPair(fl []uint8) (int, bool) {
	found := -1
	for k := 0; k+1 < len(fl); k++ {
		if givenBesideUnknownWord(fl[k], fl[k+1]) {
			found = k
			break
		}
	}
	if found < 0 {
		return 0, false
	}
	for k, f := range fl {
		if (k < found || k > found+1) && f&wNot == 0 {
			return 0, false
		}
	}
	return found, true
}

// givenBesideUnknownWord reports whether two words' flags are a given name
// and a word the lexicon, the endings and the common nouns do not know
// (or a second given name: Kazakh surnames are often a father's given
// name, "Данияр Толеген"), in either order.
func givenBesideUnknownWord(f0, f1 uint8) bool {
	const known = wGiven | wSurname | wPatronymic | wNot | wCommon
	given := func(f uint8) bool { return f&wGiven != 0 && f&wNot == 0 } // the lexicon wins over a common ending ("Төлеген")
	unknown := func(f uint8) bool { return f&known == 0 }
	return given(f0) && (unknown(f1) || given(f1)) || unknown(f0) && given(f1)
}

// columnWord reports whether the word [a,e) of g is the whole value of a
// column of a fixed-width row: padded with two blanks or more after it or
// before it, a blank, a tab or the line's edge on its other side. Such a word is
// a name-part candidate like a CSV field, judged with its neighbours
// ("ИВАНОВ      СЕРГЕЙ      ПЕТРОВИЧ").
func columnWord(g *seg, a, e int) bool {
	t := g.text
	after := e == len(t) || t[e] == '\t' || (t[e] == ' ' && (e+1 == len(t) || t[e+1] == ' ' || t[e+1] == '\t'))
	before := a == g.lo || t[a-1] == '\t' || t[a-1] == ' '
	if !after || !before {
		return false
	}
	padAfter := e+1 < len(t) && t[e] == ' ' && t[e+1] == ' '
	padBefore := a-2 >= g.lo && t[a-1] == ' ' && t[a-2] == ' '
	if !padAfter && !padBefore {
		return false
	}
	for k := a; k < e; k++ {
		if t[k] < 0x80 && !isASCIILetter(t[k]) && t[k] != '-' && t[k] != '\'' {
			return false
		}
	}
	return true
}

// surnameBeside widens an accepted given name and patronymic [a,b] by
// the capitalised word right before or after it that neither the lexicon
// nor the endings know: a surname without a Russian-style ending
// ("Бекет Назерке Сериковна", "Серік Оралханович Әміре"). Names are
// written surname first or last beside a patronymic, so the word before
// is taken first. A word that looks like a verb is not taken.
func surnameBeside(fl []uint8, a, b int) (int, int) {
	if b != a+1 {
		return a, b
	}
	var given, pat bool
	for _, f := range fl[a : b+1] {
		given = given || f&wGiven != 0
		pat = pat || f&wPatronymic != 0
	}
	if !given || !pat {
		return a, b
	}
	if a > 0 && fl[a-1]&(wGiven|wSurname|wPatronymic|wNot|wCommon) == 0 {
		return a - 1, b
	}
	if b+1 < len(fl) && fl[b+1]&(wGiven|wSurname|wPatronymic|wNot|wCommon) == 0 {
		return a, b + 1
	}
	return a, b
}

// placeNouns are the words that, right after a name, make it the name of
// a street, square or village named after a person (Kazakh writes them
// after the name: "Абай даңғылы", "Сәтбаев көшесі"), as stems.
var placeNouns = []string{
	"көше", "даңғыл", "бульвар", "алаң", "ауыл", "аудан", "тұйық", "шағын", "атында", "гүлзар", "саябақ",
	"street", "st", "str", "avenue", "ave", "road", "rd", "boulevard", "blvd", "square", "lane", "prospekt", "prospect",
	"kosh", "koshe", "dangyl", "dangyly",
}

// placeAfter reports whether the word after a name ending at e is a place
// noun.
func placeAfter(t []byte, e int) bool {
	if e+1 >= len(t) || t[e] != ' ' {
		return false
	}
	we := wordEnd(t, e+1)
	if we == e+1 || we-e > 48 {
		return false
	}
	return placeNoun(t[e+1 : we])
}

// placeNoun reports whether the word w is a place noun ("Abai Avenue":
// the given name names the avenue).
func placeNoun(word []byte) bool {
	if len(word) > 47 {
		return false
	}
	var buf [96]byte
	w := string(lowerInto(buf[:0], word))
	for _, p := range placeNouns {
		if len(w) >= len(p) && w[:len(p)] == p && (len(p) > 3 || len(w) == len(p)) {
			return true
		}
	}
	return false
}

// streetWords are the words (and abbreviations, with or without their
// dot) that Russian and English addresses put before a street named after
// a person: "ул. Абая", "проспект Абая Кунанбаева".
var streetWords = map[string]bool{
	"ул": true, "улица": true, "улице": true, "улицы": true, "улицу": true, "пр": true, "пр-т": true,
	"пр-кт": true, "просп": true, "проспект": true, "проспекте": true, "проспекта": true, "мкр": true,
	"микрорайон": true, "бульвар": true, "б-р": true, "бул": true, "пер": true, "переулок": true,
	"шоссе": true, "площадь": true, "пл": true, "наб": true, "набережная": true, "тупик": true,
	"аллея": true, "трасса": true, "көш": true, "даңғ": true, "st": true, "str": true, "ave": true,
	"street": true, "avenue": true, "blvd": true, "rd": true,
}

// placeBefore reports whether a street word stands right before the name
// at a.
func placeBefore(g *seg, a int) bool {
	t := g.text
	k := a
	for k > g.lo && t[k-1] == ' ' {
		k--
	}
	if k > g.lo && t[k-1] == '.' {
		k--
	}
	if k == a {
		return false
	}
	w, _, ok := prevWord(t, k, g.lo)
	if !ok || len(w) > 24 {
		return false
	}
	var buf [48]byte
	return streetWords[string(lowerInto(buf[:0], w))]
}

// displayName reports whether a name ending at e is the display name of
// a mail address: `Name Surname <addr@host>`, `"Name Surname" <addr@host>`.
func displayName(t []byte, e int) bool {
	if e < len(t) && t[e] == '"' {
		e++
	}
	if e+2 >= len(t) || t[e] != ' ' || t[e+1] != '<' {
		return false
	}
	for k := e + 2; k < len(t) && k-e < 130; k++ {
		switch t[k] {
		case '@':
			return true
		case '>', ' ', '"', ',':
			return false
		}
	}
	return false
}

// latinUpper reports whether the 2-byte UTF-8 sequence c0 c1 (lead byte
// C3–C5: Latin-1 Supplement and Latin Extended-A) is a capital letter.
func latinUpper(c0, c1 byte) bool {
	return c1 >= 0x80 && c1 <= 0xBF && unicode.IsUpper(rune(c0&0x1F)<<6|rune(c1&0x3F))
}

// hasUnknown reports whether a word of fl is neither a given name, a
// surname nor a patronymic (nor a word that never is a name).
func hasUnknown(fl []uint8) bool {
	for _, f := range fl {
		if f&(wGiven|wSurname|wPatronymic|wNot) == 0 {
			return true
		}
	}
	return false
}

// nameLabel returns the hints before a name candidate at i, looking through
// "my name is" to "name".
func (s *Scanner) nameLabel(g *seg, i int) ctx {
	if i > g.lo {
		if p := g.text[i-1]; p == '\n' || p == '\r' || p == '>' {
			if c := s.signoffBefore(g, i); c != 0 {
				return c
			}
		}
	}
	w, ws, ok := prevWord(g.text, i, g.lo)
	if !ok {
		if g.key != 0 {
			return g.key
		}
		return 0
	}
	if n, ok := fieldNameAttr(g, w, ws); ok {
		return s.ctxOf(n) // <field name="card-holder" value="…"/>
	}
	c := s.ctxOf(w)
	if c == 0 && s.writerPhrase(g, w, ws) {
		return ctxNameIntro // "Жазып отырған Ержан Ысқақ" (gfixnames.go)
	}
	if len(w) == 2 && (w[0]|0x20) == 'a' && (w[1]|0x20) == 'm' {
		if w2, _, ok := prevWord(g.text, ws, g.lo); ok && len(w2) == 1 && w2[0]|0x20 == 'i' {
			return ctxNameSoft // "I am"
		}
	}
	if len(w) == 2 && (w[0]|0x20) == 'i' && (w[1]|0x20) == 's' {
		if w2, _, ok := prevWord(g.text, ws, g.lo); ok {
			if s.ctxOf(w2)&ctxNameWeak != 0 {
				return ctxNameIntro // "my name is"
			}
			if string(lowerInto(nil, w2)) == "this" {
				return ctxNameSoft // "this is"
			}
		}
	}
	if c&ctxNameWeak != 0 && (len(w) == 6 || len(w) == 4) && ws+len(w) < len(g.text) && g.text[ws+len(w)] == ' ' {
		// "моё имя", "my name": a possessive before the name noun
		if w2, _, ok := prevWord(g.text, ws, g.lo); ok && len(w2) <= 10 {
			var buf [16]byte
			switch string(lowerInto(buf[:0], w2)) {
			case "моё", "мое", "my":
				return ctxNameIntro
			}
		}
	}
	// weak label words ("name", "user") only count as a JSON key or with ':' / '='
	if c&ctxNameWeak != 0 && c&ctxNameStrong == 0 {
		k := ws + len(w)
		if k < len(g.text) && (g.text[k] == '"' || g.text[k] == ':' || g.text[k] == '=') {
			return c
		}
		return c &^ ctxNameWeak
	}
	return c
}

// signoffBefore returns ctxNameIntro when the line before the name at i
// ends with a sign-off or an introduction ("Regards,\nName",
// "С уважением,<br>Name"): a name on a line of its own after it.
func (s *Scanner) signoffBefore(g *seg, i int) ctx {
	t := g.text
	k := i
	nl := false
	for k > g.lo && i-k < 16 {
		switch c := t[k-1]; {
		case c == '\n' || c == '\r':
			nl = true
			k--
		case c == ' ' || c == '\t':
			k--
		case c == '>' && lineTagBefore(t, k, g.lo) > 0:
			nl = true
			k -= lineTagBefore(t, k, g.lo)
		default:
			if !nl {
				return 0
			}
			if w, _, ok := prevWord(t, k, g.lo); ok && s.ctxOf(w)&ctxNameIntro != 0 {
				return ctxNameIntro
			}
			return 0
		}
	}
	return 0
}

// lineTagBefore returns the length of an HTML line break ending at k
// (<br>, <br/>, <br />, <p>), or 0.
func lineTagBefore(t []byte, k, lo int) int {
	for _, tag := range [...]string{"<br>", "<br/>", "<br />", "<p>"} {
		if k-len(tag) >= lo && string(t[k-len(tag):k]) == tag {
			return len(tag)
		}
	}
	return 0
}

// wholeIn is wholeValue in g, where a decoded JSON string (escaped in the
// record) starts at g.lo with no quote before it.
func wholeIn(g *seg, a, b int) bool {
	if g.off != nil && a == g.lo {
		return wholeEnd(g.text, b)
	}
	return wholeValue(g.text, a, b)
}

// wholeValue reports whether [a,b) is the whole content of a JSON or
// key=value string: a quote or start before, a quote, end or separator after.
func wholeValue(t []byte, a, b int) bool {
	if a == 0 || b > len(t) {
		return false
	}
	p := t[a-1]
	if p != '"' && p != '=' && p != ':' && p != '\'' {
		return false
	}
	return wholeEnd(t, b)
}

// wholeEnd reports whether a value ends at b: the end, a quote or a
// separator after it.
func wholeEnd(t []byte, b int) bool {
	if b >= len(t) {
		return b == len(t)
	}
	switch t[b] {
	case '"', '\'', ',', '\t', ';':
		return true
	case ' ':
		return b+1 < len(t) && !isUpperStart(t, b+1)
	}
	return false
}

func isUpperStart(t []byte, i int) bool {
	_, up, _ := letterAt(t, i)
	return up
}

// acceptName decides whether a window of capitalised words is a full name.
func acceptName(fl []uint8, intro, weak bool) bool {
	var given, sur, pat, unk, strong, common int
	for _, f := range fl {
		if f&wStrongSurname != 0 {
			strong++
		}
		if f&wCommon != 0 {
			common++
		}
		switch {
		case f&wNot != 0:
			return false
		case f&wGiven != 0:
			given++
		case f&wPatronymic != 0:
			pat++
		case f&wSurname != 0:
			sur++
		default:
			unk++
		}
	}
	n := len(fl)
	if n > 3 {
		return false
	}
	switch {
	case intro && n >= 2:
		return true
	case given >= 1 && pat >= 1 && unk <= 1:
		return true
	case given >= 1 && sur >= 1 && unk == 0:
		return true
	case given >= 2 && unk == 0 && anySurname(fl):
		// "Ким Марина": a word that is both a given name and a surname
		return true
	case weak && given+sur+pat >= 1 && unk <= 1:
		return true
	case n == 3 && sur >= 1 && pat >= 1 && unk <= 1:
		return true
	case n == 2 && strong == 1 && unk == 1 && common == 0:
		// "Жумабаев Ерасыл": a strong surname ending beside an unknown
		// capitalised word that looks like a given name
		return true
	}
	return false
}

func anySurname(fl []uint8) bool {
	for _, f := range fl {
		if f&wSurname != 0 {
			return true
		}
	}
	return false
}

// keyAhead reports whether the word ending at e is (the first part of) the
// key of a key=value pair: "ИИН_клиента=", "card.no=".
func keyAhead(t []byte, e int) bool {
	k := e
	for k < len(t) && k-e < 64 && (t[k] == '_' || t[k] == '-' || t[k] == '.' || isASCIILetter(t[k]) || isDigit(t[k]) || t[k] >= 0x80) {
		k++
	}
	return k < len(t) && t[k] == '='
}

// mixedScript reports whether w mixes Cyrillic letters with Latin letters
// outside ASCII ("ЀĀĀОВ"): no name is spelt so. (ASCII Latin letters in a
// Cyrillic word are kept: they are look-alikes typed in the other layout.)
func mixedScript(w []byte) bool {
	cyr, lat := false, false
	for _, r := range string(w) {
		switch {
		case r < 0x80:
		case unicode.Is(unicode.Cyrillic, r):
			cyr = true
		case unicode.Is(unicode.Latin, r):
			lat = true
		}
	}
	return cyr && lat
}

// oneLetter reports whether the word t[a:e] is a single letter (one byte,
// or one two-byte Cyrillic letter).
func oneLetter(t []byte, a, e int) bool {
	return e-a == 1 || e-a == 2 && t[a] >= 0xC0
}

// formSep returns the width of a blank written as a URL's form body
// writes it ('+' or "%20") at e, between two capitalised words of a
// value that began after '=' at or before the name's first word a
// ("cardholder=IVAN+PETROV&…"), or 0.
func formSep(g *seg, a, e int) int {
	t := g.text
	if e >= len(t) || a <= g.lo || a > e {
		return 0
	}
	var n int
	switch {
	case t[e] == '+':
		n = 1
	case t[e] == '%' && e+2 < len(t) && t[e+1] == '2' && t[e+2] == '0':
		n = 3
	default:
		return 0
	}
	if e+n >= len(t) || !isUpperStart(t, e+n) {
		return 0
	}
	if t[a-1] != '=' {
		return 0 // the value began after '='
	}
	return n
}
