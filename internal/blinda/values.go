package blinda

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
	"github.com/tazala/tazala/internal/checksum"
)

// vocab is one part's share of the shared word and value lists.
type vocab struct {
	maleGiven, femaleGiven []string
	surnames               []string    // male form; female adds "а" after -ов/-ев/-ин
	patronymics            [][2]string // male, female
	latMale, latFemale     []string    // Latin given names (cardholder style)
	latSurnames            []string    // Latin male form; female adds "A"/"a" after -V/-N
	mailDomains            []string
	mailLocal              []string            // layouts: g given, s surname, i initial, n digits, t tag
	expFormats             []string            // MM, YY, YYYY placeholders
	expLabels              map[string][]string // by language: ru, kk, en
	cvvLabels              map[string][]string
	phoneLayouts           []string // X = next digit of the 10-digit national number
	intlRegions            []string
	testPANs               []string // published test card numbers
	panSeps                []string
	companies              []string
}

// expLabel and cvvLabel pick a label word of language lang.
func (g *Generator) expLabel(lang string) string { return g.pick(g.v.expLabels[lang]) }
func (g *Generator) cvvLabel(lang string) string { return g.pick(g.v.cvvLabels[lang]) }

// cvvLabelFor avoids words that say "three-digit" for a four-digit Amex code.
func (g *Generator) cvvLabelFor(lang string, c card) string {
	for {
		l := g.cvvLabel(lang)
		if c.network != "amex" || !(strings.Contains(l, "трёх") || strings.Contains(l, "үш")) {
			return l
		}
	}
}

func (g *Generator) intn(n int) int            { return g.r.IntN(n) }
func (g *Generator) chance(p float64) bool     { return g.r.Float64() < p }
func (g *Generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

// digits returns n random decimal digits.
func (g *Generator) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

// ndigits returns n random digits not starting with 0.
func (g *Generator) ndigits(n int) string {
	return strconv.Itoa(1+g.intn(9)) + g.digits(n-1)
}

func hex(g *Generator, n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[g.intn(16)]
	}
	return string(b)
}

func (g *Generator) uuid() string {
	return hex(g, 8) + "-" + hex(g, 4) + "-4" + hex(g, 3) + "-a" + hex(g, 3) + "-" + hex(g, 12)
}

func (g *Generator) alnum(n int) string {
	const a = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = a[g.intn(len(a))]
	}
	return string(b)
}

// ---- IIN and BIN ----

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// iin returns a valid personal IIN of someone born 1940–2008.
func (g *Generator) iin() string {
	for {
		year := 1940 + g.intn(69)
		month := 1 + g.intn(12)
		day := 1 + g.intn(daysIn(year, month))
		c := 3 + g.intn(2)
		if year >= 2000 {
			c = 5 + g.intn(2)
		}
		body := fmt.Sprintf("%02d%02d%02d%d%04d", year%100, month, day, c, g.intn(10000))
		cd := checksum.IINControl([]byte(body))
		if cd < 0 {
			continue
		}
		s := body + strconv.Itoa(cd)
		if checksum.ValidIIN([]byte(s), 2026) {
			return s
		}
	}
}

// iinNum returns a valid IIN that can be written as a JSON number (no
// leading zero).
func (g *Generator) iinNum() string {
	for {
		if s := g.iin(); s[0] != '0' {
			return s
		}
	}
}

// bin returns a business identification number: registration YYMM, a
// type digit 4–6 (legal entity, branch, individual entrepreneur), and a
// valid control digit. It is never a valid IIN.
func (g *Generator) bin() string {
	for {
		body := fmt.Sprintf("%02d%02d%d%d%05d", g.intn(25), 1+g.intn(12), 4+g.intn(3), g.intn(4), g.intn(100000))
		cd := checksum.IINControl([]byte(body))
		if cd < 0 {
			continue
		}
		s := body + strconv.Itoa(cd)
		if !checksum.ValidIIN([]byte(s), 2026) {
			return s
		}
	}
}

// badIIN returns a 12-digit number shaped like an IIN that is not one: a
// wrong control digit or an impossible date.
func (g *Generator) badIIN() string {
	for {
		var s string
		if g.chance(0.5) {
			s = g.iin()
			d := (int(s[11]-'0') + 1 + g.intn(8)) % 10
			s = s[:11] + strconv.Itoa(d)
		} else {
			s = fmt.Sprintf("%02d%02d%02d%d%05d", g.intn(100), 13+g.intn(87), 1+g.intn(28), 3+g.intn(4), g.intn(100000))
		}
		if !checksum.ValidIIN([]byte(s), 2026) && !checksum.ValidIIN([]byte(s), 3000) {
			return s
		}
	}
}

