package blindb

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/net/idna"

	"github.com/tazala/tazala/internal/checksum"
)

// maxBirthYear bounds generated IIN birth dates (and ValidIIN's check).
const maxBirthYear = 2026

func digits(g *Generator, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
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
		y := g.between(1940, 2008)
		m := g.between(1, 12)
		d := g.between(1, daysIn(y, m))
		c := 3 + g.r.IntN(2)
		if y >= 2000 {
			c = 5 + g.r.IntN(2)
		}
		body := fmt.Sprintf("%02d%02d%02d%d%s", y%100, m, d, c, digits(g, 4))
		if k := checksum.IINControl([]byte(body)); k >= 0 {
			return body + strconv.Itoa(k)
		}
	}
}

// iinLeadingZero returns a valid IIN of someone born 2000–2008 (it starts
// with 0: written as a JSON number it is not valid JSON).
func (g *Generator) iinLeadingZero() string {
	for {
		s := g.iin()
		if s[0] == '0' {
			return s
		}
	}
}

// iinNumber returns a valid IIN that can be written as a JSON number (no
// leading zero).
func (g *Generator) iinNumber() string {
	for {
		if s := g.iin(); s[0] != '0' {
			return s
		}
	}
}

// notIIN returns a 12-digit number that is not a valid IIN, of the given
// flavour: a business BIN, a bad control digit, an impossible date, or a
// plain reference number.
func (g *Generator) notIIN(flavour int) string {
	for {
		var s string
		switch flavour {
		case 0: // BIN: YYMM, entity type 4–6, attribute, serial, control
			body := fmt.Sprintf("%02d%02d%d%d%s", g.between(0, 25), g.between(1, 12), 4+g.r.IntN(3), g.r.IntN(4), digits(g, 5))
			k := checksum.IINControl([]byte(body))
			if k < 0 {
				continue
			}
			s = body + strconv.Itoa(k)
		case 1: // an IIN with its control digit off by some
			v := g.iin()
			s = v[:11] + strconv.Itoa((int(v[11]-'0')+1+g.r.IntN(8))%10)
		case 2: // month 13–19 or day 32–39, control digit right
			body := fmt.Sprintf("%02d%d%d%02d%d%s", g.between(50, 99), 1, g.between(3, 9), g.between(1, 28), 3+g.r.IntN(2), digits(g, 4))
			if g.chance(0.5) {
				body = fmt.Sprintf("%02d%02d%d%d%d%s", g.between(50, 99), g.between(1, 12), 3, g.between(2, 9), 3+g.r.IntN(2), digits(g, 4))
			}
			k := checksum.IINControl([]byte(body))
			if k < 0 {
				continue
			}
			s = body + strconv.Itoa(k)
		default: // RRN-like: year digit, julian day, hour, sequence
			s = fmt.Sprintf("%d%03d%02d%s", g.r.IntN(10), g.between(1, 366), g.between(0, 23), digits(g, 6))
		}
		if !checksum.ValidIIN([]byte(s), maxBirthYear) {
			return s
		}
	}
}

// twelve returns 12 digits that are not a valid IIN (any flavour).
func (g *Generator) twelve() string { return g.notIIN(g.r.IntN(4)) }

// Kazakh mobile operator codes and city codes (area code, subscriber length).
var kzMobile = []string{"700", "701", "702", "705", "706", "707", "708", "747", "771", "775", "776", "777", "778"}

var kzCity = []struct{ code, first string }{
	{"727", "2"}, {"727", "3"}, {"7172", "5"}, {"7172", "2"}, {"7252", "5"}, {"7212", "4"}, {"7132", "5"}, {"7232", "2"},
}

var ruCodes = []string{"900", "903", "905", "909", "912", "915", "916", "921", "925", "926", "977", "985", "495", "499", "812"}

// national10 is a 10-digit national significant number of a KZ (mostly
// mobile) or Russian phone, checked against libphonenumber.
func (g *Generator) national10() string {
	for {
		var n string
		switch x := g.r.Float64(); {
		case x < 0.74:
			n = any1(g, kzMobile) + digits(g, 7)
		case x < 0.86:
			c := any1(g, kzCity)
			n = c.code + c.first + digits(g, 10-len(c.code)-1)
		default:
			n = any1(g, ruCodes) + fmt.Sprint(g.between(2, 9)) + digits(g, 6)
		}
		num, err := phonenumbers.Parse("+7"+n, "")
		if err == nil && phonenumbers.IsValidNumber(num) {
			return n
		}
	}
}

