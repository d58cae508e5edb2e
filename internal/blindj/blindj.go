// Package blindj generates an independent, held-out evaluation corpus for
// tazala's detectors: logs of a Kazakhstan insurer, a microfinance lender
// and a government-services (eGov-style) integration. Every line comes with
// the byte spans of the personal data it holds. It was written without
// reading the scanner; never tune the scanner on it.
package blindj

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
)

// Span is one labelled value: byte offsets into Record.Line.
type Span struct {
	Kind       tazala.Kind
	Start, End int
}

// Record is one generated log line and its truth.
type Record struct {
	Line  []byte
	Spans []Span
}

// Generator produces records deterministically from a seed.
type Generator struct {
	r *rand.Rand
	n int
}

// New returns a generator seeded with seed.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// line builds one record; with esc set, non-ASCII runes are written as
// \uXXXX escapes (JSON producers that escape everything).
type line struct {
	b   []byte
	sp  []Span
	esc bool
}

func (l *line) s(x string) {
	if !l.esc {
		l.b = append(l.b, x...)
		return
	}
	for _, r := range x {
		if r < utf8.RuneSelf {
			l.b = append(l.b, byte(r))
		} else {
			l.b = fmt.Appendf(l.b, `\u%04x`, r)
		}
	}
}

func (l *line) p(k tazala.Kind, x string) {
	st := len(l.b)
	l.s(x)
	l.sp = append(l.sp, Span{Kind: k, Start: st, End: len(l.b)})
}

func (l *line) f(format string, a ...any) { l.s(fmt.Sprintf(format, a...)) }

func (g *Generator) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }
func (g *Generator) chance(p float64) bool   { return g.r.Float64() < p }
func (g *Generator) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

// Next returns the next record.
func (g *Generator) Next() Record {
	g.n++
	l := &line{}
	if g.chance(0.30) {
		g.clean(l)
	} else {
		tpl := []func(*line){g.policyJSON, g.claimText, g.loanApp, g.collectionsNote, g.egovXML, g.egovJSON, g.premiumForm, g.gatewayDump, g.smsLog, g.mailLog, g.beneficiaryKV, g.kkNote, g.chat, g.cardDictated, g.kycCSV, g.egovRequestXML, g.mailNotify, g.gatewayYAML}
		tpl[g.r.IntN(len(tpl))](l)
	}
	return Record{Line: l.b, Spans: l.sp}
}

func (g *Generator) ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", 1+g.r.IntN(11), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
}

// ---- values ----

// IIN returns a valid personal IIN.
func (g *Generator) IIN() string {
	for {
		y := 1950 + g.r.IntN(56)
		m := 1 + g.r.IntN(12)
		d := 1 + g.r.IntN(28)
		c := 3 + g.r.IntN(2)
		if y >= 2000 {
			c += 2
		}
		body := fmt.Sprintf("%02d%02d%02d%d%s", y%100, m, d, c, g.digits(4))
		if k := checksum.IINControl([]byte(body)); k >= 0 {
			return body + string(rune('0'+k))
		}
	}
}

// BIN returns a valid business identification number (5th digit 4–6).
func (g *Generator) BIN() string {
	for {
		body := fmt.Sprintf("%02d%02d%d%s", g.r.IntN(26), 1+g.r.IntN(12), 4+g.r.IntN(3), g.digits(6))
		if k := checksum.IINControl([]byte(body)); k >= 0 {
			return body + string(rune('0'+k))
		}
	}
}

// rrn is a 12-digit retrieval reference number with an impossible month,
// so it is never a valid IIN.
func (g *Generator) rrn() string {
	return fmt.Sprintf("%d%d%d%s", 6+g.r.IntN(4), g.r.IntN(10), 3+g.r.IntN(6), g.digits(9))
}

func (g *Generator) luhn(prefix string, n int) string {
	body := prefix + g.digits(n-1-len(prefix))
	return body + string(rune('0'+checksum.LuhnDigit([]byte(body))))
}

// pan returns a Luhn-valid PAN in a real network range, as written.
func (g *Generator) pan() string {
	var d string
	amex := false
	switch g.r.IntN(6) {
	case 0:
		d = g.luhn("4"+g.pick([]string{"00303", "05645", "16973", "40043", "75125"}), 16)
	case 1:
		d = g.luhn(fmt.Sprint(51+g.r.IntN(5)), 16)
	case 2:
		d = g.luhn(fmt.Sprint(2221+g.r.IntN(500)), 16)
	case 3:
		d = g.luhn(fmt.Sprint(2200+g.r.IntN(5)), 16)
	case 4:
		d = g.luhn("62"+g.digits(2), 16)
	default:
		d = g.luhn(g.pick([]string{"34", "37"}), 15)
		amex = true
	}
	switch g.r.IntN(3) {
	case 0:
		return d
	default:
		sep := g.pick([]string{" ", " ", "-"})
		if amex {
			return d[:4] + sep + d[4:10] + sep + d[10:]
		}
		return d[:4] + sep + d[4:8] + sep + d[8:12] + sep + d[12:]
	}
}

