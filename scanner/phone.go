package scanner

import (
	"hash/maphash"
	"strings"
	"sync"

	"github.com/tazala/tazala"
)

// Phone numbers: +7 numbers by the Kazakh/Russian plan, national 8/7
// numbers, other '+' numbers by libphonenumber; URL-encoded %2B.

// phoneGrouping rejects digit groupings no phone is written in (a group of
// more than 4 digits after the first one, unless it is the only group).
func phoneGrouping(gs []group) bool {
	if len(gs) == 1 {
		return true
	}
	// a national number's first group is the prefix alone ("8 701 …") or
	// runs into the area code ("8701 …"); "87 015 401 802" is an amount
	if l := gs[0].b - gs[0].a; l == 2 || l == 3 {
		return false
	}
	for _, x := range gs[1:] {
		if x.b-x.a > 7 {
			return false
		}
	}
	return true
}

// validKZRUNational checks the 10 national digits after +7 / 8: Kazakhstan
// uses 6xx and 7xx, Russia 3xx, 4xx, 8xx and 9xx.
func validKZRUNational(d []byte) bool {
	if len(d) != 10 {
		return false
	}
	switch d[0] {
	case '3', '4', '6', '7', '8', '9':
		return true
	}
	return false
}

// validIntlPhone checks a '+'-prefixed number (digits only in d) against
// the numbering plan: +7 by the Kazakh/Russian rule, others through the
// libphonenumber metadata.
func validIntlPhone(d []byte) bool {
	if len(d) < 8 || len(d) > 15 {
		return false
	}
	if d[0] == '7' {
		return len(d) == 11 && validKZRUNational(d[1:])
	}
	if d[0] == '0' {
		return false
	}
	return intlValid.check(d)
}

// intlCache memoises numbering-plan checks (libphonenumber's are regular
// expressions, far slower than the rest of the scanner) under a seeded
// hash of the digits, so the cache holds no phone number.
type intlCache struct {
	mu   sync.Mutex
	seed maphash.Seed
	m    map[uint64]bool
}

var intlValid = &intlCache{seed: maphash.MakeSeed(), m: make(map[uint64]bool)}

func (c *intlCache) check(d []byte) bool {
	h := maphash.Bytes(c.seed, d)
	c.mu.Lock()
	v, ok := c.m[h]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = intlPlanValid(d)
	c.mu.Lock()
	if len(c.m) >= maxWordCache {
		clear(c.m)
	}
	c.m[h] = v
	c.mu.Unlock()
	return v
}

// encodedPlus handles "%2B" followed by digits (a URL-encoded '+'): the
// digits are checked as an international phone number whose span includes
// the encoded plus.
func (s *Scanner) encodedPlus(g *seg, i int) int {
	t := g.text
	n := len(t)
	j := i + 3
	a := j
	for j < n && isDigit(t[j]) {
		j++
	}
	if attachedAfter(t, j) {
		return skipAttached(t, j)
	}
	if j+3 < n && (t[j] == '%' || t[j] == '+') {
		return s.encodedGroups(g, i, a, j, true) // "%2B7%20701%20…", "%2B7+701+…"
	}
	var gs [maxGroups]group
	gs[0] = group{a: a, b: j}
	ng, j, _ := moreGroups(t, j, gs[:], 1)
	if attachedAfter(t, j) {
		return skipAttached(t, j)
	}
	s.tryGroups(g, i, true, gs[:ng])
	return j
}

// encodedGroups reads digit groups separated as a URL's query string
// writes a blank, "%20" or '+' (and '-'), from the first group [a,j);
// start is where the number's text begins ("%2B" or '+' included). The
// groups are classified as blank-separated ones: phones, PANs.
func (s *Scanner) encodedGroups(g *seg, start, a, j int, plus bool) int {
	t := g.text
	n := len(t)
	var gs [maxGroups]group
	gs[0] = group{a: a, b: j}
	ng := 1
	k := j
	for ng < maxGroups {
		sl := 0
		switch {
		case k+3 < n && t[k] == '%' && t[k+1] == '2' && t[k+2] == '0':
			sl = 3
		case k+1 < n && (t[k] == '+' || t[k] == '-'):
			sl = 1
		}
		if sl == 0 || k+sl >= n || !isDigit(t[k+sl]) {
			break
		}
		e := k + sl
		for e < n && isDigit(t[e]) {
			e++
		}
		gs[ng] = group{a: k + sl, b: e, sep: ' '}
		ng++
		k = e
	}
	if attachedAfter(t, k) || (k < n && t[k] == '%' && !(k+2 < n && t[k+1] == '2' && t[k+2]|0x20 == 'c')) {
		// glued to more text; a "%2C" (comma) ends a value
		return skipAttached(t, k)
	}
	s.tryGroups(g, start, plus, gs[:ng])
	return k
}

