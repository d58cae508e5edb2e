package scanner

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzScan: never panics; spans are in bounds, non-empty, sorted, not
// overlapping, and on UTF-8 boundaries of valid input.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		`{"iin":"900101300017","phone":"+7 701 540 18 02","email":"a@b.kz"}`,
		`card 4111 1111 1111 1111 exp 12/27 cvv 123`,
		"Меня зовут Ержан Болатұлы, ИИН 040229600011",
		`{"x":"\u0418\u0418\u041d 900101300017"}`,
		"\x00\xff\xfe+7 (701)",
		strings.Repeat("[", 100) + `"a@b.kz"`,
	} {
		f.Add([]byte(s))
	}
	s := New(Config{Paths: true})
	f.Fuzz(func(t *testing.T, in []byte) {
		fs := s.Scan(in, nil)
		prev := 0
		for _, x := range fs {
			if x.Span.Start < prev || x.Span.End <= x.Span.Start || x.Span.End > len(in) {
				t.Fatalf("bad span %v after %d (len %d)", x.Span, prev, len(in))
			}
			if !x.Kind.Valid() {
				t.Fatalf("invalid kind %d", x.Kind)
			}
			if utf8.Valid(in) && (!utf8.RuneStart(in[x.Span.Start]) || (x.Span.End < len(in) && !utf8.RuneStart(in[x.Span.End]))) {
				t.Fatalf("span %v not on a UTF-8 boundary", x.Span)
			}
			prev = x.Span.End
		}
	})
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
