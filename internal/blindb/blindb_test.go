package blindb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
	"github.com/tazala/tazala/internal/evalfmt"
)

var (
	digitRun = regexp.MustCompile(`[0-9]+`)
	uEscape  = regexp.MustCompile(`\\u[0-9a-fA-F]{4}`)
)

// TestLabels checks every label against the README definitions: the bytes
// under a span are the labelled value as written, values are valid for
// their kind, spans do not overlap or cut words, lines meant to be JSON
// are JSON, and no valid IIN or PAN is left unlabelled.
func TestLabels(t *testing.T) {
	n := 4000
	if testing.Short() {
		n = 1000
	}
	for _, part := range []Part{Tune, Held} {
		t.Run(part.String(), func(t *testing.T) {
			g := New(7, part)
			kinds := map[tazala.Kind]int{}
			empty, bad := 0, 0
			for i := 0; i < n && bad < 20; i++ {
				r := g.Next()
				if err := checkRecord(r); err != nil {
					t.Errorf("record %d: %v\n  %s", i, err, r.Line)
					bad++
				}
				if len(r.Spans) == 0 {
					empty++
				}
				for _, s := range r.Spans {
					kinds[s.Kind]++
				}
			}
			for _, k := range tazala.Kinds {
				if kinds[k] == 0 {
					t.Errorf("no %s spans in %d records", k, n)
				}
			}
			if share := float64(empty) / float64(n); share < 0.25 || share > 0.36 {
				t.Errorf("%.1f%% of lines without personal data, want about 30%%", 100*share)
			}
		})
	}
}

func checkRecord(r Record) error {
	line := r.Line
	if bytes.ContainsAny(line, "\n\r") {
		return fmt.Errorf("line break inside a line")
	}
	if !utf8.Valid(line) {
		return fmt.Errorf("not UTF-8")
	}
	if r.JSON && !json.Valid(line) {
		return fmt.Errorf("meant to be JSON but is not")
	}
	prev := 0
	for _, s := range r.Spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(line) {
			return fmt.Errorf("span %v out of order or bounds", s)
		}
		prev = s.End
		raw := string(line[s.Start:s.End])
		got := raw
		if s.Escaped {
			if err := json.Unmarshal([]byte(`"`+raw+`"`), &got); err != nil {
				return fmt.Errorf("span %q is not a JSON string body: %v", raw, err)
			}
		} else {
			if r, _ := utf8.DecodeLastRuneInString(string(line[:s.Start])); s.Start > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return fmt.Errorf("span %q starts inside a word", raw)
			}
			if r, _ := utf8.DecodeRuneInString(string(line[s.End:])); s.End < len(line) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return fmt.Errorf("span %q ends inside a word", raw)
			}
		}
		if got != s.Value {
			return fmt.Errorf("span bytes %q decode to %q, labelled %q", raw, got, s.Value)
		}
		if err := validValue(s.Kind, s.Value); err != nil {
			return fmt.Errorf("%s %q: %v", s.Kind, s.Value, err)
		}
	}
	// No valid IIN or PAN outside the labels.
	// (\uXXXX escapes blanked first: their hex digits are not numbers)
	masked := uEscape.ReplaceAll(bytes.Clone(line), []byte("______"))
	for _, m := range digitRun.FindAllIndex(masked, -1) {
		d := line[m[0]:m[1]]
		if m[0] > 0 && isAlnum(masked[m[0]-1]) || m[1] < len(masked) && isAlnum(masked[m[1]]) {
			continue // part of a token such as a hex id
		}
		labelled := false
		for _, s := range r.Spans {
			if s.Start <= m[0] && m[1] <= s.End {
				labelled = true
			}
		}
		if labelled {
			continue
		}
		if len(d) == 12 && checksum.ValidIIN(d, maxBirthYear) {
			return fmt.Errorf("unlabelled valid IIN %s", d)
		}
		if len(d) >= 13 && len(d) <= 19 && checksum.Luhn(d) && strings.ContainsAny(string(d[:1]), "23456") {
			return fmt.Errorf("unlabelled Luhn-valid %s", d)
		}
	}
	return nil
}

