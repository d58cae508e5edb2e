package blindj

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
)

func TestDeterministic(t *testing.T) {
	a, b := New(7), New(7)
	for i := 0; i < 500; i++ {
		x, y := a.Next(), b.Next()
		if !bytes.Equal(x.Line, y.Line) || fmt.Sprint(x.Spans) != fmt.Sprint(y.Spans) {
			t.Fatalf("record %d differs between runs", i)
		}
	}
}

var (
	nonDigit = regexp.MustCompile(`[^0-9]`)
	sloppy   = regexp.MustCompile(`"(iin|requestIin)":0[0-9]{11}[,}]`)
)

func TestSpansAndValues(t *testing.T) {
	g := New(3)
	clean := 0
	for i := 0; i < 3000; i++ {
		r := g.Next()
		if bytes.ContainsAny(r.Line, "\n\r") {
			t.Fatalf("record %d holds a newline", i)
		}
		if r.Line[0] == '{' && !json.Valid(r.Line) && !sloppy.Match(r.Line) {
			t.Fatalf("record %d: invalid JSON", i)
		}
		if len(r.Spans) == 0 {
			clean++
		}
		for _, s := range r.Spans {
			if s.Start < 0 || s.End > len(r.Line) || s.Start >= s.End {
				t.Fatalf("record %d: bad span %v", i, s)
			}
			v := string(r.Line[s.Start:s.End])
			if v != strings.TrimSpace(v) {
				t.Fatalf("record %d: span %v has surrounding space", i, s.Kind)
			}
			d := nonDigit.ReplaceAllString(strings.ReplaceAll(v, "%2F", "/"), "")
			switch s.Kind {
			case tazala.KindIIN:
				if !checksum.ValidIIN([]byte(v), 2026) {
					t.Fatalf("record %d: invalid IIN", i)
				}
			case tazala.KindPAN:
				if !checksum.Luhn([]byte(d)) || len(d) < 13 || len(d) > 19 || !strings.ContainsRune("23456", rune(d[0])) {
					t.Fatalf("record %d: invalid PAN", i)
				}
			case tazala.KindEmail:
				if strings.Count(v, "@") != 1 {
					t.Fatalf("record %d: bad email", i)
				}
			case tazala.KindPhone:
				if len(d) < 11 {
					t.Fatalf("record %d: short phone", i)
				}
			case tazala.KindCVV:
				if len(d) != 3 {
					t.Fatalf("record %d: bad cvv", i)
				}
			}
		}
	}
	if clean < 700 || clean > 1100 {
		t.Fatalf("PII-free lines: %d of 3000", clean)
	}
}

// TestWriteCorpus writes blindj.jsonl and blindj.truth.jsonl into
// $BLINDJ_OUT ($BLINDJ_N records, default 6000; $BLINDJ_SEED, default 1).
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("BLINDJ_OUT")
	if dir == "" {
		t.Skip("BLINDJ_OUT not set")
	}
	n, seed := 6000, uint64(1)
	if v := os.Getenv("BLINDJ_N"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("BLINDJ_SEED"); v != "" {
		seed, _ = strconv.ParseUint(v, 10, 64)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cf, err := os.Create(filepath.Join(dir, "blindj.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	tf, err := os.Create(filepath.Join(dir, "blindj.truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	cw, tw := bufio.NewWriter(cf), bufio.NewWriter(tf)
	g := New(seed)
	for i := 1; i <= n; i++ {
		r := g.Next()
		cw.Write(r.Line)
		cw.WriteByte('\n')
		spans := make([]map[string]any, 0, len(r.Spans))
		for _, s := range r.Spans {
			spans = append(spans, map[string]any{"type": s.Kind.String(), "start": s.Start, "end": s.End})
		}
		b, _ := json.Marshal(map[string]any{"line": i, "spans": spans})
		tw.Write(b)
		tw.WriteByte('\n')
	}
	for _, c := range []interface{ Flush() error }{cw, tw} {
		if err := c.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	cf.Close()
	tf.Close()
}
