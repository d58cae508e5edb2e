package clickhouse_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenstore/clickhouse"
)

// BenchmarkPut: what the daemon's token vault costs per batch with Vault
// tokens: a batch of 70,000 tokens with their ciphertexts, 6,000 of them
// new (the new values of a 20,000-record batch at 90 % returning
// customers), the rest written by the previous batches. Reports the
// process's CPU per new token, the engine's threads (inserts, merges)
// included.
//
//	go test -run '^$' -bench Put -benchtime 20x ./tokenstore/clickhouse
func BenchmarkPut(b *testing.B) {
	db := openDB(b, b.Name())
	defer db.Close()
	s := clickhouse.New(db)
	const n, all = 6000, 70000
	batches := make([][]tazala.TokenEntry, b.N)
	run := time.Now().UnixNano() % 1e9 // new tokens in every run
	entry := func(i int) tazala.TokenEntry {
		return tazala.TokenEntry{ID: fmt.Sprintf("tk_%09d%015d", run, i), Kind: tazala.KindPhone,
			Ciphertext: fmt.Sprintf("vault:v1:%064d", i), Subject: fmt.Sprintf("tk_s%023d", i%1000)}
	}
	for i := range batches {
		batches[i] = make([]tazala.TokenEntry, 0, all)
		for j := 0; j < n; j++ {
			batches[i] = append(batches[i], entry(i*n+j))
		}
		for j := n; j < all; j++ {
			batches[i] = append(batches[i], entry(j%max(i*n, 1)))
		}
	}
	if err := s.Put(context.Background(), batches[0][n:]); err != nil {
		b.Fatal(err)
	}
	cpu0 := cpu()
	b.ResetTimer()
	for i := range batches {
		if err := s.Put(context.Background(), batches[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "new-tokens/s")
	b.ReportMetric(float64((cpu()-cpu0).Microseconds())/float64(b.N*n), "cpu-µs/new-token")
}

// cpu is the process's CPU time so far (user and system, every thread).
func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
