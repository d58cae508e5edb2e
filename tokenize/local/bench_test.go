package local_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/tokenize/local"
)

func benchReqs(n, distinct int) []tazala.TokenRequest {
	reqs := make([]tazala.TokenRequest, n)
	for i := range reqs {
		reqs[i] = tazala.TokenRequest{Kind: tazala.KindPhone, Value: fmt.Appendf(nil, "+7 701 %07d", i%distinct)}
	}
	return reqs
}

func benchLocal(b *testing.B, distinct int, parallel bool) {
	tk, err := local.New(local.Config{Key: make([]byte, local.KeySize)})
	if err != nil {
		b.Fatal(err)
	}
	const batch, batches = 1000, 1024
	// a million values cycle through a cache of 131,072: cold stays cold
	all := benchReqs(batch*batches, distinct)
	b.ReportAllocs()
	b.ResetTimer()
	if parallel {
		var next atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := int(next.Add(1)) % batches
				if _, err := tk.Tokenize(context.Background(), all[i*batch:(i+1)*batch]); err != nil {
					b.Error(err)
					return
				}
			}
		})
	} else {
		for i := 0; i < b.N; i++ {
			j := i % batches
			if _, err := tk.Tokenize(context.Background(), all[j*batch:(j+1)*batch]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkLocalCold: a million distinct values, far more than the cache
// holds: every token is an HMAC.
func BenchmarkLocalCold(b *testing.B)         { benchLocal(b, 1<<30, false) }
func BenchmarkLocalColdParallel(b *testing.B) { benchLocal(b, 1<<30, true) }

// BenchmarkLocalWarm: 2,000 distinct values repeating (returning customers).
func BenchmarkLocalWarm(b *testing.B)         { benchLocal(b, 2000, false) }
func BenchmarkLocalWarmParallel(b *testing.B) { benchLocal(b, 2000, true) }

// corpusBlocks returns the labelled values of mb MB of `tazala gen`'s mix,
// cut in blocks of about 1 MB of records as scanfile batches them, and the
// corpus size.
func corpusBlocks(mb int) ([][]tazala.TokenRequest, int) {
	g := synth.New(1)
	var blocks [][]tazala.TokenRequest
	var cur []tazala.TokenRequest
	size, blk := 0, 0
	for size < mb<<20 {
		r := g.Next()
		for _, s := range r.Spans {
			cur = append(cur, tazala.TokenRequest{Kind: s.Kind, Value: r.Line[s.Start:s.End]})
		}
		size += len(r.Line) + 1
		blk += len(r.Line) + 1
		if blk >= 1<<20 {
			blocks, cur, blk = append(blocks, cur), nil, 0
		}
	}
	return append(blocks, cur), size
}

// BenchmarkLocalCorpus: the tokens of the dense corpus (`tazala gen`'s mix,
// returning customers), one call per 1 MB block as `tazala scan` makes
// them. MB/s are of the corpus.
func BenchmarkLocalCorpus(b *testing.B) {
	blocks, size := corpusBlocks(32)
	n := 0
	for _, bl := range blocks {
		n += len(bl)
	}
	b.ReportAllocs()
	b.SetBytes(int64(size))
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		// a new tokenizer each pass: the cache warms up as in one run
		tk, err := local.New(local.Config{Key: make([]byte, local.KeySize)})
		if err != nil {
			b.Fatal(err)
		}
		for _, bl := range blocks {
			if _, err := tk.Tokenize(context.Background(), bl); err != nil {
				b.Fatal(err)
			}
		}
		if i == 0 {
			h, m := tk.Stats()
			b.Logf("%d tokens, %d hits, %d misses", n, h, m)
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/token")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*n), "cpu-ns/token")
	b.ReportMetric(float64(b.N*size)/cpu.Seconds()/1e6, "cpu-MB/s")
}

// cpuTime is the process's user+system CPU time: on a shared machine it
// is steadier than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
