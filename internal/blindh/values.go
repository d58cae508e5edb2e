package blindh

import (
	"fmt"
	"strings"

	"github.com/tazala/tazala/internal/checksum"
)

func (g *Generator) n(k int) int             { return g.r.IntN(k) }
func (g *Generator) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }
func (g *Generator) digits(k int) string {
	b := make([]byte, k)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

// iin returns a valid personal IIN (birth 1950–2007).
func (g *Generator) iin() string {
	for {
		y := 1950 + g.n(58)
		m := 1 + g.n(12)
		d := 1 + g.n(28)
		c := byte('3' + g.n(2))
		if y >= 2000 {
			c = byte('5' + g.n(2))
		}
		body := fmt.Sprintf("%02d%02d%02d%c%s", y%100, m, d, c, g.digits(4))
		if k := checksum.IINControl([]byte(body)); k >= 0 {
			return body + string(byte('0'+k))
		}
	}
}

// bin returns a business identification number (5th digit 4–6, valid control).
func (g *Generator) bin() string {
	for {
		body := fmt.Sprintf("%02d%02d%c%s", g.n(25), 1+g.n(12), byte('4'+g.n(3)), g.digits(6))
		if k := checksum.IINControl([]byte(body)); k >= 0 {
			return body + string(byte('0'+k))
		}
	}
}

// rrn returns a 12-digit retrieval reference number that is not IIN-shaped
// (its "month" is above 12).
func (g *Generator) rrn() string {
	return fmt.Sprintf("%d%02d%s", 3+g.n(3), 13+g.n(80), g.digits(9))
}

var kzMobile = []string{"700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"}
var ruMobile = []string{"903", "905", "915", "916", "925", "926", "985", "912", "950", "999"}

// phone returns a KZ (mostly) or RU mobile, written in one of several ways.
func (g *Generator) phone() string {
	op := g.pick(kzMobile)
	if g.n(6) == 0 {
		op = g.pick(ruMobile)
	}
	a, b, c := g.digits(3), g.digits(2), g.digits(2)
	switch g.n(10) {
	case 7:
		return "7" + op + a + b + c
	case 8:
		return "8." + op + "." + a + "." + b + "." + c
	case 9:
		return "+7 " + op + a + b + c
	case 0:
		return "+7" + op + a + b + c
	case 1:
		return "+7 " + op + " " + a + " " + b + " " + c
	case 2:
		return "8 (" + op + ") " + a + "-" + b + "-" + c
	case 3:
		return "8" + op + a + b + c
	case 4:
		return "+7 (" + op + ") " + a + "-" + b + "-" + c
	case 5:
		return "8-" + op + "-" + a + "-" + b + c
	default:
		return "+7-" + op + "-" + a + "-" + b + "-" + c
	}
}

// intlPhone returns a valid non-+7 international mobile.
func (g *Generator) intlPhone() string {
	switch g.n(6) {
	case 4:
		return "+375 29 " + g.digits(3) + "-" + g.digits(2) + "-" + g.digits(2)
	case 5:
		return "+992 93 " + g.digits(3) + " " + g.digits(4)
	case 0:
		return "+998 9" + string(byte('0'+g.n(5))) + " " + g.digits(3) + " " + g.digits(2) + " " + g.digits(2)
	case 1:
		return "+996 555 " + g.digits(3) + " " + g.digits(3)
	case 2:
		return "+49 151 " + g.digits(8)
	default:
		return "+90 532 " + g.digits(3) + " " + g.digits(2) + " " + g.digits(2)
	}
}

var emailHosts = []string{"mail.kz", "gmail.com", "inbox.kz", "yandex.kz", "mail.ru", "outlook.com", "bk.ru", "list.ru"}

func (g *Generator) email(lat string) string {
	lat = strings.ToLower(lat)
	switch g.n(6) {
	case 4:
		return lat + "+shop@" + g.pick(emailHosts)
	case 5:
		return strings.ToUpper(lat[:1]) + lat[1:] + "." + g.digits(4) + "@" + g.pick(emailHosts)
	case 0:
		return lat + g.digits(2) + "@" + g.pick(emailHosts)
	case 1:
		return lat + "." + strings.ToLower(g.pick(latGiven)) + "@" + g.pick(emailHosts)
	case 2:
		return lat + "_" + g.digits(4) + "@" + g.pick(emailHosts)
	default:
		return lat + "@" + g.pick(emailHosts)
	}
}

// panDigits returns a Luhn-valid PAN in a real network range.
func (g *Generator) panDigits() string {
	var pre string
	n := 16
	switch g.n(6) {
	case 0, 1:
		pre = "4" + g.digits(5)
	case 2:
		pre = fmt.Sprintf("5%d", 1+g.n(5)) + g.digits(4)
	case 3:
		pre = fmt.Sprintf("220%d", g.n(5)) + g.digits(2)
	case 4:
		pre = fmt.Sprintf("22%d", 23+g.n(40)) + g.digits(2)
		pre = pre[:6]
	default:
		pre = "62" + g.digits(4)
	}
	body := pre + g.digits(n-1-len(pre))
	return body + string(byte('0'+checksum.LuhnDigit([]byte(body))))
}

// pan writes a PAN with one of several separators.
func (g *Generator) pan() string {
	if g.n(12) == 0 {
		body := "3" + string("47"[g.n(2)]) + g.digits(12)
		d := body + string(byte('0'+checksum.LuhnDigit([]byte(body))))
		return d[:4] + " " + d[4:10] + " " + d[10:]
	}
	d := g.panDigits()
	switch g.n(4) {
	case 0:
		return d
	case 1:
		return d[:4] + " " + d[4:8] + " " + d[8:12] + " " + d[12:]
	case 2:
		return d[:4] + "-" + d[4:8] + "-" + d[8:12] + "-" + d[12:]
	default:
		return d
	}
}

func (g *Generator) masked() string {
	d := g.panDigits()
	if g.n(2) == 0 {
		return d[:6] + "******" + d[12:]
	}
	return d[:4] + " " + d[4:6] + "** **** " + d[12:]
}

// luhnTrack returns a Luhn-valid 16-digit number outside every card range.
func (g *Generator) luhnTrack() string {
	body := "9" + g.digits(14)
	return body + string(byte('0'+checksum.LuhnDigit([]byte(body))))
}

func (g *Generator) expiry() string {
	m := 1 + g.n(12)
	y := 26 + g.n(6)
	if g.n(4) == 0 {
		return fmt.Sprintf("%02d/20%02d", m, y)
	}
	return fmt.Sprintf("%02d/%02d", m, y)
}

func (g *Generator) cvv() string { return fmt.Sprintf("%03d", 100+g.n(900)) }

func (g *Generator) hex(k int) string {
	const h = "0123456789abcdef"
	b := make([]byte, k)
	for i := range b {
		b[i] = h[g.n(16)]
	}
	return string(b)
}

func (g *Generator) uuid() string {
	return g.hex(8) + "-" + g.hex(4) + "-4" + g.hex(3) + "-a" + g.hex(3) + "-" + g.hex(12)
}

func (g *Generator) ip() string {
	return fmt.Sprintf("%d.%d.%d.%d", []int{10, 172, 185, 92}[g.n(4)], g.n(256), g.n(256), 1+g.n(254))
}

func (g *Generator) ts() string {
	return fmt.Sprintf("2026-11-%02dT%02d:%02d:%02d.%03dZ", 1+g.n(30), g.n(24), g.n(60), g.n(60), g.n(1000))
}

func (g *Generator) amount() string { return fmt.Sprintf("%d", 500+g.n(400)*250) }
