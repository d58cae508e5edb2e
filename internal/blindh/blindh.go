// Package blindh generates an independent, held-out evaluation corpus: the
// logs of a Kazakhstan marketplace and delivery service and its payment
// provider (checkout JSON, courier logs, seller onboarding, refunds, support
// chats in ru/kk/en, notification and antifraud logs, and about 30 %
// PII-free operational lines), with byte-offset truth spans. Written without
// reading the scanner; never tune the scanner on it.
package blindh

import (
	"math/rand/v2"

	"github.com/tazala/tazala"
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
	JSON  bool // the line is meant to be a valid JSON object
}

// Generator produces records deterministically from a seed.
type Generator struct {
	r *rand.Rand
}

// New returns a generator for seed.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, seed^0x6b617a616b68))}
}

// Next returns the next record.
func (g *Generator) Next() Record {
	l := &line{}
	isJSON := false
	if g.n(100) < 30 {
		isJSON = g.clean(l)
	} else {
		isJSON = g.pii(l)
	}
	return Record{Line: l.buf, Spans: l.spans, JSON: isJSON}
}
