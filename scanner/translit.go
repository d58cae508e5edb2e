package scanner

import "strings"

// cyrLatin maps lower-case Russian and Kazakh letters to their common Latin
// spellings; several entries give the variants seen in passports and e-mail
// names (Ерлан → yerlan, erlan; Жанна → zhanna).
var cyrLatin = map[rune][]string{
	'а': {"a"}, 'ә': {"a", "ae"}, 'б': {"b"}, 'в': {"v"}, 'г': {"g"}, 'ғ': {"g", "gh"}, 'д': {"d"},
	'е': {"e", "ye"}, 'ё': {"e", "yo"}, 'ж': {"zh", "j"}, 'з': {"z"}, 'и': {"i"}, 'і': {"i"}, 'й': {"y", "i"},
	'к': {"k"}, 'қ': {"k", "q"}, 'л': {"l"}, 'м': {"m"}, 'н': {"n"}, 'ң': {"n", "ng"}, 'о': {"o"}, 'ө': {"o", "oe"},
	'п': {"p"}, 'р': {"r"}, 'с': {"s"}, 'т': {"t"}, 'у': {"u"}, 'ұ': {"u"}, 'ү': {"u", "ue"}, 'ф': {"f"},
	'х': {"kh", "h"}, 'һ': {"h"}, 'ц': {"ts", "c"}, 'ч': {"ch"}, 'ш': {"sh"}, 'щ': {"shch", "sch"}, 'ъ': {""},
	'ы': {"y", "i"}, 'ь': {""}, 'э': {"e"}, 'ю': {"yu", "iu"}, 'я': {"ya", "ia"},
}

// translit returns Latin spellings of a lower-case Cyrillic word (none for a
// word that is already Latin). Variants multiply, so at most 16 are kept.
func translit(w string) []string {
	out := []string{""}
	cyr := false
	for i, r := range w {
		vs, ok := cyrLatin[r]
		if !ok {
			for k := range out {
				out[k] += string(r)
			}
			continue
		}
		cyr = true
		if r == 'е' && i > 0 {
			vs = vs[:1] // "ye" only at the start of a word
		}
		var next []string
		for _, o := range out {
			for _, v := range vs {
				if len(next) < 16 {
					next = append(next, o+v)
				}
			}
		}
		out = next
	}
	if !cyr {
		return nil
	}
	res := out[:0]
	for _, o := range out {
		if o != "" && !strings.ContainsRune(o, '\'') {
			res = append(res, o)
		}
	}
	return res
}