func (g *Generator) masked() string {
	d := g.luhn("4"+g.digits(5), 16)
	switch g.r.IntN(3) {
	case 0:
		return d[:6] + "******" + d[12:]
	case 1:
		return d[:4] + " " + d[4:6] + "** **** " + d[12:]
	default:
		return "*" + d[12:]
	}
}

func (g *Generator) expiry() string {
	m := 1 + g.r.IntN(12)
	y := 26 + g.r.IntN(6)
	if g.chance(0.3) {
		return fmt.Sprintf("%02d/20%02d", m, y)
	}
	return fmt.Sprintf("%02d/%02d", m, y)
}

func (g *Generator) cvv() string { return fmt.Sprintf("%03d", g.r.IntN(1000)) }

var kzOps = []string{"700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"}
var ruOps = []string{"903", "905", "916", "926", "985", "912", "953"}

func (g *Generator) phone() string {
	if g.chance(0.08) {
		switch g.r.IntN(3) {
		case 0:
			return "+998 9" + fmt.Sprint(g.r.IntN(4)) + " " + g.digits(3) + " " + g.digits(2) + " " + g.digits(2)
		case 1:
			return "+996 555 " + g.digits(3) + " " + g.digits(3)
		default:
			return "+86 13" + fmt.Sprint(g.r.IntN(10)) + " " + g.digits(4) + " " + g.digits(4)
		}
	}
	op := g.pick(kzOps)
	if g.chance(0.15) {
		op = g.pick(ruOps)
	}
	a, b, c := g.digits(3), g.digits(2), g.digits(2)
	switch g.r.IntN(12) {
	case 9:
		return "8 " + op + " " + a + b + c
	case 10:
		return "+7 " + op + " " + a + " " + b + c
	case 11:
		return "7" + op + a + b + c
	case 0:
		return "+7 " + op + " " + a + " " + b + " " + c
	case 1:
		return "8 (" + op + ") " + a + "-" + b + "-" + c
	case 2:
		return "+7" + op + a + b + c
	case 3:
		return "8" + op + a + b + c
	case 4:
		return "+7 (" + op + ") " + a + "-" + b + "-" + c
	case 5:
		return "8-" + op + "-" + a + "-" + b + "-" + c
	case 6:
		return "+7-" + op + "-" + a + "-" + b + c
	case 7:
		return "8 " + op + " " + a + " " + b + c
	default:
		return "+7." + op + "." + a + "." + b + "." + c
	}
}

// ---- names ----

type person struct {
	sur, given, pat string // Cyrillic
	lsur, lgiven    string // Latin
	female          bool
}

