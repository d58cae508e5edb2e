// Package heldout is tazala's second, independent generator of labelled
// log records, written apart from the templates the detectors were built
// against (internal/synth): its own formats (CSV rows without a header,
// SQL INSERT … VALUES, Debezium-style change events, key=value lines, mail
// server logs, free text in Russian, Kazakh and English), its own field
// names, phrasings and values. Every vocabulary is split in two: the
// Tuned part uses one half and the Heldout part the other, so detectors
// tuned on one are measured on phrasings they were not tuned on.
//
// It also generates operational logs with no personal data at all
// (Ops): access logs, JSON application events, metrics, Kafka consumer
// and database logs full of offsets, LSNs, sequence numbers, epochs,
// latencies, sizes, counters, class names, UUIDs and hashes, on which the
// scanner must find nothing.
//
// Every person, number and address is made up; values are valid where
// they must be (IIN birth date and control digit, Luhn, numbering plans).
package heldout

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
)

// Part selects one half of every vocabulary.
type Part int

const (
	// Tuned is the half the detectors may be tuned on.
	Tuned Part = iota
	// Heldout is the half kept for measuring only.
	Heldout
	// Blind uses a third vocabulary (blind.go), written after the
	// detectors were tuned and measured once: phrasings, field names and
	// names neither of the other parts has.
	Blind
	// Blind2 uses a fourth vocabulary (blind2.go) and two record shapes
	// of its own, written before the CVV and expiry detectors were
	// generalised by construction and never tuned on.
	Blind2
	// Blind3 uses a fifth vocabulary (blind3.go) and two record shapes of
	// its own, written after the grammar and the fixes found on Blind2,
	// never tuned on.
	Blind3
)

// Span is one labelled value in a record.
type Span struct {
	Kind       tazala.Kind
	Start, End int
}

// Record is one generated line and its labels.
type Record struct {
	Line  []byte
	Spans []Span
}

// Generator makes labelled records. It is deterministic for a seed and
// part, and not safe for concurrent use.
type Generator struct {
	r    *rand.Rand
	part Part
}

// New returns a Generator of part p.
func New(seed uint64, p Part) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, 0x5eed^uint64(p)<<32)), part: p}
}

// pick returns an element of xs from this part's half (even indices for
// Tuned, odd for Heldout).
func (g *Generator) pick(xs []string) string {
	if v := partVocab[g.part]; v != nil {
		if alt, ok := v[xs[0]]; ok {
			return g.any(alt)
		}
		return g.any(xs)
	}
	if len(xs) < 2 {
		return xs[0]
	}
	n := (len(xs) - int(g.part) + 1) / 2
	return xs[2*g.r.IntN(n)+int(g.part)]
}

// partVocab holds the vocabularies of the parts that replace the lists
// instead of halving them.
var partVocab = map[Part]map[string][]string{Blind: blindVocab, Blind2: blind2Vocab, Blind3: blind3Vocab}

// any returns any element of xs (values that are not phrasings).
func (g *Generator) any(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *Generator) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

func (g *Generator) chance(n int) bool { return g.r.IntN(n) == 0 }

// rec builds one record.
type rec struct {
	b     []byte
	spans []Span
	ascii bool // escape non-ASCII runes in JSON strings as \uXXXX
}

func (l *rec) s(s string) *rec { l.b = append(l.b, s...); return l }

// v writes a labelled value outside JSON.
func (l *rec) v(k tazala.Kind, s string) *rec {
	a := len(l.b)
	l.b = append(l.b, s...)
	l.spans = append(l.spans, Span{k, a, len(l.b)})
	return l
}

// j writes the body of a JSON string.
func (l *rec) j(s string) *rec {
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			l.b = append(l.b, '\\', byte(r))
		case r < 0x20 || (r >= 0x80 && l.ascii):
			if r > 0xFFFF {
				l.b = utf8.AppendRune(l.b, r)
				continue
			}
			l.b = fmt.Appendf(l.b, "\\u%04x", r)
		default:
			l.b = utf8.AppendRune(l.b, r)
		}
	}
	return l
}

