// Package blinda generates labelled payment logs written by "other teams
// and vendors", to measure tazala's scanner on data it was never tuned on.
//
// It is written apart from the scanner and from tazala's other generators
// (internal/synth, internal/heldout): its author read only the labelling
// definitions of ../shared/eval/README.md and the checksum helpers. Its
// theme is the payment world outside the company: acquirer and processor
// logs (ISO 8583-style dumps with named fields), 3-D Secure and
// tokenization services, payment-provider webhooks (nested JSON, arrays,
// camelCase, snake_case, kebab-case, numbers as JSON numbers, Python and
// PHP escaping), nginx/envoy access logs with query strings, Java, Python
// and Go exception lines and struct dumps, SQL, CSV exports, XML/SOAP,
// YAML-ish and key=value lines, operator notes in Russian, Kazakh and
// English, and the public test vectors of the card networks and of
// libphonenumber. About 30 % of the records carry no personal data; the
// others are full of hard negatives (masked PANs, last-4, RRN, STAN, auth
// codes, MCC, terminal and merchant ids, business BINs, amounts, dates,
// epochs, offsets, Message-IDs).
//
// # The two parts
//
// A Generator draws from one Part. Tune and Held share nothing but the
// value constructors (a valid IIN, a Luhn-valid PAN in a network range, a
// phone in the numbering plan):
//
//   - templates: each part has its own list of record templates
//     (tuneTemplates/tuneNegatives in tune.go, heldTemplates/heldNegatives
//     in held.go); no template appears in both;
//   - vocabularies: field names and labels live inside the templates, so
//     they are split with them; the shared lists (given names, surnames,
//     patronymic stems, Latin cardholder names, e-mail domains and local
//     part styles, expiry and CVV label words in three languages, phone
//     layouts, libphonenumber regions, public test card numbers) are in
//     two vocab values, tuneVocab and heldVocab, whose entries are
//     disjoint. Value formats that are the subject of a definition (the
//     MM/YY expiry, the 4-4-4-4 PAN grouping, +7 phone layouts) may occur
//     in both; which label, phrasing or structure surrounds them does not.
//
// Whoever tunes the scanner looks only at Tune's misses; Held is scored,
// never read.
//
// # Labels
//
// Spans are byte offsets into the raw line; in JSON lines they cover the
// value as written (escapes such as \uXXXX and \/ included, quotes
// excluded; a JSON number is its digits). URL-encoded query values are
// labelled over their encoded text. Only what the definitions clearly make
// a value is labelled; ambiguous forms (YYMM expiries, split expiry
// month/year fields, names split over fields, track data) are not written
// at all.
package blinda

import (
	"math/rand/v2"

	"github.com/tazala/tazala/internal/evalfmt"
)

// Part selects one of the two disjoint halves of the generator.
type Part uint8

// The two parts: tune on Tune, measure on Held.
const (
	Tune Part = iota + 1
	Held
)

// String returns "tune" or "held".
func (p Part) String() string {
	switch p {
	case Tune:
		return "tune"
	case Held:
		return "held"
	}
	return "part?"
}

// Span is one labelled value: [Start, End) bytes of Record.Line.
type Span = evalfmt.Span

// Record is one generated log line and its labels, in order of Start.
type Record struct {
	Line  []byte
	Spans []Span
	// JSON is true when the line is meant to be valid JSON (a few JSON-ish
	// lines are deliberately broken, as sloppy producers write them).
	JSON bool
	// Template names the template that wrote the line (for debugging and
	// miss categories; never part of the line).
	Template string
}

type template struct {
	name string
	fn   func(g *Generator, b *builder)
}

// Generator writes records of one part, deterministically per seed.
type Generator struct {
	r    *rand.Rand
	part Part
	v    *vocab
	pii  []template
	neg  []template
	// NegativeShare is the share of records without personal data (0.3).
	NegativeShare float64
}

// New returns a generator of part p seeded with seed.
func New(seed uint64, p Part) *Generator {
	g := &Generator{r: rand.New(rand.NewPCG(seed, 0x626c696e6461+uint64(p))), part: p, NegativeShare: 0.3}
	switch p {
	case Held:
		g.v, g.pii, g.neg = heldVocab, heldTemplates, heldNegatives
	default:
		g.part = Tune
		g.v, g.pii, g.neg = tuneVocab, tuneTemplates, tuneNegatives
	}
	return g
}

// Next returns the next record. The line has no trailing newline.
func (g *Generator) Next() Record {
	list := g.pii
	if g.r.Float64() < g.NegativeShare {
		list = g.neg
	}
	t := list[g.r.IntN(len(list))]
	b := &builder{json: true}
	t.fn(g, b)
	sortSpans(b.spans)
	return Record{Line: b.buf, Spans: b.spans, JSON: b.json && b.isJSON, Template: g.part.String() + "/" + t.name}
}

func sortSpans(s []Span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
