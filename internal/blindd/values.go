package blindd

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/tazala/tazala/internal/checksum"
)

// network is a card scheme: how to draw an issuer prefix and which lengths
// its numbers have.
type network struct {
	name   string
	prefix func(r *rand.Rand) string
	lens   []int
}

func fixed(ps ...string) func(r *rand.Rand) string {
	return func(r *rand.Rand) string { return ps[r.IntN(len(ps))] }
}

func between(lo, hi int) func(r *rand.Rand) string {
	return func(r *rand.Rand) string { return strconv.Itoa(lo + r.IntN(hi-lo+1)) }
}

// networks are the real IIN ranges of ISO/IEC 7812 schemes (value
// generation is shared by both parts; only text vocabularies are split).
var networks = []network{
	{"visa", fixed("4"), []int{13, 16, 16, 16, 19}},
	{"mastercard", between(51, 55), []int{16}},
	{"mastercard2", between(2221, 2720), []int{16}},
	{"amex", fixed("34", "37"), []int{15}},
	{"discover", fixed("6011", "65", "644", "645", "646", "647", "648", "649"), []int{16, 19}},
	{"jcb", between(3528, 3589), []int{16, 17, 18, 19}},
	{"diners", fixed("36", "300", "301", "302", "303", "304", "305"), []int{14}},
	{"unionpay", fixed("62"), []int{16, 17, 18, 19}},
	{"mir", between(2200, 2204), []int{16}},
	{"maestro", fixed("5018", "5020", "5038", "6304", "6759", "6761", "6763"), []int{13, 16, 19}},
}

// panDigits draws a Luhn-valid number of a real network; amex reports
// whether its CVV is the four-digit CID.
func panDigits(r *rand.Rand) (d string, amex bool) {
	n := networks[r.IntN(len(networks))]
	if r.IntN(3) == 0 { // Visa, Mastercard and Mir dominate payment logs
		n = networks[[]int{0, 1, 8}[r.IntN(3)]]
	}
	p := n.prefix(r)
	l := n.lens[r.IntN(len(n.lens))]
	b := []byte(p)
	for len(b) < l-1 {
		b = append(b, byte('0'+r.IntN(10)))
	}
	b = append(b, byte('0'+checksum.LuhnDigit(b)))
	return string(b), n.name == "amex"
}

// formatPAN writes d as people and programs write it.
func formatPAN(r *rand.Rand, d string) string {
	if r.IntN(3) == 0 {
		return d
	}
	sep := []string{" ", " ", "-"}[r.IntN(3)]
	var groups []int
	switch len(d) {
	case 15:
		groups = []int{4, 6, 5}
	case 14:
		groups = []int{4, 6, 4}
	case 16:
		groups = []int{4, 4, 4, 4}
	case 19:
		groups = []int{4, 4, 4, 4, 3}
	default:
		return d
	}
	var sb strings.Builder
	i := 0
	for gi, g := range groups {
		if gi > 0 {
			sb.WriteString(sep)
		}
		sb.WriteString(d[i : i+g])
		i += g
	}
	return sb.String()
}

// maskPAN writes a masked form of d (not a PAN).
func maskPAN(r *rand.Rand, d string) string {
	switch r.IntN(4) {
	case 0:
		return d[:6] + strings.Repeat("*", len(d)-10) + d[len(d)-4:]
	case 1:
		return d[:4] + " " + d[4:6] + "** **** " + d[len(d)-4:]
	case 2:
		return "**** **** **** " + d[len(d)-4:]
	default:
		return d[:6] + strings.Repeat("X", len(d)-10) + d[len(d)-4:]
	}
}

// luhnInvalid returns a 16-digit Visa-like number that fails Luhn.
func luhnInvalid(r *rand.Rand) string {
	d, _ := panDigits(r)
	b := []byte(d)
	last := len(b) - 1
	b[last] = byte('0' + (int(b[last]-'0')+1+r.IntN(8))%10)
	return string(b)
}

// expiry writes a card expiry in one of the written forms; iso reports
// the YYYY-MM form, which is only used under an expiry key.
func expiry(r *rand.Rand, allowISO bool) string {
	m := 1 + r.IntN(12)
	y := 25 + r.IntN(9)
	k := r.IntN(9)
	if !allowISO && k == 8 {
		k = 0
	}
	switch k {
	case 0, 1:
		return fmt.Sprintf("%02d/%02d", m, y)
	case 2:
		return fmt.Sprintf("%02d/20%02d", m, y)
	case 3:
		return fmt.Sprintf("%02d-%02d", m, y)
	case 4:
		return fmt.Sprintf("%02d.%02d", m, y)
	case 5:
		return fmt.Sprintf("%02d / %02d", m, y)
	case 6:
		return fmt.Sprintf("%d/%02d", m, y)
	case 7:
		return fmt.Sprintf("%02d/%02d", m, y)
	default:
		return fmt.Sprintf("20%02d-%02d", y, m)
	}
}

func cvv(r *rand.Rand, amex bool) string {
	if amex {
		return fmt.Sprintf("%04d", r.IntN(10000))
	}
	return fmt.Sprintf("%03d", r.IntN(1000))
}

func digits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	if b[0] == '0' && n > 1 {
		b[0] = '1' + byte(r.IntN(9))
	}
	return string(b)
}

func hexid(r *rand.Rand, n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[r.IntN(16)]
	}
	return string(b)
}

func date(r *rand.Rand) string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", 1+r.IntN(12), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1000))
}

func amount(r *rand.Rand) string {
	return fmt.Sprintf("%d.%02d", 100+r.IntN(90000), r.IntN(100))
}
