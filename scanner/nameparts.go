package scanner

import (
	"bytes"

	"github.com/tazala/tazala"
)

// Names split across fields: "last_name":"Иванов","first_name":"Иван",
// CSV ",Иванов,Иван,Иванович," or SQL VALUES ('Иванов', 'Иван'). Each
// single capitalised word that is a whole field value is a part
// candidate; consecutive candidates that together make a name are each a
// finding.

// part is one candidate name part, in raw record offsets.
type part struct {
	a, b     int
	flags    uint8
	labelled bool // under a name key (last_name, имя, тегі, holder_first, …)
	lazy     bool // flags and labelled not looked up yet (a word of the raw record)
	named    bool // a run of parts that makes a name holds it
	weakName bool // a run that makes a name only beside other personal data holds it
}

// partsKeep is how many of the latest candidates stay unjudged when the
// list is flushed mid-record (flushParts): a run of up to three may still
// start among them, and a part redone on a decoded string replaces them.
const partsKeep = 8

// partsFlushAt is the list length at which namePart flushes mid-record, so
// a record of any length keeps a short list and every candidate in it is
// judged alike, wherever it stands.
const partsFlushAt = 64

// maxPartGap is the most bytes between two parts of one split name (a
// JSON key and its punctuation; a \\uXXXX escape counts as one byte).
const maxPartGap = 96

func isFieldDelim(c byte) bool {
	switch c {
	case '"', '\'', ',', ';', '|', '\t':
		return true
	}
	return false
}

// fieldStart reports whether a word at t[i] starts a field: after a quote,
// a CSV delimiter or '=', or at the start of a decoded JSON string.
func fieldStart(g *seg, i int) bool {
	if i == g.lo {
		return g.off != nil || i == 0
	}
	c := g.text[i-1]
	if c == ' ' && i-2 >= g.lo && (g.text[i-2] == ',' || g.text[i-2] == ';') {
		return true // "a, B" in a list of values
	}
	return isFieldDelim(c) || c == '='
}

// fieldEnd reports whether a word ending at t[e] ends its field.
func fieldEnd(g *seg, e int) bool {
	if e == len(g.text) {
		return true
	}
	c := g.text[e]
	if c != ' ' {
		return isFieldDelim(c)
	}
	if e+1 >= len(g.text) {
		return true
	}
	// "a=Word b=…": a blank and the next key=value pair
	k := e + 1
	for k < len(g.text) && (isASCIILetter(g.text[k]) || isDigit(g.text[k]) || g.text[k] == '_' || g.text[k] == '-' || g.text[k] >= 0x80) {
		k++
	}
	if k > e+1 && k < len(g.text) && g.text[k] == '=' {
		return true
	}
	return !isUpperStart(g.text, e+1) && g.text[e+1] != '-'
}

// namePart records the word [a,b) of g as a candidate name part. For the
// raw record the word's flags and label are looked up only when another
// candidate stands next to it (flushParts); a decoded string's are taken
// now, while its text is at hand.
func (s *Scanner) namePart(g *seg, a, b int) {
	if b-a < 2 {
		return
	}
	if len(s.parts) >= partsFlushAt {
		s.flushParts(false)
	}
	ra, rb := g.raw(a), g.raw(b)
	if s.isKeyAt(rb) {
		return
	}
	// a part redone on a decoded string replaces the raw one
	for len(s.parts) > 0 && s.parts[len(s.parts)-1].a >= ra {
		s.parts = s.parts[:len(s.parts)-1]
	}
	p := part{a: ra, b: rb, lazy: g.off == nil}
	if !p.lazy {
		p.flags, p.labelled = s.partInfo(g, a, b)
		if p.flags&wNot != 0 {
			return
		}
	}
	s.parts = append(s.parts, p)
}

// partInfo returns the word flags of [a,b) in g and whether a name key
// labels it.
func (s *Scanner) partInfo(g *seg, a, b int) (uint8, bool) {
	f := s.wordFlags(g.text[a:b])
	lc := s.nameLabel(g, a)
	return f, lc&(ctxNameWeak|ctxNameStrong) != 0 && lc&ctxCompany == 0
}

// flushParts emits the parts of split names: every part of a run of two
// or three consecutive candidates (no digits and at most maxPartGap bytes
// between them) that acceptName takes as a name, or that all stand under
// name keys with at least one word the lexicon or the endings know. Every
// run is judged (not only those after the last accepted one), so a part's
// answer depends on its neighbours only, never on where it stands in the
// record. Unless final, the last partsKeep candidates stay in the list
// for runs that continue after them.
func (s *Scanner) flushParts(final bool) {
	ps := s.parts
	lim := len(ps)
	if !final {
		lim -= partsKeep
	}
	for i := 0; i < lim; i++ {
		j := i + 1
		for j < len(ps) && j-i < 3 && s.partGap(ps[j-1].b, ps[j].a) {
			j++
		}
		// the longest run from i, else the pair: a pair of known words (or
		// all under name keys) that makes a name is one whatever part
		// follows it
		for j0 := j; j-i >= 2; j-- {
			if !s.resolveParts(ps[i:j]) {
				continue
			}
			if s.splitName(ps[i:j]) && (j == j0 || knownPair(ps[i:j])) {
				for k := i; k < j; k++ {
					ps[k].named = true
				}
				break
			}
			if j == j0 && s.givenBesideUnknown(ps[i:j]) && !s.otherKeyed(ps[i:j]) {
				// "Бекет;Айнур": a given name beside a word nothing knows
				// (a surname without an ending) is a name only in a row
				// that holds other personal data
				for k := i; k < j; k++ {
					ps[k].weakName = true
				}
			}
		}
	}
	if final {
		lim = len(ps)
	}
	for _, p := range ps[:max(lim, 0)] {
		if (p.named || p.weakName) && !s.disabled[tazala.KindName] {
			s.out = append(s.out, tazala.Finding{Kind: tazala.KindName, Span: tazala.Span{Start: p.a, End: p.b}, Detector: "person_name", Confidence: 0.8})
			if !p.named {
				s.markWeak()
			}
		}
	}
	if lim > 0 {
		s.parts = append(s.parts[:0], ps[lim:]...)
	}
}

