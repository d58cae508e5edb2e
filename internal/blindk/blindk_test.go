package blindk

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
	"unicode/utf8"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
)

var nonDigit = regexp.MustCompile(`[^0-9]`)

// TestRecords checks determinism, that every span's bytes are a valid
// value of its kind, and that JSON lines parse.
func TestRecords(t *testing.T) {
	a, b := New(5), New(5)
	clean := 0
	const n = 3000
	for i := 0; i < n; i++ {
		r, r2 := a.Next(), b.Next()
		if !bytes.Equal(r.Line, r2.Line) || fmt.Sprint(r.Spans) != fmt.Sprint(r2.Spans) {
			t.Fatalf("record %d not deterministic", i)
		}
		if !utf8.Valid(r.Line) || bytes.ContainsAny(r.Line, "\r\n") {
			t.Fatalf("record %d: bad line bytes", i)
		}
		if r.Line[0] == '{' && !json.Valid(r.Line) {
			t.Fatalf("record %d: invalid JSON", i)
		}
		if r.Clean {
			clean++
			if len(r.Spans) != 0 {
				t.Fatalf("record %d: clean template has spans", i)
			}
		}
		for _, s := range r.Spans {
			v := string(r.Line[s.Start:s.End])
			d := nonDigit.ReplaceAllString(v, "")
			ok := true
			switch s.Kind {
			case tazala.KindIIN:
				ok = checksum.ValidIIN([]byte(v), 2026)
			case tazala.KindPAN:
				ok = checksum.Luhn([]byte(d)) && len(d) >= 13 && len(d) <= 19
			case tazala.KindPhone:
				ok = (len(d) == 11 && (d[0] == '7' || d[0] == '8'))
			case tazala.KindEmail:
				ok = bytes.Count([]byte(v), []byte("@")) == 1
			case tazala.KindExpiry:
				m, _ := strconv.Atoi(v[:2])
				ok = m >= 1 && m <= 12 && v[2] == '/'
			case tazala.KindCVV:
				ok = len(d) == 3 && len(v) == 3
			case tazala.KindName:
				ok = len(bytes.Fields([]byte(v))) >= 2
			}
			if !ok {
				t.Fatalf("record %d: span %v is not a valid %s", i, s, s.Kind)
			}
		}
	}
	if clean < n/4 || clean > n*35/100 {
		t.Fatalf("clean share %d/%d, want about 30%%", clean, n)
	}
}

type truthSpan struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type truthLine struct {
	Line  int         `json:"line"`
	Spans []truthSpan `json:"spans"`
}

// TestWriteCorpus writes blindk.jsonl and blindk.truth.jsonl into
// $BLINDK_OUT (BLINDK_N records, default 5000).
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("BLINDK_OUT")
	if dir == "" {
		t.Skip("BLINDK_OUT not set")
	}
	n := 5000
	if s := os.Getenv("BLINDK_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatal("BLINDK_N is not a number")
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cf, err := os.Create(filepath.Join(dir, "blindk.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer cf.Close()
	tf, err := os.Create(filepath.Join(dir, "blindk.truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer tf.Close()
	cw, tw := bufio.NewWriter(cf), bufio.NewWriter(tf)
	enc := json.NewEncoder(tw)
	g := New(1)
	for i := 1; i <= n; i++ {
		r := g.Next()
		cw.Write(r.Line)
		cw.WriteByte('\n')
		tl := truthLine{Line: i, Spans: []truthSpan{}}
		for _, s := range r.Spans {
			tl.Spans = append(tl.Spans, truthSpan{Type: s.Kind.String(), Start: s.Start, End: s.End})
		}
		if err := enc.Encode(tl); err != nil {
			t.Fatal(err)
		}
	}
	if err := cw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
}
