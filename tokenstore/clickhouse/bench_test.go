package clickhouse_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/sinks/chschema"
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

// BenchmarkPutGrown: BenchmarkPut's batches into a token vault that
// already holds TAZALA_BENCH_VAULT_ROWS tokens (default 2,000,000: about
// 7 M records' worth at 90 % returning customers). The read that keeps
// erased tokens erased looks up each batch's new tokens by the sorting
// key; this shows what it costs once the table is large.
func BenchmarkPutGrown(b *testing.B) {
	rows := 2_000_000
	if v, err := strconv.Atoi(os.Getenv("TAZALA_BENCH_VAULT_ROWS")); err == nil {
		rows = v
	}
	db := openDB(b, b.Name()+"v2"+strconv.Itoa(rows))
	defer db.Close()
	s := clickhouse.New(db)
	ctx := context.Background()
	var have []map[string]any
	if err := db.Select(ctx, &have, "SELECT count() AS n FROM "+chschema.TableTokenVault); err != nil {
		b.Fatal(err)
	}
	if n, _ := strconv.Atoi(fmt.Sprint(have[0]["n"])); n < rows {
		// filled once per database (the test data directory is kept for the run)
		if err := db.Exec(ctx, "INSERT INTO "+chschema.TableTokenVault+" (token, kind, ciphertext, subject, first_seen, last_seen, state, updated) "+
			"SELECT concat('tk_', substring(concat(toString(cityHash64(number)), toString(cityHash64(number + 7))), 1, 24)), 'phone', concat('vault:v1:', hex(cityHash64(number)), hex(cityHash64(number + 1)), hex(cityHash64(number + 2))), '', now64(3), now64(3), 'active', now64(9) FROM numbers({n:UInt64})",
			tazala.Param{Name: "n", Value: rows}); err != nil {
			b.Fatal(err)
		}
		// the fill's own merges end before the clock starts
		if err := db.Exec(ctx, "OPTIMIZE TABLE "+chschema.TableTokenVault+" FINAL"); err != nil {
			b.Fatal(err)
		}
	}
	const n = 6000
	run := time.Now().UnixNano() % 1e9
	batches := make([][]tazala.TokenEntry, b.N)
	for i := range batches {
		for j := 0; j < n; j++ {
			batches[i] = append(batches[i], tazala.TokenEntry{ID: fmt.Sprintf("tk_%09d%015d", run, i*n+j), Kind: tazala.KindPhone,
				Ciphertext: fmt.Sprintf("vault:v1:%064d", i*n+j)})
		}
	}
	cpu0 := cpu()
	b.ResetTimer()
	for i := range batches {
		if err := s.Put(ctx, batches[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "new-tokens/s")
	b.ReportMetric(float64((cpu()-cpu0).Microseconds())/float64(b.N*n), "cpu-µs/new-token")
}