// nationalPhone classifies national numbers: 11 digits 8 7xx …/7 7xx …
// (not a two-group decimal "83968.493093", not after an operational or
// transaction label), or 10 digits after a phone label.
func (c *candidate) nationalPhone() (tazala.Kind, float32, bool) {
	d, gs := c.d, c.gs
	if len(d) == 11 && (d[0] == '8' || d[0] == '7') && validKZRUNational(d[1:]) && phoneGrouping(gs) && !(len(gs) == 2 && c.seps == '.') && !c.spacedColumns() {
		l := c.label()
		if l&ctxNeg != 0 && l&ctxPhone == 0 {
			if !c.subscriberAccount(d) {
				return 0, 0, false
			}
			l = ctxPhone // a mobile number as the account topped up
		}
		if d[0] == '7' && len(gs) == 1 && l&(ctxIIN|ctxCard|ctxCVV|ctxExpiry) != 0 {
			return 0, 0, false
		}
		weak := len(gs) == 1 && l&personCtx == 0
		if weak && c.phonePhrase() {
			weak = false
		}
		return tazala.KindPhone, 0.9, weak
	}
	if len(d) == 10 && validKZRUNational(d) && phoneGrouping(gs) && c.label()&ctxPhone != 0 {
		return tazala.KindPhone, 0.8, false
	}
	return 0, 0, false
}

// phonePhrase reports whether the words before a bare national number say
// it is a number someone is reached on, so it is not weak:
//   - a "number" noun that no other noun owns, only a determiner, a
//     possessive, a preposition or an adjective of phones ("New number:",
//     "по номеру", "on my number", "жаңа нөмір"); "order number",
//     "sequence number" are other numbers;
//   - a preposition after a verb of sending or calling ("отправлено на",
//     "sent to", "звонок с", "call from").
func (c *candidate) phonePhrase() bool {
	t, lo := c.g.text, c.g.lo
	w, ws, ok := prevWord(t, c.from, lo)
	if !ok || len(w) > 32 {
		return numberNounAfter(t, c.gs[len(c.gs)-1].b)
	}
	var buf, buf2 [64]byte
	lw := string(lowerInto(buf[:0], w))
	w2, _, ok2 := prevWord(t, ws, lo)
	var lw2 string
	if ok2 && len(w2) <= 32 {
		lw2 = string(lowerInto(buf2[:0], w2))
	}
	switch {
	case hasAnyPrefix(lw, callVerbs):
		return true // "позвоните 8701…", "call 8701…"
	case (lw == "is" || lw == "это") && hasAnyPrefix(lw2, numberNouns):
		return true // "my number is 8701…"
	case hasAnyPrefix(lw, numberNouns):
		if lw2 == "" {
			return !ok2
		}
		if c.s.ctxOf(w2)&(ctxNeg|ctxNegW|ctxCard|ctxIIN|ctxCVV|ctxExpiry|ctxCompany|ctxMsgID) != 0 {
			return false
		}
		return phoneNumberOwners[lw2] || phonePrepositions[lw2]
	case phonePrepositions[lw]:
		return lw2 != "" && hasAnyPrefix(lw2, sendVerbs)
	case contactPurpose(lw, lw2):
		return true // "телефон для связи 8701…", "for contact", "байланыс үшін"
	case callLightVerb(lw, lw2):
		return true // "қоңырау шалыңыз 8701…" (phonechange.go)
	case numberChange[lw] && c.s.numberNounBefore(t, ws, lo):
		return true // "смена номера: старый 8701…, новый 8702…"
	}
	return numberNounAfter(t, c.gs[len(c.gs)-1].b)
}