// phoneFormats write a 10-digit national number n (3-3-2-2 groups).
// Split between the parts like every other vocabulary.
var phoneFormats = []func(n string) string{
	func(n string) string { return "+7 (" + n[:3] + ") " + n[3:6] + "-" + n[6:8] + "-" + n[8:] },
	func(n string) string { return "+7 (" + n[:3] + ") " + n[3:6] + " " + n[6:8] + " " + n[8:] },
	func(n string) string { return "8 " + n[:3] + " " + n[3:6] + " " + n[6:8] + " " + n[8:] },
	func(n string) string { return "8 (" + n[:3] + ") " + n[3:6] + "-" + n[6:8] + "-" + n[8:] },
	func(n string) string { return "+7" + n },
	func(n string) string { return "+7 " + n[:3] + " " + n[3:6] + " " + n[6:] },
	func(n string) string { return "+7." + n[:3] + "." + n[3:6] + "." + n[6:8] + "." + n[8:] },
	func(n string) string { return "8." + n[:3] + "." + n[3:6] + "." + n[6:8] + "." + n[8:] },
	func(n string) string { return "8" + n },
	func(n string) string { return "+7-" + n[:3] + "-" + n[3:6] + "-" + n[6:8] + "-" + n[8:] },
	func(n string) string { return "8(" + n[:3] + ")" + n[3:] },
	func(n string) string { return "+7 " + n[:3] + " " + n[3:] },
	func(n string) string { return "+7(" + n[:3] + ")" + n[3:6] + "-" + n[6:8] + "-" + n[8:] },
	func(n string) string { return "8-" + n[:3] + "-" + n[3:6] + "-" + n[6:8] + "-" + n[8:] },
	func(n string) string { return "+7 " + n[:3] + " " + n[3:6] + " " + n[6:8] + " " + n[8:] },
	func(n string) string { return "8 " + n[:3] + " " + n[3:6] + "-" + n[6:8] + "-" + n[8:] },
}

// phone is a +7 number written in one of the part's formats.
func (g *Generator) phone() string { return pick(g, phoneFormats)(g.national10()) }

// msisdn is 7XXXXXXXXXX, as gateways write it in a labelled field.
func (g *Generator) msisdn() string { return "7" + g.national10() }

// Regions for international numbers, split between the parts.
var intlRegions = []string{
	"DE", "KG", "GB", "GE", "TR", "IT", "UZ", "PL", "CN", "IN", "AE", "KR", "US", "ES", "FR", "NL",
	"AM", "CZ", "AZ", "FI", "BY", "SE", "JP", "IL",
}

// intlPhone is a valid non-Kazakh number derived from libphonenumber's
// example number for a region, written E.164 or INTERNATIONAL.
func (g *Generator) intlPhone() string {
	for {
		reg := pick(g, intlRegions)
		typ := phonenumbers.MOBILE
		if g.chance(0.35) {
			typ = phonenumbers.FIXED_LINE
		}
		ex := phonenumbers.GetExampleNumberForType(reg, typ)
		if ex == nil {
			continue
		}
		nsn := strconv.FormatUint(ex.GetNationalNumber(), 10)
		if len(nsn) > 5 && g.chance(0.8) {
			nsn = nsn[:len(nsn)-3] + digits(g, 3)
		}
		num, err := phonenumbers.Parse(fmt.Sprintf("+%d%s", ex.GetCountryCode(), nsn), "")
		if err != nil || !phonenumbers.IsValidNumber(num) {
			continue
		}
		if g.chance(0.5) {
			return phonenumbers.Format(num, phonenumbers.E164)
		}
		return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
	}
}

// E-mail domains, split between the parts.
var mailDomains = []string{
	"mail.kz", "inbox.kz", "gmail.com", "yandex.kz", "mail.ru", "list.ru", "outlook.com", "bk.ru",
	"icloud.com", "yahoo.com", "proton.me", "rambler.ru", "hotmail.com", "ya.ru", "internet.ru", "gmx.de",
}

var corpDomains = []string{
	"dala-logistics.kz", "altyn-tas.kz", "kok-zhailau.com", "steppe-pay.kz", "aqsu-energo.kz",
	"corp.nur-market.kz", "sary-arka-trans.kz", "mail.kaspian-group.com", "orda-soft.kz", "tau-service.kz",
	"zhibek-joly.travel", "qazaq-agro.kz",
}

var idnDomains = []string{"почта.рф", "дүкен.қаз", "клиент.рф", "сауда.қаз", "магазин.рф", "хабар.қаз", "письмо.рф", "байланыс.қаз"}