// safe returns n random digits (first not 0) that are neither a valid IIN
// nor a Luhn-valid number: for ids written without a label.
func (g *Generator) safe(n int) string {
	for {
		s := g.ndigits(n)
		if n == 12 && checksum.ValidIIN([]byte(s), 3000) {
			continue
		}
		if n >= 12 && checksum.Luhn([]byte(s)) {
			continue
		}
		return s
	}
}

// embeddedIIN returns a 16–18 digit reference with a valid IIN as its
// first 12 digits, Luhn-invalid: an IIN-shaped run inside a longer number.
func (g *Generator) embeddedIIN() string {
	for {
		s := g.iin() + g.digits(4+g.intn(3))
		if !checksum.Luhn([]byte(s)) {
			return s
		}
	}
}

func (g *Generator) epochUs() string { return g.epochMs() + g.digits(3) }

// rrn returns a retrieval reference number in the usual YDDDhhNNNNNN
// layout, never a valid IIN and never Luhn-valid.
func (g *Generator) rrn() string {
	for {
		s := fmt.Sprintf("%d%03d%02d%06d", g.intn(10), 1+g.intn(365), g.intn(24), g.intn(1000000))
		if !checksum.ValidIIN([]byte(s), 3000) && !checksum.Luhn([]byte(s)) {
			return s
		}
	}
}

func (g *Generator) stan() string { return fmt.Sprintf("%06d", g.intn(1000000)) }
func (g *Generator) auth() string { return g.alnum(6) }
func (g *Generator) tid() string  { return g.pick([]string{"ALM", "AST", "SHY", "KRG"}) + g.digits(5) }
func (g *Generator) mid() string  { return "0000" + g.safe(11) }
func (g *Generator) mcc() string {
	return g.pick([]string{"5411", "5812", "5912", "4111", "4814", "5999", "6011", "7011", "5541", "4829"})
}
func (g *Generator) amount() string { return fmt.Sprintf("%d.%02d", 100+g.intn(500000), g.intn(100)) }
func (g *Generator) minor() string  { return strconv.Itoa(100 * (1 + g.intn(300000))) }
func (g *Generator) epochMs() string {
	return strconv.FormatInt(1733000000000+int64(g.intn(90000000))*1000+int64(g.intn(1000)), 10)
}
func (g *Generator) epoch() string { return strconv.Itoa(1733000000 + g.intn(90000000)) }
func (g *Generator) ts() string {
	return fmt.Sprintf("2025-%02d-%02dT%02d:%02d:%02d.%03dZ", 1+g.intn(12), 1+g.intn(28), g.intn(24), g.intn(60), g.intn(60), g.intn(1000))
}
func (g *Generator) clock() string {
	return fmt.Sprintf("%02d:%02d:%02d", g.intn(24), g.intn(60), g.intn(60))
}
func (g *Generator) iban() string {
	return "KZ" + g.digits(2) + g.pick([]string{"722", "601", "998", "914"}) + g.alnum(13)
}
func (g *Generator) ip() string {
	return fmt.Sprintf("10.%d.%d.%d", g.intn(256), g.intn(256), 1+g.intn(254))
}

// ---- cards ----

type network struct {
	name     string
	prefixes []string
	lengths  []int
}

func rangeStr(lo, hi int) []string {
	var out []string
	for i := lo; i <= hi; i++ {
		out = append(out, strconv.Itoa(i))
	}
	return out
}

var networks = []network{
	{"visa", []string{"4"}, []int{13, 16, 16, 16, 19}},
	{"mastercard", append([]string{"51", "52", "53", "54", "55"}, "2221", "2300", "2480", "2599", "2620", "2720"), []int{16}},
	{"amex", []string{"34", "37"}, []int{15}},
	{"discover", []string{"6011", "644", "645", "649", "65"}, []int{16, 19}},
	{"jcb", rangeStr(3528, 3589), []int{16, 17, 18, 19}},
	{"diners", []string{"300", "301", "305", "36", "38"}, []int{14, 16}},
	{"unionpay", []string{"62"}, []int{16, 17, 18, 19}},
	{"mir", rangeStr(2200, 2204), []int{16, 17, 18, 19}},
	{"maestro", []string{"6759", "6761", "6763", "5018", "5020", "5038", "6304"}, []int{13, 16, 18, 19}},
}

// card is a PAN and what goes with it.
type card struct {
	pan     string // digits only
	network string
}

// luhnComplete appends the check digit to body.
func luhnComplete(body string) string {
	return body + strconv.Itoa(checksum.LuhnDigit([]byte(body)))
}

