package chdb_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/sinks/chdb"
)

// benchOutputs returns n realistic outputs: generated payment logs run
// through the processing step (tokens from a stand-in tokenizer).
func benchOutputs(b *testing.B, n int) []tazala.Output {
	p, err := pipeline.NewProcessor(pipeline.ProcessorConfig{Tokenizer: benchTokenizer{}})
	if err != nil {
		b.Fatal(err)
	}
	g := synth.New(7)
	recs := make([]tazala.Record, n)
	now := time.Now()
	for i := range recs {
		recs[i] = tazala.Record{Source: "payments", Partition: int32(i % 12), Offset: int64(i), Value: g.Next().Line, Time: now}
	}
	outs, err := p.Process(context.Background(), recs)
	if err != nil {
		b.Fatal(err)
	}
	return outs
}

type benchTokenizer struct{}

func (benchTokenizer) Tokenize(_ context.Context, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	out := make([]tazala.Token, len(reqs))
	for i, r := range reqs {
		if r.Kind != tazala.KindCVV {
			out[i] = tazala.Token{Kind: r.Kind, ID: fmt.Sprintf("tk_%024d", len(r.Value)*7919+int(r.Value[0]))}
		}
	}
	return out, nil
}
func (benchTokenizer) Close() error { return nil }

// BenchmarkStoreWrite: Write of batches of 10,000 and 50,000 generated
// records (about 3.5 findings each) into the embedded store: records/s and index rows/s
// (each batch at new offsets, so nothing is deduplicated away).
func BenchmarkStoreWrite(b *testing.B) {
	for _, n := range []int{10000, 50000} {
		b.Run(fmt.Sprintf("batch=%d", n), func(b *testing.B) { benchWrite(b, n, 1) })
	}
}

// BenchmarkStoreWriteIndexHeavy: the same with every record's findings
// repeated 10 times: what pii_index inserts sustain.
func BenchmarkStoreWriteIndexHeavy(b *testing.B) {
	benchWrite(b, 10000, 10)
}

// BenchmarkStoreWriteRecordsOnly: batches of 10,000 records without
// findings: what redacted_records inserts sustain.
func BenchmarkStoreWriteRecordsOnly(b *testing.B) {
	benchWrite(b, 10000, 0)
}

func benchWrite(b *testing.B, batch, repeat int) {
	s := openStore(&testing.T{}, b.Name())
	defer s.Close()
	outs := benchOutputs(b, batch)
	nIdx := 0
	for i := range outs {
		if repeat == 0 {
			outs[i].Findings, outs[i].Tokens = nil, nil
		}
		if repeat > 1 {
			fs, tk := outs[i].Findings, outs[i].Tokens
			for r := 1; r < repeat; r++ {
				outs[i].Findings = append(outs[i].Findings, fs...)
				outs[i].Tokens = append(outs[i].Tokens, tk...)
			}
		}
		nIdx += len(outs[i].Findings)
	}
	ctx := context.Background()
	// TAZALA_BENCH_ALTER: statements (separated by ';') run on the fresh
	// tables before the benchmark, to measure a setting or codec
	for _, q := range strings.Split(os.Getenv("TAZALA_BENCH_ALTER"), ";") {
		if q = strings.TrimSpace(q); q != "" {
			if err := s.Exec(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	}
	if os.Getenv("TAZALA_BENCH_NO_MERGES") != "" {
		// the insert path alone: background merges (which rewrite parts
		// later, at a cost that grows with the table) are stopped
		if err := s.Exec(ctx, "SYSTEM STOP MERGES"); err != nil {
			b.Fatal(err)
		}
		defer s.Exec(ctx, "SYSTEM START MERGES")
	}
	var bytes int64
	for i := range outs {
		bytes += int64(len(outs[i].Record.Value))
	}
	b.SetBytes(bytes)
	ev0 := events(b, s)
	b.ResetTimer()
	c0 := cpuTime()
	for it := 0; it < b.N; it++ {
		for i := range outs {
			outs[i].Record.Offset += int64(batch)
		}
		if err := s.Write(ctx, outs); err != nil {
			b.Fatal(err)
		}
	}
	el := b.Elapsed().Seconds()
	b.StopTimer()
	if os.Getenv("TAZALA_BENCH_SETTLE") != "" {
		// count the merges the inserts started, to their end
		settle(b, s)
	}
	c := (cpuTime() - c0).Seconds()
	b.ReportMetric(float64(batch*b.N)/el, "records/s")
	b.ReportMetric(float64(nIdx*b.N)/el, "index_rows/s")
	// per CPU-second of the whole process (encoding, the engine's insert
	// threads and any merge that ran meanwhile): the rate on one core,
	// whatever else the machine runs
	b.ReportMetric(float64(batch*b.N)/c, "records/cpu-s")
	b.ReportMetric(float64(nIdx*b.N)/c, "index_rows/cpu-s")
	if os.Getenv("TAZALA_BENCH_EVENTS") != "" {
		ev1 := events(b, s)
		var lines []string
		for k, v := range ev1 {
			if d := v - ev0[k]; d > 0 {
				lines = append(lines, fmt.Sprintf("%s %d", k, d))
			}
		}
		slices.Sort(lines)
		fmt.Fprintf(os.Stderr, "engine events:\n%s\n", strings.Join(lines, "\n"))
	}
	if os.Getenv("TAZALA_BENCH_PARTS") != "" {
		out, err := s.QueryFormat(ctx, "SELECT table, part_type, count() AS parts, sum(rows) AS rows, sum(bytes_on_disk) AS bytes FROM system.parts WHERE active AND database = currentDatabase() GROUP BY ALL ORDER BY ALL", "TSV")
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(os.Stderr, "parts:\n%s", out)
	}
}

// events returns the engine's profile event counters.
func events(b *testing.B, s *chdb.Store) map[string]uint64 {
	var rows []struct {
		Event string `json:"event"`
		Value uint64 `json:"value"`
	}
	if err := s.Select(context.Background(), &rows, "SELECT event, value FROM system.events"); err != nil {
		b.Fatal(err)
	}
	m := make(map[string]uint64, len(rows))
	for _, r := range rows {
		m[r.Event] = r.Value
	}
	return m
}

// settle waits until no merge of the benchmark's database runs (three
// polls in a row, at most a minute).
func settle(b *testing.B, s *chdb.Store) {
	ctx := context.Background()
	idle := 0
	for deadline := time.Now().Add(time.Minute); idle < 3 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		var n []struct {
			N uint64 `json:"n"`
		}
		if err := s.Select(ctx, &n, "SELECT count() AS n FROM system.merges WHERE database = currentDatabase()"); err != nil {
			b.Fatal(err)
		}
		if len(n) == 1 && n[0].N == 0 {
			idle++
		} else {
			idle = 0
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
