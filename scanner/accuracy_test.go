package scanner_test

import (
	"fmt"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/scanner"
)

// TestSyntheticAccuracy scans generated records (tazala's own templates,
// with hard negatives) and checks exact-span precision and recall per kind.
// Failures name the kind, line and offsets, never the value.
func TestSyntheticAccuracy(t *testing.T) {
	gen := synth.New(42)
	gen.Repeat = 0.3
	s := scanner.New(scanner.Config{})
	type key struct {
		k    tazala.Kind
		a, b int
	}
	tp := map[tazala.Kind]int{}
	fp := map[tazala.Kind]int{}
	fn := map[tazala.Kind]int{}
	var fs []tazala.Finding
	shown := 0
	for i := 0; i < 5000; i++ {
		rec := gen.Next()
		fs = s.Scan(rec.Line, fs[:0])
		want := map[key]bool{}
		for _, sp := range rec.Spans {
			want[key{sp.Kind, sp.Start, sp.End}] = true
		}
		got := map[key]bool{}
		for _, f := range fs {
			k := key{f.Kind, f.Span.Start, f.Span.End}
			got[k] = true
			if want[k] {
				tp[f.Kind]++
			} else {
				fp[f.Kind]++
				if shown < 15 && testing.Verbose() {
					shown++
					t.Logf("FP %v record %d [%d,%d) context %q", f.Kind, i, f.Span.Start, f.Span.End, around(rec.Line, f.Span.Start, f.Span.End))
				}
			}
		}
		for k := range want {
			if !got[k] {
				fn[k.k]++
				if shown < 15 && testing.Verbose() {
					shown++
					t.Logf("FN %v record %d [%d,%d) context %q", k.k, i, k.a, k.b, around(rec.Line, k.a, k.b))
				}
			}
		}
	}
	for _, k := range tazala.Kinds {
		p := ratio(tp[k], tp[k]+fp[k])
		r := ratio(tp[k], tp[k]+fn[k])
		t.Logf("%-12s tp=%5d fp=%4d fn=%4d precision=%.4f recall=%.4f", k, tp[k], fp[k], fn[k], p, r)
		min := 0.99
		if k == tazala.KindName {
			min = 0.95
		}
		if tp[k]+fn[k] > 0 && (p < min || r < min) {
			t.Errorf("%v: precision %.4f recall %.4f, want both >= %.2f", k, p, r, min)
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// around shows the text around a span with the span itself masked, so test
// output never prints a value (even a synthetic one).
func around(line []byte, a, b int) string {
	lo, hi := max(0, a-40), min(len(line), b+20)
	return fmt.Sprintf("%s[%d bytes]%s", line[lo:a], b-a, line[b:hi])
}
