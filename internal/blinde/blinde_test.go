package blinde

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

	"github.com/nyaruka/phonenumbers"

	tazala "github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
)

func TestDeterministic(t *testing.T) {
	a, b := New(7), New(7)
	for i := 0; i < 2000; i++ {
		ra, rb := a.Next(), b.Next()
		if !bytes.Equal(ra.Line, rb.Line) || fmt.Sprint(ra.Spans) != fmt.Sprint(rb.Spans) {
			t.Fatalf("record %d differs between two generators with the same seed", i)
		}
	}
	if bytes.Equal(New(1).Next().Line, New(2).Next().Line) {
		t.Error("different seeds gave the same first line")
	}
}

var (
	leadingZeroIIN = regexp.MustCompile(`"iin":0\d{11}`)
	jsonEscape     = regexp.MustCompile(`\\u([0-9a-fA-F]{4})`)
	sepRE          = regexp.MustCompile(`[ \-]`)
	phoneChars     = regexp.MustCompile(`^\+?[0-9][0-9 ()\-]*[0-9]$`)
	emailRE        = regexp.MustCompile(`^[^@\s<>]+@[^@\s<>]+\.[^@\s<>.]+$`)
	expRE          = regexp.MustCompile(`^(0[1-9]|1[0-2])/(\d{2}|20\d{2})$`)
)

// unescape decodes \uXXXX (and \" \\) of a JSON string fragment.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var v string
	if err := json.Unmarshal([]byte(`"`+s+`"`), &v); err != nil {
		return s
	}
	return v
}

func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func checkValue(k tazala.Kind, raw string) error {
	v := unescape(raw)
	switch k {
	case tazala.KindIIN:
		if !checksum.ValidIIN([]byte(v), maxYear) {
			return fmt.Errorf("invalid IIN")
		}
	case tazala.KindPhone:
		if !phoneChars.MatchString(v) {
			return fmt.Errorf("phone has stray characters")
		}
		d := digitsOnly(v)
		if strings.HasPrefix(v, "+") && !strings.HasPrefix(v, "+7") {
			n, err := phonenumbers.Parse(v, "")
			if err != nil || !phonenumbers.IsValidNumber(n) {
				return fmt.Errorf("invalid international phone")
			}
		} else if len(d) != 11 || (d[0] != '7' && d[0] != '8') {
			return fmt.Errorf("bad +7/8 phone length or prefix")
		}
	case tazala.KindEmail:
		if !emailRE.MatchString(v) {
			return fmt.Errorf("bad email shape")
		}
	case tazala.KindPAN:
		if sepRE.ReplaceAllString(v, "") != digitsOnly(v) || !checksum.Luhn([]byte(digitsOnly(v))) {
			return fmt.Errorf("PAN not Luhn-valid")
		}
		if n := len(digitsOnly(v)); n < 13 || n > 19 {
			return fmt.Errorf("PAN length %d", n)
		}
	case tazala.KindExpiry:
		if !expRE.MatchString(v) {
			return fmt.Errorf("bad expiry")
		}
	case tazala.KindCVV:
		if len(v) < 3 || len(v) > 4 || digitsOnly(v) != v {
			return fmt.Errorf("bad CVV")
		}
	case tazala.KindName:
		if len(strings.Fields(v)) < 2 {
			return fmt.Errorf("name with fewer than two parts")
		}
	default:
		return fmt.Errorf("bad kind %d", k)
	}
	return nil
}

func TestSpansAreValidValues(t *testing.T) {
	g := New(3)
	counts := map[string]int{}
	for i := 0; i < 20000; i++ {
		rec, tmpl := g.next()
		counts[tmpl]++
		last := -1
		for _, s := range rec.Spans {
			if s.Start < 0 || s.End > len(rec.Line) || s.Start >= s.End || s.Start < last {
				t.Fatalf("record %d (%s): bad span %v", i, tmpl, s)
			}
			last = s.End
			raw := string(rec.Line[s.Start:s.End])
			if err := checkValue(s.Kind, raw); err != nil {
				t.Fatalf("record %d (%s): %s span: %v", i, tmpl, s.Kind, err) // no value printed
			}
		}
		if bytes.HasPrefix(rec.Line, []byte("{")) && !json.Valid(rec.Line) && !leadingZeroIIN.Match(rec.Line) {
			t.Fatalf("record %d (%s): invalid JSON", i, tmpl)
		}
		if bytes.ContainsAny(rec.Line, "\n\r") {
			t.Fatalf("record %d (%s): newline in line", i, tmpl)
		}
		if tmpl == "ops" && len(rec.Spans) > 0 {
			t.Fatalf("record %d: ops line with spans", i)
		}
	}
	if ops := float64(counts["ops"]) / 20000; ops < 0.25 || ops > 0.36 {
		t.Errorf("ops share %.2f, want about 0.30", ops)
	}
}

func TestEscapedSpans(t *testing.T) {
	g := New(5)
	found := false
	for i := 0; i < 5000 && !found; i++ {
		rec := g.Next()
		for _, s := range rec.Spans {
			if s.Kind == tazala.KindName && jsonEscape.Match(rec.Line[s.Start:s.End]) {
				found = true
				if rec.Line[s.Start-1] != '"' || rec.Line[s.End] != '"' {
					t.Fatalf("escaped span does not cover the whole JSON string")
				}
			}
		}
	}
	if !found {
		t.Error("no \\u-escaped name span generated")
	}
}

type truthSpan struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// TestWriteCorpus writes blinde.jsonl and blinde.truth.jsonl into
// $BLINDE_OUT (BLINDE_N records, default 6000; BLINDE_SEED, default 1).
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("BLINDE_OUT")
	if dir == "" {
		t.Skip("BLINDE_OUT not set")
	}
	n, seed := 6000, uint64(1)
	if v := os.Getenv("BLINDE_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatalf("BLINDE_N: %v", err)
		}
	}
	if v := os.Getenv("BLINDE_SEED"); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatalf("BLINDE_SEED: %v", err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cf, err := os.Create(filepath.Join(dir, "blinde.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	tf, err := os.Create(filepath.Join(dir, "blinde.truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	cw, tw := bufio.NewWriter(cf), bufio.NewWriter(tf)
	g := New(seed)
	for i := 1; i <= n; i++ {
		rec := g.Next()
		cw.Write(rec.Line)
		cw.WriteByte('\n')
		spans := make([]truthSpan, 0, len(rec.Spans))
		for _, s := range rec.Spans {
			spans = append(spans, truthSpan{s.Kind.String(), s.Start, s.End})
		}
		row, _ := json.Marshal(struct {
			Line  int         `json:"line"`
			Spans []truthSpan `json:"spans"`
		}{i, spans})
		tw.Write(row)
		tw.WriteByte('\n')
	}
	for _, c := range []func() error{cw.Flush, tw.Flush, cf.Close, tf.Close} {
		if err := c(); err != nil {
			t.Fatal(err)
		}
	}
}
