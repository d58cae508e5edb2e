package blinde

import (
	"fmt"
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/tazala/tazala/internal/checksum"
)

// maxYear bounds IIN birth years (the corpus is dated 2026).
const maxYear = 2026

func (g *Generator) digits(n int) string {
	d := make([]byte, n)
	for i := range d {
		d[i] = byte('0' + g.r.IntN(10))
	}
	return string(d)
}

// iin returns a valid personal IIN.
func (g *Generator) iin() string {
	for {
		y := g.intn(1948, 2008)
		m := g.intn(1, 12)
		d := g.intn(1, 28)
		c := 3 + g.r.IntN(2)
		if y >= 2000 {
			c = 5 + g.r.IntN(2)
		}
		body := fmt.Sprintf("%02d%02d%02d%d%s", y%100, m, d, c, g.digits(4))
		if k := checksum.IINControl([]byte(body)); k >= 0 {
			return fmt.Sprintf("%s%d", body, k)
		}
	}
}

// bin returns a business BIN (5th digit 4–6, valid control digit): never
// a valid IIN.
func (g *Generator) bin() string {
	for {
		body := fmt.Sprintf("%02d%02d%d%d%s", g.intn(0, 25), g.intn(1, 12), g.intn(4, 6), g.intn(0, 3), g.digits(5))
		if k := checksum.IINControl([]byte(body)); k >= 0 {
			return fmt.Sprintf("%s%d", body, k)
		}
	}
}

// badIIN returns a 12-digit number that is not a valid IIN.
func (g *Generator) badIIN() string {
	for {
		v := g.digits(12)
		if v[0] == '0' {
			continue
		}
		if !checksum.ValidIIN([]byte(v), maxYear) {
			return v
		}
	}
}

var kzPrefixes = []string{"700", "701", "702", "705", "706", "707", "708", "747", "771", "775", "776", "777", "778"}
var ruPrefixes = []string{"903", "905", "909", "912", "915", "916", "921", "925", "926", "977", "985", "999"}

// kzPhone formats a +7 number (KZ mobile, sometimes RU) in one of the
// usual ways.
func (g *Generator) kzPhone() string {
	pre := g.pick(kzPrefixes)
	if g.chance(0.12) {
		pre = g.pick(ruPrefixes)
	}
	n := g.digits(7)
	a, b2, c := n[:3], n[3:5], n[5:]
	switch g.r.IntN(9) {
	case 0:
		return "+7" + pre + n
	case 1:
		return "+7 " + pre + " " + a + " " + b2 + " " + c
	case 2:
		return "8 (" + pre + ") " + a + "-" + b2 + "-" + c
	case 3:
		return "8" + pre + n
	case 4:
		return "+7 (" + pre + ") " + a + "-" + b2 + "-" + c
	case 5:
		return "8-" + pre + "-" + a + "-" + b2 + "-" + c
	case 6:
		return "7" + pre + n
	case 7:
		return "+7-" + pre + "-" + n
	default:
		return "8 " + pre + " " + a + " " + b2 + c
	}
}

// msisdn is the bare 7XXXXXXXXXX form operators use.
func (g *Generator) msisdn() string { return "7" + g.pick(kzPrefixes) + g.digits(7) }

var intlRegions = []string{"GB", "DE", "TR", "UZ", "KG", "CN", "US", "AE", "FR", "KR", "IT", "PL", "GE", "AZ"}

// intlPhone returns a valid non-+7 number from libphonenumber's example
// numbers, its last digits varied while it stays valid.
func (g *Generator) intlPhone() string {
	reg := g.pick(intlRegions)
	ex := phonenumbers.GetExampleNumberForType(reg, phonenumbers.MOBILE)
	if ex == nil {
		ex = phonenumbers.GetExampleNumber(reg)
	}
	num := ex
	for i := 0; i < 5; i++ {
		nn := ex.GetNationalNumber()
		nn = nn - nn%100 + uint64(g.r.IntN(100))
		cc := ex.GetCountryCode()
		try := &phonenumbers.PhoneNumber{CountryCode: &cc, NationalNumber: &nn}
		if phonenumbers.IsValidNumber(try) && phonenumbers.GetRegionCodeForNumber(try) == reg {
			num = try
			break
		}
	}
	if g.chance(0.5) {
		return phonenumbers.Format(num, phonenumbers.E164)
	}
	return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
}

// phone returns a KZ/RU number most of the time, otherwise international.
func (g *Generator) phone() string {
	if g.chance(0.15) {
		return g.intlPhone()
	}
	return g.kzPhone()
}

type network struct {
	prefixes []string
	length   int
}

