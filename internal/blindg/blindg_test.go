package blindg

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
)

var (
	digitsOnly = regexp.MustCompile(`[^0-9]`)
	expiryRe   = regexp.MustCompile(`^(0[1-9]|1[0-2])/(\d{2}|20\d{2})$`)
	cvvRe      = regexp.MustCompile(`^\d{3,4}$`)
	phoneRe    = regexp.MustCompile(`^(\+|8)[0-9 ()\-.+]+[0-9]$`)
	emailRe    = regexp.MustCompile(`^[a-z0-9._\-]+@[a-z0-9.\-]+\.[a-z]{2,}$`)
)

// inRange reports whether d is in one of the network ranges the corpus uses.
func inRange(d string) bool {
	p2, _ := strconv.Atoi(d[:2])
	p4, _ := strconv.Atoi(d[:4])
	switch {
	case d[0] == '4':
		return len(d) == 16
	case p2 >= 51 && p2 <= 55, p4 >= 2221 && p4 <= 2720, p4 >= 2200 && p4 <= 2204:
		return len(d) == 16
	case p2 == 34 || p2 == 37:
		return len(d) == 15
	case p2 == 62:
		return len(d) == 16 || len(d) == 19
	case p4 >= 3528 && p4 <= 3589, p4 == 6011, p2 == 65:
		return len(d) == 16
	case p2 == 36:
		return len(d) == 14
	}
	return false
}

func decodeJSONSpan(v []byte) string {
	var s string
	if err := json.Unmarshal(append(append([]byte{'"'}, v...), '"'), &s); err != nil {
		return string(v)
	}
	return s
}

func TestSpansAreValidValues(t *testing.T) {
	g := New(7)
	kinds := map[tazala.Kind]int{}
	clean := 0
	const n = 4000
	for i := 0; i < n; i++ {
		r := g.Next()
		if len(r.Spans) == 0 {
			clean++
		}
		if bytes.HasPrefix(r.Line, []byte("{")) && !json.Valid(r.Line) {
			t.Fatalf("record %d: invalid JSON", i)
		}
		if bytes.ContainsAny(r.Line, "\n\r") {
			t.Fatalf("record %d: newline in line", i)
		}
		prev := -1
		for _, s := range r.Spans {
			if s.Start < 0 || s.End > len(r.Line) || s.Start >= s.End || s.Start < prev {
				t.Fatalf("record %d: bad span %+v", i, s)
			}
			prev = s.End
			kinds[s.Kind]++
			v := decodeJSONSpan(r.Line[s.Start:s.End])
			switch s.Kind {
			case tazala.KindIIN:
				if !checksum.ValidIIN([]byte(v), 2026) {
					t.Errorf("record %d: invalid IIN span (len %d)", i, len(v))
				}
			case tazala.KindPAN:
				d := digitsOnly.ReplaceAllString(v, "")
				if !checksum.Luhn([]byte(d)) || !inRange(d) || (v[0] < '0' || v[0] > '9') || v[len(v)-1] < '0' || v[len(v)-1] > '9' {
					t.Errorf("record %d: invalid PAN span", i)
				}
			case tazala.KindExpiry:
				if !expiryRe.MatchString(v) {
					t.Errorf("record %d: bad expiry span", i)
				}
			case tazala.KindCVV:
				if !cvvRe.MatchString(v) {
					t.Errorf("record %d: bad cvv span", i)
				}
			case tazala.KindPhone:
				if !phoneRe.MatchString(v) {
					t.Errorf("record %d: bad phone span", i)
				}
			case tazala.KindEmail:
				if !emailRe.MatchString(v) {
					t.Errorf("record %d: bad email span", i)
				}
			case tazala.KindName:
				if len(bytes.Fields([]byte(v))) < 2 {
					t.Errorf("record %d: name span is not a full name", i)
				}
			default:
				t.Fatalf("record %d: bad kind %v", i, s.Kind)
			}
		}
	}
	for _, k := range tazala.Kinds {
		if kinds[k] == 0 {
			t.Errorf("no %v spans", k)
		}
	}
	if f := float64(clean) / n; f < 0.25 || f > 0.35 {
		t.Errorf("PII-free share %.2f, want about 0.30", f)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := New(42), New(42)
	for i := 0; i < 500; i++ {
		x, y := a.Next(), b.Next()
		if !bytes.Equal(x.Line, y.Line) || fmt.Sprint(x.Spans) != fmt.Sprint(y.Spans) {
			t.Fatalf("record %d differs", i)
		}
	}
	if bytes.Equal(New(1).Next().Line, New(2).Next().Line) && bytes.Equal(New(1).Next().Line, New(3).Next().Line) {
		t.Error("seed has no effect")
	}
}

func TestEscapedSpans(t *testing.T) {
	g := New(3)
	seen := false
	for i := 0; i < 3000 && !seen; i++ {
		r := g.Next()
		for _, s := range r.Spans {
			if s.Kind == tazala.KindName && bytes.Contains(r.Line[s.Start:s.End], []byte(`\u`)) {
				seen = true
			}
		}
	}
	if !seen {
		t.Error("no \\u-escaped name span generated")
	}
}

type truthSpan struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type truthRow struct {
	Line  int         `json:"line"`
	Spans []truthSpan `json:"spans"`
}

// TestWriteCorpus writes blindg.jsonl and blindg.truth.jsonl into
// $BLINDG_OUT ($BLINDG_N records, default 6000; $BLINDG_SEED, default 1).
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("BLINDG_OUT")
	if dir == "" {
		t.Skip("BLINDG_OUT not set")
	}
	n, seed := 6000, uint64(1)
	if v := os.Getenv("BLINDG_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatalf("BLINDG_N: %v", err)
		}
	}
	if v := os.Getenv("BLINDG_SEED"); v != "" {
		s, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("BLINDG_SEED: %v", err)
		}
		seed = s
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cf, err := os.Create(filepath.Join(dir, "blindg.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	tf, err := os.Create(filepath.Join(dir, "blindg.truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	cw, tw := bufio.NewWriter(cf), bufio.NewWriter(tf)
	enc := json.NewEncoder(tw)
	g := New(seed)
	for i := 1; i <= n; i++ {
		r := g.Next()
		cw.Write(r.Line)
		cw.WriteByte('\n')
		row := truthRow{Line: i, Spans: []truthSpan{}}
		for _, s := range r.Spans {
			row.Spans = append(row.Spans, truthSpan{s.Kind.String(), s.Start, s.End})
		}
		if err := enc.Encode(row); err != nil {
			t.Fatal(err)
		}
	}
	for _, err := range []error{cw.Flush(), tw.Flush(), cf.Close(), tf.Close()} {
		if err != nil {
			t.Fatal(err)
		}
	}
}