func validValue(k tazala.Kind, v string) error {
	switch k {
	case tazala.KindIIN:
		if !checksum.ValidIIN([]byte(v), maxBirthYear) {
			return fmt.Errorf("not a valid IIN")
		}
	case tazala.KindPhone:
		d := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, v)
		var num *phonenumbers.PhoneNumber
		var err error
		switch {
		case strings.HasPrefix(v, "+"):
			num, err = phonenumbers.Parse("+"+d, "")
		case len(d) == 11 && d[0] == '8':
			num, err = phonenumbers.Parse("+7"+d[1:], "")
		case len(d) == 11 && d[0] == '7':
			num, err = phonenumbers.Parse("+"+d, "")
		default:
			return fmt.Errorf("unexpected phone shape")
		}
		if err != nil || !phonenumbers.IsValidNumber(num) {
			return fmt.Errorf("not a valid number (%v)", err)
		}
	case tazala.KindEmail:
		at := strings.LastIndexByte(v, '@')
		if at <= 0 || strings.Count(v, "@") != 1 || !strings.Contains(v[at:], ".") || strings.ContainsAny(v, " <>\"") {
			return fmt.Errorf("not an address")
		}
	case tazala.KindPAN:
		d := strings.NewReplacer(" ", "", "-", "").Replace(v)
		if !checksum.Luhn([]byte(d)) || len(d) < 13 || len(d) > 19 {
			return fmt.Errorf("not Luhn-valid")
		}
	case tazala.KindExpiry:
		if !regexp.MustCompile(`^(0[1-9]|1[0-2])/(20)?\d\d$`).MatchString(v) {
			return fmt.Errorf("not MM/YY")
		}
	case tazala.KindCVV:
		if _, err := strconv.Atoi(v); err != nil || len(v) < 3 || len(v) > 4 {
			return fmt.Errorf("not a code")
		}
	case tazala.KindName:
		if len(strings.Fields(v)) == 0 || strings.TrimSpace(v) != v {
			return fmt.Errorf("empty or padded name")
		}
		for _, r := range v {
			if !unicode.IsLetter(r) && r != ' ' && r != '-' && r != '\'' {
				return fmt.Errorf("odd rune %q in a name", r)
			}
		}
	}
	return nil
}

func TestDeterministic(t *testing.T) {
	for _, part := range []Part{Tune, Held} {
		a, b := New(42, part), New(42, part)
		for i := 0; i < 500; i++ {
			ra, rb := a.Next(), b.Next()
			if !bytes.Equal(ra.Line, rb.Line) || fmt.Sprint(ra.Spans) != fmt.Sprint(rb.Spans) {
				t.Fatalf("%s record %d differs between runs of one seed", part, i)
			}
		}
	}
}

// TestSplit checks that pick keeps the parts apart.
func TestSplit(t *testing.T) {
	xs := []string{"t0", "h0", "t1", "h1", "t2"}
	for _, part := range []Part{Tune, Held} {
		g := New(1, part)
		for i := 0; i < 200; i++ {
			v := pick(g, xs)
			if (v[0] == 't') != (part == Tune) {
				t.Fatalf("%s picked %s", part, v)
			}
		}
	}
}

// TestWriteCorpus writes tune.jsonl, tune.truth.jsonl, held.jsonl and
// held.truth.jsonl in the eval format into $BLINDB_OUT ($BLINDB_N records
// each, default 5000).
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("BLINDB_OUT")
	if dir == "" {
		t.Skip("BLINDB_OUT not set")
	}
	n, err := evalfmt.EnvCount("BLINDB_N", 5000)
	if err != nil {
		t.Fatal(err)
	}
	var sources string // with BLINDB_SOURCES=1, the template of each line
	if os.Getenv("BLINDB_SOURCES") != "" {
		sources = ".sources.txt"
	}
	for _, part := range []Part{Tune, Held} {
		g := New(20261201, part)
		next := func() evalfmt.Record {
			r := g.Next()
			spans := make([]evalfmt.Span, len(r.Spans))
			for i, s := range r.Spans {
				spans[i] = evalfmt.Span{Kind: s.Kind, Start: s.Start, End: s.End}
			}
			return evalfmt.Record{Line: r.Line, Spans: spans, Template: r.Source}
		}
		if err := evalfmt.WriteCorpus(evalfmt.Config{Dir: dir, Name: part.String(), Templates: sources}, n, next); err != nil {
			t.Fatal(err)
		}
	}
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
