// Package blinde generates the fifth blind accuracy corpus: labelled log
// lines of a Kazakhstan fintech (mobile-banking events, P2P transfers,
// top-ups, loan KYC, merchant onboarding, card operations, notification
// logs, call-centre and chat transcripts in Russian, Kazakh and English,
// and PII-free operational lines). It is written apart from the scanner and
// is never tuned on: the whole corpus is held out and gives the closing
// accuracy figure. Every value that must be valid is valid (IIN control
// digit, Luhn and a real network range, real KZ mobile prefixes,
// libphonenumber example numbers) and every hard negative fails the
// validator it imitates, except where README's definitions make the
// context decide (RRN, business BIN, masked PAN, OTP).
package blinde

import (
	"math/rand/v2"

	tazala "github.com/tazala/tazala"
)

// Span is one labelled value: byte offsets into the raw line (for JSON,
// of the value as written, escapes included).
type Span struct {
	Kind       tazala.Kind
	Start, End int
}

// Record is one generated line and its labels.
type Record struct {
	Line  []byte
	Spans []Span
}

// Generator produces records deterministically from its seed.
type Generator struct {
	r *rand.Rand
}

// New returns a generator; the same seed gives the same records.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

type template struct {
	name   string
	weight int
	fn     func(g *Generator, b *bld)
}

var templates []template
var totalWeight int

func init() {
	templates = []template{
		{"app-event", 9, appEvent},
		{"p2p", 8, p2pTransfer},
		{"topup", 7, topUp},
		{"loan", 8, loanApplication},
		{"merchant", 5, merchantOnboarding},
		{"card", 9, cardOperation},
		{"notify", 7, notification},
		{"transcript", 12, transcript},
		{"ops", 35, opsLine},
	}
	for _, t := range templates {
		totalWeight += t.weight
	}
}

// Next returns the next record.
func (g *Generator) Next() Record {
	rec, _ := g.next()
	return rec
}

// next also returns the template name (for the tests and the doc).
func (g *Generator) next() (Record, string) {
	n := g.r.IntN(totalWeight)
	for _, t := range templates {
		if n < t.weight {
			b := &bld{}
			t.fn(g, b)
			return Record{Line: b.buf, Spans: b.spans}, t.name
		}
		n -= t.weight
	}
	panic("unreachable")
}

func (g *Generator) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }
func (g *Generator) chance(p float64) bool   { return g.r.Float64() < p }
func (g *Generator) intn(lo, hi int) int     { return lo + g.r.IntN(hi-lo+1) }
