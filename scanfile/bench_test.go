package scanfile

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/redact"
	"github.com/tazala/tazala/scanner"
	"github.com/tazala/tazala/tokenize/local"
)

var (
	benchOnce sync.Once
	benchData []byte
)

// benchInput is ≥100 MB of generated records (TAZALA_BENCH_MB overrides the
// size), or the file named by TAZALA_BENCH_FILE.
func benchInput(b *testing.B) []byte {
	benchOnce.Do(func() {
		if p := os.Getenv("TAZALA_BENCH_FILE"); p != "" {
			d, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			benchData = d
			return
		}
		mb := 100
		if v, err := strconv.Atoi(os.Getenv("TAZALA_BENCH_MB")); err == nil && v > 0 {
			mb = v
		}
		g := synth.New(1)
		var buf bytes.Buffer
		buf.Grow(mb<<20 + 4096)
		for buf.Len() < mb<<20 {
			buf.Write(g.Next().Line)
			buf.WriteByte('\n')
		}
		benchData = buf.Bytes()
	})
	return benchData
}

// BenchmarkScanOnly: the scanner alone over every record, one goroutine.
// scanLines scans each newline-separated line of data (findings reuse fs).
func scanLines(s *scanner.Scanner, data []byte, fs []tazala.Finding) []tazala.Finding {
	for rest := data; len(rest) > 0; {
		j := bytes.IndexByte(rest, '\n')
		if j < 0 {
			j = len(rest)
		}
		fs = s.Scan(rest[:j], fs[:0])
		if j < len(rest) {
			j++
		}
		rest = rest[j:]
	}
	return fs
}

func BenchmarkScanOnly(b *testing.B) {
	data := benchInput(b)
	s := scanner.New(scanner.Config{})
	var fs []tazala.Finding
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fs = scanLines(s, data, fs)
	}
}

// hashTokenizer is a stand-in with the cost profile of a local keyed hash,
// for benchmarking the pipeline without a key file.
type hashTokenizer struct{}

func (hashTokenizer) Tokenize(_ context.Context, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	out := make([]tazala.Token, len(reqs))
	for i, r := range reqs {
		out[i] = tazala.Token{Kind: r.Kind, ID: "tk_bench"}
	}
	return out, nil
}
func (hashTokenizer) Close() error { return nil }

// BenchmarkScanRedact: the whole file-to-file path (split, scan, tokenize,
// redact, findings, ordered write) with one worker: MB/s per core.
func BenchmarkScanRedact(b *testing.B) {
	data := benchInput(b)
	cfg := Config{Workers: 1, Redactor: redact.New(redact.Config{}), Tokenizer: hashTokenizer{}, Findings: io.Discard}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), bytes.NewReader(data), io.Discard, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanRedactParallel: the same with one worker per core.
func BenchmarkScanRedactParallel(b *testing.B) {
	data := benchInput(b)
	cfg := Config{Redactor: redact.New(redact.Config{}), Tokenizer: hashTokenizer{}, Findings: io.Discard}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), bytes.NewReader(data), io.Discard, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanRedactLocal: the whole file-to-file path as `tazala scan`
// runs it (local HMAC tokens, findings written) with one worker; MB/s
// per core, also per CPU-second of the process (steadier on a shared
// machine: run with -cpu 1).
func BenchmarkScanRedactLocal(b *testing.B) {
	data := benchInput(b)
	tk, err := local.New(local.Config{Key: make([]byte, local.KeySize)})
	if err != nil {
		b.Fatal(err)
	}
	cfg := Config{Workers: 1, Redactor: redact.New(redact.Config{}), Tokenizer: tk, Findings: io.Discard}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), bytes.NewReader(data), io.Discard, cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*float64(len(data))/(cpuTime()-cpu0).Seconds()/1e6, "cpu-MB/s")
}

// BenchmarkAround: what `tazala scan` costs besides the scanner, in
// process (one worker, local HMAC tokens, findings written to a discard
// writer): each round runs the scanner alone over the input, then the
// whole path (Run), and the difference is the cost of everything else:
// reading and splitting, tokens, redaction, findings JSON, statistics.
// Reported per MB of input in CPU milliseconds (around-cpu-ms/MB, the
// smallest of b.N rounds; the machine may be shared) beside the
// scanner's (scan-cpu-ms/MB), on 32 MB of each ratio input.
func BenchmarkAround(b *testing.B) {
	for _, in := range ratioInputs {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		in.gen(w, 32<<20)
		w.Flush()
		data := buf.Bytes()
		b.Run(in.name, func(b *testing.B) {
			s := scanner.New(scanner.Config{})
			var fs []tazala.Finding
			scanBest, allBest := time.Duration(1<<62), time.Duration(1<<62)
			for i := 0; i < b.N; i++ {
				c0 := cpuTime()
				fs = scanLines(s, data, fs)
				// a new tokenizer each round: its cache starts cold, as in a run
				tk, err := local.New(local.Config{Key: make([]byte, local.KeySize)})
				if err != nil {
					b.Fatal(err)
				}
				cfg := Config{Workers: 1, Redactor: redact.New(redact.Config{}), Tokenizer: tk, Findings: io.Discard}
				c1 := cpuTime()
				if _, err := Run(context.Background(), bytes.NewReader(data), io.Discard, cfg); err != nil {
					b.Fatal(err)
				}
				c2 := cpuTime()
				scanBest, allBest = min(scanBest, c1-c0), min(allBest, c2-c1)
			}
			mb := float64(len(data)) / 1e6
			b.ReportMetric(float64(scanBest.Microseconds())/1e3/mb, "scan-cpu-ms/MB")
			b.ReportMetric(float64((allBest-scanBest).Microseconds())/1e3/mb, "around-cpu-ms/MB")
			b.ReportMetric(0, "ns/op")
		})
	}
}
