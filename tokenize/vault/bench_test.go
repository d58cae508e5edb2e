package vault_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	vapi "github.com/hashicorp/vault/api"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/tokenize/vault"
)

// The benchmarks run against a real Vault dev server of their own with a
// file audit device on, as production must run (docs/tokens.md): the
// audit device is most of Vault's work per value. Besides tokens/s they
// report Vault's own CPU per value sent (read from /proc, so on a shared
// machine the figure holds where tokens/s does not):
//
//	go test -run '^$' -bench Vault -benchtime 20x ./tokenize/vault
const benchBatch = 1000

// benchServer is one Vault for all benchmarks of a run (a fresh
// tokenizer per benchmark: nothing cached).
var benchServer struct {
	once  sync.Once
	v     *stack.Vault
	pid   int
	audit string
	err   error
	stop  func()
}

// stopBenchServer stops the benchmarks' Vault (TestMain).
func stopBenchServer() {
	if benchServer.stop != nil {
		benchServer.stop()
	}
}

func benchVault(b *testing.B) *stack.Vault {
	b.Helper()
	bin := stack.NeedVaultBin(b)
	benchServer.once.Do(func() {
		v, err := stack.StartVault(context.Background(), stack.VaultConfig{Bin: bin})
		if err != nil {
			benchServer.err = err
			return
		}
		benchServer.v = v
		benchServer.pid = pidListening(v.Addr)
		dir, err := os.MkdirTemp("", "tazala-vault-bench")
		if err != nil {
			benchServer.err = err
			return
		}
		benchServer.audit = filepath.Join(dir, "audit.log")
		c, _ := v.Client()
		benchServer.err = c.Sys().EnableAuditWithOptions("bench", &vapi.EnableAuditOptions{
			Type: "file", Options: map[string]string{"file_path": benchServer.audit}})
		benchServer.stop = func() { v.Stop(); os.RemoveAll(dir) }
	})
	if benchServer.err != nil {
		b.Fatal(benchServer.err)
	}
	return benchServer.v
}

// pidListening finds the Vault dev server listening on addr by its command
// line (0 when not found: the CPU figure is then not reported).
func pidListening(addr string) int {
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmd, _ := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if bytes.Contains(cmd, []byte("-dev-listen-address="+addr+"\x00")) {
			return pid
		}
	}
	return 0
}

// cpuOf returns a process's user+system CPU time (0 when unknown).
func cpuOf(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+s) * time.Second / 100 // USER_HZ
}

func auditSize() int64 {
	st, err := os.Stat(benchServer.audit)
	if err != nil {
		return 0
	}
	return st.Size()
}

func benchTokenizer(b *testing.B, mod func(*vault.Config)) *vault.Tokenizer {
	v := benchVault(b)
	cfg := vault.Config{Addr: v.URL, Token: v.Token, Encrypt: true}
	if mod != nil {
		mod(&cfg)
	}
	tk, err := vault.New(context.Background(), cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { tk.Close() })
	return tk
}

// measure runs f timed and reports tokens/s, Vault round trips per 1,000
// values sent, the cache's hit ratio, and Vault's CPU and audit-log bytes
// per value sent.
func measure(b *testing.B, tk *vault.Tokenizer, tokens int, f func()) {
	b.Helper()
	before, cpu0, audit0 := tk.Stats(), cpuOf(benchServer.pid), auditSize()
	b.ResetTimer()
	f()
	b.StopTimer()
	st := tk.Stats()
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
	values := float64(st.Values - before.Values)
	if values < 100 {
		return // all cached: no per-value figures
	}
	b.ReportMetric(float64(st.RoundTrips-before.RoundTrips)*1000/values, "trips/1k-values")
	b.ReportMetric(float64(st.Hits-before.Hits)/float64(st.Hits-before.Hits+st.Misses-before.Misses), "hit-ratio")
	if benchServer.pid != 0 {
		b.ReportMetric(float64((cpuOf(benchServer.pid)-cpu0).Microseconds())/values, "vault-cpu-µs/value")
	}
	b.ReportMetric(float64(auditSize()-audit0)/values, "audit-B/value")
}