// resolveParts looks up the flags and labels of lazy parts; it reports
// false when one of them is a word that never is a name.
func (s *Scanner) resolveParts(ps []part) bool {
	g := seg{text: s.line}
	for k := range ps {
		if ps[k].lazy {
			ps[k].flags, ps[k].labelled = s.partInfo(&g, ps[k].a, ps[k].b)
			ps[k].lazy = false
		}
		if ps[k].flags&wNot != 0 {
			return false
		}
	}
	return true
}

// partGap reports whether raw [a,b) can separate two parts of one name.
func (s *Scanner) partGap(a, b int) bool {
	if b < a || b-a > 6*maxPartGap {
		return false
	}
	gap := s.line[a:b]
	if bytes.IndexByte(gap, '\\') < 0 {
		// no escape: the gap's length is its byte count
		return len(gap) <= maxPartGap && !hasDigit(gap)
	}
	n := 0 // the gap's length with each escape counted as one byte
	for k := 0; k < len(gap); k++ {
		n++
		if gap[k] == '\\' && k+5 < len(gap) && gap[k+1] == 'u' {
			k += 5 // a \uXXXX escape in a JSON key
			continue
		}
		if isDigit(gap[k]) {
			return false
		}
	}
	return n <= maxPartGap
}

func (s *Scanner) splitName(ps []part) bool {
	var fl [3]uint8
	labelled, known := true, false
	for k, p := range ps {
		fl[k] = p.flags
		if !p.labelled {
			labelled = false
		}
		if p.flags&(wGiven|wSurname|wPatronymic) != 0 {
			known = true
		}
	}
	if labelled && known {
		return true
	}
	return acceptName(fl[:len(ps)], false, false)
}

// isKeyAt reports whether the raw record continues at rb like the end of
// a JSON object key ("…": ) or a key=value key (…=).
func (s *Scanner) isKeyAt(rb int) bool {
	t := s.line
	if rb < len(t) && t[rb] == '=' {
		return true
	}
	if rb >= len(t) || t[rb] != '"' {
		return false
	}
	k := rb + 1
	for k < len(t) && (t[k] == ' ' || t[k] == '\t') {
		k++
	}
	return k < len(t) && t[k] == ':'
}

// knownPair reports whether every part of ps is a word the lexicon or the
// endings know, or every part stands under a name key.
func knownPair(ps []part) bool {
	known, labelled := true, true
	for _, p := range ps {
		if p.flags&(wGiven|wSurname|wPatronymic) == 0 {
			known = false
		}
		if !p.labelled {
			labelled = false
		}
	}
	return known || labelled
}

// givenBesideUnknown reports whether a run of parts is a given name and
// a word nothing knows, shaped like a name (letters only, no common-noun
// or verb ending), or a given name, a patronymic and such a word: a
// surname without an ending; or two given names (a Kazakh surname is
// often a father's given name, unchanged: "Жакып","Салтанат"). The words
// must be written alike (the same script, all capitals or capitalised).
func (s *Scanner) givenBesideUnknown(ps []part) bool {
	given, pat, unk := 0, 0, 0
	for _, p := range ps {
		switch {
		case p.flags&wNot != 0:
			return false
		case p.flags&wGiven != 0: // the lexicon wins over a common ending ("Төлеген")
			given++
		case p.flags&wCommon != 0:
			return false
		case p.flags&wPatronymic != 0:
			pat++
		case p.flags&wSurname == 0:
			unk++
		default:
			return false
		}
	}
	if given < 1 || given+unk != 2 || pat != len(ps)-2 {
		return false
	}
	shape := wordShape(s.line[ps[0].a:ps[0].b])
	for _, p := range ps[1:] {
		if wordShape(s.line[p.a:p.b]) != shape {
			return false
		}
	}
	return true
}

// wordShape tells a word's script (ASCII or not) and whether it is all
// capitals, from its first and last bytes.
func wordShape(w []byte) byte {
	var k byte
	if w[0] >= 0x80 {
		k = 1
	}
	if _, up, _ := letterAt(w, len(w)-lastRuneLen(w)); up {
		k |= 2
	}
	return k
}

// lastRuneLen returns the byte length of w's last UTF-8 character.
func lastRuneLen(w []byte) int {
	n := 1
	for n < len(w) && n < 4 && w[len(w)-n]&0xC0 == 0x80 {
		n++
	}
	return n
}
