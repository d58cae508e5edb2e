package redact_test

import (
	"fmt"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/redact"
)

// BenchmarkAppend: redaction of `tazala gen`'s records (several findings
// per record, token mode); MB/s of records redacted.
func BenchmarkAppend(b *testing.B) {
	g := synth.New(1)
	type rec struct {
		val  []byte
		fs   []tazala.Finding
		toks []tazala.Token
	}
	var recs []rec
	size := 0
	for size < 4<<20 {
		r := g.Next()
		var x rec
		x.val = r.Line
		for i, s := range r.Spans {
			x.fs = append(x.fs, tazala.Finding{Kind: s.Kind, Span: tazala.Span{Start: s.Start, End: s.End}})
			id := ""
			if s.Kind != tazala.KindCVV {
				id = fmt.Sprintf("tk_%024d", i)
			}
			x.toks = append(x.toks, tazala.Token{Kind: s.Kind, ID: id})
		}
		recs = append(recs, x)
		size += len(r.Line)
	}
	red := redact.New(redact.Config{})
	var dst []byte
	b.SetBytes(int64(size))
	for b.Loop() {
		dst = dst[:0]
		for _, r := range recs {
			dst = red.Append(dst, r.val, r.fs, r.toks)
		}
	}
}