// jv writes a labelled value inside a JSON string.
func (l *rec) jv(k tazala.Kind, s string) *rec {
	a := len(l.b)
	l.j(s)
	if k != 0 {
		l.spans = append(l.spans, Span{k, a, len(l.b)})
	}
	return l
}

// field writes "key":"value" (k = 0: not personal data).
func (l *rec) field(key string, k tazala.Kind, v string) *rec {
	l.s(`"`).j(key).s(`":"`).jv(k, v).s(`"`)
	return l
}

// num writes "key":number.
func (l *rec) num(key string, k tazala.Kind, v string) *rec {
	l.s(`"`).j(key).s(`":`)
	if k != 0 {
		l.v(k, v)
	} else {
		l.s(v)
	}
	return l
}

// person is one made-up customer.
type person struct {
	last, first, middle   string // Cyrillic; middle may be empty
	latinLast, latinFirst string
	iin, phone, email     string
	pan, exp, cvv         string
}

// Next returns a labelled record.
func (g *Generator) Next() Record {
	l := &rec{}
	p := g.person()
	if g.part == Blind2 && g.chance(6) {
		if g.chance(2) {
			g.formPost(l, p)
		} else {
			g.mailBody(l, p)
		}
		return Record{Line: l.b, Spans: l.spans}
	}
	if g.part == Blind3 && g.chance(6) {
		if g.chance(2) {
			g.soapLog(l, p)
		} else {
			g.nestedCard(l, p)
		}
		return Record{Line: l.b, Spans: l.spans}
	}
	switch n := g.r.IntN(100); {
	case n < 14:
		g.csvRow(l, p)
	case n < 26:
		g.sqlInsert(l, p)
	case n < 40:
		g.debezium(l, p)
	case n < 54:
		g.kvLine(l, p)
	case n < 64:
		g.mtaLog(l, p)
	case n < 76:
		g.ticketRU(l, p)
	case n < 86:
		g.ticketKZ(l, p)
	default:
		g.ticketEN(l, p)
	}
	return Record{Line: l.b, Spans: l.spans}
}

// IIN returns a valid personal IIN.
func (g *Generator) IIN() string {
	for {
		year := 1950 + g.r.IntN(58)
		c := 3 + g.r.IntN(2)
		if year >= 2000 {
			c += 2
		}
		s := fmt.Sprintf("%02d%02d%02d%d%s", year%100, 1+g.r.IntN(12), 1+g.r.IntN(28), c, g.digits(4))
		if cd := checksum.IINControl([]byte(s)); cd >= 0 {
			return s + strconv.Itoa(cd)
		}
	}
}

// cardRanges are (prefix, length) pairs of each network across the 13–19
// digit range, with the public test ranges.
var cardRanges = []struct {
	p string
	n int
}{
	{"4", 16}, {"4", 13}, {"4", 19}, {"4000", 16}, {"4242", 16}, {"4917", 16},
	{"51", 16}, {"53", 16}, {"55", 16}, {"2221", 16}, {"2223", 16}, {"2720", 16}, {"5200", 16},
	{"2200", 16}, {"2201", 16}, {"2202", 19}, {"2204", 17}, {"2203", 18},
	{"34", 15}, {"37", 15},
	{"300", 14}, {"305", 14}, {"36", 14}, {"38", 14}, {"3056", 16}, {"39", 16},
	{"3528", 16}, {"3566", 16}, {"3589", 19}, {"3530", 17},
	{"6011", 16}, {"644", 16}, {"65", 16}, {"6011", 19}, {"649", 18},
	{"62", 16}, {"622126", 17}, {"62", 19}, {"81", 16}, {"6250", 16},
	{"6759", 16}, {"6304", 16}, {"5018", 18}, {"5020", 16}, {"6761", 19}, {"6390", 15}, {"5893", 13}, {"6799", 19},
}

// PAN returns a Luhn-valid card number of a real network and length.
func (g *Generator) PAN() string {
	c := cardRanges[g.r.IntN(len(cardRanges))]
	body := c.p + g.digits(c.n-len(c.p)-1)
	return body + strconv.Itoa(checksum.LuhnDigit([]byte(body)))
}

