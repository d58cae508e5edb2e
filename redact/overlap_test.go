package redact_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/redact"
)

// TestOverlap: overlapping findings are replaced as one cluster; every byte
// of each is gone and each token is shown, in every mode.
func TestOverlap(t *testing.T) {
	rec := []byte("Regards, Nurlanov Aigerim Serikovna.nurlanova@mail.kz!")
	name := tazala.Finding{Kind: tazala.KindName, Span: tazala.Span{Start: 9, End: 35}}
	email := tazala.Finding{Kind: tazala.KindEmail, Span: tazala.Span{Start: 26, End: 53}}
	toks := []tazala.Token{{Kind: tazala.KindName, ID: "tk_a"}, {Kind: tazala.KindEmail, ID: "tk_b"}}
	for _, tc := range []struct {
		name string
		cfg  redact.Config
		fs   []tazala.Finding
		toks []tazala.Token
		want string
	}{
		{"token", redact.Config{}, []tazala.Finding{name, email}, toks, "Regards, [NAME:tk_a][EMAIL:tk_b]!"},
		{"mask masks the union", redact.Config{Default: redact.Mask}, []tazala.Finding{name, email}, nil, "Regards, ******** ******* *********.*********@****.**!"},
		{"missing tokens mask the union", redact.Config{}, []tazala.Finding{name, email}, nil, "Regards, ******** ******* *********.*********@****.**!"},
		{"one token missing: its label", redact.Config{}, []tazala.Finding{name, email}, toks[:1], "Regards, [NAME:tk_a][EMAIL]!"},
		{"last4 shows no digits in an overlap", redact.Config{Default: redact.Last4},
			[]tazala.Finding{{Kind: tazala.KindPAN, Span: tazala.Span{Start: 9, End: 35}}, email},
			[]tazala.Token{{ID: "tk_a"}, {ID: "tk_b"}}, "Regards, [PAN:tk_a][EMAIL:tk_b]!"},
		{"cvv in an overlap is removed", redact.Config{},
			[]tazala.Finding{name, {Kind: tazala.KindCVV, Span: tazala.Span{Start: 30, End: 33}}},
			[]tazala.Token{toks[0], {Kind: tazala.KindCVV, ID: "tk_should_not_appear"}}, "Regards, [NAME:tk_a][CVV].nurlanova@mail.kz!"},
		{"span past the end is cut", redact.Config{}, []tazala.Finding{{Kind: tazala.KindEmail, Span: tazala.Span{Start: 26, End: 99}}}, toks[1:], "Regards, Nurlanov Aigerim [EMAIL:tk_b]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := redact.New(tc.cfg).Append(nil, rec, tc.fs, tc.toks)
			if string(got) != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestAppendRangeMatchesAppend: cutting a text record into owned ranges as
// scanfile does for over-long records (a range keeps the findings that
// start in it, skips what the previous range wrote, runs on to the end of
// its last cluster) writes exactly what Append writes for the whole record,
// overlaps across range boundaries included.
func TestAppendRangeMatchesAppend(t *testing.T) {
	rec := bytes.Repeat([]byte("abcdefghij"), 10)
	fs := []tazala.Finding{
		{Kind: tazala.KindIIN, Span: tazala.Span{Start: 5, End: 25}},    // crosses 20
		{Kind: tazala.KindPhone, Span: tazala.Span{Start: 18, End: 22}}, // nested in it
		{Kind: tazala.KindEmail, Span: tazala.Span{Start: 22, End: 30}}, // starts in the next range, overlaps the first
		{Kind: tazala.KindName, Span: tazala.Span{Start: 21, End: 23}},  // wholly written by the previous range
		{Kind: tazala.KindIIN, Span: tazala.Span{Start: 38, End: 41}},   // touches 40
		{Kind: tazala.KindPhone, Span: tazala.Span{Start: 41, End: 45}}, // adjacent: its own cluster
		{Kind: tazala.KindName, Span: tazala.Span{Start: 59, End: 99}},  // runs over two boundaries
		{Kind: tazala.KindEmail, Span: tazala.Span{Start: 60, End: 70}}, // nested, starts on a boundary
		{Kind: tazala.KindIIN, Span: tazala.Span{Start: 85, End: 100}},  // overlaps from a later range
	}
	slices.SortStableFunc(fs, func(a, b tazala.Finding) int { return a.Span.Start - b.Span.Start })
	toks := make([]tazala.Token, len(fs))
	for i := range toks {
		toks[i] = tazala.Token{ID: "tk_" + string(rune('a'+i))}
	}
	for _, cfg := range []redact.Config{{}, {Default: redact.Mask}} {
		r := redact.New(cfg)
		want := r.Append(nil, rec, fs, toks)
		for _, w := range []int{7, 10, 20, 33} {
			var got []byte
			for own := 0; own < len(rec); own += w {
				ownEnd := min(own+w, len(rec))
				skip, end := own, ownEnd
				var kept []tazala.Finding
				var kt []tazala.Token
				for i, f := range fs {
					switch {
					case f.Span.Start < own:
						skip = max(skip, f.Span.End)
					case f.Span.Start < ownEnd:
						kept = append(kept, f)
						kt = append(kt, toks[i])
						end = max(end, f.Span.End)
					}
				}
				got = r.AppendRange(got, rec, kept, kt, min(skip, end), end)
			}
			if cfg.Default == redact.Mask {
				// a mask cut at range boundaries may differ in shape, never
				// in what it hides
				if len(bytes.Trim(got, "*abcdefghij")) != 0 {
					t.Errorf("mask, ranges of %d: %q", w, got)
				}
				continue
			}
			if !bytes.Equal(got, want) {
				t.Errorf("ranges of %d:\n got %s\nwant %s", w, got, want)
			}
		}
	}
}

// FuzzRedactOverlap: for any record and any findings (overlapping,
// nested, adjacent, past the end), no byte of any finding survives and
// valid JSON stays valid. The bytes of every finding are set to 'Z', a byte
// that occurs nowhere else in the input nor in any replacement, so
// "survives" is exact. mode 0: plain text; 1: the findings lie inside a
// JSON string; 2: inside a bare JSON number.
func FuzzRedactOverlap(f *testing.F) {
	f.Add([]byte("Regards, Nurlanov Aigerim Serikovna.nurlanova@mail.kz"), []byte{9, 26, 26, 27}, uint8(0))
	f.Add([]byte("Regards, Nurlanov Aigerim Serikovna.nurlanova@mail.kz"), []byte{9, 26, 26, 27}, uint8(1))
	f.Add([]byte("900101300017"), []byte{0, 12, 2, 10}, uint8(2))
	f.Add([]byte("a b c d e f"), []byte{0, 3, 1, 1, 2, 5, 9, 200}, uint8(1))
	modes := []*redact.Redactor{
		redact.New(redact.Config{}),
		redact.New(redact.Config{Default: redact.Mask}),
		redact.New(redact.Config{Default: redact.Last4}),
	}
	f.Fuzz(func(t *testing.T, body, spans []byte, mode uint8) {
		body = bytes.Map(func(r rune) rune {
			switch {
			case r == 'Z':
				return 'z'
			case mode%3 == 2 && (r < '0' || r > '9'):
				return '7'
			case mode%3 == 1 && (r < 0x20 || r == '"' || r == '\\'):
				return '.'
			}
			return r
		}, body)
		if mode%3 == 2 && len(body) == 0 {
			body = []byte("1")
		}
		if mode%3 == 2 && len(body) > 1 && body[0] == '0' {
			body[0] = '1'
		}
		var prefix, suffix string
		switch mode % 3 {
		case 1:
			prefix, suffix = `{"a":"`, `","b":1}`
		case 2:
			prefix, suffix = `{"a":`, `,"b":1}`
		}
		rec := append(append([]byte(prefix), body...), suffix...)
		var fs []tazala.Finding
		for i := 0; i+1 < len(spans) && len(fs) < 8; i += 2 {
			s := len(prefix) + int(spans[i])%(len(body)+1)
			e := s + int(spans[i+1])%16
			if mode%3 != 0 {
				e = min(e, len(prefix)+len(body)) // inside the value, as the scanner guarantees
			}
			fs = append(fs, tazala.Finding{Kind: tazala.Kinds[i/2%len(tazala.Kinds)], Span: tazala.Span{Start: s, End: e}})
		}
		slices.SortStableFunc(fs, func(a, b tazala.Finding) int { return a.Span.Start - b.Span.Start })
		for _, f := range fs {
			for i := f.Span.Start; i < min(f.Span.End, len(rec)); i++ {
				rec[i] = 'Z'
			}
		}
		valid := json.Valid(rec)
		for _, r := range modes {
			red := r.Append(nil, rec, fs, fakeTokens(fs))
			if bytes.IndexByte(red, 'Z') >= 0 {
				t.Fatalf("a byte of a finding survives: %q → %q", rec, red)
			}
			if valid && !json.Valid(red) {
				t.Fatalf("valid JSON became invalid: %q → %q", rec, red)
			}
			if mode%3 == 0 {
				red = r.AppendRange(nil, rec, fs, fakeTokens(fs), 0, len(rec))
				if bytes.IndexByte(red, 'Z') >= 0 {
					t.Fatalf("AppendRange: a byte of a finding survives: %q → %q", rec, red)
				}
			} else if whole := r.AppendRangeJSON(nil, rec, fs, fakeTokens(fs), 0, len(rec), redact.JSONAt{}); !bytes.Equal(whole, red) {
				t.Fatalf("AppendRangeJSON over the whole record differs from Append: %q → %q, %q", rec, whole, red)
			}
		}
	})
}

// TestAppendRangeJSONMatchesAppend: the ranges of a JSON record, each
// told the string state at its start, put together give what Append gives
// for the whole record: bare numbers quoted, digits inside strings not.
func TestAppendRangeJSONMatchesAppend(t *testing.T) {
	rec := []byte(`{"a":[{"iin":900101300017,"s":"x, 900101300017, \"q\\\\\" y"},{"iin": 900101300017 ,"s":"[900101300017]"}]}`)
	if !json.Valid(rec) {
		t.Fatal("test record is not JSON")
	}
	var fs []tazala.Finding
	for i := 0; ; {
		j := bytes.Index(rec[i:], []byte("900101300017"))
		if j < 0 {
			break
		}
		fs = append(fs, tazala.Finding{Kind: tazala.KindIIN, Span: tazala.Span{Start: i + j, End: i + j + 12}})
		i += j + 12
	}
	toks := fakeTokens(fs)
	r := redact.New(redact.Config{})
	want := r.Append(nil, rec, fs, toks)
	if !json.Valid(want) {
		t.Fatalf("Append: invalid JSON %s", want)
	}
	for w := 5; w < len(rec); w += 7 {
		var got []byte
		in := false // string state at the range start, as the reader tracks it
		for own := 0; own < len(rec); own += w {
			ownEnd := min(own+w, len(rec))
			skip, end := own, ownEnd
			var kept []tazala.Finding
			var kt []tazala.Token
			for i, f := range fs {
				switch {
				case f.Span.Start < own:
					skip = max(skip, f.Span.End)
				case f.Span.Start < ownEnd:
					kept = append(kept, f)
					kt = append(kt, toks[i])
					end = max(end, f.Span.End)
				}
			}
			got = r.AppendRangeJSON(got, rec, kept, kt, min(skip, end), end, redact.JSONAt{At: own, InString: in})
			in = stringStateAfter(rec[:ownEnd])
		}
		if !bytes.Equal(got, want) {
			t.Errorf("ranges of %d:\n got %s\nwant %s", w, got, want)
		}
	}
}

// stringStateAfter reports whether the end of b lies inside a JSON string.
func stringStateAfter(b []byte) bool {
	in, esc := false, false
	for _, c := range b {
		switch {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		}
	}
	return in
}
