// Package blindb is an independent generator of labelled customer-facing
// log lines (support chats and tickets in Russian, Kazakh and English, CRM
// and KYC exports, JSON events with nested person objects, e-mail headers,
// MTA logs, SMS/notification gateway logs, identity checks), written apart
// from the scanner and from tazala's other generators, so that the scanner
// can be measured on formats it was never tuned on.
//
// Every record carries the byte spans of the personal data it holds, as
// defined in /work/shared/eval/README.md: the value as written (for JSON,
// the escaped text between the quotes, or the digits of a JSON number);
// e-mail addresses without their angle brackets or mailto: prefix; names
// without role words; a name split into surname/given/patronymic fields
// gives one span per part. About 30 % of the lines hold no personal data
// at all and are made of hard negatives (company names, streets named after
// people, product names, lone given names, Message-IDs and MTA queue ids,
// RRNs, business BINs, OTP codes, epoch timestamps, @handles, file names).
//
// # The Tune/Held split
//
// Every vocabulary (name lists, e-mail domains, field names, label words,
// phrasings, company and street names, phone formats, regions for
// international numbers, transliteration schemes, JSON escaping styles) is
// one list whose even-indexed entries belong to Tune and odd-indexed
// entries to Held; every template category (chat, ticket, CRM export, event,
// mail header, MTA, SMS gateway, KYC, card-in-chat, negatives) has several
// template functions, even-indexed ones used by Tune and odd-indexed ones
// by Held. Someone tuning the scanner on Tune therefore sees none of
// Held's formats, field names or phrasings; Held stays a blind measure.
package blindb

import (
	"fmt"
	"math/rand/v2"

	"github.com/tazala/tazala"
)

// Part selects one half of the templates and vocabularies.
type Part int

// The two halves: Tune may be looked at and tuned on; Held is kept blind.
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

// Span is one labelled value: byte offsets into the raw line.
type Span struct {
	Kind       tazala.Kind
	Start, End int
	// Value is the labelled value decoded (JSON escapes undone); the
	// line's bytes Start:End are Value as written.
	Value string
	// Escaped reports that the bytes are a JSON string body (escapes in
	// them must be decoded to compare with Value).
	Escaped bool
}

// Record is one generated log line and its labels.
type Record struct {
	Line  []byte
	Spans []Span
	// JSON reports the line is meant to be valid JSON (a deliberately
	// sloppy JSON-like line has JSON false).
	JSON bool
	// Source names the template: category/variant index, e.g. "chat/2".
	Source string
}

// Generator produces records deterministically from its seed and part.
type Generator struct {
	r    *rand.Rand
	part Part
	seq  int
}

// New returns a generator of the given part; the same seed and part give
// the same records.
func New(seed uint64, part Part) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, 0x626c696e64620000|uint64(part))), part: part}
}

// Next returns the next record.
func (g *Generator) Next() Record {
	g.seq++
	b := &builder{}
	c := g.category()
	vs := c.variants
	// The part's share of the category's variants: even for Tune, odd for Held.
	n := (len(vs) + 1 - int(g.part)) / 2
	i := 2*g.r.IntN(n) + int(g.part)
	vs[i](g, b)
	return Record{Line: b.buf, Spans: b.spans, JSON: b.json, Source: fmt.Sprintf("%s/%d", c.name, i)}
}

func (g *Generator) category() *category {
	total := 0
	for i := range categories {
		total += categories[i].weight
	}
	x := g.r.IntN(total)
	for i := range categories {
		if x < categories[i].weight {
			return &categories[i]
		}
		x -= categories[i].weight
	}
	return &categories[len(categories)-1]
}

// pick returns an entry of the part's half of xs (even indexes for Tune,
// odd for Held).
func pick[T any](g *Generator, xs []T) T {
	n := (len(xs) + 1 - int(g.part)) / 2
	if n == 0 {
		return xs[0]
	}
	return xs[2*g.r.IntN(n)+int(g.part)]
}

// any1 picks from a list shared by both parts (values, not formats: digits,
// hosts of no personal meaning).
func any1[T any](g *Generator, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *Generator) chance(p float64) bool { return g.r.Float64() < p }

func (g *Generator) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }
