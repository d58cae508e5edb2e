package scanner

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tazala/tazala"
)

// FuzzScan: never panics; spans are in bounds, non-empty, on UTF-8
// boundaries of valid input, sorted by start, none wholly inside another.
// The input is also scanned as an over-long record cut into windows of a
// small max-line (the first window with Scan, the others with ScanText, as
// scanfile does), and as a JSON object key and value: a key holding a
// finding never appears raw in any finding's path.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		`{"iin":"900101300017","phone":"+7 701 540 18 02","email":"a@b.kz"}`,
		`card 4111 1111 1111 1111 exp 12/27 cvv 123`,
		"Меня зовут Ержан Болатұлы, ИИН 040229600011",
		`{"x":"\u0418\u0418\u041d 900101300017"}`,
		"\x00\xff\xfe+7 (701)",
		strings.Repeat("[", 100) + `"a@b.kz"`,
		`{"b":[{"name":"\u0418\u0432\u0430\u043d\u043e\u0432 \u0418\u0432\u0430\u043d \u0418\u0432\u0430\u043d\u043e\u0432\u0438\u0447","e":"a\u0040mail.kz"},{"name":"\u0418\u0432\u0430\u043d\u043e\u0432 \u0418\u0432\u0430\u043d"}]}`,
		`{"by_phone":{"+77012345678":{"iin":"730113400012"}}}`,
		`Regards, Nurlanov Aigerim Serikovna.nurlanova@mail.kz`,
		"+77012345678",
	} {
		f.Add([]byte(s))
	}
	s := New(Config{Paths: true})
	f.Fuzz(func(t *testing.T, in []byte) {
		checkFindings(t, in, s.Scan(in, nil))
		checkFindings(t, in, s.ScanText(in, nil))
		checkFindings(t, in, sortFindings(windowScan(s, in, 64, 32)))

		// the input as a key and as a value of a JSON record
		key, _ := json.Marshal(string(in))
		rec := []byte(`{"by":{` + string(key) + `:{"v":` + string(key) + `}}}`)
		ka, kb := len(`{"by":{"`), len(`{"by":{`)+len(key)-1
		fs := s.Scan(rec, nil)
		checkFindings(t, rec, fs)
		inKey := false
		for _, x := range fs {
			if x.Span.Start >= ka && x.Span.Start < kb {
				inKey = true
			}
		}
		if inKey && kb-ka >= 2 {
			for _, x := range fs {
				if strings.Contains(x.Path, string(rec[ka:kb])) {
					t.Fatalf("a key holding a finding is raw in a path")
				}
			}
		}
	})
}

func checkFindings(t *testing.T, in []byte, fs []tazala.Finding) {
	t.Helper()
	prevStart, maxEnd := 0, -1
	for _, x := range fs {
		if x.Span.Start < prevStart || x.Span.End <= x.Span.Start || x.Span.End > len(in) {
			t.Fatalf("bad span %v after start %d (len %d)", x.Span, prevStart, len(in))
		}
		if x.Span.End <= maxEnd {
			t.Fatalf("span %v lies inside an earlier finding", x.Span)
		}
		if !x.Kind.Valid() {
			t.Fatalf("invalid kind %d", x.Kind)
		}
		if utf8.Valid(in) && (!utf8.RuneStart(in[x.Span.Start]) || (x.Span.End < len(in) && !utf8.RuneStart(in[x.Span.End]))) {
			t.Fatalf("span %v not on a UTF-8 boundary", x.Span)
		}
		prevStart, maxEnd = x.Span.Start, max(maxEnd, x.Span.End)
	}
}

// sortFindings applies the Scan contract to findings gathered from
// windows: by start, longer first, none inside another.
func sortFindings(fs []tazala.Finding) []tazala.Finding {
	s := &Scanner{out: fs}
	s.resolve()
	return s.out
}

// FuzzJSONWalk: the path walker and escape decoder never panic and every
// path-carrying finding lies inside the record.
func FuzzJSONWalk(f *testing.F) {
	f.Add([]byte(`{"a":[{"b":"900101300017"},{"c":{"d":"x@y.kz"}}]}`))
	f.Add([]byte(`{"a":"\ud83d\ude00 \u0418\u0418\u041d 900101300017 \u12"}`))
	f.Add([]byte(strings.Repeat(`{"a":`, 2000) + `"900101300017"` + strings.Repeat("}", 2000)))
	s := New(Config{Paths: true})
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, x := range s.Scan(in, nil) {
			if x.Span.End > len(in) {
				t.Fatalf("span out of range")
			}
		}
		dec, off := decodeJSONString(nil, nil, in, 0)
		if len(off) != len(dec)+1 {
			t.Fatalf("offset map has %d entries for %d bytes", len(off), len(dec))
		}
		for i := 1; i < len(off); i++ {
			if off[i] < off[i-1] || int(off[i]) > len(in) {
				t.Fatalf("offset map not monotonic or out of range at %d", i)
			}
		}
	})
}

func TestAppendUnescaped(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`plain`, `plain`},
		{`\u0418\u0418\u041d \"x\"`, `ИИН "x"`},
		{`a%40mail.kz`, `a@mail.kz`},
		{`%2B77011234567`, `+77011234567`},
		{`\ud83d\ude00`, "\U0001F600"},
	} {
		if got := string(AppendUnescaped(nil, []byte(c.in))); got != c.want {
			t.Errorf("AppendUnescaped(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
