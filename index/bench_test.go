package index_test

import (
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/index"
)

// BenchmarkAppendJSON: finding objects as `tazala scan --findings` writes
// them (line, kind, span, detector, confidence, token, source); MB/s of
// JSON written.
func BenchmarkAppendJSON(b *testing.B) {
	rows := []index.Row{
		{Offset: 123456, Kind: tazala.KindIIN, Start: 48, End: 60, Path: "payer.iin", Detector: "iin", Confidence: 0.99, Token: "tk_abcdefghijklmnopqrstuvwx", Source: "app.log"},
		{Offset: 123456, Kind: tazala.KindPhone, Start: 102, End: 118, Detector: "phone", Confidence: 0.9, Token: "tk_bcdefghijklmnopqrstuvwxy", Source: "app.log"},
		{Offset: 123457, Kind: tazala.KindName, Start: 7, End: 28, Detector: "name", Confidence: 0.8, Token: "tk_cdefghijklmnopqrstuvwxyz", Source: "app.log"},
		{Offset: 123457, Kind: tazala.KindCVV, Start: 1031, End: 1034, Detector: "cvv", Confidence: 0.95, Source: "app.log"},
	}
	var buf []byte
	n := 0
	for i := range rows {
		n += len(index.AppendJSON(nil, &rows[i]))
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		buf = buf[:0]
		for i := range rows {
			buf = index.AppendJSON(buf, &rows[i])
		}
	}
}
