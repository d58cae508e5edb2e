package scanner

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/rules"
	"github.com/tazala/tazala/rules/rulestest"
)

// windowScan scans rec as scanfile scans an over-long record: windows of
// size w with ov bytes of context on each side, the first with Scan and
// the others with ScanText, keeping the findings that start in the bytes
// each window owns (in record offsets).
func windowScan(s *Scanner, rec []byte, w, ov int) []tazala.Finding {
	var out []tazala.Finding
	for off := 0; off < len(rec); off += w {
		lo := max(0, off-ov)
		hi := min(len(rec), off+w+ov)
		var fs []tazala.Finding
		if off == 0 {
			fs = s.Scan(rec[lo:hi], nil)
		} else {
			fs = s.ScanText(rec[lo:hi], nil)
		}
		for _, f := range fs {
			f.Span.Start += lo
			f.Span.End += lo
			if f.Span.Start >= off && f.Span.Start < off+w {
				out = append(out, f)
			}
		}
	}
	return out
}

// TestWindowsDecodeEscapes (issue 10, item 1): every window of an
// over-long JSON record decodes \uXXXX escapes as the first one does, so
// a record cut into windows gives the findings of the whole record,
// whatever window boundary a value falls on.
func TestWindowsDecodeEscapes(t *testing.T) {
	type item struct {
		Name  string `json:"name"`
		Email string `json:"email"`
		Note  string `json:"note"`
	}
	var items []item
	for i := 0; i < 60; i++ {
		items = append(items, item{
			Name:  "Иванов Иван Иванович",
			Email: fmt.Sprintf("ivan.%d@mail.kz", i),
			Note:  strings.Repeat("x", i%7) + " ИИН 900101300017",
		})
	}
	raw, _ := json.Marshal(map[string]any{"b": items})
	// ASCII-only JSON, as Python's json.dumps writes it: every Cyrillic
	// letter and every '@' escaped
	var esc strings.Builder
	for _, r := range string(raw) {
		switch {
		case r == '@':
			esc.WriteString(`\u0040`)
		case r > 0x7f:
			fmt.Fprintf(&esc, `\u%04x`, r)
		default:
			esc.WriteRune(r)
		}
	}
	rec := []byte(esc.String())
	s := New(Config{Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	whole := s.Scan(rec, nil)
	counts := map[tazala.Kind]int{}
	for _, f := range whole {
		counts[f.Kind]++
	}
	if counts[tazala.KindName] != 60 || counts[tazala.KindEmail] != 60 || counts[tazala.KindIIN] != 60 {
		t.Fatalf("whole record: %v, want 60 names, e-mails and IINs", counts)
	}
	for _, w := range []int{97, 128, 301, 512, 1000, 1024} {
		got := windowScan(s, rec, w, 256)
		if fmt.Sprint(spans(got)) != fmt.Sprint(spans(whole)) {
			t.Errorf("window %d: %d findings, whole record %d; first difference %s", w, len(got), len(whole), firstDiff(spans(got), spans(whole)))
		}
	}
}

// TestScanTextStringFromEarlierWindow: a window that starts inside a
// string holding escapes still decodes them.
func TestScanTextStringFromEarlierWindow(t *testing.T) {
	s := New(Config{})
	// the window starts in the middle of a string: no quote before the escape
	in := []byte(`lient \u0418\u0432\u0430\u043d\u043e\u0432 \u0418\u0432\u0430\u043d \u0418\u0432\u0430\u043d\u043e\u0432\u0438\u0447 pays, mail ivan\u0040mail.kz","n":1}`)
	got := spans(s.ScanText(in, nil))
	want := []string{"person_name@6-116", "email@128-145"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// TestQuotedJSONInText: a plain-text line quoting escaped JSON is decoded
// too (the string opened by the last quote before the escape).
func TestQuotedJSONInText(t *testing.T) {
	s := New(Config{})
	in := []byte(`INFO payload="{\"email\":\"a.b\u0040mail.kz\",\"iin\":\"900101300017\"}" done`)
	got := spans(s.Scan(in, nil))
	e := strings.Index(string(in), `a.b`)
	i := strings.Index(string(in), `9001`)
	want := []string{spanStr(tazala.KindEmail, e, e+len(`a.b\u0040mail.kz`)), spanStr(tazala.KindIIN, i, i+12)}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

func spans(fs []tazala.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, spanStr(f.Kind, f.Span.Start, f.Span.End))
	}
	return out
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i] + " vs " + b[i]
		}
	}
	return "(length)"
}

