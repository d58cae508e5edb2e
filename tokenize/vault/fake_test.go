package vault_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenize/vault"
)

// These tests answer with a fake Vault to pin down error classes, retry
// counts and the checks on Vault's answers; they run with -short.

const secretValue = "900101300017"

func fakeVault(t *testing.T, h func(w http.ResponseWriter, items []map[string]string)) (*httptest.Server, *atomic.Int64) {
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		body, _ := io.ReadAll(r.Body)
		var req struct {
			BatchInput []map[string]string `json:"batch_input"`
		}
		json.Unmarshal(body, &req)
		w.Header().Set("Content-Type", "application/json")
		h(w, req.BatchInput)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func results(items []map[string]string, f func(i int, it map[string]string) map[string]string) string {
	out := make([]map[string]string, len(items))
	for i, it := range items {
		out[i] = f(i, it)
	}
	b, _ := json.Marshal(map[string]any{"data": map[string]any{"batch_results": out}})
	return string(b)
}

func okHMAC(i int, it map[string]string) map[string]string {
	return map[string]string{"reference": it["reference"], "hmac": "vault:v1:" + base64.StdEncoding.EncodeToString(make([]byte, 32))}
}

func TestFakeVaultErrors(t *testing.T) {
	cases := []struct {
		name     string
		handler  func(w http.ResponseWriter, items []map[string]string)
		want     error
		attempts int64 // with MaxRetries 2
	}{
		{"503 sealed is retried", func(w http.ResponseWriter, _ []map[string]string) {
			w.WriteHeader(503)
			fmt.Fprint(w, `{"errors":["Vault is sealed"]}`)
		}, tazala.ErrUnavailable, 3},
		{"403 is not retried", func(w http.ResponseWriter, _ []map[string]string) {
			w.WriteHeader(403)
			fmt.Fprint(w, `{"errors":["permission denied"]}`)
		}, tazala.ErrDenied, 1},
		{"400 item error fails the batch", func(w http.ResponseWriter, items []map[string]string) {
			w.WriteHeader(400)
			fmt.Fprint(w, results(items, func(i int, it map[string]string) map[string]string {
				if i == 1 {
					return map[string]string{"reference": it["reference"], "error": "unable to decode input as base64"}
				}
				return okHMAC(i, it)
			}))
		}, tazala.ErrDenied, 1},
		{"item error in a 200 fails the batch", func(w http.ResponseWriter, items []map[string]string) {
			fmt.Fprint(w, results(items, func(i int, it map[string]string) map[string]string {
				if i == 2 {
					return map[string]string{"reference": it["reference"], "error": "internal error"}
				}
				return okHMAC(i, it)
			}))
		}, tazala.ErrDenied, 1},
		{"missing results", func(w http.ResponseWriter, items []map[string]string) {
			fmt.Fprint(w, results(items[:1], okHMAC))
		}, tazala.ErrUnavailable, 1},
		{"results out of order", func(w http.ResponseWriter, items []map[string]string) {
			fmt.Fprint(w, results(items, func(i int, it map[string]string) map[string]string {
				return okHMAC(i, items[len(items)-1-i])
			}))
		}, tazala.ErrUnavailable, 1},
		{"hmac under another key version", func(w http.ResponseWriter, items []map[string]string) {
			fmt.Fprint(w, results(items, func(i int, it map[string]string) map[string]string {
				return map[string]string{"reference": it["reference"], "hmac": "vault:v2:" + base64.StdEncoding.EncodeToString(make([]byte, 32))}
			}))
		}, tazala.ErrUnavailable, 1},
		{"not JSON", func(w http.ResponseWriter, _ []map[string]string) {
			fmt.Fprint(w, `<html>proxy error</html>`)
		}, tazala.ErrUnavailable, 1},
		{"slow", func(w http.ResponseWriter, _ []map[string]string) {
			time.Sleep(300 * time.Millisecond)
		}, tazala.ErrUnavailable, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, calls := fakeVault(t, c.handler)
			tk, err := vault.New(context.Background(), vault.Config{Addr: srv.URL, Token: "t", MaxRetries: 2, Timeout: 100 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			reqs := []tazala.TokenRequest{
				{Kind: tazala.KindIIN, Value: []byte(secretValue)},
				{Kind: tazala.KindPhone, Value: []byte("+77015401802")},
				{Kind: tazala.KindEmail, Value: []byte("a@mail.kz")},
			}
			toks, err := tk.Tokenize(context.Background(), reqs)
			if !errors.Is(err, c.want) || toks != nil {
				t.Fatalf("err = %v, %d tokens; want %v and none", err, len(toks), c.want)
			}
			if n := calls.Load(); n != c.attempts {
				t.Errorf("%d HTTP requests, want %d", n, c.attempts)
			}
			if st := tk.Stats(); int64(st.Attempts) != c.attempts {
				t.Errorf("Stats().Attempts = %d, want %d", st.Attempts, c.attempts)
			}
			msg := err.Error()
			for _, leak := range []string{secretValue, base64.StdEncoding.EncodeToString([]byte("iin\x1f" + secretValue))} {
				if strings.Contains(msg, leak) {
					t.Errorf("error message contains a value or its encoding")
				}
			}
		})
	}
}

// TestFakeVaultBatching: distinct values only, BatchSize per request,
// results matched by order; a canceled context sends nothing.
func TestFakeVaultBatching(t *testing.T) {
	var mu sync.Mutex
	var sizes []int
	srv, _ := fakeVault(t, func(w http.ResponseWriter, items []map[string]string) {
		mu.Lock()
		sizes = append(sizes, len(items))
		mu.Unlock()
		fmt.Fprint(w, results(items, func(i int, it map[string]string) map[string]string {
			// a distinct MAC per input: the input itself, padded
			in, _ := base64.StdEncoding.DecodeString(it["input"])
			mac := make([]byte, 32)
			copy(mac, in)
			return map[string]string{"reference": it["reference"], "hmac": "vault:v1:" + base64.StdEncoding.EncodeToString(mac)}
		}))
	})
	tk, err := vault.New(context.Background(), vault.Config{Addr: srv.URL, Token: "t", BatchSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	var reqs []tazala.TokenRequest
	for i := 0; i < 30; i++ {
		reqs = append(reqs, tazala.TokenRequest{Kind: tazala.KindIIN, Value: fmt.Appendf(nil, "%02d", i%10)})
	}
	reqs = append(reqs, tazala.TokenRequest{Kind: tazala.KindCVV, Value: []byte("123")})
	toks, err := tk.Tokenize(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(sizes) // the batches go out concurrently
	if fmt.Sprint(sizes) != "[2 4 4]" {
		t.Errorf("batch sizes %v, want 4, 4 and 2 (10 distinct values, BatchSize 4)", sizes)
	}
	for i := 0; i < 30; i++ {
		if toks[i].ID == "" || toks[i].ID != toks[i%10].ID {
			t.Fatalf("request %d: token does not match its value's", i)
		}
		if i < 10 {
			for j := 0; j < i; j++ {
				if toks[i].ID == toks[j].ID {
					t.Fatalf("requests %d and %d: distinct values, one token", i, j)
				}
			}
		}
	}
	if toks[30].ID != "" {
		t.Error("CVV tokenized")
	}
	st := tk.Stats()
	if st.Values != 10 || st.Misses != 30 || st.Hits != 0 {
		t.Errorf("stats %+v, want 10 values, 30 misses", st)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sizes = nil
	if _, err := tk.Tokenize(ctx, reqs); err == nil || sizes != nil {
		t.Errorf("canceled context: err = %v, %d requests sent", err, len(sizes))
	}
}

// macOf is the fake's hmac: the input itself, padded, so each value has
// its own token.
func macOf(it map[string]string) map[string]string {
	in, _ := base64.StdEncoding.DecodeString(it["input"])
	mac := make([]byte, 32)
	copy(mac, in)
	return map[string]string{"reference": it["reference"], "hmac": "vault:v1:" + base64.StdEncoding.EncodeToString(mac)}
}

func iins(from, to int) []tazala.TokenRequest {
	var r []tazala.TokenRequest
	for i := from; i < to; i++ {
		r = append(r, tazala.TokenRequest{Kind: tazala.KindIIN, Value: fmt.Appendf(nil, "%02d", i)})
	}
	return r
}

// TestFakeVaultShared: a value a concurrent call is already asking Vault
// for is not sent again: the second call waits for the first's answer
// (and sends only its own new values); when the first call fails, the
// second sends the shared values itself, and fails closed only if that
// fails too.
func TestFakeVaultShared(t *testing.T) {
	for _, firstFails := range []bool{false, true} {
		t.Run(fmt.Sprintf("first fails %v", firstFails), func(t *testing.T) {
			var mu sync.Mutex
			sent := map[string]int{}
			requests := make(chan int, 10) // sizes, as requests arrive
			release := make(chan struct{})
			var n atomic.Int64
			srv, _ := fakeVault(t, func(w http.ResponseWriter, items []map[string]string) {
				first := n.Add(1) == 1
				mu.Lock()
				for _, it := range items {
					sent[it["input"]]++
				}
				mu.Unlock()
				requests <- len(items)
				if first {
					<-release
					if firstFails {
						w.WriteHeader(403)
						fmt.Fprint(w, `{"errors":["permission denied"]}`)
						return
					}
				}
				fmt.Fprint(w, results(items, func(i int, it map[string]string) map[string]string { return macOf(it) }))
			})
			tk, err := vault.New(context.Background(), vault.Config{Addr: srv.URL, Token: "t"})
			if err != nil {
				t.Fatal(err)
			}
			type answer struct {
				toks []tazala.Token
				err  error
			}
			a, b := make(chan answer, 1), make(chan answer, 1)
			go func() { toks, err := tk.Tokenize(context.Background(), iins(0, 10)); a <- answer{toks, err} }()
			if got := <-requests; got != 10 {
				t.Fatalf("first call sent %d values, want 10", got)
			}
			go func() { toks, err := tk.Tokenize(context.Background(), iins(5, 15)); b <- answer{toks, err} }()
			if got := <-requests; got != 5 {
				t.Fatalf("second call sent %d values, want its 5 new ones (5 are the first call's)", got)
			}
			close(release)
			ra, rb := <-a, <-b
			if firstFails {
				if !errors.Is(ra.err, tazala.ErrDenied) || ra.toks != nil {
					t.Fatalf("first call: err = %v, %d tokens; want ErrDenied and none", ra.err, len(ra.toks))
				}
				if got := <-requests; got != 5 {
					t.Fatalf("second call asked for %d values after the first failed, want the 5 shared", got)
				}
			} else if ra.err != nil {
				t.Fatal(ra.err)
			}
			if rb.err != nil {
				t.Fatalf("second call: %v", rb.err)
			}
			mu.Lock()
			for in, c := range sent {
				if c > 1 && !firstFails {
					t.Errorf("value %q sent %d times", in, c)
				}
			}
			mu.Unlock()
			want, _ := vault.New(context.Background(), vault.Config{Addr: srv.URL, Token: "t"})
			direct, err := want.Tokenize(context.Background(), iins(5, 15))
			if err != nil {
				t.Fatal(err)
			}
			for i := range direct {
				if rb.toks[i].ID != direct[i].ID {
					t.Fatalf("second call, value %d: token differs from its value's", i+5)
				}
				if !firstFails && i < 5 && rb.toks[i].ID != ra.toks[i+5].ID {
					t.Fatalf("value %d: the two calls got different tokens", i+5)
				}
			}
			if st := tk.Stats(); st.Shared != 5 {
				t.Errorf("Stats().Shared = %d, want 5", st.Shared)
			}
		})
	}
}

// TestFakeVaultReferences: only the first and the last item of a batch
// carry a reference (the audit device HMACs every string sent), and
// results are checked by them.
func TestFakeVaultReferences(t *testing.T) {
	var mu sync.Mutex
	var refs [][]string
	srv, _ := fakeVault(t, func(w http.ResponseWriter, items []map[string]string) {
		var r []string
		for _, it := range items {
			r = append(r, it["reference"])
		}
		mu.Lock()
		refs = append(refs, r)
		mu.Unlock()
		fmt.Fprint(w, results(items, func(i int, it map[string]string) map[string]string { return macOf(it) }))
	})
	tk, err := vault.New(context.Background(), vault.Config{Addr: srv.URL, Token: "t", BatchSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tk.Tokenize(context.Background(), iins(0, 9)); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range refs {
		got = append(got, strings.Join(r, ","))
	}
	slices.Sort(got)
	if want := []string{"0", "0,,,3", "0,,,3"}; !slices.Equal(got, want) {
		t.Errorf("references per batch %q, want %q", got, want)
	}
}

// TestConfigFromEnv: the standard VAULT_* variables and tazala's own.
func TestConfigFromEnv(t *testing.T) {
	t.Setenv("VAULT_ADDR", "https://vault.internal:8200")
	t.Setenv("VAULT_MAX_RETRIES", "0")
	t.Setenv("VAULT_CLIENT_TIMEOUT", "5")
	t.Setenv("TAZALA_VAULT_KEY_VERSION", "3")
	t.Setenv("TAZALA_VAULT_CACHE_SIZE", "1000000")
	c := vault.ConfigFromEnv()
	if c.Addr != "https://vault.internal:8200" || c.MaxRetries != -1 || c.Timeout != 5*time.Second ||
		c.KeyVersion != 3 || c.CacheSize != 1000000 || !c.Encrypt {
		t.Errorf("ConfigFromEnv = %+v", c)
	}
}