var maleGiven = [][2]string{{"Ерлан", "Erlan"}, {"Нурлан", "Nurlan"}, {"Бауыржан", "Bauyrzhan"}, {"Данияр", "Daniyar"}, {"Асхат", "Askhat"}, {"Серик", "Serik"}, {"Арман", "Arman"}, {"Ринат", "Rinat"}, {"Тимур", "Timur"}, {"Алексей", "Aleksei"}, {"Дмитрий", "Dmitrii"}, {"Ержан", "Erzhan"}, {"Мағжан", "Magzhan"}, {"Санжар", "Sanzhar"}, {"Олжас", "Olzhas"}, {"Виктор", "Viktor"}, {"Нұржан", "Nurzhan"}, {"Әділет", "Adilet"}, {"Қуаныш", "Kuanysh"}, {"Ғалым", "Galym"}, {"Дәурен", "Dauren"}, {"Ильяс", "Ilyas"}, {"Павел", "Pavel"}, {"Жандос", "Zhandos"}}
var femGiven = [][2]string{{"Айгерим", "Aigerim"}, {"Динара", "Dinara"}, {"Гульнара", "Gulnara"}, {"Жанар", "Zhanar"}, {"Сауле", "Saule"}, {"Мадина", "Madina"}, {"Ольга", "Olga"}, {"Наталья", "Natalia"}, {"Әйгерім", "Aigerim"}, {"Камила", "Kamila"}, {"Асель", "Assel"}, {"Индира", "Indira"}, {"Ақмарал", "Akmaral"}, {"Гүлназ", "Gulnaz"}, {"Балжан", "Balzhan"}, {"Томирис", "Tomiris"}, {"Елена", "Elena"}, {"Зарина", "Zarina"}, {"Меруерт", "Meruert"}}
var surRoots = [][2]string{{"Абдрахманов", "Abdrakhmanov"}, {"Жумабаев", "Zhumabayev"}, {"Сейткалиев", "Seitkaliyev"}, {"Нургалиев", "Nurgaliyev"}, {"Касымов", "Kassymov"}, {"Тулегенов", "Tulegenov"}, {"Оспанов", "Ospanov"}, {"Ибраев", "Ibrayev"}, {"Кузнецов", "Kuznetsov"}, {"Смирнов", "Smirnov"}, {"Ахметов", "Akhmetov"}, {"Мукашев", "Mukashev"}, {"Бекмухамбетов", "Bekmukhambetov"}, {"Ермеков", "Yermekov"}, {"Құдайбергенов", "Kudaibergenov"}, {"Әбдірахманов", "Abdirakhmanov"}, {"Төлеуов", "Toleuov"}, {"Жақсылықов", "Zhaksylykov"}, {"Сәрсенбаев", "Sarsenbayev"}, {"Омаров", "Omarov"}, {"Байжанов", "Baizhanov"}, {"Иванов", "Ivanov"}, {"Шалабаев", "Shalabayev"}}
var patRoots = []string{"Серик", "Нурлан", "Ерлан", "Болат", "Кайрат", "Марат", "Аскар", "Владимир", "Сергей", "Мурат", "Жанбол", "Ерболат", "Андрей", "Тимур", "Қайрат"}

func (g *Generator) person() person {
	var p person
	s := surRoots[g.r.IntN(len(surRoots))]
	p.female = g.chance(0.5)
	var gv [2]string
	if p.female {
		gv = femGiven[g.r.IntN(len(femGiven))]
		p.sur, p.lsur = s[0]+"а", s[1]+"a"
	} else {
		gv = maleGiven[g.r.IntN(len(maleGiven))]
		p.sur, p.lsur = s[0], s[1]
	}
	p.given, p.lgiven = gv[0], gv[1]
	root := g.pick(patRoots)
	kz := !strings.HasSuffix(root, "й") && g.chance(0.4)
	switch {
	case kz && p.female:
		p.pat = root + "қызы"
	case kz:
		p.pat = root + "ұлы"
	case strings.HasSuffix(root, "й") && p.female:
		p.pat = strings.TrimSuffix(root, "й") + "евна"
	case strings.HasSuffix(root, "й"):
		p.pat = strings.TrimSuffix(root, "й") + "евич"
	case p.female:
		p.pat = root + "овна"
	default:
		p.pat = root + "ович"
	}
	return p
}

// full writes a full name in one of several orders.
func (g *Generator) full(p person) string {
	switch g.r.IntN(7) {
	case 0, 1:
		return p.sur + " " + p.given + " " + p.pat
	case 2:
		return p.given + " " + p.pat + " " + p.sur
	case 3:
		return p.sur + " " + p.given
	case 4:
		return p.given + " " + p.sur
	case 5:
		return p.lgiven + " " + p.lsur
	default:
		return strings.ToUpper(p.lsur) + " " + strings.ToUpper(p.lgiven)
	}
}

func (g *Generator) email(p person) string {
	loc := strings.ToLower(p.lgiven)
	switch g.r.IntN(4) {
	case 0:
		loc += "." + strings.ToLower(p.lsur)
	case 1:
		loc = strings.ToLower(p.lgiven[:1]) + "_" + strings.ToLower(p.lsur) + fmt.Sprint(g.r.IntN(100))
	case 2:
		loc += fmt.Sprint(1970 + g.r.IntN(36))
	}
	if g.chance(0.1) {
		loc += "+ins"
	}
	if g.chance(0.08) {
		loc = strings.ToUpper(loc[:1]) + loc[1:]
	}
	return loc + "@" + g.pick([]string{"mail.ru", "gmail.com", "inbox.kz", "yandex.kz", "list.ru", "outlook.com", "bk.ru", "corp.kaztransport.kz", "icloud.com", "edu.kaznu.kz"})
}

var cities = []string{"Алматы", "Астана", "Шымкент", "Караганда", "Актобе", "Павлодар", "Усть-Каменогорск", "Атырау", "Костанай", "Кызылорда", "Тараз", "Туркестан"}
var products = []string{"КАСКО Лайт", "ОГПО ВТС", "Мед-Стандарт", "Travel Plus", "Жилище Комфорт", "Несчастный случай Pro"}
