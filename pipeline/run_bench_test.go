package pipeline

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/scanner"
	"github.com/tazala/tazala/tokenize/local"
)

type nullSink struct{}

func (nullSink) Write(context.Context, []tazala.Output) error { return nil }
func (nullSink) Close() error                                 { return nil }

// BenchmarkRunnerProcessor: the runner with the real processing step
// (scan with paths, local tokens, redact) and a sink that keeps nothing:
// the daemon's speed without Kafka and without the store. Traffic is the
// demo's mix (60 % transactions, 20 % MTA, 20 % support, 90 % returning
// customers).
func BenchmarkRunnerProcessor(b *testing.B) {
	const n = 200000
	g := synth.New(7)
	var recs []tazala.Record
	bytes := 0
	for i := 0; i < n; i++ {
		st := synth.Transactions
		switch i % 10 {
		case 6, 7:
			st = synth.Notifications
		case 8, 9:
			st = synth.Support
		}
		r := g.NextOf(st)
		recs = append(recs, tazala.Record{Source: st.String(), Partition: int32(i % 6), Offset: int64(i), Value: r.Line, Time: time.Now()})
		bytes += len(r.Line)
	}
	tk, err := local.New(local.Config{KeyPath: filepath.Join(b.TempDir(), "k"), Create: true})
	if err != nil {
		b.Fatal(err)
	}
	p, _ := NewProcessor(ProcessorConfig{Scanner: scanner.Config{Paths: true}, Tokenizer: tk})
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src := &memSource{acked: map[string]int{}}
		for j := 0; j < n; j += 2000 {
			src.batches = append(src.batches, tazala.Batch{Records: recs[j:min(j+2000, n)]})
		}
		r, _ := NewRunner(RunConfig{Source: src, Step: p, Sinks: []tazala.Sink{nullSink{}}, BatchRecords: 20000})
		if err := r.Run(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}
