package blindg

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tazala/tazala/internal/checksum"
)

// pick returns a random element of xs.
func pick[T any](g *Generator, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *Generator) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

// iin returns a valid personal IIN (birth date, century digit 1–6 in a
// plausible range, control digit).
func (g *Generator) iin() string {
	for {
		year := 1945 + g.r.IntN(63) // 1945..2007
		mm := 1 + g.r.IntN(12)
		dd := 1 + g.r.IntN(28)
		var c int
		switch {
		case year < 2000:
			c = 3 + g.r.IntN(2)
		default:
			c = 5 + g.r.IntN(2)
		}
		body := fmt.Sprintf("%02d%02d%02d%d%s", year%100, mm, dd, c, g.digits(4))
		k := checksum.IINControl([]byte(body))
		if k < 0 {
			continue
		}
		v := body + string(rune('0'+k))
		if checksum.ValidIIN([]byte(v), 2026) {
			return v
		}
	}
}

// bin returns a business BIN: YYMM, then 4–6 in the fifth position, a valid
// control digit. Never a valid IIN.
func (g *Generator) bin() string {
	for {
		body := fmt.Sprintf("%02d%02d%d%s", g.r.IntN(25), 1+g.r.IntN(12), 4+g.r.IntN(3), g.digits(6))
		if k := checksum.IINControl([]byte(body)); k >= 0 {
			return body + string(rune('0'+k))
		}
	}
}

// notIIN returns a 12-digit number that is not a valid IIN (impossible
// date or bad control digit).
func (g *Generator) notIIN() string {
	for {
		v := g.digits(12)
		if !checksum.ValidIIN([]byte(v), 2026) {
			return v
		}
	}
}

type network struct {
	prefixes []string
	lens     []int
}

var networks = []network{
	{[]string{"4"}, []int{16}},                                              // Visa
	{[]string{"51", "52", "53", "54", "55"}, []int{16}},                     // Mastercard
	{[]string{"2221", "2300", "2510", "2699", "2720"}, []int{16}},           // Mastercard 2-series
	{[]string{"34", "37"}, []int{15}},                                       // Amex
	{[]string{"2200", "2201", "2202", "2203", "2204"}, []int{16}},           // Mir
	{[]string{"62"}, []int{16, 19}},                                         // UnionPay
	{[]string{"3528", "3550", "3589"}, []int{16}},                           // JCB
	{[]string{"6011", "65"}, []int{16}},                                     // Discover
	{[]string{"36"}, []int{14}},                                             // Diners
	{[]string{"4", "51", "53", "2200", "4", "4", "55", "4"}, []int{16}},     // weight toward the common ones
	{[]string{"440043", "400303", "517792", "539545", "220220"}, []int{16}}, // KZ/RU issuer BIN-like
}

// pan returns the digits of a Luhn-valid number in a real network range.
func (g *Generator) pan() string {
	n := pick(g, networks)
	p := pick(g, n.prefixes)
	l := pick(g, n.lens)
	body := p + g.digits(l-1-len(p))
	return body + string(rune('0'+checksum.LuhnDigit([]byte(body))))
}

// outOfRange returns a Luhn-valid 16-digit number outside every network.
func (g *Generator) outOfRange() string {
	p := pick(g, []string{"1", "80", "87", "09", "7"})
	body := p + g.digits(15-len(p))
	return body + string(rune('0'+checksum.LuhnDigit([]byte(body))))
}

// badLuhn returns a 16-digit number in a network range with a wrong check digit.
func (g *Generator) badLuhn() string {
	v := []byte(g.pan16())
	v[15] = byte('0' + (int(v[15]-'0')+1+g.r.IntN(8))%10)
	return string(v)
}

func (g *Generator) pan16() string {
	for {
		if v := g.pan(); len(v) == 16 {
			return v
		}
	}
}

// groupPAN writes digits in a notation: contiguous, groups of 4 (or the
// Amex/Diners 4-6-5 / 4-6-4 layout) with a space or a dash.
func (g *Generator) groupPAN(d string, allowPlain bool) string {
	sep := pick(g, []string{" ", "-", " ", ""})
	if !allowPlain && sep == "" {
		sep = " "
	}
	if sep == "" {
		return d
	}
	var parts []string
	switch len(d) {
	case 15:
		parts = []string{d[:4], d[4:10], d[10:]}
	case 14:
		parts = []string{d[:4], d[4:10], d[10:]}
	default:
		for i := 0; i < len(d); i += 4 {
			e := min(i+4, len(d))
			parts = append(parts, d[i:e])
		}
	}
	return strings.Join(parts, sep)
}

func (g *Generator) masked() string {
	d := g.pan16()
	switch g.r.IntN(3) {
	case 0:
		return d[:6] + "******" + d[12:]
	case 1:
		return d[:4] + " " + d[4:6] + "** **** " + d[12:]
	default:
		return "**** **** **** " + d[12:]
	}
}

func (g *Generator) expiry() string {
	mm := 1 + g.r.IntN(12)
	yy := 26 + g.r.IntN(8)
	if g.r.IntN(5) == 0 {
		return fmt.Sprintf("%02d/20%02d", mm, yy)
	}
	return fmt.Sprintf("%02d/%02d", mm, yy)
}

