// Package blindk writes a labelled, deterministic corpus in the voice of a
// Kazakhstan telecom operator and its partner bank: SIM registration,
// number porting, roaming support chats (ru/kk/en), bill payment by card,
// card issuance and delivery, mobile-banking audit events, and about 30 %
// PII-free operational lines whose numbers pass validators in non-personal
// roles. Its author never read the scanner; it is scored once.
package blindk

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
)

// Span is one labelled value: byte offsets into the raw line.
type Span struct {
	Kind       tazala.Kind
	Start, End int
}

// Record is one corpus line with its labels.
type Record struct {
	Line  []byte
	Spans []Span
	Clean bool // written by a PII-free template
}

// Generator produces records; the same seed gives the same corpus.
type Generator struct {
	r *rand.Rand
	n int
}

// New returns a generator seeded with seed.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, 0x6b6b6b))}
}

type builder struct {
	buf   []byte
	spans []Span
}

func (b *builder) s(parts ...string) {
	for _, p := range parts {
		b.buf = append(b.buf, p...)
	}
}

func (b *builder) v(k tazala.Kind, val string) {
	st := len(b.buf)
	b.buf = append(b.buf, val...)
	b.spans = append(b.spans, Span{Kind: k, Start: st, End: len(b.buf)})
}

// Next returns the next record.
func (g *Generator) Next() Record {
	g.n++
	b := &builder{}
	clean := g.r.IntN(100) < 30
	if clean {
		cleanTemplates[g.r.IntN(len(cleanTemplates))](g, b)
	} else {
		piiTemplates[g.r.IntN(len(piiTemplates))](g, b)
	}
	return Record{Line: b.buf, Spans: b.spans, Clean: clean}
}

func (g *Generator) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *Generator) digits(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.WriteByte(byte('0' + g.r.IntN(10)))
	}
	return sb.String()
}

func (g *Generator) ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", 1+g.r.IntN(11), 1+g.r.IntN(28),
		g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
}

// IIN returns a valid personal IIN.
func (g *Generator) IIN() string {
	for {
		yy := g.r.IntN(100)
		var c int
		if yy <= 8 {
			c = 5 + g.r.IntN(2)
		} else {
			c = 3 + g.r.IntN(2)
		}
		s := fmt.Sprintf("%02d%02d%02d%d%s", yy, 1+g.r.IntN(12), 1+g.r.IntN(28), c, g.digits(4))
		d := checksum.IINControl([]byte(s))
		if d < 0 {
			continue
		}
		s += string(rune('0' + d))
		if checksum.ValidIIN([]byte(s), 2026) {
			return s
		}
	}
}

// BIN returns a valid business identification number (not personal).
func (g *Generator) BIN() string {
	for {
		s := fmt.Sprintf("%02d%02d%d%s", g.r.IntN(25), 1+g.r.IntN(12), 4+g.r.IntN(3), g.digits(6))
		if d := checksum.IINControl([]byte(s)); d >= 0 {
			return s + string(rune('0'+d))
		}
	}
}

// notIIN returns 12 digits that are not a valid IIN (RRN, order ids).
func (g *Generator) notIIN() string {
	for {
		s := g.digits(12)
		if !checksum.ValidIIN([]byte(s), 2026) {
			return s
		}
	}
}

var kzPrefixes = []string{"700", "701", "702", "705", "706", "707", "708", "747", "771", "775", "776", "777", "778"}
var ruPrefixes = []string{"903", "916", "926", "985", "912", "495"}

// Phone returns a phone number as written.
func (g *Generator) Phone() string {
	p := g.pick(kzPrefixes)
	if g.r.IntN(8) == 0 {
		p = g.pick(ruPrefixes)
	}
	n := fmt.Sprintf("%d%s", 2+g.r.IntN(8), g.digits(6))
	a, bb, c := n[:3], n[3:5], n[5:]
	switch g.r.IntN(7) {
	case 0:
		return "+7" + p + n
	case 1:
		return "8" + p + n
	case 2:
		return "+7 " + p + " " + a + " " + bb + " " + c
	case 3:
		return "8 (" + p + ") " + a + "-" + bb + "-" + c
	case 4:
		return "+7(" + p + ")" + a + "-" + bb + "-" + c
	case 5:
		return "7" + p + n
	default:
		return "+7-" + p + "-" + a + "-" + bb + c
	}
}

func (g *Generator) luhnPAN(prefix string, n int) string {
	body := prefix + g.digits(n-1-len(prefix))
	return body + string(rune('0'+checksum.LuhnDigit([]byte(body))))
}

// PAN returns a card number and how it is written.
func (g *Generator) PAN() string {
	var p string
	switch g.r.IntN(5) {
	case 0, 1:
		p = g.luhnPAN(g.pick([]string{"440043", "400303", "414720", "427638", "462730"}), 16)
	case 2:
		p = g.luhnPAN(fmt.Sprintf("5%d", 1+g.r.IntN(5)), 16)
	case 3:
		p = g.luhnPAN(fmt.Sprintf("220%d", g.r.IntN(5)), 16)
	default:
		p = g.luhnPAN(fmt.Sprintf("22%d", 23+g.r.IntN(50)), 16)
	}
	if g.r.IntN(2) == 0 {
		return p[:4] + " " + p[4:8] + " " + p[8:12] + " " + p[12:]
	}
	return p
}

func (g *Generator) masked() string {
	p := g.PAN()
	p = strings.ReplaceAll(p, " ", "")
	if g.r.IntN(2) == 0 {
		return p[:6] + "******" + p[12:]
	}
	return p[:4] + " " + p[4:6] + "** **** " + p[12:]
}

func (g *Generator) expiry() string {
	if g.r.IntN(4) == 0 {
		return fmt.Sprintf("%02d/20%d", 1+g.r.IntN(12), 27+g.r.IntN(5))
	}
	return fmt.Sprintf("%02d/%d", 1+g.r.IntN(12), 27+g.r.IntN(5))
}

func (g *Generator) cvv() string { return fmt.Sprintf("%03d", g.r.IntN(1000)) }

// iccid is a Luhn-valid 19-digit SIM serial (89 997 is Kazakhstan): not a PAN.
func (g *Generator) iccid() string { return g.luhnPAN("899770", 19) }

// imei is a Luhn-valid 15-digit handset id: not a PAN.
func (g *Generator) imei() string { return g.luhnPAN(g.pick([]string{"35", "86", "01"}), 15) }

func (g *Generator) uuid() string {
	h := func(n int) string {
		const x = "0123456789abcdef"
		var sb strings.Builder
		for i := 0; i < n; i++ {
			sb.WriteByte(x[g.r.IntN(16)])
		}
		return sb.String()
	}
	return h(8) + "-" + h(4) + "-4" + h(3) + "-a" + h(3) + "-" + h(12)
}

func (g *Generator) hex(n int) string { return strings.ReplaceAll(g.uuid()+g.uuid(), "-", "")[:n] }
