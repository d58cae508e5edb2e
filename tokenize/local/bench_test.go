package local_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/tazala/tazala"
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
