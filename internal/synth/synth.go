// Package synth generates synthetic payment-gateway log records with their
// ground truth: every person, number and address is made up, valid where it
// must be (IIN control digits, Luhn, numbering plans) and mixed with the
// hard negatives of payment logs (RRNs, business BINs, masked PANs, order
// ids, timestamps, Message-IDs). It feeds benchmarks, the accuracy tests
// and the demo traffic. Templates here are tazala's own.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
)

// Span is one labelled value in a generated record.
type Span struct {
	Kind       tazala.Kind
	Start, End int
}

// Record is one generated line and its labels.
type Record struct {
	Line  []byte
	Spans []Span
}

// Generator makes records. It is deterministic for a seed and not safe for
// concurrent use.
type Generator struct {
	r *rand.Rand
	// Repeat is the share of records about a returning customer (0..1):
	// realistic traffic repeats customers, which token caches exploit.
	Repeat    float64
	customers []customer
}

type customer struct {
	given, sur, pat string
	male            bool
	iin, phone, pan string
	email           string
}

// New returns a Generator for seed.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), Repeat: 0.9}
}

func (g *Generator) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *Generator) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

// IIN returns a valid personal IIN.
func (g *Generator) IIN() string {
	for {
		year := 1940 + g.r.IntN(66)
		m := 1 + g.r.IntN(12)
		d := 1 + g.r.IntN(28)
		var c int
		switch {
		case year < 2000:
			c = 3 + g.r.IntN(2)
		default:
			c = 5 + g.r.IntN(2)
		}
		s := fmt.Sprintf("%02d%02d%02d%d%s", year%100, m, d, c, g.digits(4))
		if cd := control(s); cd >= 0 {
			return s + strconv.Itoa(cd)
		}
	}
}

// BIN returns a business identification number (5th digit 4–6).
func (g *Generator) BIN() string {
	for {
		s := fmt.Sprintf("%02d%02d%d%s", g.r.IntN(25), 1+g.r.IntN(12), 4+g.r.IntN(3), g.digits(6))
		if cd := control(s); cd >= 0 {
			return s + strconv.Itoa(cd)
		}
	}
}

// BadIIN returns 12 digits that look like an IIN but fail the rules.
func (g *Generator) BadIIN() string {
	s := g.IIN()
	last := (int(s[11]-'0') + 1 + g.r.IntN(8)) % 10
	return s[:11] + strconv.Itoa(last)
}

func control(s string) int { return checksum.IINControl([]byte(s)) }

var panPrefixes = []struct {
	p string
	n int
}{
	{"4", 16}, {"4", 16}, {"4", 13}, {"51", 16}, {"55", 16}, {"2221", 16}, {"2720", 16}, {"2200", 16}, {"2202", 16},
	{"2204", 19}, {"34", 15}, {"37", 15}, {"62", 16}, {"62", 19}, {"3530", 16}, {"6011", 16}, {"65", 16}, {"5018", 18},
	{"6761", 19}, {"36", 14},
}

// PAN returns a Luhn-valid card number in a real network range.
func (g *Generator) PAN() string {
	pp := panPrefixes[g.r.IntN(len(panPrefixes))]
	body := pp.p + g.digits(pp.n-len(pp.p)-1)
	return body + strconv.Itoa(luhnDigit(body))
}

// BadRangePAN returns a Luhn-valid 16-digit number outside every network.
func (g *Generator) BadRangePAN() string {
	body := g.pick([]string{"1", "7", "9", "80"})
	body += g.digits(15 - len(body))
	return body + strconv.Itoa(luhnDigit(body))
}

func luhnDigit(body string) int { return checksum.LuhnDigit([]byte(body)) }

// groupPAN writes a PAN in one of the usual groupings.
func (g *Generator) groupPAN(p string) string {
	sep := g.pick([]string{"", " ", "-", " "})
	if sep == "" {
		return p
	}
	var b strings.Builder
	if len(p) == 15 {
		return p[:4] + sep + p[4:10] + sep + p[10:]
	}
	for i := 0; i < len(p); i += 4 {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p[i:min(i+4, len(p))])
	}
	return b.String()
}

func (g *Generator) maskedPAN(p string) string {
	if g.r.IntN(2) == 0 {
		return p[:6] + strings.Repeat("*", len(p)-10) + p[len(p)-4:]
	}
	return p[:4] + " " + p[4:6] + "** **** " + p[len(p)-4:]
}

var kzCodes = []string{"700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778", "727", "717"}
var ruCodes = []string{"916", "903", "925", "495", "812", "343"}