// Local-part patterns, split between the parts.
var localPatterns = []func(g *Generator, p person) string{
	func(g *Generator, p person) string { return p.asciiKey + "." + p.asciiSur },
	func(g *Generator, p person) string { return p.asciiKey[:1] + "." + p.asciiSur },
	func(g *Generator, p person) string { return p.asciiSur + fmt.Sprint(g.between(1, 99)) },
	func(g *Generator, p person) string { return p.asciiSur + "." + p.asciiKey },
	func(g *Generator, p person) string {
		return p.asciiKey + "." + p.asciiSur + "+" + any1(g, []string{"kyc", "bank", "shop", "news", "tz"})
	},
	func(g *Generator, p person) string { return p.asciiSur + "_" + p.asciiKey[:1] },
	func(g *Generator, p person) string { return p.asciiKey + fmt.Sprint(g.between(1970, 2008)) },
	func(g *Generator, p person) string { return p.asciiKey + "-" + p.asciiSur },
	func(g *Generator, p person) string {
		return p.asciiKey[:1] + p.asciiSur + "+" + fmt.Sprint(g.between(1, 9))
	},
	func(g *Generator, p person) string {
		return p.asciiSur + "." + p.asciiKey[:1] + "." + fmt.Sprint(g.between(10, 99))
	},
	func(g *Generator, p person) string {
		return p.asciiKey + "_" + p.asciiSur + "_" + fmt.Sprint(g.between(1, 9))
	},
	func(g *Generator, p person) string { return p.asciiKey + "." + p.asciiSur[:1] },
}

// email returns an address for p; ASCII mostly, IDN domains in both forms
// now and then, a Cyrillic local part rarely.
func (g *Generator) email(p person) string {
	local := pick(g, localPatterns)(g, p)
	switch x := g.r.Float64(); {
	case x < 0.62:
		return local + "@" + pick(g, mailDomains)
	case x < 0.86:
		return local + "@" + pick(g, corpDomains)
	case x < 0.93:
		return local + "@" + pick(g, idnDomains)
	case x < 0.98:
		a, err := idna.Lookup.ToASCII(pick(g, idnDomains))
		if err != nil {
			panic(err)
		}
		return local + "@" + a
	default:
		return strings.ToLower(russify(p.given)) + "@" + pick(g, idnDomains)
	}
}

// Company service addresses (still e-mails).
var serviceLocals = []string{"support", "noreply", "kyc", "no-reply", "help", "notify", "billing", "care", "clients", "info"}

var serviceDomains = []string{"tazala.kz", "pay.tazala.kz", "steppe-pay.kz", "notify.tazala.kz", "orda-soft.kz", "tau-service.kz"}

func (g *Generator) serviceEmail() string {
	return pick(g, serviceLocals) + "@" + pick(g, serviceDomains)
}

// Card numbers.
var panPrefixes = []struct {
	p string
	n int
}{
	{"4", 16}, {"51", 16}, {"2200", 16}, {"4", 16}, {"55", 16}, {"2202", 16}, {"2221", 16}, {"37", 15},
	{"62", 16}, {"3528", 16}, {"4", 13}, {"2720", 16},
}

func (g *Generator) panDigits() (string, int) {
	pp := any1(g, panPrefixes)
	body := pp.p + digits(g, pp.n-len(pp.p)-1)
	return body + strconv.Itoa(checksum.LuhnDigit([]byte(body))), pp.n
}

// pan returns a Luhn-valid number of a real network, grouped as usual.
func (g *Generator) pan() string {
	d, n := g.panDigits()
	if n == 15 && g.chance(0.6) {
		return d[:4] + " " + d[4:10] + " " + d[10:]
	}
	switch g.r.IntN(3) {
	case 0:
		return d
	case 1:
		if n == 16 {
			return d[:4] + " " + d[4:8] + " " + d[8:12] + " " + d[12:]
		}
		return d
	default:
		if n == 16 {
			return d[:4] + "-" + d[4:8] + "-" + d[8:12] + "-" + d[12:]
		}
		return d
	}
}

func (g *Generator) maskedPAN() string {
	d, n := g.panDigits()
	for n != 16 {
		d, n = g.panDigits()
	}
	switch g.r.IntN(3) {
	case 0:
		return d[:6] + "******" + d[12:16]
	case 1:
		return d[:4] + " " + d[4:6] + "** **** " + d[12:16]
	default:
		return "**** **** **** " + d[12:16]
	}
}

func (g *Generator) expiry() string {
	m, y := g.between(1, 12), g.between(26, 31)
	if g.chance(0.2) {
		return fmt.Sprintf("%02d/20%02d", m, y)
	}
	return fmt.Sprintf("%02d/%02d", m, y)
}

