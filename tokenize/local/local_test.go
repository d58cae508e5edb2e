package local_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenize/local"
	"github.com/tazala/tazala/tokenize/tokenizertest"
)

func TestConformance(t *testing.T) {
	key := filepath.Join(t.TempDir(), "local.key")
	tokenizertest.Run(t, func(t *testing.T) tazala.Tokenizer {
		tk, err := local.New(local.Config{KeyPath: key, Create: true})
		if err != nil {
			t.Fatal(err)
		}
		return tk
	})
}

func TestKeyFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "local.key")
	if _, err := local.New(local.Config{KeyPath: p, Create: true}); err != nil {
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

// TestKeyFileChecks (issue 10, items 5 and 7): a named key that does not
// exist is an error unless Create is set, only the default key is created
// implicitly, symlinks (dangling or not) are refused without recursing, and
// the key must be the current user's own file in a directory others cannot
// write to.
func TestKeyFileChecks(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.key")
	if _, err := local.New(local.Config{KeyPath: good, Create: true}); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling.key")
	if err := os.Symlink(filepath.Join(dir, "nowhere", "x.key"), dangling); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.key")
	if err := os.Symlink(good, link); err != nil {
		t.Fatal(err)
	}
	open := filepath.Join(t.TempDir(), "open")
	os.Mkdir(open, 0o777)
	os.Chmod(open, 0o777) // no sticky bit: anyone may swap the key
	inOpen := filepath.Join(open, "k.key")
	os.WriteFile(inOpen, make([]byte, local.KeySize), 0o600)

	for _, tc := range []struct {
		name   string
		cfg    local.Config
		errHas string
	}{
		{"missing named key", local.Config{KeyPath: filepath.Join(dir, "typo.key")}, "--create-key"},
		{"dangling symlink", local.Config{KeyPath: dangling}, "symlink"},
		{"dangling symlink, create", local.Config{KeyPath: dangling, Create: true}, "symlink"},
		{"symlink to a key", local.Config{KeyPath: link}, "symlink"},
		{"directory writable by others", local.Config{KeyPath: inOpen}, "writable by others"},
		{"a directory", local.Config{KeyPath: dir}, "not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := local.New(tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.errHas) {
				t.Fatalf("err = %v, want one saying %q", err, tc.errHas)
			}
		})
	}
	if _, err := local.New(local.Config{KeyPath: filepath.Join(dir, "typo.key")}); !errors.Is(err, local.ErrNoKey) {
		t.Errorf("missing named key: err = %v, want ErrNoKey", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "typo.key")); err == nil {
		t.Error("a missing named key was created without Create")
	}
	if _, err := local.New(local.Config{KeyPath: good}); err != nil {
		t.Errorf("the good key: %v", err)
	}

	// the default key is created implicitly
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	if _, err := local.New(local.Config{}); err != nil {
		t.Fatalf("default key: %v", err)
	}
	if p, _ := local.DefaultKeyPath(); !fileExists(p) {
		t.Error("the default key was not created")
	}

	// owned by another user: refused (needs root to chown)
	other := filepath.Join(dir, "other.key")
	os.WriteFile(other, make([]byte, local.KeySize), 0o600)
	if err := os.Chown(other, 65534, 65534); err != nil {
		t.Skipf("cannot chown to another user here: %v", err)
	}
	if _, err := local.New(local.Config{KeyPath: other}); err == nil || !strings.Contains(err.Error(), "not by the current user") {
		t.Errorf("a key owned by another user: err = %v", err)
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
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

// TestSpellingsShareToken: the cache is keyed by the value as written, so
// one value written two ways must still get one token, cold and cached.
func TestSpellingsShareToken(t *testing.T) {
	tk, err := local.New(local.Config{Key: make([]byte, local.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		kind tazala.Kind
		a, b string
	}{
		{tazala.KindPhone, "+7 701 000 00 00", "87010000000"},
		{tazala.KindEmail, "a.b@Example.KZ", "a.b@example.kz"},
		{tazala.KindName, "Ivanov  Ivan", "IVANOV IVAN"},
		{tazala.KindPAN, "4000 0000 0000 0002", "4000000000000002"},
		{tazala.KindExpiry, "05/31", "05.2031"},
	}
	for _, tt := range tests {
		for pass := 0; pass < 2; pass++ {
			toks, err := tk.Tokenize(context.Background(), []tazala.TokenRequest{{Kind: tt.kind, Value: []byte(tt.a)}, {Kind: tt.kind, Value: []byte(tt.b)}})
			if err != nil {
				t.Fatal(err)
			}
			if toks[0].ID == "" || toks[0].ID != toks[1].ID {
				t.Errorf("%v pass %d: two spellings of one value got different tokens", tt.kind, pass)
			}
		}
	}
	// the same digits as two kinds are two tokens
	toks, _ := tk.Tokenize(context.Background(), []tazala.TokenRequest{{Kind: tazala.KindIIN, Value: []byte("900101300123")}, {Kind: tazala.KindPAN, Value: []byte("900101300123")}})
	if toks[0].ID == toks[1].ID {
		t.Error("one digit string as IIN and as PAN got one token")
	}
}

// TestAppendTokensRaw: a value given as written (with a decoder) gets the
// token of its decoded form, cold and cached, and the cache never mixes a
// raw value with the same bytes given decoded.
func TestAppendTokensRaw(t *testing.T) {
	tk, err := local.New(local.Config{Key: make([]byte, local.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	decode := func(dst, raw []byte) []byte { return append(dst, bytes.ReplaceAll(raw, []byte("%40"), []byte("@"))...) }
	ctx := context.Background()
	raw := []tazala.TokenRequest{
		{Kind: tazala.KindEmail, Value: []byte("a.b%40example.kz")},
		{Kind: tazala.KindEmail, Value: []byte("c.d@example.kz")},
		{Kind: tazala.KindCVV, Value: []byte("123")},
		{Kind: tazala.KindIIN, Value: []byte("900101300123")},
	}
	decoded := make([]tazala.TokenRequest, len(raw))
	for i, r := range raw {
		decoded[i] = tazala.TokenRequest{Kind: r.Kind, Value: decode(nil, r.Value)}
	}
	for pass := 0; pass < 2; pass++ { // computed, then cached
		want, err := tk.Tokenize(ctx, decoded)
		if err != nil {
			t.Fatal(err)
		}
		got, err := tk.AppendTokensRaw(ctx, nil, raw, decode)
		if err != nil {
			t.Fatal(err)
		}
		for i := range raw {
			if got[i] != want[i] {
				t.Errorf("pass %d, request %d: raw and decoded values got different tokens", pass, i)
			}
		}
	}
	// "a.b%40example.kz" decoded (a value holding the three characters
	// %40) is another value than the raw one: another token, in either order
	lit := []tazala.TokenRequest{{Kind: tazala.KindEmail, Value: []byte("a.b%40example.kz")}}
	a, _ := tk.Tokenize(ctx, lit)
	b, _ := tk.AppendTokensRaw(ctx, nil, lit, decode)
	if a[0].ID == b[0].ID {
		t.Error("a raw value and the same bytes decoded share a token")
	}
	if _, err := tk.AppendTokensRaw(ctx, nil, lit, nil); err == nil {
		t.Error("AppendTokensRaw without a decoder did not fail")
	}
}

// TestConcurrentCache: goroutines tokenizing overlapping values at once
// (more than the cache holds, so entries are replaced while others read
// them) all get the tokens of the definition.
func TestConcurrentCache(t *testing.T) {
	key := make([]byte, local.KeySize)
	tk, err := local.New(local.Config{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	n := 300_000
	if testing.Short() {
		n = 60_000
	}
	want := make([]string, n)
	value := func(i int) []byte { return fmt.Appendf(nil, "%012d", i*7919) }
	for i := range want {
		m := hmac.New(sha256.New, key)
		m.Write(tazala.MACInput(tazala.KindIIN, tazala.Normalize(tazala.KindIIN, value(i))))
		want[i] = tazala.TokenID(m.Sum(nil))
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), 1))
			reqs := make([]tazala.TokenRequest, 500)
			ix := make([]int, len(reqs))
			for round := 0; round < n/len(reqs)*2; round++ {
				for j := range reqs {
					ix[j] = r.IntN(n)
					reqs[j] = tazala.TokenRequest{Kind: tazala.KindIIN, Value: value(ix[j])}
				}
				toks, err := tk.Tokenize(context.Background(), reqs)
				if err != nil {
					t.Error(err)
					return
				}
				for j := range toks {
					if toks[j].ID != want[ix[j]] {
						t.Errorf("goroutine %d: value %d got another token", g, ix[j])
						return
					}
				}
			}
		}(g)
	}
	wg.Wait()
	if h, m := tk.Stats(); h == 0 || m == 0 {
		t.Errorf("stats: %d hits, %d misses: the test did not exercise the cache", h, m)
	}
}
