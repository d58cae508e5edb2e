package blinda

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"regexp"
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
	reExp  = regexp.MustCompile(`^(0[1-9]|1[0-2]) ?[/.-] ?([0-9]{2}|20[0-9]{2})$`)
	reCVV  = regexp.MustCompile(`^[0-9]{3,4}$`)
	reMail = regexp.MustCompile(`^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;.]+$`)
)

// decode undoes the escaping a value got in its line: JSON string escapes
// and URL query encoding.
func decode(t *testing.T, raw string, jsonish bool) string {
	t.Helper()
	s := raw
	if jsonish && strings.Contains(s, `\`) {
		if err := json.Unmarshal([]byte(`"`+s+`"`), &s); err != nil {
			t.Fatalf("span %q is not JSON string content: %v", raw, err)
		}
	}
	if strings.Contains(s, "%") {
		u, err := url.QueryUnescape(s)
		if err != nil {
			t.Fatalf("span %q: %v", raw, err)
		}
		s = u
	}
	return s
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

// checkValue fails when v (decoded) is not a value of kind k.
func checkValue(t *testing.T, k tazala.Kind, v, where string) {
	t.Helper()
	switch k {
	case tazala.KindPAN:
		d := digitsOnly(v)
		if strings.Trim(v, "0123456789 -") != "" || len(d) < 13 || len(d) > 19 || !checksum.Luhn([]byte(d)) || networkOf(d) == "card" {
			t.Errorf("%s: bad PAN %q", where, v)
		}
	case tazala.KindIIN:
		if !checksum.ValidIIN([]byte(v), 2026) {
			t.Errorf("%s: bad IIN %q", where, v)
		}
	case tazala.KindExpiry:
		if !reExp.MatchString(v) {
			t.Errorf("%s: bad expiry %q", where, v)
		}
	case tazala.KindCVV:
		if !reCVV.MatchString(v) {
			t.Errorf("%s: bad CVV %q", where, v)
		}
	case tazala.KindEmail:
		if !reMail.MatchString(v) {
			t.Errorf("%s: bad e-mail %q", where, v)
		}
	case tazala.KindPhone:
		d := digitsOnly(v)
		switch {
		case strings.HasPrefix(v, "+7") || strings.HasPrefix(v, "8") || strings.HasPrefix(v, "7"):
			if len(d) != 11 {
				t.Errorf("%s: bad +7 phone %q", where, v)
			}
		case strings.HasPrefix(v, "+"):
			n, err := phonenumbers.Parse(v, "")
			if err != nil || !phonenumbers.IsValidNumber(n) {
				t.Errorf("%s: invalid international phone %q", where, v)
			}
		default:
			t.Errorf("%s: phone without prefix %q", where, v)
		}
		if strings.Trim(v, "+0123456789 -().") != "" {
			t.Errorf("%s: phone with stray characters %q", where, v)
		}
	case tazala.KindName:
		words := strings.Fields(v)
		if len(words) < 2 || len(words) > 3 {
			t.Errorf("%s: name %q is not a full name", where, v)
		}
		for _, w := range words {
			for _, r := range w {
				if !unicode.IsLetter(r) {
					t.Errorf("%s: name %q has %q", where, v, r)
				}
			}
		}
	default:
		t.Errorf("%s: invalid kind %v", where, k)
	}
}

// TestSpans checks every record of both parts: spans in bounds, ordered,
// not overlapping, trimmed, each one a valid value of its kind once its
// line's escaping is undone; JSON lines valid JSON; UTF-8 everywhere.
func TestSpans(t *testing.T) {
	n := 4000
	if testing.Short() {
		n = 800
	}
	for _, part := range []Part{Tune, Held} {
		g := New(7, part)
		kinds := map[tazala.Kind]int{}
		neg, jsonLines := 0, 0
		for i := 0; i < n; i++ {
			r := g.Next()
			where := fmt.Sprintf("%s record %d (%s)", part, i, r.Template)
			if !utf8.Valid(r.Line) || bytes.ContainsAny(r.Line, "\n\r") {
				t.Fatalf("%s: not one UTF-8 line", where)
			}
			jsonish := len(r.Line) > 0 && r.Line[0] == '{'
			if r.JSON {
				jsonLines++
				if !json.Valid(r.Line) {
					t.Fatalf("%s: not valid JSON: %s", where, r.Line)
				}
			}
			if len(r.Spans) == 0 {
				neg++
			}
			prev := 0
			for _, s := range r.Spans {
				if s.Start < prev || s.End <= s.Start || s.End > len(r.Line) {
					t.Fatalf("%s: span %+v out of order or bounds", where, s)
				}
				prev = s.End
				raw := string(r.Line[s.Start:s.End])
				if strings.TrimSpace(raw) != raw {
					t.Errorf("%s: span %q has surrounding space", where, raw)
				}
				checkValue(t, s.Kind, decode(t, raw, jsonish), where)
				kinds[s.Kind]++
			}
		}
		for _, k := range tazala.Kinds {
			if kinds[k] < n/100 {
				t.Errorf("%s: only %d %v spans in %d records", part, kinds[k], k, n)
			}
		}
		if share := float64(neg) / float64(n); share < 0.25 || share > 0.4 {
			t.Errorf("%s: %.2f of records without personal data, want ~0.3", part, share)
		}
		if jsonLines < n/20 {
			t.Errorf("%s: only %d JSON lines", part, jsonLines)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, part := range []Part{Tune, Held} {
		a, b := New(42, part), New(42, part)
		for i := 0; i < 500; i++ {
			x, y := a.Next(), b.Next()
			if !bytes.Equal(x.Line, y.Line) || fmt.Sprint(x.Spans) != fmt.Sprint(y.Spans) {
				t.Fatalf("%s: record %d differs between two generators of one seed", part, i)
			}
		}
	}
	if bytes.Equal(New(1, Tune).Next().Line, New(2, Tune).Next().Line) {
		t.Error("seeds 1 and 2 start alike")
	}
}

// TestPartsDisjoint: no template and no vocabulary entry is shared.
func TestPartsDisjoint(t *testing.T) {
	seen := map[string]bool{}
	for _, tl := range append(append([]template{}, tuneTemplates...), tuneNegatives...) {
		seen[tl.name] = true
	}
	for _, tl := range append(append([]template{}, heldTemplates...), heldNegatives...) {
		if seen[tl.name] {
			t.Errorf("template name %q in both parts", tl.name)
		}
	}
	lists := func(v *vocab) map[string][]string {
		m := map[string][]string{
			"maleGiven": v.maleGiven, "femaleGiven": v.femaleGiven, "surnames": v.surnames,
			"latMale": v.latMale, "latFemale": v.latFemale, "latSurnames": v.latSurnames,
			"mailDomains": v.mailDomains, "mailLocal": v.mailLocal, "phoneLayouts": v.phoneLayouts, "intlRegions": v.intlRegions,
			"testPANs": v.testPANs, "companies": v.companies,
		}
		for _, lang := range []string{"ru", "kk", "en"} {
			m["expLabels"] = append(m["expLabels"], v.expLabels[lang]...)
			m["cvvLabels"] = append(m["cvvLabels"], v.cvvLabels[lang]...)
			if len(v.expLabels[lang]) == 0 || len(v.cvvLabels[lang]) == 0 {
				t.Errorf("no %s labels", lang)
			}
		}
		for _, p := range v.patronymics {
			m["patronymics"] = append(m["patronymics"], p[0], p[1])
		}
		return m
	}
	tl, hl := lists(tuneVocab), lists(heldVocab)
	for name, l := range tl {
		in := map[string]bool{}
		for _, w := range l {
			in[w] = true
		}
		for _, w := range hl[name] {
			if in[w] {
				t.Errorf("%s: %q in both parts", name, w)
			}
		}
	}
}

// TestTestVectors: every published test number is Luhn-valid, in a network
// range, 13–19 digits; every libphonenumber region gives a valid example.
func TestTestVectors(t *testing.T) {
	lengths := map[int]bool{}
	for _, v := range []*vocab{tuneVocab, heldVocab} {
		for _, p := range v.testPANs {
			if !checksum.Luhn([]byte(p)) || len(p) < 13 || len(p) > 19 || networkOf(p) == "card" {
				t.Errorf("test PAN %s invalid", p)
			}
			lengths[len(p)] = true
		}
		for _, r := range v.intlRegions {
			if n := example(r); n == nil || !phonenumbers.IsValidNumber(n) {
				t.Errorf("region %s: no valid example number", r)
			}
		}
	}
	g := New(1, Tune)
	for i := 0; i < 2000; i++ {
		lengths[len(g.card().pan)] = true
	}
	for l := 13; l <= 19; l++ {
		if !lengths[l] {
			t.Errorf("no PAN of length %d", l)
		}
	}
}

// TestNegativesAreNot: the hard-negative constructors never produce a
// value of the kind they imitate.
func TestNegativesAreNot(t *testing.T) {
	g := New(3, Held)
	for i := 0; i < 5000; i++ {
		if s := g.bin(); checksum.ValidIIN([]byte(s), 3000) {
			t.Fatalf("bin() gave a valid IIN")
		}
		if s := g.badIIN(); checksum.ValidIIN([]byte(s), 3000) {
			t.Fatalf("badIIN() gave a valid IIN")
		}
		if s := g.rrn(); checksum.ValidIIN([]byte(s), 3000) || checksum.Luhn([]byte(s)) {
			t.Fatalf("rrn() gave a valid IIN or Luhn number")
		}
		if s := g.notPAN(); checksum.Luhn([]byte(s)) && networkOf(s) != "card" {
			t.Fatalf("notPAN() gave a PAN")
		}
		c := g.card()
		if m := g.masked(c.pan); len(digitsOnly(m)) > 10 {
			t.Fatalf("masked() kept the middle digits")
		}
	}
}

// TestWriteCorpus writes tune/held corpora and truth files in the eval
// format when BLINDA_OUT names a directory, and beside each a .templates
// file naming the template of each line (BLINDA_N records each,
// default 5000; BLINDA_SEED, default 1).
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("BLINDA_OUT")
	if dir == "" {
		t.Skip("set BLINDA_OUT=dir to write the corpora")
	}
	n, err := evalfmt.EnvCount("BLINDA_N", 5000)
	if err != nil {
		t.Fatal(err)
	}
	seed, err := evalfmt.EnvSeed("BLINDA_SEED", 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []Part{Tune, Held} {
		g := New(seed, part)
		next := func() evalfmt.Record {
			r := g.Next()
			return evalfmt.Record{Line: r.Line, Spans: r.Spans, Template: r.Template}
		}
		if err := evalfmt.WriteCorpus(evalfmt.Config{Dir: dir, Name: part.String(), Templates: ".templates"}, n, next); err != nil {
			t.Fatal(err)
		}
	}
}
