// Package blindg generates a held-out evaluation corpus for tazala's
// scanner, written by an author who never read the scanner or its rules:
// card security codes among the many other short codes of a payment
// gateway, card numbers in varied notations and containers, person names
// in many forms and scripts, with hard negatives and PII-free operational
// lines. Every record carries the byte spans of the personal data it
// holds. The corpus is deterministic for a seed and is never a tuning set.
package blindg

import (
	"math/rand/v2"
	"strings"

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
}

// Generator produces records deterministically from a seed.
type Generator struct {
	r  *rand.Rand
	n  int
	ts int64
}

// New returns a generator seeded with seed.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), ts: 1796000000000}
}

// builder accumulates a line and its spans.
type builder struct {
	buf   []byte
	spans []Span
	esc   bool // escape non-ASCII as \uXXXX in JSON strings
}

// s appends literal text.
func (b *builder) s(parts ...string) *builder {
	for _, p := range parts {
		b.buf = append(b.buf, p...)
	}
	return b
}

// v appends a labelled value (k == 0: unlabelled).
func (b *builder) v(k tazala.Kind, val string) *builder {
	st := len(b.buf)
	b.buf = append(b.buf, val...)
	if k != 0 {
		b.spans = append(b.spans, Span{k, st, len(b.buf)})
	}
	return b
}

// js appends a JSON string value "…" with the span on its (escaped) text.
func (b *builder) js(k tazala.Kind, val string) *builder {
	b.buf = append(b.buf, '"')
	b.v(k, jsonEscape(val, b.esc))
	b.buf = append(b.buf, '"')
	return b
}

// jt appends JSON-escaped literal text (inside a string the caller opened).
func (b *builder) jt(text string) *builder {
	b.buf = append(b.buf, jsonEscape(text, b.esc)...)
	return b
}

// jv appends a labelled value inside a JSON string the caller opened.
func (b *builder) jv(k tazala.Kind, val string) *builder {
	return b.v(k, jsonEscape(val, b.esc))
}

// Next returns the next record.
func (g *Generator) Next() Record {
	g.n++
	g.ts += int64(50 + g.r.IntN(4000))
	b := &builder{esc: g.r.IntN(5) == 0}
	t := templates[g.pickTemplate()]
	t(g, b)
	return Record{Line: b.buf, Spans: b.spans}
}

// pickTemplate chooses a template: about 30 % of records are PII-free
// operational lines (the first nClean templates).
func (g *Generator) pickTemplate() int {
	if g.r.IntN(100) < 30 {
		return g.r.IntN(nClean)
	}
	return nClean + g.r.IntN(len(templates)-nClean)
}

func (g *Generator) stamp() string {
	sec := g.ts / 1000
	// a fixed-format ISO time without importing time zones: derive from seconds
	h, m, s := (sec/3600)%24, (sec/60)%60, sec%60
	d := 1 + (sec/86400)%28
	return "2026-11-" + two(d) + "T" + two(h) + ":" + two(m) + ":" + two(s) + "." + three(g.ts%1000) + "Z"
}

func two(v int64) string { return string([]byte{byte('0' + v/10%10), byte('0' + v%10)}) }
func three(v int64) string {
	return string([]byte{byte('0' + v/100%10), byte('0' + v/10%10), byte('0' + v%10)})
}

func (g *Generator) hex(n int) string {
	const h = "0123456789abcdef"
	var sb strings.Builder
	for range n {
		sb.WriteByte(h[g.r.IntN(16)])
	}
	return sb.String()
}

func (g *Generator) uuid() string {
	return g.hex(8) + "-" + g.hex(4) + "-4" + g.hex(3) + "-a" + g.hex(3) + "-" + g.hex(12)
}

func (g *Generator) authCode() string {
	if g.r.IntN(2) == 0 {
		return g.digits(6)
	}
	const a = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
	var sb strings.Builder
	for range 6 {
		sb.WriteByte(a[g.r.IntN(len(a))])
	}
	return sb.String()
}
