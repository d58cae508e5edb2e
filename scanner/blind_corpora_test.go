package scanner_test

import (
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/blinda"
	"github.com/tazala/tazala/internal/blindb"
	"github.com/tazala/tazala/internal/blindd"
	"github.com/tazala/tazala/internal/blindf"
	"github.com/tazala/tazala/scanner"
)

// labelled is one generated line and its labelled spans.
type labelled struct {
	line  []byte
	spans []tazala.Finding // Kind and Span only
}

// TestBlindCorpora logs the exact-span F1 per kind on both parts of the
// generators written by other authors without reading the scanner
// (internal/blinda: payment logs; internal/blindb: customer contact;
// internal/blindd: card data and transcripts; internal/blindf: card-data
// logs), and asserts each kind's floor. The Held parts were blind until
// their figures were recorded; they are released for tuning since
// (docs/scanner.md, "Held halves released for tuning"), so they are
// asserted too. Their misses are still not printed here (-show applies to
// the Tune parts only).
func TestBlindCorpora(t *testing.T) {
	n := 5000
	if testing.Short() {
		n = 1000
	}
	ga, gah := blinda.New(1, blinda.Tune), blinda.New(1, blinda.Held)
	gb, gbh := blindb.New(20261201, blindb.Tune), blindb.New(20261201, blindb.Held)
	fromA := func(g *blinda.Generator) func() labelled {
		return func() labelled {
			r := g.Next()
			l := labelled{line: r.Line}
			for _, sp := range r.Spans {
				l.spans = append(l.spans, tazala.Finding{Kind: sp.Kind, Span: tazala.Span{Start: sp.Start, End: sp.End}})
			}
			return l
		}
	}
	fromB := func(g *blindb.Generator) func() labelled {
		return func() labelled {
			r := g.Next()
			l := labelled{line: r.Line}
			for _, sp := range r.Spans {
				l.spans = append(l.spans, tazala.Finding{Kind: sp.Kind, Span: tazala.Span{Start: sp.Start, End: sp.End}})
			}
			return l
		}
	}
	fromD := func(g *blindd.Generator) func() labelled {
		return func() labelled {
			r := g.Next()
			l := labelled{line: r.Line}
			for _, sp := range r.Spans {
				l.spans = append(l.spans, tazala.Finding{Kind: sp.Kind, Span: tazala.Span{Start: sp.Start, End: sp.End}})
			}
			return l
		}
	}
	fromF := func(g *blindf.Generator) func() labelled {
		return func() labelled {
			r := g.Next()
			l := labelled{line: r.Line}
			for _, sp := range r.Spans {
				l.spans = append(l.spans, tazala.Finding{Kind: sp.Kind, Span: tazala.Span{Start: sp.Start, End: sp.End}})
			}
			return l
		}
	}
	// floor: the least F1 asserted for every kind; names: for person_name
	parts := []struct {
		name         string
		next         func() labelled
		show         bool
		floor, names float64
	}{
		{"blinda tune", fromA(ga), true, 0.999, 0.999},
		{"blinda held", fromA(gah), false, 0.999, 0.999},
		{"blindb tune", fromB(gb), true, 0.999, 0.999},
		{"blindb held", fromB(gbh), false, 0.999, 0.99},
		{"blindd tune", fromD(blindd.New(1, blindd.Tune)), true, 0.999, 0.999},
		{"blindd held", fromD(blindd.New(1, blindd.Held)), false, 0.999, 0.999},
		{"blindf tune", fromF(blindf.New(1, blindf.Tune)), true, 0.999, 0.999},
		{"blindf held", fromF(blindf.New(1, blindf.Held)), false, 0.999, 0.999},
	}
	for _, p := range parts {
		sc := scoreLabelled(t, p.next, n, p.show)
		line := p.name + ":"
		for _, k := range tazala.Kinds {
			f := sc.f1(k)
			line += " " + k.String() + "=" + f4(f)
			min := p.floor
			if k == tazala.KindName {
				min = p.names
			}
			if f < min {
				t.Errorf("%s %v: F1 %s, want at least %s", p.name, k, f4(f), f4(min))
			}
		}
		t.Log(line)
	}
}

func scoreLabelled(t *testing.T, next func() labelled, n int, show bool) *score {
	s := scanner.New(scanner.Config{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	sc := &score{}
	type key struct {
		k    tazala.Kind
		a, b int
	}
	shown := 0
	var fs []tazala.Finding
	for i := 0; i < n; i++ {
		rec := next()
		fs = s.Scan(rec.line, fs[:0])
		want := map[key]bool{}
		for _, sp := range rec.spans {
			want[key{sp.Kind, sp.Span.Start, sp.Span.End}] = true
		}
		got := map[key]bool{}
		for _, f := range fs {
			k := key{f.Kind, f.Span.Start, f.Span.End}
			got[k] = true
			if want[k] {
				sc.tp[f.Kind]++
				continue
			}
			sc.fp[f.Kind]++
			if show && shown < *showMisses {
				shown++
				t.Logf("FP %v record %d: %s", f.Kind, i, around(rec.line, f.Span.Start, f.Span.End))
			}
		}
		for k := range want {
			if !got[k] {
				sc.fn[k.k]++
				if show && shown < *showMisses {
					shown++
					t.Logf("FN %v record %d: %s", k.k, i, around(rec.line, k.a, k.b))
				}
			}
		}
	}
	return sc
}

func f4(x float64) string {
	v := int(x*10000 + 0.5)
	return string([]byte{byte('0' + v/10000), '.', byte('0' + v/1000%10), byte('0' + v/100%10), byte('0' + v/10%10), byte('0' + v%10)})
}
