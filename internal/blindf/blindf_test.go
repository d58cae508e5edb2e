package blindf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
	"github.com/tazala/tazala/internal/evalfmt"
)

func panDigits(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", "")
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			sb.WriteByte(s[i])
		} else if !strings.ContainsRune(" -.", rune(s[i])) {
			return ""
		}
	}
	return sb.String()
}

func inRange(d string) bool {
	for _, nw := range networks {
		for _, p := range nw.prefixes {
			if strings.HasPrefix(d, p) {
				for _, l := range nw.lengths {
					if l == len(d) {
						return true
					}
				}
			}
		}
	}
	return false
}

func TestSpans(t *testing.T) {
	for _, part := range []Part{Tune, Held} {
		g := New(7, part)
		kinds := map[tazala.Kind]int{}
		empty := 0
		for i := 0; i < 3000; i++ {
			r := g.Next()
			if bytes.ContainsRune(r.Line, '\n') {
				t.Fatalf("record %d has a newline", i)
			}
			if r.Line[0] == '{' && !json.Valid(r.Line) {
				t.Fatalf("record %d: invalid JSON: %s", i, r.Line)
			}
			if len(r.Spans) == 0 {
				empty++
			}
			for _, s := range r.Spans {
				kinds[s.Kind]++
				v := string(r.Line[s.Start:s.End])
				switch s.Kind {
				case tazala.KindPAN:
					d := panDigits(v)
					if l := len(d); l < 13 || l > 19 || !checksum.Luhn([]byte(d)) || !inRange(d) {
						t.Fatalf("record %d: bad PAN %q", i, v)
					}
				case tazala.KindExpiry:
					if len(v) != 5 && len(v) != 7 || v[2] != '/' {
						t.Fatalf("record %d: bad expiry %q", i, v)
					}
				case tazala.KindCVV:
					if _, err := strconv.Atoi(v); err != nil || len(v) < 3 || len(v) > 4 {
						t.Fatalf("record %d: bad CVV %q", i, v)
					}
				default:
					t.Fatalf("record %d: unexpected kind %v", i, s.Kind)
				}
			}
		}
		if f := float64(empty) / 3000; f < 0.25 || f > 0.35 {
			t.Errorf("part %d: %.2f of lines without personal data", part, f)
		}
		for _, k := range []tazala.Kind{tazala.KindPAN, tazala.KindExpiry, tazala.KindCVV} {
			if kinds[k] < 300 {
				t.Errorf("part %d: only %d %v spans", part, kinds[k], k)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := New(3, Held), New(3, Held)
	for i := 0; i < 500; i++ {
		x, y := a.Next(), b.Next()
		if !bytes.Equal(x.Line, y.Line) || fmt.Sprint(x.Spans) != fmt.Sprint(y.Spans) {
			t.Fatalf("record %d differs", i)
		}
	}
}

// TestPartsDisjoint checks that the two parts never share a template:
// a Tune generator only ever picks even indices and Held odd ones, and
// every split list has entries for both.
func TestPartsDisjoint(t *testing.T) {
	lists := map[string]int{"posTmpls": len(posTmpls), "negTmpls": len(negTmpls), "negKV": len(negKV), "negText": len(negText),
		"panFields": len(panFields), "expFields": len(expFields), "cvvFields": len(cvvFields), "panLabRu": len(panLabRu), "panLabKk": len(panLabKk),
		"panLabEn": len(panLabEn), "expLabRu": len(expLabRu), "expLabKk": len(expLabKk), "expLabEn": len(expLabEn), "cvvLabRu": len(cvvLabRu),
		"cvvLabKk": len(cvvLabKk), "cvvLabEn": len(cvvLabEn), "services": len(services), "events": len(events), "xmlElems": len(xmlElems),
		"tables": len(tables), "exClasses": len(exClasses), "javaFiles": len(javaFiles), "hosts": len(hosts), "levels": len(levels)}
	for name, n := range lists {
		if n < 2 || n%2 != 0 {
			t.Errorf("%s has %d entries; want an even count >= 2", name, n)
		}
	}
	for _, part := range []Part{Tune, Held} {
		g := New(1, part)
		for i := 0; i < 2000; i++ {
			if k := g.idx(10 + i%7); k%2 != int(part) {
				t.Fatalf("part %d picked index %d", part, k)
			}
		}
	}
	// Field names seen in Tune lines never appear in Held lines.
	seen := func(p Part) map[string]bool {
		m := map[string]bool{}
		g := New(5, p)
		for i := 0; i < 3000; i++ {
			r := g.Next()
			for _, f := range append(append(append([]string{}, panFields...), cvvFields...), expFields...) {
				if bytes.Contains(r.Line, []byte(`"`+f+`"`)) {
					m[f] = true
				}
			}
		}
		return m
	}
	tu, he := seen(Tune), seen(Held)
	for f := range tu {
		if he[f] {
			t.Errorf("field %q in both parts", f)
		}
	}
}

// TestWriteCorpus writes the eval-format corpora when BLINDF_OUT is set.
func TestWriteCorpus(t *testing.T) {
	env, err := evalfmt.ReadEnv("BLINDF", 5000, 1)
	if env.Dir == "" {
		t.Skip("BLINDF_OUT not set")
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		name string
		part Part
	}{{"tune", Tune}, {"held", Held}} {
		g := New(env.Seed, p.part)
		next := func() evalfmt.Record {
			r := g.Next()
			return evalfmt.Record{Line: r.Line, Spans: r.Spans}
		}
		if err := evalfmt.WriteCorpus(evalfmt.Config{Dir: env.Dir, Name: p.name}, env.N, next); err != nil {
			t.Fatal(err)
		}
	}
}
