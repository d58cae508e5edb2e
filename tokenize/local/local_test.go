package local_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenize/local"
	"github.com/tazala/tazala/tokenize/tokenizertest"
)

func TestConformance(t *testing.T) {
	key := filepath.Join(t.TempDir(), "local.key")
	tokenizertest.Run(t, func(t *testing.T) tazala.Tokenizer {
		tk, err := local.New(local.Config{KeyPath: key})
		if err != nil {
			t.Fatal(err)
		}
		return tk
	})
}

func TestKeyFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "local.key")
	if _, err := local.New(local.Config{KeyPath: p}); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", st.Mode().Perm())
	}
	os.Chmod(p, 0o644)
	if _, err := local.New(local.Config{KeyPath: p}); err == nil {
		t.Error("a key file readable by others was accepted")
	}
	short := filepath.Join(dir, "short.key")
	os.WriteFile(short, []byte("abc"), 0o600)
	if _, err := local.New(local.Config{KeyPath: short}); err == nil {
		t.Error("a short key was accepted")
	}
}

// TestTokenDefinition: the token of a value is exactly
// tazala.TokenID(HMAC-SHA256(key, tazala.MACInput(kind, tazala.Normalize(kind, value)))),
// whether computed or served from the cache.
func TestTokenDefinition(t *testing.T) {
	key := make([]byte, local.KeySize)
	for i := range key {
		key[i] = byte(i * 7)
	}
	tk, err := local.New(local.Config{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	var reqs []tazala.TokenRequest
	for i := 0; i < 2000; i++ {
		k := tazala.Kinds[r.IntN(len(tazala.Kinds))]
		reqs = append(reqs, tazala.TokenRequest{Kind: k, Value: fmt.Appendf(nil, "%d Ab@Cd %d", r.IntN(50), r.Uint64())})
	}
	for pass := 0; pass < 2; pass++ { // computed, then cached
		toks, err := tk.Tokenize(context.Background(), reqs)
		if err != nil {
			t.Fatal(err)
		}
		for i, q := range reqs {
			want := ""
			if q.Kind != tazala.KindCVV {
				m := hmac.New(sha256.New, key)
				m.Write(tazala.MACInput(q.Kind, tazala.Normalize(q.Kind, q.Value)))
				want = tazala.TokenID(m.Sum(nil))
			}
			if toks[i].ID != want || toks[i].Kind != q.Kind {
				t.Fatalf("pass %d, request %d (%v): token differs from the definition", pass, i, q.Kind)
			}
		}
	}
	valued := 0
	for _, q := range reqs {
		if q.Kind != tazala.KindCVV {
			valued++
		}
	}
	// second pass: hits, but for values that share a cache slot
	if h, m := tk.Stats(); h+m != uint64(2*valued) || h < uint64(valued)*9/10 {
		t.Errorf("stats: %d hits, %d misses", h, m)
	}
}
