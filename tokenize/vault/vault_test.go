package vault_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	vapi "github.com/hashicorp/vault/api"
	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/tokenize/local"
	"github.com/tazala/tazala/tokenize/tokenizertest"
	"github.com/tazala/tazala/tokenize/vault"
)

func TestMain(m *testing.M) {
	code := m.Run()
	stopBenchServer()
	stack.Shutdown()
	os.Exit(code)
}

// needVault returns the package's shared Vault dev server (skips with
// -short or without a Vault binary; fails under TAZALA_REQUIRE_STACK=1).
func needVault(t testing.TB) *stack.Vault { t.Helper(); return stack.NeedVault(t) }

func newTok(t testing.TB, v *stack.Vault, mod func(*vault.Config)) *vault.Tokenizer {
	t.Helper()
	cfg := vault.Config{Addr: v.URL, Token: v.Token, Encrypt: true}
	if mod != nil {
		mod(&cfg)
	}
	tk, err := vault.New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tk.Close() })
	return tk
}

func TestConformance(t *testing.T) {
	v := needVault(t)
	tokenizertest.Run(t, func(t *testing.T) tazala.Tokenizer { return newTok(t, v, nil) })
}

// TestSameFormatAsLocal: both backends produce tk_ + 24 base32 characters.
func TestSameFormatAsLocal(t *testing.T) {
	v := needVault(t)
	lt, _ := local.New(local.Config{Key: make([]byte, 32)})
	vt := newTok(t, v, nil)
	r := []tazala.TokenRequest{{Kind: tazala.KindIIN, Value: []byte("900101300017")}}
	a, _ := lt.Tokenize(context.Background(), r)
	b, err := vt.Tokenize(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if len(a[0].ID) != len(b[0].ID) || a[0].ID[:3] != b[0].ID[:3] {
		t.Errorf("token formats differ: local %d chars, vault %d chars", len(a[0].ID), len(b[0].ID))
	}
}

// TestBatchAndCache: 1,000 distinct values cost one hmac and one encrypt
// round trip; asking again costs none; decrypt gives the normalized value.
func TestBatchAndCache(t *testing.T) {
	v := needVault(t)
	tk := newTok(t, v, nil)
	var reqs []tazala.TokenRequest
	for i := 0; i < 1000; i++ {
		reqs = append(reqs, tazala.TokenRequest{Kind: tazala.KindPhone, Value: []byte(fmt.Sprintf("8701%07d", i))})
	}
	toks, err := tk.Tokenize(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, tok := range toks {
		if tok.ID == "" || tok.Ciphertext == "" {
			t.Fatalf("item %d: missing token or ciphertext", i)
		}
		seen[tok.ID] = true
	}
	if len(seen) != 1000 {
		t.Fatalf("%d distinct tokens for 1000 distinct values", len(seen))
	}
	if st := tk.Stats(); st.RoundTrips != 2 {
		t.Errorf("%d round trips for one batch, want 2 (hmac + encrypt)", st.RoundTrips)
	}
	again, err := tk.Tokenize(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	if st := tk.Stats(); st.RoundTrips != 2 || st.Hits != 1000 {
		t.Errorf("second call: %+v, want no new round trips and 1000 hits", st)
	}
	if again[17].ID != toks[17].ID {
		t.Error("cached token differs")
	}
	pt, err := tk.Decrypt(context.Background(), toks[17].Ciphertext)
	if err != nil {
		t.Fatal(err)
	}
	if string(pt) != "+77010000017" {
		t.Error("decrypt did not give the normalized value")
	}
}

// TestWrongToken: a bad token fails fast with ErrDenied and no retries:
// one HTTP attempt per request (hmac only: exactly one; hmac and encrypt
// in parallel: at most two).
func TestWrongToken(t *testing.T) {
	v := needVault(t)
	for _, encrypt := range []bool{false, true} {
		tk := newTok(t, v, func(c *vault.Config) { c.Token = "not-a-token"; c.Encrypt = encrypt })
		start := time.Now()
		_, err := tk.Tokenize(context.Background(), []tazala.TokenRequest{{Kind: tazala.KindIIN, Value: []byte("900101300017")}})
		if !errors.Is(err, tazala.ErrDenied) {
			t.Fatalf("encrypt=%v: err = %v, want ErrDenied", encrypt, err)
		}
		want := uint64(1)
		if encrypt {
			want = 2
		}
		if st := tk.Stats(); st.Attempts < 1 || st.Attempts > want {
			t.Errorf("encrypt=%v: %d HTTP attempts, want 1..%d (no retries on 403)", encrypt, st.Attempts, want)
		}
		if !strings.Contains(err.Error(), "HTTP 403") || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("encrypt=%v: denial does not say what happened: %v", encrypt, err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("encrypt=%v: denial took %v: retried?", encrypt, d)
		}
	}
}

// TestKeyRotation: rotating the hmac key does not change tokens (the key
// version is pinned).
func TestKeyRotation(t *testing.T) {
	v := needVault(t)
	tk := newTok(t, v, nil)
	r := []tazala.TokenRequest{{Kind: tazala.KindEmail, Value: []byte("rotate@mail.kz")}}
	before, err := tk.Tokenize(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := v.Client()
	if _, err := c.Logical().Write("transit/keys/"+stack.HMACKey+"/rotate", nil); err != nil {
		t.Fatal(err)
	}
	fresh := newTok(t, v, nil) // no cache
	after, err := fresh.Tokenize(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if before[0].ID != after[0].ID {
		t.Error("token changed after key rotation")
	}
}

// TestUnavailable: an address nobody listens on fails closed with
// ErrUnavailable (after the configured retries).
func TestUnavailable(t *testing.T) {
	tokenizertest.RunUnavailable(t, func(t *testing.T) tazala.Tokenizer {
		addr, err := stack.FreeAddr()
		if err != nil {
			t.Fatal(err)
		}
		tk, err := vault.New(context.Background(), vault.Config{Addr: "http://" + addr, Token: "x", MaxRetries: 1, Timeout: time.Second, Encrypt: true})
		if err != nil {
			t.Fatal(err)
		}
		return tk
	})
}

// TestStopMidRun: Vault stopped mid-run → every call fails closed with
// ErrUnavailable and no tokens, after MaxRetries retries; once Vault is
// back (same keys: the dev server's keys are backed up and restored) the
// same values give the same tokens again, and new values work.
func TestStopMidRun(t *testing.T) {
	v, err := stack.StartVault(context.Background(), stack.VaultConfig{Bin: stack.NeedVaultBin(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Stop()
	tk := newTok(t, v, func(c *vault.Config) { c.MaxRetries = 2; c.Timeout = time.Second })
	mk := func(from, n int) []tazala.TokenRequest {
		var r []tazala.TokenRequest
		for i := from; i < from+n; i++ {
			r = append(r, tazala.TokenRequest{Kind: tazala.KindIIN, Value: []byte(fmt.Sprintf("90010130%04d", i))})
		}
		return r
	}
	before, err := tk.Tokenize(context.Background(), mk(0, 100))
	if err != nil {
		t.Fatal(err)
	}
	v.Stop()
	// values 50..149: half cached, half new; the call must fail as a whole
	a0 := tk.Stats().Attempts
	start := time.Now()
	toks, err := tk.Tokenize(context.Background(), mk(50, 100))
	if !errors.Is(err, tazala.ErrUnavailable) || toks != nil {
		t.Fatalf("with Vault down: err = %v, %d tokens; want ErrUnavailable and none", err, len(toks))
	}
	// each request: 1 attempt + 2 retries; the first to give up cancels
	// the other (hmac and encrypt run in parallel)
	if n := tk.Stats().Attempts - a0; n < 3 || n > 6 {
		t.Errorf("%d HTTP attempts with Vault down, want 3..6 (1 + MaxRetries 2 per request, 2 requests)", n)
	}
	t.Logf("failed closed after %v", time.Since(start).Round(time.Millisecond))
	if err := v.Restart(context.Background()); err != nil {
		t.Fatal(err)
	}
	fresh := newTok(t, v, nil) // no cache: every token comes from the restarted server
	after, err := fresh.Tokenize(context.Background(), mk(0, 100))
	if err != nil {
		t.Fatalf("after restart: %v", err)
	}
	for i := range before {
		if before[i].ID != after[i].ID {
			t.Fatalf("item %d: token changed across the restart", i)
		}
	}
	if _, err := tk.Tokenize(context.Background(), mk(50, 100)); err != nil {
		t.Fatalf("the tokenizer did not recover: %v", err)
	}
}

// TestAppRoleAndPolicies: a tokenizer logs in with AppRole under the
// scanner policy of docs/tokens.md; it can tokenize but not decrypt, so a
// stolen scanner credential reveals nothing.
func TestAppRoleAndPolicies(t *testing.T) {
	v := needVault(t)
	c, err := v.Client()
	if err != nil {
		t.Fatal(err)
	}
	policy := `
path "transit/hmac/tazala-hmac/*" { capabilities = ["update"] }
path "transit/encrypt/tazala-pii" { capabilities = ["update"] }
`
	if err := c.Sys().PutPolicy("tazala-scanner", policy); err != nil {
		t.Fatal(err)
	}
	if err := c.Sys().EnableAuthWithOptions("approle", &vapi.EnableAuthOptions{Type: "approle"}); err != nil && !strings.Contains(err.Error(), "path is already in use") {
		t.Fatal(err)
	}
	if _, err := c.Logical().Write("auth/approle/role/scanner", map[string]any{"token_policies": "tazala-scanner", "token_ttl": "10m"}); err != nil {
		t.Fatal(err)
	}
	rid, err := c.Logical().Read("auth/approle/role/scanner/role-id")
	if err != nil {
		t.Fatal(err)
	}
	sid, err := c.Logical().Write("auth/approle/role/scanner/secret-id", nil)
	if err != nil {
		t.Fatal(err)
	}
	tk := newTok(t, v, func(cfg *vault.Config) {
		cfg.Token = ""
		cfg.AppRole = vault.AppRole{RoleID: rid.Data["role_id"].(string), SecretID: sid.Data["secret_id"].(string)}
	})
	toks, err := tk.Tokenize(context.Background(), []tazala.TokenRequest{{Kind: tazala.KindIIN, Value: []byte("040229600011")}})
	if err != nil {
		t.Fatalf("tokenize with the scanner policy: %v", err)
	}
	if _, err := tk.Decrypt(context.Background(), toks[0].Ciphertext); !errors.Is(err, tazala.ErrDenied) {
		t.Fatalf("decrypt with the scanner policy: err = %v, want ErrDenied", err)
	}
	if _, err := vault.New(context.Background(), vault.Config{Addr: v.URL, AppRole: vault.AppRole{RoleID: "nope", SecretID: "nope"}}); !errors.Is(err, tazala.ErrDenied) {
		t.Fatalf("bad AppRole credentials: err = %v, want ErrDenied", err)
	}
}