func (g *Generator) cvv() string { return digits(g, 3) }

// Non-personal values.

func (g *Generator) otp() string { return digits(g, g.between(4, 6)) }

func (g *Generator) hex(n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[g.r.IntN(16)]
	}
	return string(b)
}

func (g *Generator) alnum(n int, upper bool) string {
	const a = "0123456789abcdefghijklmnopqrstuvwxyz"
	const A = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	s := a
	if upper {
		s = A
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = s[g.r.IntN(len(s))]
	}
	return string(b)
}

func (g *Generator) mixed(n int) string {
	const s = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	b := make([]byte, n)
	for i := range b {
		b[i] = s[g.r.IntN(len(s))]
	}
	return string(b)
}

func (g *Generator) uuid() string {
	return g.hex(8) + "-" + g.hex(4) + "-4" + g.hex(3) + "-" + any1(g, []string{"8", "9", "a", "b"}) + g.hex(3) + "-" + g.hex(12)
}

// eximID is an exim queue id (new 6-11-4 or classic 6-6-2 form).
func (g *Generator) eximID() string {
	if g.chance(0.5) {
		return g.mixed(6) + "-" + g.mixed(11) + "-" + g.mixed(4)
	}
	return g.mixed(6) + "-" + g.mixed(6) + "-" + g.mixed(2)
}

// sendmailID is a sendmail queue id like 4B1AMV9x012345.
func (g *Generator) sendmailID() string { return g.alnum(6, true) + g.mixed(2) + digits(g, 6) }

var midHosts = []string{
	"mx1.tazala.local", "mail.gmail.com", "EX01.corp.tazala.kz", "AM6PR10MB4121.eurprd10.prod.outlook.com",
	"smtp.mail.ru", "app-7.notify.internal", "mail.yandex.ru", "exch02", "relay-3", "web.inbox.kz",
}

// messageID is a Message-ID's text between the brackets (never an e-mail).
func (g *Generator) messageID() string {
	switch g.r.IntN(3) {
	case 0:
		return g.hex(16) + "." + digits(g, 10) + "@" + any1(g, midHosts)
	case 1:
		return "CA+" + g.mixed(28) + "@" + any1(g, midHosts)
	default:
		d := digits(g, 14)
		for checksum.Luhn([]byte(d)) {
			d = digits(g, 14)
		}
		return d + "." + g.alnum(8, true) + "@" + any1(g, midHosts)
	}
}

func (g *Generator) ipv4() string {
	return fmt.Sprintf("%d.%d.%d.%d", any1(g, []int{10, 172, 192, 185, 91}), g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
}

func (g *Generator) amount() string {
	return fmt.Sprintf("%d.%02d", g.between(100, 450000), g.r.IntN(100))
}

// epoch returns a Unix time in s, ms or µs around 2026.
func (g *Generator) epoch() string {
	s := int64(1764547200 + g.r.IntN(40000000))
	switch g.r.IntN(3) {
	case 0:
		return strconv.FormatInt(s, 10)
	case 1:
		return strconv.FormatInt(s*1000+int64(g.r.IntN(1000)), 10)
	default:
		return strconv.FormatInt(s*1000000+int64(g.r.IntN(1000000)), 10)
	}
}

// Timestamps in several layouts.
func (g *Generator) ts() (y, mo, d, h, mi, s, ms int) {
	return 2026, g.between(1, 12), g.between(1, 28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000)
}

func (g *Generator) isoTS() string {
	y, mo, d, h, mi, s, ms := g.ts()
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03d+05:00", y, mo, d, h, mi, s, ms)
}

func (g *Generator) isoZ() string {
	y, mo, d, h, mi, s, ms := g.ts()
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, mo, d, h, mi, s, ms)
}

func (g *Generator) spaceTS() string {
	y, mo, d, h, mi, s, _ := g.ts()
	return fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s)
}

func (g *Generator) syslogTS() string {
	_, mo, d, h, mi, s, _ := g.ts()
	months := []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	return fmt.Sprintf("%s %2d %02d:%02d:%02d", months[mo-1], d, h, mi, s)
}

func (g *Generator) ruTS() string {
	y, mo, d, h, mi, s, _ := g.ts()
	return fmt.Sprintf("%02d.%02d.%04d %02d:%02d:%02d", d, mo, y, h, mi, s)
}

func (g *Generator) date() string {
	y, mo, d, _, _, _, _ := g.ts()
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}

func (g *Generator) birthDate() string {
	y := g.between(1950, 2006)
	m := g.between(1, 12)
	return fmt.Sprintf("%04d-%02d-%02d", y, m, g.between(1, daysIn(y, m)))
}
