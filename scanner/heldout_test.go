package scanner_test

import (
	"bytes"
	"flag"
	"fmt"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/heldout"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/redact"
	"github.com/tazala/tazala/scanner"
)

// strictHeldout makes TestHeldoutGenerator fail below its thresholds.
const strictHeldout = true

var showMisses = flag.Int("show", 0, "print up to N misses (values masked) in the held-out tests")

// score is exact-span precision and recall per kind.
type score struct {
	tp, fp, fn [8]int
}

func (sc *score) f1(k tazala.Kind) float64 {
	p := ratio(sc.tp[k], sc.tp[k]+sc.fp[k])
	r := ratio(sc.tp[k], sc.tp[k]+sc.fn[k])
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func scorePart(t *testing.T, part heldout.Part, n int) *score {
	g := heldout.New(7, part)
	s := scanner.New(scanner.Config{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	sc := &score{}
	type key struct {
		k    tazala.Kind
		a, b int
	}
	shown := 0
	var fs []tazala.Finding
	for i := 0; i < n; i++ {
		rec := g.Next()
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
				sc.tp[f.Kind]++
			} else {
				sc.fp[f.Kind]++
				if shown < *showMisses {
					shown++
					t.Logf("FP %v record %d: %s", f.Kind, i, around(rec.Line, f.Span.Start, f.Span.End))
				}
			}
		}
		for k := range want {
			if !got[k] {
				sc.fn[k.k]++
				if shown < *showMisses {
					shown++
					t.Logf("FN %v record %d: %s", k.k, i, around(rec.Line, k.a, k.b))
				}
			}
		}
	}
	return sc
}

// TestHeldoutGenerator scores the scanner on the second generator's tuned
// and held-out parts (different phrasings, field names and name lists):
// the held-out F1 must be within 0.005 of the tuned F1 for every kind, and
// both at least 0.98. The held-out part was also used to find general
// failures (see docs/scanner.md), so the Blind part (a third vocabulary
// written afterwards), the Blind2 part (a fourth, written before the CVV
// and expiry grammar, measured, then used to find general failures) and
// the Blind3 part (a fifth, written after that, never tuned on) are
// logged beside them, unasserted.
func TestHeldoutGenerator(t *testing.T) {
	n := 6000
	if testing.Short() {
		n = 1500
	}
	tuned := scorePart(t, heldout.Tuned, n)
	held := scorePart(t, heldout.Heldout, n)
	blind := scorePart(t, heldout.Blind, n)
	blind2 := scorePart(t, heldout.Blind2, n)
	blind3 := scorePart(t, heldout.Blind3, n)
	for _, k := range tazala.Kinds {
		ft, fh, fb, fb2, fb3 := tuned.f1(k), held.f1(k), blind.f1(k), blind2.f1(k), blind3.f1(k)
		t.Logf("%-12s tuned F1=%.4f (tp=%d fp=%d fn=%d)  held-out F1=%.4f (tp=%d fp=%d fn=%d)  blind F1=%.4f (tp=%d fp=%d fn=%d)  blind2 F1=%.4f (tp=%d fp=%d fn=%d)  blind3 F1=%.4f (tp=%d fp=%d fn=%d)",
			k, ft, tuned.tp[k], tuned.fp[k], tuned.fn[k], fh, held.tp[k], held.fp[k], held.fn[k],
			fb, blind.tp[k], blind.fp[k], blind.fn[k], fb2, blind2.tp[k], blind2.fp[k], blind2.fn[k], fb3, blind3.tp[k], blind3.fp[k], blind3.fn[k])
		if strictHeldout && (ft < 0.98 || fh < 0.98 || ft-fh > 0.005) {
			t.Errorf("%v: tuned F1 %.4f, held-out F1 %.4f: want both >= 0.98, held-out within 0.005", k, ft, fh)
		}
	}
}

// TestOpsLogsNoFindings: operational logs with no personal data (offsets,
// LSNs, sequence numbers, epochs, counters, class and product names)
// produce no finding at all.
func TestOpsLogsNoFindings(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 4000
	}
	o := heldout.NewOps(3)
	s := scanner.New(scanner.Config{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	var fs []tazala.Finding
	byKind := map[tazala.Kind]int{}
	total, shown := 0, 0
	for i := 0; i < n; i++ {
		line := o.Next()
		fs = s.Scan(line, fs[:0])
		for _, f := range fs {
			byKind[f.Kind]++
			total++
			if shown < max(*showMisses, 5) {
				shown++
				t.Logf("FP %v line %d: %s", f.Kind, i, around(line, f.Span.Start, f.Span.End))
			}
		}
	}
	if total > 0 {
		t.Errorf("%d findings on %d PII-free lines: %v", total, n, fmt.Sprint(byKind))
	}
}

// TestNoValueSurvivesRedaction: on both parts of the second generator and
// on the first one, no labelled value (of six bytes or more) is left in
// the masked output of its record.
func TestNoValueSurvivesRedaction(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 800
	}
	s := scanner.New(scanner.Config{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	red := redact.New(redact.Config{Default: redact.Mask})
	check := func(name string, line []byte, spans [][2]int) {
		out := red.Append(nil, line, s.Scan(line, nil), nil)
		for _, sp := range spans {
			v := line[sp[0]:sp[1]]
			// a value may also stand elsewhere in the record unlabelled
			// (a date like its expiry): a leak leaves as many copies
			if len(v) >= 6 && bytes.Count(out, v) >= bytes.Count(line, v) {
				t.Errorf("%s: a labelled value of %d bytes survives redaction: %s", name, len(v), around(line, sp[0], sp[1]))
				return
			}
		}
	}
	for _, part := range []heldout.Part{heldout.Tuned, heldout.Heldout, heldout.Blind, heldout.Blind2} {
		g := heldout.New(11, part)
		for i := 0; i < n; i++ {
			r := g.Next()
			var sp [][2]int
			for _, x := range r.Spans {
				sp = append(sp, [2]int{x.Start, x.End})
			}
			check(fmt.Sprintf("heldout part %d record %d", part, i), r.Line, sp)
		}
	}
	g := synth.New(5)
	for i := 0; i < n; i++ {
		r := g.Next()
		var sp [][2]int
		for _, x := range r.Spans {
			sp = append(sp, [2]int{x.Start, x.End})
		}
		check(fmt.Sprintf("synth record %d", i), r.Line, sp)
	}
}
