package vault_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenize/vault"
)

const benchBatch = 1000

func benchTokenizer(b *testing.B) *vault.Tokenizer {
	v := needVault(b)
	tk, err := vault.New(context.Background(), vault.Config{Addr: v.URL, Token: v.Token, Encrypt: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { tk.Close() })
	return tk
}

func report(b *testing.B, tk *vault.Tokenizer, before vault.Stats) {
	st := tk.Stats()
	n := float64(b.N * benchBatch)
	b.ReportMetric(n/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(st.RoundTrips-before.RoundTrips)*1000/n, "trips/1k")
	b.ReportMetric(float64(st.Hits-before.Hits)/n, "hit-ratio")
}

// BenchmarkVaultCold: every value distinct (no cache help): tokens/s and
// Vault round trips per 1,000 values (hmac + encrypt in parallel).
func BenchmarkVaultCold(b *testing.B) {
	tk := benchTokenizer(b)
	batches := make([][]tazala.TokenRequest, b.N)
	for i := range batches {
		batches[i] = make([]tazala.TokenRequest, benchBatch)
		for j := range batches[i] {
			batches[i][j] = tazala.TokenRequest{Kind: tazala.KindPhone, Value: fmt.Appendf(nil, "8701%07d", i*benchBatch+j)}
		}
	}
	runBatches(b, tk, batches)
}

// warmBatches returns n batches where share of the values come from a
// population of returning customers (already cached) and the rest are new.
func warmBatches(tk *vault.Tokenizer, n int, share float64) [][]tazala.TokenRequest {
	const population = 20_000
	warm := make([]tazala.TokenRequest, 0, population)
	for j := 0; j < population; j++ {
		warm = append(warm, tazala.TokenRequest{Kind: tazala.KindEmail, Value: fmt.Appendf(nil, "c%d@mail.kz", j)})
	}
	for lo := 0; lo < population; lo += benchBatch {
		tk.Tokenize(context.Background(), warm[lo:lo+benchBatch])
	}
	r := rand.New(rand.NewPCG(1, 2))
	fresh := 0
	batches := make([][]tazala.TokenRequest, n)
	for i := range batches {
		batches[i] = make([]tazala.TokenRequest, benchBatch)
		for k := range batches[i] {
			if r.Float64() < share {
				batches[i][k] = warm[r.IntN(population)]
			} else {
				fresh++
				batches[i][k] = tazala.TokenRequest{Kind: tazala.KindEmail, Value: fmt.Appendf(nil, "new%d@mail.kz", fresh)}
			}
		}
	}
	return batches
}

// BenchmarkVaultWarm: 95% of values repeat (returning customers).
func BenchmarkVaultWarm(b *testing.B) {
	tk := benchTokenizer(b)
	batches := warmBatches(tk, b.N, 0.95)
	runBatches(b, tk, batches)
}

// BenchmarkVaultWarmParallel: 95% repeats, one caller per core (how the
// pipeline's workers call it).
func BenchmarkVaultWarmParallel(b *testing.B) {
	tk := benchTokenizer(b)
	batches := warmBatches(tk, b.N, 0.95)
	before := tk.Stats()
	var next atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := tk.Tokenize(context.Background(), batches[next.Add(1)-1]); err != nil {
				b.Error(err)
				return
			}
		}
	})
	report(b, tk, before)
}

// BenchmarkVaultAllCached: every value cached: the tokenizer's own cost.
func BenchmarkVaultAllCached(b *testing.B) {
	tk := benchTokenizer(b)
	batches := warmBatches(tk, 1, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := tk.Tokenize(context.Background(), batches[0]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*benchBatch)/b.Elapsed().Seconds(), "tokens/s")
}

// runBatches tokenizes one batch per iteration and reports throughput and
// Vault round trips for the timed part only.
func runBatches(b *testing.B, tk *vault.Tokenizer, batches [][]tazala.TokenRequest) {
	before := tk.Stats()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := tk.Tokenize(context.Background(), batches[i]); err != nil {
			b.Fatal(err)
		}
	}
	report(b, tk, before)
}