func (g *Generator) cvv(amex bool) string {
	if amex {
		return fmt.Sprintf("%04d", g.r.IntN(10000))
	}
	return fmt.Sprintf("%03d", g.r.IntN(1000))
}

var kzMobile = []string{"700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"}
var ruCodes = []string{"916", "925", "903", "495", "812", "383", "343", "981"}

// phone returns a phone number as written.
func (g *Generator) phone() string {
	var code string
	if g.r.IntN(4) == 0 {
		code = pick(g, ruCodes)
	} else {
		code = pick(g, kzMobile)
	}
	a, b, c := g.digits(3), g.digits(2), g.digits(2)
	a = string(rune('2'+g.r.IntN(8))) + a[1:]
	switch g.r.IntN(8) {
	case 0:
		return "+7 " + code + " " + a + " " + b + " " + c
	case 1:
		return "+7(" + code + ")" + a + "-" + b + "-" + c
	case 2:
		return "8 (" + code + ") " + a + "-" + b + "-" + c
	case 3:
		return "+7" + code + a + b + c
	case 4:
		return "8" + code + a + b + c
	case 5:
		return "+7-" + code + "-" + a + "-" + b + "-" + c
	case 6:
		return "8." + code + "." + a + "." + b + "." + c
	default:
		return pick(g, []string{
			"+49 151 " + g.digits(4) + " " + g.digits(4),
			"+90 532 " + g.digits(3) + " " + g.digits(2) + " " + g.digits(2),
			"+998 90 " + g.digits(3) + " " + g.digits(2) + " " + g.digits(2),
			"+996 555 " + g.digits(3) + " " + g.digits(3),
			"+7 " + code + " " + a + b + c,
		})
	}
}

var mailLocal = []string{"a.nurlanova", "d.otegen", "zhuldyz.s", "ivanov.sergei", "m.gonzalez", "kz_client77", "olga.smirnova", "erlan.k", "support-desk", "b.tokhtar"}
var mailDomain = []string{"mail.kz", "gmail.com", "yandex.ru", "inbox.kz", "outlook.com", "tulparpay.kz", "bk.ru", "proton.me", "company.co.uk", "steppe-digital.com"}

func (g *Generator) email() string {
	l := pick(g, mailLocal)
	if g.r.IntN(2) == 0 {
		l += g.digits(2)
	}
	return l + "@" + pick(g, mailDomain)
}

// --- names ---

var kzMale = []string{"Нұрсұлтан", "Ерлан", "Дәурен", "Бауыржан", "Асқар", "Ержан", "Қанат", "Мұрат", "Серік", "Әлихан", "Төлеген", "Ғалым", "Жандос", "Үсен", "Һидаят", "Нұрлан"}
var kzFemale = []string{"Әйгерім", "Гүлнұр", "Айнұр", "Жұлдыз", "Сәуле", "Мөлдір", "Ақерке", "Дәмелі", "Гүлжан", "Шынар", "Балжан", "Інжу", "Ұлжан", "Аружан"}

// Kazakh surnames without Russian endings (same for both sexes).
var kzPlainSurname = []string{"Құдайберген", "Жақсылық", "Өтеген", "Сәрсенбай", "Нұрмағамбет", "Тоқтар", "Әбдіразақ", "Ысқақ", "Қожахмет", "Бекмұхамбет", "Сұлтанбек", "Шәкен", "Ғабит", "Үмбетәлі", "Ізбасар"}

// Kazakh surname stems taking -ов/-ова, -ев/-ева.
var kzRuStem = []string{"Нұрлан", "Әлімжан", "Жүніс", "Қасым", "Сейітқали", "Тәжібай", "Ұзақ", "Оспан"}
var kzFathers = []string{"Серік", "Ерлан", "Бақыт", "Қайрат", "Нұрлан", "Асқар", "Мұрат", "Болат"}

var ruMale = []string{"Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Игорь", "Павел", "Виктор"}
var ruFemale = []string{"Ольга", "Наталья", "Екатерина", "Татьяна", "Ирина", "Светлана", "Юлия", "Анна"}
var ruSurStem = []string{"Смирнов", "Кузнецов", "Волков", "Соколов", "Лебедев", "Морозов", "Белоусов", "Гончаров"}
var ruSurPlain = []string{"Захарченко", "Ткаченко", "Шевчук", "Коваленко"}
var ruPatrStem = []string{"Петров", "Игорев", "Викторов", "Александров", "Сергеев", "Николаев"}

var latKzGiven = []string{"Nursultan", "Aigerim", "Daulet", "Zhuldyz", "Yerlan", "Ainur", "Askar", "Moldir", "Dauren", "Gulnur", "Kanat", "Akerke"}
var latKzSur = []string{"Kudaibergen", "Zhaksylyk", "Otegen", "Sarsenbay", "Nurmagambet", "Tokhtar", "Nurlanova", "Kassymov", "Zhunisova", "Abdirazak", "Iskakov", "Ospanova"}
var latForeign = [][2]string{{"John", "Whitfield"}, {"Maria", "Gonzalez"}, {"Hans", "Becker"}, {"Mehmet", "Yilmaz"}, {"Emily", "Carter"}, {"Pierre", "Lambert"}, {"Olga", "Smirnova"}, {"Sergei", "Volkov"}, {"Anna", "Kowalska"}, {"Kenji", "Tanaka"}}