// numberNounAfter reports whether a Kazakh "number" noun in a case form
// follows the number at e ("87011234567 нөміріне хабарласыңыз"): Kazakh
// puts the noun after the number.
func numberNounAfter(t []byte, e int) bool {
	if e+1 >= len(t) || t[e] != ' ' {
		return false
	}
	we := wordEnd(t, e+1)
	if we-e-1 < 8 || we-e-1 > 40 {
		return false
	}
	var buf [48]byte
	w := string(lowerInto(buf[:0], t[e+1:we]))
	return hasAnyPrefix(w, []string{"нөмір", "номері", "номерге"})
}

// contactPurpose reports whether the two words before a number (lw the
// nearer) say what it is for: reaching someone ("для связи", "для
// обратной связи", "for contact", "байланыс үшін").
func contactPurpose(lw, lw2 string) bool {
	switch {
	case strings.HasPrefix(lw, "связ"):
		return lw2 == "для" || lw2 == "обратной"
	case strings.HasPrefix(lw, "contact"):
		return lw2 == "for"
	case lw == "үшін":
		return strings.HasPrefix(lw2, "байланыс")
	}
	return false
}

// callVerbs are stems of verbs of calling and writing to someone, which
// may stand right before the number.
var callVerbs = []string{
	"звон", "позвон", "перезвон", "дозвон", "напиш", "пишите", "call", "dial", "қоңырау", "хабарлас",
}

// numberNouns are the stems of "number" nouns (number, номеру, нөмірі).
var numberNouns = []string{"number", "num", "номер", "нөмір", "nomer", "nomir"}

// phoneNumberOwners are the words that may stand before a phone's number
// noun: determiners, possessives and adjectives of phones.
var phoneNumberOwners = map[string]bool{
	"new": true, "my": true, "your": true, "his": true, "her": true, "our": true, "their": true, "the": true,
	"a": true, "this": true, "that": true, "same": true, "contact": true, "mobile": true, "cell": true,
	"home": true, "work": true, "personal": true, "updated": true, "alternative": true, "alternate": true,
	"backup": true, "old": true, "another": true, "other": true, "current": true,
	"мой": true, "моему": true, "мою": true, "моим": true, "ваш": true, "вашему": true, "вашим": true,
	"новый": true, "новому": true, "новым": true, "контактный": true, "контактному": true,
	"мобильный": true, "мобильному": true, "этот": true, "этому": true, "тот": true, "его": true, "её": true,
	"ее": true, "их": true, "другой": true, "другому": true, "резервный": true, "старый": true,
	"менің": true, "сіздің": true, "жаңа": true, "байланыс": true, "осы": true, "ұялы": true,
}

// phonePrepositions may stand between a verb of sending or calling (or a
// number noun's owner) and a number.
var phonePrepositions = map[string]bool{
	"на": true, "по": true, "с": true, "со": true, "через": true,
	"to": true, "on": true, "at": true, "via": true, "from": true, "by": true, "with": true,
}

// sendVerbs are stems of verbs and nouns of sending, calling and
// messaging in Russian, Kazakh and English.
var sendVerbs = []string{
	"отправ", "послан", "посла", "выслан", "высла", "доставл", "звон", "позвон", "перезвон", "дозвон",
	"напиш", "пиш", "смс", "sms", "переслан", "переадрес", "сообщ",
	"send", "sent", "deliver", "call", "text", "messag", "forward", "reach", "dial", "rang", "ring",
	"жібер", "хабарла", "қоңырау", "хат",
}

func hasAnyPrefix(w string, ps []string) bool {
	for _, p := range ps {
		if len(w) >= len(p) && w[:len(p)] == p {
			return true
		}
	}
	return false
}

// subscriberAccount reports whether a national number d under an
// "account" label is a mobile subscriber's number: top-up and bill
// payments name the number paid for "account" ("account":"87011234567").
// A bank account is an IBAN, never 11 digits; only mobile ranges count
// (Kazakh 70x, 747, 771, 775–778; Russian 9xx).
func (c *candidate) subscriberAccount(d []byte) bool {
	if len(d) != 11 || d[1] != '7' && d[1] != '9' {
		return false
	}
	switch p := string(d[1:4]); {
	case p >= "700" && p <= "708", p == "747", p == "771", p >= "775" && p <= "778", p[0] == '9':
	default:
		return false
	}
	w, _, ok := prevWord(c.g.text, c.from, c.g.lo)
	return ok && accountOwner(w)
}
