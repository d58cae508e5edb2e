// Package blindd generates labelled card-data log lines (PAN, expiry, CVV,
// cardholder name, and many card-shaped hard negatives) from templates and
// vocabularies written apart from the scanner, in two disjoint parts: Tune
// (even-indexed templates and list entries) and Held (odd-indexed).
package blindd

import (
	"math/rand/v2"
	"strings"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/evalfmt"
)

// Part selects one half of the templates and vocabularies.
type Part int

// The two parts: tune on Tune, only ever score Held.
const (
	Tune Part = iota
	Held
)

func (p Part) String() string {
	if p == Held {
		return "held"
	}
	return "tune"
}

// Span labels bytes [Start,End) of Record.Line as one kind of personal data.
type Span = evalfmt.Span

// Record is one generated log line with its labels.
type Record struct {
	Line     []byte
	Spans    []Span
	Template string // name of the template that wrote it
}

// Generator writes records of one part, deterministically from its seed.
type Generator struct {
	r    *rand.Rand
	part Part
	pos  []tpl
	neg  []tpl
}

type tpl struct {
	name string
	fn   func(g *Generator, b *builder)
}

// New returns a generator of part seeded with seed.
func New(seed uint64, part Part) *Generator {
	g := &Generator{r: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15^uint64(part+1))), part: part}
	g.pos = half(positive, part)
	g.neg = half(negative, part)
	return g
}

func half[T any](l []T, p Part) []T {
	var out []T
	for i := int(p); i < len(l); i += 2 {
		out = append(out, l[i])
	}
	return out
}

// Next returns the next record. About 30 % of the lines carry no personal data.
func (g *Generator) Next() Record {
	b := &builder{}
	var t tpl
	if g.r.IntN(100) < 30 {
		t = g.neg[g.r.IntN(len(g.neg))]
	} else {
		t = g.pos[g.r.IntN(len(g.pos))]
	}
	t.fn(g, b)
	return Record{Line: b.buf, Spans: b.spans, Template: t.name}
}

// pick draws from this part's half of l (even or odd indexes).
func (g *Generator) pick(l []string) string {
	n := (len(l) - int(g.part) + 1) / 2
	return l[int(g.part)+2*g.r.IntN(n)]
}

func (g *Generator) n(k int) int { return g.r.IntN(k) }

func (g *Generator) pan() (string, bool) {
	d, amex := panDigits(g.r)
	return formatPAN(g.r, d), amex
}

// holder is a name as embossed on a card: GIVEN SURNAME in upper-case Latin.
func (g *Generator) holder() string {
	gi, s := g.pick(latGivenM), g.pick(latSurname)
	if g.n(2) == 0 {
		gi = g.pick(latGivenF)
		if strings.HasSuffix(s, "V") {
			s += "A"
		}
	}
	return gi + " " + s
}

// ruName is a Cyrillic full name as a person says it.
func (g *Generator) ruName() string {
	s, gi := g.pick(cyrSurname), g.pick(cyrGivenM)
	if g.n(2) == 0 {
		s, gi = s+"а", g.pick(cyrGivenF)
	}
	if g.n(2) == 0 {
		return gi + " " + s
	}
	return s + " " + gi
}

type builder struct {
	buf   []byte
	spans []Span
}

func (b *builder) s(parts ...string) *builder {
	for _, p := range parts {
		b.buf = append(b.buf, p...)
	}
	return b
}

func (b *builder) v(k tazala.Kind, val string) *builder {
	b.spans = append(b.spans, Span{Kind: k, Start: len(b.buf), End: len(b.buf) + len(val)})
	b.buf = append(b.buf, val...)
	return b
}
