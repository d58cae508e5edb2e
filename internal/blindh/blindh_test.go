package blindh

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tazala/tazala/internal/checksum"
)

// decode returns the span text with JSON escapes undone.
func decode(t *testing.T, b []byte) string {
	t.Helper()
	if !bytes.Contains(b, []byte(`\`)) {
		return string(b)
	}
	s, err := strconv.Unquote(`"` + string(b) + `"`)
	if err != nil {
		var out string
		if err := json.Unmarshal(append(append([]byte{'"'}, b...), '"'), &out); err != nil {
			t.Fatalf("span %q does not unescape: %v", b, err)
		}
		return out
	}
	return s
}

func onlyDigits(s string) []byte {
	var d []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			d = append(d, s[i])
		}
	}
	return d
}

func TestSpansAndValues(t *testing.T) {
	g := New(7)
	free := 0
	const n = 4000
	for i := 0; i < n; i++ {
		r := g.Next()
		if len(r.Spans) == 0 {
			free++
		}
		if r.JSON && !json.Valid(r.Line) {
			t.Fatalf("record %d: invalid JSON", i)
		}
		if bytes.ContainsAny(r.Line, "\n\r") {
			t.Fatalf("record %d: newline in line", i)
		}
		last := 0
		for _, s := range r.Spans {
			if s.Start < last || s.End <= s.Start || s.End > len(r.Line) {
				t.Fatalf("record %d: bad span %+v", i, s)
			}
			last = s.End
			v := decode(t, r.Line[s.Start:s.End])
			if strings.TrimSpace(v) != v || v == "" {
				t.Fatalf("record %d: span %v has surrounding space", i, s.Kind)
			}
			d := onlyDigits(v)
			switch s.Kind {
			case kIIN:
				if !checksum.ValidIIN(d, 2026) || len(v) != 12 {
					t.Fatalf("record %d: invalid IIN", i)
				}
			case kPAN:
				if !checksum.Luhn(d) || len(d) < 13 || len(d) > 19 {
					t.Fatalf("record %d: invalid PAN", i)
				}
			case kPhone:
				if len(d) < 10 || len(d) > 13 {
					t.Fatalf("record %d: phone digits %d", i, len(d))
				}
			case kEmail:
				if strings.Count(v, "@") != 1 {
					t.Fatalf("record %d: bad e-mail", i)
				}
			case kExp:
				if len(v) != 5 && len(v) != 7 || v[2] != '/' {
					t.Fatalf("record %d: bad expiry", i)
				}
			case kCVV:
				if len(d) != 3 || len(v) != 3 {
					t.Fatalf("record %d: bad cvv", i)
				}
			case kName:
				if len(strings.Fields(v)) < 2 {
					t.Fatalf("record %d: lone name", i)
				}
			}
		}
	}
	if f := float64(free) / n; f < 0.25 || f > 0.35 {
		t.Errorf("PII-free share %.2f, want about 0.30", f)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := New(3), New(3)
	for i := 0; i < 500; i++ {
		x, y := a.Next(), b.Next()
		if !bytes.Equal(x.Line, y.Line) || fmt.Sprint(x.Spans) != fmt.Sprint(y.Spans) {
			t.Fatalf("record %d differs", i)
		}
	}
	if bytes.Equal(New(3).Next().Line, New(4).Next().Line) {
		t.Error("seeds 3 and 4 give the same first line")
	}
}

// TestWriteCorpus writes blindh.jsonl and blindh.truth.jsonl into
// $BLINDH_OUT (BLINDH_N records, default 6000; BLINDH_SEED, default 1).
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("BLINDH_OUT")
	if dir == "" {
		t.Skip("BLINDH_OUT not set")
	}
	n, seed := 6000, uint64(1)
	if v := os.Getenv("BLINDH_N"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("BLINDH_SEED"); v != "" {
		seed, _ = strconv.ParseUint(v, 10, 64)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var corpus, truth bytes.Buffer
	g := New(seed)
	for i := 1; i <= n; i++ {
		r := g.Next()
		corpus.Write(r.Line)
		corpus.WriteByte('\n')
		spans := make([]map[string]any, 0, len(r.Spans))
		for _, s := range r.Spans {
			spans = append(spans, map[string]any{"type": s.Kind.String(), "start": s.Start, "end": s.End})
		}
		b, _ := json.Marshal(map[string]any{"line": i, "spans": spans})
		truth.Write(b)
		truth.WriteByte('\n')
	}
	if err := os.WriteFile(filepath.Join(dir, "blindh.jsonl"), corpus.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "blindh.truth.jsonl"), truth.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
