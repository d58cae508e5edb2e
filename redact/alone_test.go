package redact

import (
	"bytes"
	"slices"
	"testing"

	"github.com/tazala/tazala"
)

// FuzzAloneFast: Append's direct path for a finding that overlaps no
// other writes exactly what the cluster path writes, for any findings
// (overlapping, empty, past the end, out of the record), in JSON and in
// plain text, in every mode, with and without tokens.
func FuzzAloneFast(f *testing.F) {
	f.Add([]byte(`{"a":"Nurlanov Aigerim","n":900101300017,"e":"x@y.kz"}`), []byte{6, 16, 30, 12, 30, 3, 48, 6}, uint8(0))
	f.Add([]byte("900101300017"), []byte{0, 12, 2, 10}, uint8(1))
	f.Add([]byte("a b c d e f"), []byte{0, 3, 1, 1, 2, 5, 9, 200, 3, 0}, uint8(2))
	modes := []*Redactor{New(Config{}), New(Config{Default: Mask}), New(Config{Default: Last4}), New(Config{Default: Remove})}
	f.Fuzz(func(t *testing.T, rec, spans []byte, mode uint8) {
		var fs []tazala.Finding
		var toks []tazala.Token
		for i := 0; i+1 < len(spans) && len(fs) < 12; i += 2 {
			s := int(spans[i]) - 2
			e := s + int(spans[i+1])%24 - 1
			k := tazala.Kinds[i/2%len(tazala.Kinds)]
			fs = append(fs, tazala.Finding{Kind: k, Span: tazala.Span{Start: s, End: e}})
			id := ""
			if (int(mode)+i)%5 != 0 {
				id = "tk_" + string(rune('a'+i%26))
			}
			toks = append(toks, tazala.Token{Kind: k, ID: id})
		}
		slices.SortStableFunc(fs, func(a, b tazala.Finding) int { return a.Span.Start - b.Span.Start })
		r := modes[int(mode)%len(modes)]
		if mode&4 != 0 {
			toks = nil
		}
		got := r.appendRec(nil, rec, fs, toks, true)
		want := r.appendRec(nil, rec, fs, toks, false)
		if !bytes.Equal(got, want) {
			t.Fatalf("fast path differs:\n got %q\nwant %q", got, want)
		}
	})
}
