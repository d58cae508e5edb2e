package vault_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenize/vault"
)

// BenchmarkVaultCold: every value distinct (no cache help): tokens/s and
// Vault round trips per 1,000 values.
func BenchmarkVaultCold(b *testing.B) {
	if srv == nil {
		b.Skip("no Vault server (make vault-bin)")
	}
	tk, err := vault.New(context.Background(), vault.Config{Addr: srv.URL, Token: srv.Token, Encrypt: true})
	if err != nil {
		b.Fatal(err)
	}
	const batch = 1000
	reqs := make([]tazala.TokenRequest, batch)
	n := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range reqs {
			n++
			reqs[j] = tazala.TokenRequest{Kind: tazala.KindPhone, Value: []byte(fmt.Sprintf("8701%07d", n%10_000_000))}
		}
		if _, err := tk.Tokenize(context.Background(), reqs); err != nil {
			b.Fatal(err)
		}
	}
	st := tk.Stats()
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(st.RoundTrips)*1000/float64(b.N*batch), "trips/1k")
}

// BenchmarkVaultWarm: 95% of values repeat (returning customers).
func BenchmarkVaultWarm(b *testing.B) {
	if srv == nil {
		b.Skip("no Vault server (make vault-bin)")
	}
	tk, err := vault.New(context.Background(), vault.Config{Addr: srv.URL, Token: srv.Token, Encrypt: true})
	if err != nil {
		b.Fatal(err)
	}
	const batch = 1000
	r := rand.New(rand.NewPCG(1, 2))
	reqs := make([]tazala.TokenRequest, batch)
	fresh := 0
	// warm the cache with the repeat population
	for j := 0; j < 20_000; j += batch {
		for k := range reqs {
			reqs[k] = tazala.TokenRequest{Kind: tazala.KindEmail, Value: []byte(fmt.Sprintf("c%d@mail.kz", j+k))}
		}
		tk.Tokenize(context.Background(), reqs)
	}
	before := tk.Stats()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := range reqs {
			if r.Float64() < 0.95 {
				reqs[k] = tazala.TokenRequest{Kind: tazala.KindEmail, Value: []byte(fmt.Sprintf("c%d@mail.kz", r.IntN(20_000)))}
			} else {
				fresh++
				reqs[k] = tazala.TokenRequest{Kind: tazala.KindEmail, Value: []byte(fmt.Sprintf("new%d@mail.kz", fresh))}
			}
		}
		if _, err := tk.Tokenize(context.Background(), reqs); err != nil {
			b.Fatal(err)
		}
	}
	st := tk.Stats()
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(st.RoundTrips-before.RoundTrips)*1000/float64(b.N*batch), "trips/1k")
	b.ReportMetric(float64(st.Hits-before.Hits)/float64(b.N*batch), "hit-ratio")
}