// card returns a test vector of the part (share testShare) or a fresh
// number in a network range.
func (g *Generator) card() card {
	if g.chance(0.3) {
		p := g.pick(g.v.testPANs)
		return card{pan: p, network: networkOf(p)}
	}
	n := networks[g.intn(len(networks))]
	pre := g.pick(n.prefixes)
	l := n.lengths[g.intn(len(n.lengths))]
	return card{pan: luhnComplete(pre + g.digits(l-1-len(pre))), network: n.name}
}

func networkOf(p string) string {
	for _, n := range networks {
		for _, pre := range n.prefixes {
			if strings.HasPrefix(p, pre) {
				return n.name
			}
		}
	}
	switch {
	case p[0] == '2':
		return "mastercard"
	case p[0] == '5':
		return "mastercard"
	case strings.HasPrefix(p, "62"):
		return "unionpay"
	}
	return "card"
}

// fmtPAN writes p with the usual grouping for its length, or bare.
func (g *Generator) fmtPAN(p string) string {
	if g.chance(0.45) {
		return p
	}
	sep := g.pick(g.v.panSeps)
	var groups []int
	switch len(p) {
	case 14:
		groups = []int{4, 6, 4}
	case 15:
		groups = []int{4, 6, 5}
	case 16:
		groups = []int{4, 4, 4, 4}
	case 19:
		groups = []int{4, 4, 4, 4, 3}
	default:
		return p
	}
	var sb strings.Builder
	i := 0
	for k, n := range groups {
		if k > 0 {
			sb.WriteString(sep)
		}
		sb.WriteString(p[i : i+n])
		i += n
	}
	return sb.String()
}

// masked returns a masked form of p (never a PAN).
func (g *Generator) masked(p string) string {
	n := len(p)
	switch g.intn(5) {
	case 0:
		return p[:6] + strings.Repeat("*", n-10) + p[n-4:]
	case 1:
		return p[:4] + " " + p[4:6] + "** **** " + p[n-4:]
	case 2:
		return strings.Repeat("*", n-4) + p[n-4:]
	case 3:
		return p[:6] + strings.Repeat("X", n-10) + p[n-4:]
	default:
		return p[:6] + "..." + p[n-4:]
	}
}

// notPAN returns a 16-digit number that is not a PAN: Luhn-invalid in a
// network range, or Luhn-valid outside every range.
func (g *Generator) notPAN() string {
	if g.chance(0.5) {
		for {
			s := "4" + g.digits(15)
			if !checksum.Luhn([]byte(s)) {
				return s
			}
		}
	}
	return luhnComplete(g.pick([]string{"9", "1", "0", "8"}) + g.digits(14))
}

// exp returns an expiry in one of the part's formats.
func (g *Generator) exp() string {
	mm := fmt.Sprintf("%02d", 1+g.intn(12))
	y := 2024 + g.intn(10)
	f := g.pick(g.v.expFormats)
	f = strings.Replace(f, "YYYY", strconv.Itoa(y), 1)
	f = strings.Replace(f, "YY", fmt.Sprintf("%02d", y%100), 1)
	return strings.Replace(f, "MM", mm, 1)
}

// cvv returns a code of the right length for c's network.
func (g *Generator) cvv(c card) string {
	if c.network == "amex" {
		return fmt.Sprintf("%04d", g.intn(10000))
	}
	return fmt.Sprintf("%03d", g.intn(1000))
}

// cvvNum returns a code that can be written as a JSON number.
func (g *Generator) cvvNum() string { return strconv.Itoa(100 + g.intn(900)) }

// ---- phones ----

var kzCodes = []string{"700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778", "727"}
var ruCodes = []string{"903", "905", "916", "926", "915", "961", "985", "999", "495", "812", "343", "383", "473"}

// national returns a 10-digit national number, Kazakh or Russian.
func (g *Generator) national() string {
	code := g.pick(kzCodes)
	if g.chance(0.3) {
		code = g.pick(ruCodes)
	}
	return code + strconv.Itoa(2+g.intn(8)) + g.digits(6)
}