// BenchmarkVaultCold: every value distinct (no cache help), one caller,
// calls of 1,000 values: hmac and encrypt of each value.
func BenchmarkVaultCold(b *testing.B) {
	tk := benchTokenizer(b, nil)
	batches := make([][]tazala.TokenRequest, b.N)
	for i := range batches {
		batches[i] = make([]tazala.TokenRequest, benchBatch)
		for j := range batches[i] {
			batches[i][j] = tazala.TokenRequest{Kind: tazala.KindPhone, Value: fmt.Appendf(nil, "8701%07d", i*benchBatch+j)}
		}
	}
	measure(b, tk, b.N*benchBatch, func() {
		for i := range batches {
			if _, err := tk.Tokenize(context.Background(), batches[i]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// population builds n returning customers' values (e-mails, phones, IINs)
// and tokenizes them once, so they are cached.
func population(b *testing.B, tk *vault.Tokenizer, n int) []tazala.TokenRequest {
	warm := make([]tazala.TokenRequest, 0, n)
	for j := 0; j < n; j++ {
		switch j % 3 {
		case 0:
			warm = append(warm, tazala.TokenRequest{Kind: tazala.KindEmail, Value: fmt.Appendf(nil, "c%d@mail.kz", j)})
		case 1:
			warm = append(warm, tazala.TokenRequest{Kind: tazala.KindPhone, Value: fmt.Appendf(nil, "8702%07d", j)})
		default:
			warm = append(warm, tazala.TokenRequest{Kind: tazala.KindName, Value: fmt.Appendf(nil, "Customer Number%d", j)})
		}
	}
	if _, err := tk.Tokenize(context.Background(), warm); err != nil {
		b.Fatal(err)
	}
	return warm
}

var freshSeq atomic.Int64

// pipelineCalls returns n calls of size requests as the daemon makes them:
// share of them repeat a cached population, the rest are values never
// seen, each of which comes back (like a new customer's values) a few
// times within the call and in the next call, which a concurrent caller
// may be making at the same moment.
func pipelineCalls(warm []tazala.TokenRequest, n, size int, share float64) [][]tazala.TokenRequest {
	r := rand.New(rand.NewPCG(1, 2))
	calls := make([][]tazala.TokenRequest, n)
	var prev []tazala.TokenRequest
	for i := range calls {
		c := make([]tazala.TokenRequest, size)
		var fresh []tazala.TokenRequest
		for k := range c {
			switch x := r.Float64(); {
			case x < share:
				c[k] = warm[r.IntN(len(warm))]
			case x < share+(1-share)/2 || len(fresh) == 0:
				v := tazala.TokenRequest{Kind: tazala.KindIIN, Value: fmt.Appendf(nil, "9%011d", freshSeq.Add(1))}
				fresh = append(fresh, v)
				c[k] = v
			case len(prev) > 0 && r.IntN(4) == 0:
				c[k] = prev[r.IntN(len(prev))] // came in the previous call
			default:
				c[k] = fresh[r.IntN(len(fresh))] // again in this call
			}
		}
		prev = fresh
		calls[i] = c
	}
	return calls
}

// BenchmarkVaultPipeline: the daemon's load, two callers (one per core)
// with calls of 10,000 requests, 90 % of them returning customers.
func BenchmarkVaultPipeline(b *testing.B) {
	tk := benchTokenizer(b, nil)
	warm := population(b, tk, 30_000)
	const size = 10_000
	calls := pipelineCalls(warm, b.N, size, 0.9)
	var next atomic.Int64
	measure(b, tk, b.N*size, func() {
		var wg sync.WaitGroup
		for w := 0; w < 2; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := next.Add(1) - 1
					if i >= int64(len(calls)) {
						return
					}
					if _, err := tk.Tokenize(context.Background(), calls[i]); err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
	})
}

// BenchmarkVaultAllCached: every value cached, two callers: the
// tokenizer's own cost.
func BenchmarkVaultAllCached(b *testing.B) {
	tk := benchTokenizer(b, nil)
	warm := population(b, tk, 30_000)
	r := rand.New(rand.NewPCG(3, 4))
	call := make([]tazala.TokenRequest, 10_000)
	for i := range call {
		call[i] = warm[r.IntN(len(warm))]
	}
	b.ReportAllocs()
	measure(b, tk, b.N*len(call), func() {
		var next atomic.Int64
		var wg sync.WaitGroup
		for w := 0; w < 2; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for next.Add(1) <= int64(b.N) {
					if _, err := tk.Tokenize(context.Background(), call); err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
	})
}

// BenchmarkVaultBatchSize: calls of 4,000 new values in batches of 250,
// 1,000 (the default) and 4,000: Vault's CPU per value hardly depends on
// the batch size (the audit device's work is per string).
func BenchmarkVaultBatchSize(b *testing.B) {
	for _, bs := range []int{250, 1000, 4000} {
		b.Run(strconv.Itoa(bs), func(b *testing.B) {
			tk := benchTokenizer(b, func(c *vault.Config) { c.BatchSize = bs })
			batches := make([][]tazala.TokenRequest, b.N)
			for i := range batches {
				batches[i] = make([]tazala.TokenRequest, 4000)
				for j := range batches[i] {
					batches[i][j] = tazala.TokenRequest{Kind: tazala.KindPhone, Value: fmt.Appendf(nil, "8703%07d", int(freshSeq.Add(1)))}
				}
			}
			measure(b, tk, b.N*4000, func() {
				for i := range batches {
					if _, err := tk.Tokenize(context.Background(), batches[i]); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkVaultConvergentAlternative measures the design not taken: one
// transit encrypt per value under a derived, convergent key (the same
// value and context give the same ciphertext, so a token could be a hash
// of it) instead of an hmac and an encrypt. It halves Vault's items per
// value, but every existing token would change, the encryption key's
// version would have to be pinned like the hmac key's (no routine
// rotation of tazala-pii), and a ciphertext would identify its value
// across the store. docs/tokens.md has the figures.
func BenchmarkVaultConvergentAlternative(b *testing.B) {
	v := benchVault(b)
	c, _ := v.Client()
	if _, err := c.Logical().Write("transit/keys/bench-convergent", map[string]any{"derived": true, "convergent_encryption": true}); err != nil {
		b.Fatal(err)
	}
	ctxB64 := "dGF6YWxh" // "tazala"
	body := func(i int) map[string]any {
		items := make([]map[string]any, benchBatch)
		for j := range items {
			items[j] = map[string]any{"plaintext": base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "8704%07d", i*benchBatch+j)), "context": ctxB64}
		}
		return map[string]any{"batch_input": items, "key_version": 1}
	}
	cpu0 := cpuOf(benchServer.pid)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Logical().Write("transit/encrypt/bench-convergent", body(i)); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	n := float64(b.N * benchBatch)
	b.ReportMetric(n/b.Elapsed().Seconds(), "values/s")
	if benchServer.pid != 0 {
		b.ReportMetric(float64((cpuOf(benchServer.pid)-cpu0).Microseconds())/n, "vault-cpu-µs/value")
	}
}
