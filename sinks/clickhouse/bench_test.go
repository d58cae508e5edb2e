package clickhouse_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/chdb"
	sinkchdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/clickhouse"
)

// benchOutputs returns n redacted records of ~250 bytes with two findings
// each (an IIN and a phone), offsets from first.
func benchOutputs(n int, first int64) []tazala.Output {
	outs := make([]tazala.Output, n)
	pur := tazala.Purpose{Name: "payments", LegalBasis: "contract", RetainUntil: time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)}
	for i := range outs {
		tok := fmt.Sprintf("tk_%022d", i%5000)
		outs[i] = tazala.Output{
			Record: tazala.Record{Source: "bench", Partition: int32(i % 4), Offset: first + int64(i), Time: time.Unix(1764590000+int64(i), 0),
				Value: []byte(`{"ts":"2026-12-01T10:00:00Z","event":"payment","payer":{"iin":"[IIN:` + tok + `]","phone":"[PHONE:` + tok + `]"},"amount":12500,"currency":"KZT","merchant":"Coffee Point 12","status":"ok"}`)},
			Findings: []tazala.Finding{
				{Kind: tazala.KindIIN, Span: tazala.Span{Start: 60, End: 72}, Path: "payer.iin", Detector: "iin", Confidence: 0.99},
				{Kind: tazala.KindPhone, Span: tazala.Span{Start: 90, End: 106}, Path: "payer.phone", Detector: "phone", Confidence: 0.9},
			},
			Tokens:  []tazala.Token{{Kind: tazala.KindIIN, ID: tok}, {Kind: tazala.KindPhone, ID: tok}},
			Subject: tok,
			Purpose: pur,
		}
	}
	return outs
}

const benchBatch = 10_000

// benchWrite writes b.N batches of benchBatch records through s and
// reports records/s and rows/s (records plus index rows).
func benchWrite(b *testing.B, s tazala.Sink) {
	ctx := context.Background()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		outs := benchOutputs(benchBatch, int64(i)*benchBatch)
		if err := s.Write(ctx, outs); err != nil {
			b.Fatal(err)
		}
	}
	sec := time.Since(start).Seconds()
	b.ReportMetric(float64(b.N*benchBatch)/sec, "records/s")
	b.ReportMetric(float64(b.N*benchBatch*3)/sec, "rows/s")
}

// BenchmarkWriteHTTP: sinks/clickhouse over clickhouse-go/v2's HTTP
// protocol into the embedded store (chhttp in the same process).
func BenchmarkWriteHTTP(b *testing.B) {
	be := embeddedBackend(b)
	dir := b.TempDir()
	name := dbName(dir)
	be.createDB(b, name)
	s, err := clickhouse.Open(context.Background(), clickhouse.Config{URL: be.base + "/" + name,
		Username: be.writer[0], Password: be.writer[1], ScannerVersion: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	benchWrite(b, s)
}

// BenchmarkWriteDirect: sinks/chdb, the embedded store written in
// process, on the same engine.
func BenchmarkWriteDirect(b *testing.B) {
	be := embeddedBackend(b)
	dir := b.TempDir()
	name := dbName(dir)
	be.createDB(b, name)
	db, err := chdb.Open(chdb.Config{Path: be.path})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(context.Background(), "USE "+name); err != nil {
		b.Fatal(err)
	}
	s, err := sinkchdb.New(context.Background(), sinkchdb.WrapDB(db), sinkchdb.Config{Dir: be.path, ScannerVersion: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	benchWrite(b, s)
}
