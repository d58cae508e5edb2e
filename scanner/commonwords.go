package scanner

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Common nouns and adjectives (lexicon/common.txt): words of product,
// team and system names, ops messages, months and cities that are not
// given names or surnames. A capitalised word among them is not part of a
// person's name ("Сервис Выплат", "Платёжный Шлюз", "Служба Лимитов",
// "Payout Engine") unless the name lexicon knows it (classifyWord checks
// that first): the words that are names as well as nouns (Арман, Роза,
// June) stay names.

var (
	commonOnce  sync.Once
	commonExact map[string]bool // whole lower-cased words
	commonStems map[string]bool // stems that take an ending from commonEndings
	commonKeys  map[uint32]bool // the first three bytes of every entry: a quick no
)

// commonEndings are the endings a stem of lexicon/common.txt takes:
// Russian noun and adjective case endings, Kazakh plural, possessive and
// case suffixes, English plurals. The suffixes that form surnames (-ов,
// -ев, -ин, -ский) are not among them, even where they are a genitive
// plural too ("Быстров", "Четвергов" are surnames): the genitive plurals
// that ops messages use are listed whole ("Лимитов", "Сбоев").
var commonEndings = func() map[string]bool {
	m := map[string]bool{"": true}
	for _, e := range strings.Fields(`а я у ю о е и ы ь й ом ем ём ой ей ою ею ам ям ами ями ах ях ью ьи ьей ьям ьями ьях
		ый ий ая яя ое ее ые ие ого его ому ему ых их ым им ыми ими ую юю
		ы і сы сі ның нің дың дің тың тің ға ге қа ке на не да де та те дан ден тан тен нан нен
		лар лер дар дер тар тер лары лері дары дері тары тері ларда лерде мен бен пен ын ін н ы
		s es`) {
		m[e] = true
	}
	return m
}()

func loadCommon() {
	commonExact = make(map[string]bool, 512)
	commonStems = make(map[string]bool, 512)
	commonKeys = make(map[uint32]bool, 512)
	lexiconWords("lexicon/common.txt", func(w string) {
		w = strings.ReplaceAll(strings.ToLower(w), "ё", "е")
		if stem, ok := strings.CutSuffix(w, "*"); ok && utf8.RuneCountInString(stem) >= 4 {
			commonStems[stem] = true
		} else {
			w = strings.TrimSuffix(w, "*")
			commonExact[w] = true
		}
		if len(w) >= 3 {
			commonKeys[key3([]byte(w))] = true
		}
	})
}

// commonWord reports whether the lower-cased word lw is a listed common
// word, or a listed stem with one of commonEndings.
func commonWord(lw []byte) bool {
	commonOnce.Do(loadCommon)
	if len(lw) < 3 {
		return commonExact[string(lw)]
	}
	var buf [64]byte
	w := lw
	if yo := strings.Index(string(lw), "ё"); yo >= 0 && len(lw) <= len(buf) {
		w = append(buf[:0], lw...)
		for i := yo; i+1 < len(w); i++ {
			if w[i] == 0xD1 && w[i+1] == 0x91 { // ё → е
				w[i], w[i+1] = 0xD0, 0xB5
			}
		}
	}
	if deverbalNoun(w) {
		return true
	}
	if !commonKeys[key3(w)] {
		return false // no entry starts so: most words stop here
	}
	if commonExact[string(w)] {
		return true
	}
	// every split with an ending of up to 12 bytes (6 Cyrillic letters)
	for k := len(w); k >= len(w)-12 && k >= 4; k-- {
		if k < len(w) && !utf8.RuneStart(w[k]) {
			continue
		}
		if commonEndings[string(w[k:])] && commonStems[string(w[:k])] {
			return true
		}
	}
	return false
}

// key3 packs the first three bytes of b (len(b) ≥ 3).
func key3(b []byte) uint32 { return uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2]) }

// deverbalEnds are Russian suffixes of abstract and deverbal nouns
// (-ация, -ение, -ание, -ость, -ство and their case forms) that no given
// name or surname has: "Деградация", "Замедление", "Доступность". The
// forms a given name shares (-ения, -ении: Ксения, Евгении) are left out.
var deverbalEnds = []string{
	"ация", "ации", "ацию", "ацией", "яция", "яции", "ение", "ением", "ание", "анием", "ость", "ости", "остью",
	"ство", "ства", "ству", "ством", "стве",
}

// deverbalNoun reports whether the lower-cased word w has a deverbal
// noun suffix after a stem of three letters or more.
func deverbalNoun(w []byte) bool {
	if len(w) < 12 || w[len(w)-1] < 0x80 {
		return false // shorter than 6 Cyrillic letters, or not Cyrillic
	}
	for _, e := range deverbalEnds {
		if len(w) >= len(e)+6 && string(w[len(w)-len(e):]) == e {
			return true
		}
	}
	return false
}