// layout writes the 10-digit national number n into a layout.
func layout(l, n string) string {
	var sb strings.Builder
	i := 0
	for _, r := range l {
		if r == 'X' {
			sb.WriteByte(n[i])
			i++
		} else {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// phone returns a Kazakh/Russian number in one of the part's layouts.
func (g *Generator) phone() string {
	return layout(g.pick(g.v.phoneLayouts), g.national())
}

var exampleMu sync.Mutex
var exampleCache = map[string]*phonenumbers.PhoneNumber{}

func example(region string) *phonenumbers.PhoneNumber {
	exampleMu.Lock()
	defer exampleMu.Unlock()
	if n, ok := exampleCache[region]; ok {
		return n
	}
	n := phonenumbers.GetExampleNumberForType(region, phonenumbers.MOBILE)
	exampleCache[region] = n
	return n
}

// intlPhone returns libphonenumber's example mobile number of one of the
// part's regions (sometimes with its last digits varied and revalidated),
// formatted E.164 or INTERNATIONAL.
func (g *Generator) intlPhone() string {
	n := example(g.pick(g.v.intlRegions))
	if g.chance(0.5) {
		nn := n.GetNationalNumber()
		v := nn - nn%1000 + uint64(g.intn(1000))
		cc := n.GetCountryCode()
		m := &phonenumbers.PhoneNumber{CountryCode: &cc, NationalNumber: &v}
		if phonenumbers.IsValidNumber(m) {
			n = m
		}
	}
	if g.chance(0.5) {
		return phonenumbers.Format(n, phonenumbers.E164)
	}
	return phonenumbers.Format(n, phonenumbers.INTERNATIONAL)
}

// anyPhone mixes +7/8 numbers and international ones.
func (g *Generator) anyPhone() string {
	if g.chance(0.25) {
		return g.intlPhone()
	}
	return g.phone()
}

// ---- names and e-mail ----

type person struct {
	female             bool
	given, sur, patr   string // Cyrillic
	latGiven, latSur   string // Latin
	latGivenC, latSurC string // Latin, capitalised
}

func femaleSurname(s string) string {
	for _, suf := range []string{"ов", "ев", "ин", "ёв"} {
		if strings.HasSuffix(s, suf) {
			return s + "а"
		}
	}
	for _, suf := range []string{"ский"} {
		if strings.HasSuffix(s, suf) {
			return strings.TrimSuffix(s, "ий") + "ая"
		}
	}
	return s
}

func femaleLat(s string) string {
	if strings.HasSuffix(s, "V") || strings.HasSuffix(s, "N") {
		return s + "A"
	}
	return s
}

func capWord(s string) string {
	s = strings.ToLower(s)
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g *Generator) person() person {
	var p person
	p.female = g.chance(0.5)
	p.sur = g.pick(g.v.surnames)
	pt := g.v.patronymics[g.intn(len(g.v.patronymics))]
	p.latSur = g.pick(g.v.latSurnames)
	if p.female {
		p.given = g.pick(g.v.femaleGiven)
		p.sur = femaleSurname(p.sur)
		p.patr = pt[1]
		p.latGiven = g.pick(g.v.latFemale)
		p.latSur = femaleLat(p.latSur)
	} else {
		p.given = g.pick(g.v.maleGiven)
		p.patr = pt[0]
		p.latGiven = g.pick(g.v.latMale)
	}
	p.latGivenC, p.latSurC = capWord(p.latGiven), capWord(p.latSur)
	return p
}

// cyr writes a Cyrillic full name in one of the usual orders.
func (g *Generator) cyr(p person) string {
	switch g.intn(5) {
	case 0, 1:
		return p.sur + " " + p.given + " " + p.patr
	case 2:
		return p.given + " " + p.sur
	case 3:
		return p.sur + " " + p.given
	default:
		return p.given + " " + p.patr + " " + p.sur
	}
}

// lat writes a Latin full name (embossed upper case or capitalised).
func (g *Generator) lat(p person) string {
	switch g.intn(4) {
	case 0, 1:
		return p.latGiven + " " + p.latSur
	case 2:
		return p.latGivenC + " " + p.latSurC
	default:
		return p.latSurC + " " + p.latGivenC
	}
}

// name writes either.
func (g *Generator) name(p person) string {
	if g.chance(0.6) {
		return g.cyr(p)
	}
	return g.lat(p)
}

// email builds an address for p in one of the part's layouts and domains.
func (g *Generator) email(p person) string {
	l := g.pick(g.v.mailLocal)
	gv, sv := strings.ToLower(p.latGiven), strings.ToLower(p.latSur)
	var sb strings.Builder
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case 'g':
			sb.WriteString(gv)
		case 's':
			sb.WriteString(sv)
		case 'i':
			sb.WriteByte(gv[0])
		case 'n':
			sb.WriteString(strconv.Itoa(70 + g.intn(40)))
		case 't':
			sb.WriteString(g.pick([]string{"shop", "pay", "bank", "receipts", "2fa", "news"}))
		case 'c':
			sb.WriteString(strings.ToLower(p.given))
		default:
			sb.WriteByte(l[i])
		}
	}
	return sb.String() + "@" + g.pick(g.v.mailDomains)
}