// TestKeysAreScanned (issue 10, item 2): a JSON key that is itself
// personal data is a finding, and every path through it shows [KIND].
func TestKeysAreScanned(t *testing.T) {
	s := New(Config{Paths: true, Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	for _, c := range []struct{ in, want string }{
		{`{"by_phone":{"+77012345678":{"iin":"730113400012"}}}`,
			"phone@14-26=by_phone.[PHONE] iin@36-48=by_phone.[PHONE].iin"},
		{`{"by_iin":{"730113400012":[{"email":"a@mail.kz"}]}}`,
			"iin@12-24=by_iin.[IIN] email@37-46=by_iin.[IIN][0].email"},
		{`{"a@mail.kz":{"n":1},"x":{"phone":"87015401802"}}`,
			"email@2-11=[EMAIL] phone@35-46=x.phone"},
	} {
		var got []string
		for _, f := range s.Scan([]byte(c.in), nil) {
			got = append(got, spanStr(f.Kind, f.Span.Start, f.Span.End)+"="+f.Path)
			if strings.ContainsAny(f.Path, "0123456789@") && !strings.Contains(f.Path, "[0]") {
				t.Errorf("path %q holds a raw value", f.Path)
			}
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s:\n got %v\nwant %s", c.in, got, c.want)
		}
	}
}

// TestPartialOverlapKeepsBoth (issue 10, item 3): findings that overlap
// only partly are both returned, sorted by start; a finding wholly inside
// another is dropped; an e-mail glued to a name by a '.' starts after it.
func TestPartialOverlapKeepsBoth(t *testing.T) {
	set, err := rules.Parse([]byte(`[[rules]]
id = "member"
kind = "phone"
pattern = 'member (?<value>\d{4} \d{4})'
group = "value"
keywords = ["member "]
true_examples = ["member 1234 5678"]
false_examples = ["member x"]
`))
	if err != nil {
		t.Fatal(err)
	}
	s := New(Config{Rules: set, Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	for _, c := range []struct{ in, want string }{
		// the rule's value runs into the IIN: both kept, overlapping
		{`member 1234 900101300017`, "phone@7-16 iin@12-24"},
		{`Regards, Nurlanov Aigerim Serikovna.nurlanova@mail.kz`, "person_name@9-35 email@36-53"},
		{`ФИО: Иванов Иван Иванович.ivanov@mail.kz`, "person_name@8-46 email@47-61"},
		// contained: the IIN digits of the local part go with the e-mail
		{`mail 900101300017@mail.kz`, "email@5-25"},
	} {
		got := s.Scan([]byte(c.in), nil)
		if g := strings.Join(spans(got), " "); g != c.want {
			t.Errorf("%q: got %s, want %s", c.in, g, c.want)
		}
	}
}

// TestResolveContract: the overlap rule on its own, over hand-made spans.
func TestResolveContract(t *testing.T) {
	f := func(k tazala.Kind, a, b int) tazala.Finding {
		return tazala.Finding{Kind: k, Span: tazala.Span{Start: a, End: b}}
	}
	s := New(Config{})
	s.out = []tazala.Finding{
		f(tazala.KindPhone, 12, 20), // inside the PAN
		f(tazala.KindPAN, 10, 26),
		f(tazala.KindName, 0, 8),
		f(tazala.KindEmail, 5, 11), // partly over the name and the PAN
		f(tazala.KindCVV, 30, 33),
		f(tazala.KindCVV, 30, 33), // duplicate
	}
	s.resolve()
	want := "person_name@0-8 email@5-11 card_pan@10-26 card_cvv@30-33"
	if g := strings.Join(spans(s.out), " "); g != want {
		t.Errorf("resolve: %s, want %s", g, want)
	}
}

// TestRuleTimeoutIncomplete (issue 10, item 4): a user rule that times out
// marks the record incomplete and is counted; the next record starts clean.
func TestRuleTimeoutIncomplete(t *testing.T) {
	set := rulestest.SlowSet(t)
	s := New(Config{Rules: set})
	s.Scan([]byte(rulestest.StuckText+" k=xy"), nil)
	if !s.Incomplete() || s.RuleTimeouts() != 1 {
		t.Fatalf("after a timed-out rule: Incomplete=%v RuleTimeouts=%d, want true, 1", s.Incomplete(), s.RuleTimeouts())
	}
	fs := s.Scan([]byte("k=xxy ok"), nil)
	if s.Incomplete() || s.RuleTimeouts() != 1 || len(fs) != 1 {
		t.Fatalf("next record: Incomplete=%v RuleTimeouts=%d findings=%d, want false, 1, 1", s.Incomplete(), s.RuleTimeouts(), len(fs))
	}
	s.ScanText([]byte(rulestest.StuckText), nil)
	if !s.Incomplete() || s.RuleTimeouts() != 2 {
		t.Fatalf("ScanText: Incomplete=%v RuleTimeouts=%d, want true, 2", s.Incomplete(), s.RuleTimeouts())
	}
}

// TestSkipLoopBounds: the skip loop reads four bytes at a time; records of
// every length with nothing to find end cleanly.
func TestSkipLoopBounds(t *testing.T) {
	s := New(Config{})
	for n := 0; n < 40; n++ {
		if fs := s.Scan([]byte(strings.Repeat("a", n)), nil); len(fs) != 0 {
			t.Fatalf("findings in %d letters", n)
		}
		s.ScanText([]byte(strings.Repeat("b", n)), nil)
	}
}
