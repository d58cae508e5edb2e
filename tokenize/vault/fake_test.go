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
	"strings"
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
	var sizes []int
	srv, _ := fakeVault(t, func(w http.ResponseWriter, items []map[string]string) {
		sizes = append(sizes, len(items))
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
	if fmt.Sprint(sizes) != "[4 4 2]" {
		t.Errorf("batch sizes %v, want [4 4 2] (10 distinct values, BatchSize 4)", sizes)
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