// groupPAN writes a PAN as it appears in logs.
func (g *Generator) groupPAN(p string) string {
	if g.chance(2) {
		return p
	}
	sep := g.any([]string{" ", "-", " "})
	if len(p) == 15 && p[0] == '3' {
		return p[:4] + sep + p[4:10] + sep + p[10:]
	}
	if len(p) == 14 {
		return p[:4] + sep + p[4:10] + sep + p[10:]
	}
	var b strings.Builder
	for i := 0; i < len(p); i += 4 {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p[i:min(i+4, len(p))])
	}
	return b.String()
}

// expiry writes a card expiry with any separator and spacing.
func (g *Generator) expiry() string {
	m := 1 + g.r.IntN(12)
	y := 26 + g.r.IntN(8)
	switch g.r.IntN(8) {
	case 0:
		return fmt.Sprintf("%02d/20%02d", m, y)
	case 1:
		return fmt.Sprintf("%02d.%02d", m, y)
	case 2:
		return fmt.Sprintf("%02d.20%02d", m, y)
	case 3:
		return fmt.Sprintf("%02d-%02d", m, y)
	case 4:
		return fmt.Sprintf("%02d / %02d", m, y)
	case 5:
		return fmt.Sprintf("%02d-20%02d", m, y)
	}
	return fmt.Sprintf("%02d/%02d", m, y)
}

func (g *Generator) cvv() string {
	if g.chance(12) {
		return g.digits(4)
	}
	return g.digits(3)
}

var (
	mobileCodes = []string{"700", "701", "702", "705", "706", "707", "708", "747", "750", "751", "760", "761", "771", "775", "776", "777", "778"}
	ruCodes     = []string{"903", "905", "915", "926", "977", "981", "999", "383", "843"}
)

// phone writes a phone number in one of many spellings.
func (g *Generator) phone() string {
	if g.chance(9) {
		return g.any([]string{
			"+998 71 " + g.digits(3) + " " + g.digits(2) + " " + g.digits(2),
			"+996 700 " + g.digits(3) + " " + g.digits(3),
			"+90 532 " + g.digits(3) + " " + g.digits(2) + " " + g.digits(2),
			"+49 151 " + g.digits(8),
			"+82 10-" + g.digits(4) + "-" + g.digits(4),
		})
	}
	code := g.any(mobileCodes)
	if g.chance(7) {
		code = g.any(ruCodes)
	}
	n := g.digits(7)
	switch g.r.IntN(9) {
	case 0:
		return "+7" + code + n
	case 1:
		return "+7 " + code + " " + n[:3] + "-" + n[3:5] + "-" + n[5:]
	case 2:
		return "+7(" + code + ")" + n[:3] + "-" + n[3:5] + "-" + n[5:]
	case 3:
		return "8" + code + n
	case 4:
		return "8 (" + code + ") " + n[:3] + " " + n[3:5] + " " + n[5:]
	case 5:
		return "+7 " + code + " " + n
	case 6:
		return "8 " + code + " " + n[:3] + "-" + n[3:]
	case 7:
		return "7" + code + n
	}
	return "+7-" + code + "-" + n[:3] + "-" + n[3:5] + "-" + n[5:]
}

var (
	givenMale   = []string{"Ерасыл", "Нұрболат", "Жандос", "Мейірхан", "Айбек", "Ғалым", "Бекзат", "Дәурен", "Ілияс", "Абылай", "Рустем", "Темірлан", "Николай", "Андрей", "Павел", "Виктор", "Константин", "Евгений", "Ринат", "Берик"}
	givenFemale = []string{"Аяжан", "Балжан", "Гүлжан", "Жансая", "Назерке", "Ақбота", "Салтанат", "Айжан", "Маржан", "Лаура", "Зарина", "Мөлдір", "Наталья", "Светлана", "Юлия", "Анна", "Карина", "Галина", "Роза", "Айнур"}
	lastRoots   = []string{"Жаксылыков", "Оспанов", "Бекмуханов", "Сулейменов", "Тасмагамбетов", "Кенжебаев", "Мухамедиев", "Рахимов", "Досанов", "Елеусизов", "Федоров", "Соколов", "Лебедев", "Новиков", "Шевченко", "Бондаренко", "Ибраев", "Карабаев", "Тлеубердин", "Жумагулов"}
	fathers     = []string{"Серик", "Марат", "Кайрат", "Ерлан", "Бахыт", "Болат", "Нурлан", "Аскар", "Петр", "Сергей", "Олег", "Юрий", "Талгат", "Габит"}
	domains     = []string{"mail.ru", "bk.ru", "list.ru", "gmail.com", "yahoo.com", "proton.me", "kaspi.kz", "nur.kz", "inbox.kz", "hotmail.com", "ya.ru", "rambler.ru"}
	idnDomains  = []string{"почта.рф", "пример.қаз", "xn--80a1acny.xn--p1ai", "mysite.xn--80ao21a", "банк.рф", "xn--e1afmkfd.xn--80asehdb"}
)