var networks = []network{
	{[]string{"4400", "4405", "4169", "4263", "4149", "4578", "4890"}, 16}, // Visa
	{[]string{"51", "52", "53", "54", "55", "2221", "2300", "2500", "2720"}, 16},
	{[]string{"34", "37"}, 15},             // Amex
	{[]string{"2200", "2202", "2204"}, 16}, // Mir
	{[]string{"62"}, 16},                   // UnionPay
	{[]string{"6212"}, 19},                 // UnionPay 19
	{[]string{"3528", "3566", "3589"}, 16}, // JCB
	{[]string{"6011", "65"}, 16},           // Discover
	{[]string{"4"}, 13},                    // old Visa 13
}

// panDigits returns Luhn-valid digits in a real range; amex reports 15.
func (g *Generator) panDigits() string {
	w := g.r.IntN(100)
	var nw network
	switch {
	case w < 45:
		nw = networks[0]
	case w < 75:
		nw = networks[1]
	case w < 80:
		nw = networks[2]
	case w < 85:
		nw = networks[3]
	case w < 91:
		nw = networks[4]
	case w < 93:
		nw = networks[5]
	case w < 96:
		nw = networks[6]
	case w < 99:
		nw = networks[7]
	default:
		nw = networks[8]
	}
	pre := g.pick(nw.prefixes)
	body := pre + g.digits(nw.length-1-len(pre))
	return fmt.Sprintf("%s%d", body, checksum.LuhnDigit([]byte(body)))
}

func group(d string, sizes []int, sep string) string {
	var parts []string
	for _, s := range sizes {
		if s > len(d) {
			s = len(d)
		}
		parts = append(parts, d[:s])
		d = d[s:]
	}
	if d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, sep)
}

// pan formats a PAN as written: plain, or in groups.
func (g *Generator) pan() string {
	d := g.panDigits()
	if g.chance(0.5) {
		return d
	}
	sep := " "
	if g.chance(0.3) {
		sep = "-"
	}
	switch len(d) {
	case 15:
		return group(d, []int{4, 6, 5}, sep)
	case 16:
		return group(d, []int{4, 4, 4, 4}, sep)
	default:
		return d
	}
}

// masked returns a masked PAN in one of the usual styles.
func (g *Generator) masked() string {
	d := g.panDigits()
	for len(d) != 16 {
		d = g.panDigits()
	}
	switch g.r.IntN(4) {
	case 0:
		return d[:6] + "******" + d[12:]
	case 1:
		return d[:4] + " " + d[4:6] + "** **** " + d[12:]
	case 2:
		return "**** **** **** " + d[12:]
	default:
		return d[:6] + "XXXXXX" + d[12:]
	}
}

// badPAN is a 16-digit number that is Luhn-invalid.
func (g *Generator) badPAN() string {
	d := g.panDigits()
	for len(d) != 16 {
		d = g.panDigits()
	}
	b := []byte(d)
	for checksum.Luhn(b) {
		b[15] = byte('0' + (int(b[15]-'0')+1)%10)
	}
	return string(b)
}

func (g *Generator) expiry() string {
	m := g.intn(1, 12)
	y := g.intn(26, 32)
	if g.chance(0.25) {
		return fmt.Sprintf("%02d/20%02d", m, y)
	}
	return fmt.Sprintf("%02d/%02d", m, y)
}

func (g *Generator) cvv(pan string) string {
	if pan != "" && (pan[0] == '3' && (pan[1] == '4' || pan[1] == '7')) {
		return g.digits(4)
	}
	return g.digits(3)
}

func (g *Generator) rrn() string {
	if g.chance(0.2) {
		return g.iin() // an RRN that happens to pass the IIN check: context says RRN
	}
	return g.badIIN()
}

func (g *Generator) hex(n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[g.r.IntN(16)]
	}
	return string(b)
}

func (g *Generator) uuid() string {
	h := g.hex(32)
	return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:]
}

func (g *Generator) authCode() string {
	const a = "ABCDEF0123456789"
	b := make([]byte, 6)
	for i := range b {
		b[i] = a[g.r.IntN(len(a))]
	}
	return string(b)
}

func (g *Generator) iban() string {
	return "KZ" + g.digits(2) + g.pick([]string{"722", "601", "998", "070", "856"}) + "C" + g.digits(12)
}

func (g *Generator) ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", g.intn(9, 11), g.intn(1, 28), g.intn(0, 23), g.intn(0, 59), g.intn(0, 59), g.r.IntN(1000))
}

func (g *Generator) amount() string {
	return fmt.Sprintf("%d.%02d", g.intn(100, 2500000), g.r.IntN(100))
}

// negDigits returns n digits that pass neither the IIN check (n == 12)
// nor Luhn in a card range (n 13–19): ids, receipts, merchant numbers.
func (g *Generator) negDigits(n int) string {
	for {
		v := g.digits(n)
		if v[0] == '0' {
			continue
		}
		if n == 12 && checksum.ValidIIN([]byte(v), maxYear) {
			continue
		}
		if n >= 13 && n <= 19 && checksum.Luhn([]byte(v)) {
			continue
		}
		return v
	}
}