// Phone returns a phone number as people write it.
func (g *Generator) Phone() string {
	if g.r.IntN(8) == 0 {
		return g.pick([]string{
			"+44 20 7946 " + g.digits(4),
			"+49 30 " + g.digits(8),
			"+998 9" + strconv.Itoa(g.r.IntN(5)) + " " + g.digits(3) + " " + g.digits(2) + " " + g.digits(2),
			"+996 55" + strconv.Itoa(g.r.IntN(10)) + " " + g.digits(3) + " " + g.digits(3),
			"+1 212 555 01" + g.digits(2),
		})
	}
	code := g.pick(kzCodes)
	if g.r.IntN(6) == 0 {
		code = g.pick(ruCodes)
	}
	n := g.digits(7)
	switch g.r.IntN(8) {
	case 0:
		return "+7" + code + n
	case 1:
		return "+7 " + code + " " + n[:3] + " " + n[3:5] + " " + n[5:]
	case 2:
		return "+7 (" + code + ") " + n[:3] + "-" + n[3:5] + "-" + n[5:]
	case 3:
		return "8" + code + n
	case 4:
		return "8 (" + code + ") " + n[:3] + "-" + n[3:5] + "-" + n[5:]
	case 5:
		return "8-" + code + "-" + n[:3] + "-" + n[3:5] + "-" + n[5:]
	case 6:
		return "+7-" + code + "-" + n[:3] + "-" + n[3:]
	}
	return "8 " + code + " " + n[:3] + " " + n[3:5] + " " + n[5:]
}

var givenM = []string{"Арман", "Ерлан", "Данияр", "Нурлан", "Марат", "Болат", "Серик", "Тимур", "Алихан", "Айдос", "Бауыржан", "Асхат", "Дмитрий", "Сергей", "Алексей", "Иван", "Михаил", "Ержан", "Олжас", "Самат", "Қайрат", "Нұрсұлтан", "Ruslan", "Azamat"}
var givenF = []string{"Асель", "Айгерим", "Мадина", "Аружан", "Жанна", "Дана", "Алия", "Сауле", "Динара", "Ольга", "Елена", "Ирина", "Татьяна", "Мария", "Гүлнар", "Әсем", "Меруерт", "Камила", "Индира", "Томирис"}
var surnameRoots = []string{"Ахметов", "Сейтжанов", "Нурпеисов", "Жакупов", "Омаров", "Абдрахманов", "Касымов", "Иманбаев", "Серикбаев", "Тулегенов", "Исабеков", "Смагулов", "Петров", "Кузнецов", "Волков", "Морозов", "Байжанов", "Есенов", "Мұратов", "Құдайбергенов"}
var plainSurnames = []string{"Ким", "Ли", "Пак", "Цой"}

func (g *Generator) newCustomer() customer {
	male := g.r.IntN(2) == 0
	c := customer{male: male}
	father := g.pick(givenM)
	if male {
		c.given = g.pick(givenM)
		c.sur = g.pick(surnameRoots)
	} else {
		c.given = g.pick(givenF)
		c.sur = g.pick(surnameRoots) + "а"
	}
	if g.r.IntN(10) == 0 {
		c.sur = g.pick(plainSurnames)
	}
	if !isLatin(father) {
		kz := g.r.IntN(3) == 0
		switch {
		case kz && male:
			c.pat = father + "ұлы"
		case kz:
			c.pat = father + "қызы"
		case male:
			c.pat = patronymicBase(father) + "ович"
		default:
			c.pat = patronymicBase(father) + "овна"
		}
	}
	c.iin = g.IIN()
	c.phone = g.Phone()
	c.pan = g.PAN()
	local := strings.ToLower(latin(c.given)[:1] + "." + latin(c.sur))
	if g.r.IntN(2) == 0 {
		local = strings.ToLower(latin(c.given)) + strconv.Itoa(1970+g.r.IntN(40))
	}
	c.email = local + "@" + g.pick([]string{"mail.kz", "gmail.com", "yandex.kz", "inbox.ru", "outlook.com", "icloud.com", "halykbank.kz", "corp.example.kz"})
	return c
}

func patronymicBase(s string) string {
	s = strings.TrimSuffix(s, "й")
	return s
}

func isLatin(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r < 0x80
}

var lat = map[rune]string{'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "sch", 'ы': "y", 'э': "e", 'ю': "yu", 'я': "ya", 'ә': "a", 'ғ': "g", 'қ': "k", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u", 'і': "i", 'ь': "", 'ъ': ""}

func latin(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if v, ok := lat[r]; ok {
			b.WriteString(v)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (g *Generator) customer() customer {
	if len(g.customers) > 0 && g.r.Float64() < g.Repeat {
		return g.customers[g.r.IntN(len(g.customers))]
	}
	c := g.newCustomer()
	if len(g.customers) < 5000 {
		g.customers = append(g.customers, c)
	} else {
		g.customers[g.r.IntN(len(g.customers))] = c
	}
	return c
}

// fullName writes the customer's name in one of the usual orders.
func (g *Generator) fullName(c customer) string {
	switch g.r.IntN(4) {
	case 0:
		return c.given + " " + c.sur
	case 1:
		if c.pat != "" {
			return c.given + " " + c.pat + " " + c.sur
		}
	case 2:
		return c.sur + " " + c.given
	}
	if c.pat != "" {
		return c.sur + " " + c.given + " " + c.pat
	}
	return c.sur + " " + c.given
}