var latinMap = map[rune]string{'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh", 'з': "z", 'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ы': "y", 'э': "e", 'ю': "iu", 'я': "ia", 'ә': "a", 'ғ': "g", 'қ': "q", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u", 'і': "i", 'һ': "h", 'ь': "", 'ъ': ""}

func toLatin(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if v, ok := latinMap[r]; ok {
			b.WriteString(v)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g *Generator) person() person {
	male := g.chance(2)
	var p person
	father := g.any(fathers)
	if male {
		p.first = g.pick(givenMale)
		p.last = g.pick(lastRoots)
	} else {
		p.first = g.pick(givenFemale)
		p.last = g.pick(lastRoots)
		switch {
		case strings.HasSuffix(p.last, "ов") || strings.HasSuffix(p.last, "ев") || strings.HasSuffix(p.last, "ин"):
			p.last += "а"
		}
	}
	if !g.chance(4) {
		switch {
		case g.chance(3) && male:
			p.middle = father + "ұлы"
		case g.chance(3):
			p.middle = father + "қызы"
		case male:
			p.middle = father + "ович"
		default:
			p.middle = father + "овна"
		}
		if strings.HasSuffix(father, "й") {
			p.middle = strings.Replace(p.middle, "йович", "евич", 1)
			p.middle = strings.Replace(p.middle, "йовна", "евна", 1)
		}
	}
	p.latinLast, p.latinFirst = capital(toLatin(p.last)), capital(toLatin(p.first))
	p.iin = g.IIN()
	p.phone = g.phone()
	local := strings.ToLower(p.latinFirst) + g.any([]string{".", "_", ""}) + strings.ToLower(p.latinLast)
	if g.chance(3) {
		local = strings.ToLower(p.latinLast) + g.digits(2)
	}
	dom := g.any(domains)
	if g.chance(8) {
		dom = g.any(idnDomains)
		if strings.HasSuffix(dom, "рф") || strings.HasSuffix(dom, "қаз") {
			local = strings.ToLower(p.first)
		}
	}
	p.email = local + "@" + dom
	p.pan = g.PAN()
	p.exp = g.expiry()
	if g.part == Blind2 && g.chance(4) {
		p.exp = g.blind2Expiry()
	}
	p.cvv = g.cvv()
	return p
}

// fullName writes the person's name in Cyrillic, in one of the usual orders.
func (g *Generator) fullName(p person) string {
	parts := []string{p.last, p.first, p.middle}
	if g.chance(3) {
		parts = []string{p.first, p.middle, p.last}
	}
	if g.chance(4) {
		parts = []string{p.last, p.first}
	}
	var out []string
	for _, x := range parts {
		if x != "" {
			out = append(out, x)
		}
	}
	s := strings.Join(out, " ")
	if g.chance(8) {
		s = strings.ToUpper(s)
	}
	return s
}

func (g *Generator) latinName(p person) string {
	s := p.latinFirst + " " + p.latinLast
	if g.chance(3) {
		s = strings.ToUpper(s)
	}
	return s
}

func (g *Generator) ts() string {
	return fmt.Sprintf("2026-%02d-%02d %02d:%02d:%02d.%03d", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
}

func (g *Generator) hex(n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[g.r.IntN(16)]
	}
	return string(b)
}
