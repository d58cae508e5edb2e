package blindd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
	"github.com/tazala/tazala/internal/evalfmt"
)

func gen(t *testing.T, part Part, n int) []Record {
	t.Helper()
	g := New(7, part)
	out := make([]Record, n)
	for i := range out {
		out[i] = g.Next()
	}
	return out
}

var (
	reExpiry = regexp.MustCompile(`^(\d{1,2}\s?[/.\-]\s?(\d{2}|\d{4})|\d{4}-\d{2}|\d{2}(%2F|\+/\+)\d{2})$`)
	reCVV    = regexp.MustCompile(`^\d{3,4}$`)
	reName   = regexp.MustCompile(`^\p{Lu}[\p{L}]+ \p{Lu}[\p{L}]+$`)
)

func TestSpansAreValues(t *testing.T) {
	for _, part := range []Part{Tune, Held} {
		for i, r := range gen(t, part, 4000) {
			last := -1
			for _, s := range r.Spans {
				if s.Start < 0 || s.End > len(r.Line) || s.Start >= s.End || s.Start < last {
					t.Fatalf("%v record %d (%s): bad span %+v", part, i, r.Template, s)
				}
				last = s.End
				v := string(r.Line[s.Start:s.End])
				switch s.Kind {
				case tazala.KindPAN:
					d := panOnly(v)
					if len(d) < 13 || len(d) > 19 || !checksum.Luhn([]byte(d)) || !inRange(d) {
						t.Fatalf("%s: PAN span %q invalid", r.Template, v)
					}
				case tazala.KindExpiry:
					if !reExpiry.MatchString(v) {
						t.Fatalf("%s: expiry span %q", r.Template, v)
					}
				case tazala.KindCVV:
					if !reCVV.MatchString(v) {
						t.Fatalf("%s: cvv span %q", r.Template, v)
					}
				case tazala.KindName:
					if !reName.MatchString(v) {
						t.Fatalf("%s: name span %q", r.Template, v)
					}
				default:
					t.Fatalf("%s: unexpected kind %v", r.Template, s.Kind)
				}
			}
		}
	}
}

func panOnly(v string) string {
	var b []byte
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
			b = append(b, c)
		case c == ' ' || c == '-' || c == '+':
		default:
			return ""
		}
	}
	return string(b)
}

// inRange checks the number against the network table independently of
// how it was drawn.
func inRange(d string) bool {
	p := func(n int) int { v, _ := strconv.Atoi(d[:n]); return v }
	l := len(d)
	switch {
	case d[0] == '4':
		return l == 13 || l == 16 || l == 19
	case p(2) >= 51 && p(2) <= 55, p(4) >= 2221 && p(4) <= 2720:
		return l == 16
	case p(2) == 34 || p(2) == 37:
		return l == 15
	case p(4) >= 2200 && p(4) <= 2204:
		return l == 16
	case p(4) == 6011, p(2) == 65, p(3) >= 644 && p(3) <= 649:
		return l == 16 || l == 19
	case p(4) >= 3528 && p(4) <= 3589:
		return l >= 16
	case p(2) == 36, p(3) >= 300 && p(3) <= 305:
		return l == 14
	case p(2) == 62:
		return l >= 16
	case p(4) == 5018 || p(4) == 5020 || p(4) == 5038 || p(4) == 6304 || p(4) == 6759 || p(4) == 6761 || p(4) == 6763:
		return l >= 12
	}
	return false
}

func TestJSONLinesValid(t *testing.T) {
	for _, part := range []Part{Tune, Held} {
		for _, r := range gen(t, part, 3000) {
			if r.Line[0] == '{' && !json.Valid(r.Line) {
				t.Fatalf("%s: invalid JSON line", r.Template)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := gen(t, Held, 500), gen(t, Held, 500)
	for i := range a {
		if !bytes.Equal(a[i].Line, b[i].Line) || fmt.Sprint(a[i].Spans) != fmt.Sprint(b[i].Spans) {
			t.Fatalf("record %d differs between runs", i)
		}
	}
}

func TestPartsDisjoint(t *testing.T) {
	names := map[string]Part{}
	for _, part := range []Part{Tune, Held} {
		for _, r := range gen(t, part, 3000) {
			if p, ok := names[r.Template]; ok && p != part {
				t.Fatalf("template %s in both parts", r.Template)
			}
			names[r.Template] = part
		}
	}
	// every list splits into two non-empty disjoint halves
	lists := [][]string{latGivenM, latGivenF, latSurname, cyrGivenM, cyrGivenF, cyrSurname, panKeys, expKeys, cvvKeys, holderKeys,
		ruPan, ruExp, ruCVV, kkPan, kkExp, kkCVV, enPan, enExp, enCVV, shops, apps, agents, currencies}
	for _, l := range lists {
		tu, he := map[string]bool{}, map[string]bool{}
		for _, s := range half(l, Tune) {
			tu[s] = true
		}
		for _, s := range half(l, Held) {
			if tu[s] {
				t.Fatalf("%q in both halves", s)
			}
			he[s] = true
		}
		if len(tu) == 0 || len(he) == 0 {
			t.Fatalf("list %v has an empty half", l)
		}
	}
}

func TestPIIFreeShare(t *testing.T) {
	n, empty := 5000, 0
	for _, r := range gen(t, Tune, n) {
		if len(r.Spans) == 0 {
			empty++
		}
	}
	if f := float64(empty) / float64(n); f < 0.25 || f > 0.35 {
		t.Fatalf("PII-free share %.2f, want about 0.30", f)
	}
}

// TestWriteCorpus writes the two parts in the eval format into BLINDD_OUT.
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("BLINDD_OUT")
	if dir == "" {
		t.Skip("BLINDD_OUT not set")
	}
	n, err := evalfmt.EnvCount("BLINDD_N", 5000)
	if err != nil {
		t.Fatal(err)
	}
	seed, err := evalfmt.EnvSeed("BLINDD_SEED", 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []Part{Tune, Held} {
		g := New(seed, part)
		next := func() evalfmt.Record {
			r := g.Next()
			return evalfmt.Record{Line: r.Line, Spans: r.Spans, Template: r.Template}
		}
		c := evalfmt.Config{Dir: dir, Name: part.String(), Templates: ".templates.txt", SortedKeys: true}
		if err := evalfmt.WriteCorpus(c, n, next); err != nil {
			t.Fatal(err)
		}
	}
}