// name returns a full name in one of several forms and scripts.
func (g *Generator) name() string {
	var parts []string
	female := g.r.IntN(2) == 0
	switch g.r.IntN(10) {
	case 0, 1, 2: // Kazakh, surname without Russian ending
		given := pick(g, kzMale)
		if female {
			given = pick(g, kzFemale)
		}
		sur := pick(g, kzPlainSurname)
		switch g.r.IntN(3) {
		case 0:
			parts = []string{sur, given}
		case 1:
			parts = []string{given, sur}
		default:
			suf := "ұлы"
			if female {
				suf = "қызы"
			}
			parts = []string{sur, given, pick(g, kzFathers) + suf}
		}
	case 3, 4: // Kazakh with Russian endings and patronymic
		given := pick(g, kzMale)
		sur := pick(g, kzRuStem)
		end, pe := "ов", "ович"
		if strings.HasSuffix(sur, "и") || strings.HasSuffix(sur, "й") {
			end = "ев"
		}
		if female {
			given = pick(g, kzFemale)
			end += "а"
			pe = "овна"
		}
		sur = strings.TrimSuffix(sur, "й")
		sur += end
		if g.r.IntN(2) == 0 {
			parts = []string{sur, given, pick(g, kzFathers) + pe}
		} else {
			parts = []string{given, sur}
		}
	case 5, 6: // Russian
		given := pick(g, ruMale)
		sur := pick(g, ruSurStem)
		pe := "ич"
		if g.r.IntN(4) == 0 {
			sur = pick(g, ruSurPlain)
		}
		if female {
			given = pick(g, ruFemale)
			if !strings.HasSuffix(sur, "о") && !strings.HasSuffix(sur, "к") {
				sur += "а"
			}
			pe = "на"
		}
		patr := pick(g, ruPatrStem)
		if strings.HasSuffix(patr, "ев") {
			patr = strings.TrimSuffix(patr, "ев") + "ев"
		}
		switch g.r.IntN(3) {
		case 0:
			parts = []string{sur, given, patr + pe}
		case 1:
			parts = []string{given, patr + pe, sur}
		default:
			parts = []string{given, sur}
		}
	case 7, 8: // Latin transliteration of a Kazakh name
		if g.r.IntN(2) == 0 {
			parts = []string{pick(g, latKzGiven), pick(g, latKzSur)}
		} else {
			parts = []string{pick(g, latKzSur), pick(g, latKzGiven)}
		}
	default: // foreign
		f := pick(g, latForeign)
		parts = []string{f[0], f[1]}
	}
	s := strings.Join(parts, " ")
	if g.r.IntN(6) == 0 {
		s = strings.ToUpper(s)
	}
	return s
}

// latinName returns a Latin full name as embossed on a card (upper case).
func (g *Generator) latinName() string {
	if g.r.IntN(2) == 0 {
		f := pick(g, latForeign)
		return strings.ToUpper(f[0] + " " + f[1])
	}
	return strings.ToUpper(pick(g, latKzGiven) + " " + pick(g, latKzSur))
}

// --- hard-negative vocabularies ---

var companies = []string{"ТОО «Алтын Сапа»", "Silk Road Payments LLP", "Steppe Digital", "Қазақ Сауда Үйі", "АО «Жібек Жолы Финанс»", "Tulpar Pay", "Aqsha Plus", "Samal Logistics", "ТОО «Нұр Құрылыс»", "Berkut Security GmbH", "Altyn Dala Foods"}
var products = []string{"Aqsha Plus Gold", "Tulpar Business", "Samal Cashback", "Merchant Portal", "Green Valley", "Smart Kassa", "Ақ Жол Premium"}
var teams = []string{"Team Berkut", "Команда Сұңқар", "Risk Ops", "Core Ledger", "Blue Steppe"}
var streets = []string{"ул. Толе би", "Сәтбаев көшесі", "Abai Avenue", "проспект Достык", "ул. Кунаева", "Қабанбай батыр даңғылы", "Gogol Street"}
var cities = []string{"Усть-Каменогорск", "Нур-Султан", "Almaty", "Қызылорда", "Шымкент", "Petropavl", "Семей", "Ust-Kamenogorsk"}
var loneGiven = []string{"Ерлан", "Әйгерім", "Aigerim", "Daulet", "Ольга", "Maria", "Нұрлан", "Гүлнұр"}

// jsonEscape returns s as it appears inside a JSON string; with esc every
// non-ASCII rune is written as \uXXXX.
func jsonEscape(s string, esc bool) string {
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			sb.WriteByte('\\')
			sb.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(&sb, "\\u%04x", r)
		case esc && r >= utf8.RuneSelf:
			fmt.Fprintf(&sb, "\\u%04x", r)
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
