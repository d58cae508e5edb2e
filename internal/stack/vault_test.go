package stack_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala/internal/stack"
)

// TestVaultTransitBatch is the Vault smoke test: the dev server from the
// cached binary answers transit hmac and encrypt/decrypt with batch_input
// through github.com/hashicorp/vault/api.
func TestVaultTransitBatch(t *testing.T) {
	v := stack.NeedVault(t)
	c, err := v.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const n = 100
	in := make([]map[string]any, n)
	for i := range in {
		in[i] = map[string]any{"input": base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "iin\x1f9001013%05d", i)), "reference": fmt.Sprint(i)}
	}
	sec, err := c.Logical().WriteWithContext(ctx, "transit/hmac/"+stack.HMACKey+"/sha2-256", map[string]any{"batch_input": in})
	if err != nil {
		t.Fatal(err)
	}
	res, _ := sec.Data["batch_results"].([]any)
	if len(res) != n {
		t.Fatalf("hmac: %d results for %d inputs", len(res), n)
	}
	for i, r := range res {
		if h, _ := r.(map[string]any)["hmac"].(string); !strings.HasPrefix(h, "vault:v1:") {
			t.Fatalf("hmac item %d: no vault:v1: hmac", i)
		}
	}
	pt := make([]map[string]any, n)
	for i := range pt {
		pt[i] = map[string]any{"plaintext": base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "+7701%07d", i))}
	}
	sec, err = c.Logical().WriteWithContext(ctx, "transit/encrypt/"+stack.EncryptKey, map[string]any{"batch_input": pt})
	if err != nil {
		t.Fatal(err)
	}
	res, _ = sec.Data["batch_results"].([]any)
	ct := make([]map[string]any, len(res))
	for i, r := range res {
		ct[i] = map[string]any{"ciphertext": r.(map[string]any)["ciphertext"]}
	}
	sec, err = c.Logical().WriteWithContext(ctx, "transit/decrypt/"+stack.EncryptKey, map[string]any{"batch_input": ct})
	if err != nil {
		t.Fatal(err)
	}
	res, _ = sec.Data["batch_results"].([]any)
	if len(res) != n {
		t.Fatalf("decrypt: %d results for %d inputs", len(res), n)
	}
	for i, r := range res {
		if r.(map[string]any)["plaintext"] != pt[i]["plaintext"] {
			t.Fatalf("decrypt item %d: does not round-trip", i)
		}
	}
}

// TestVaultRestartKeepsKeys: Stop, then Restart on the same address, gives
// a server with the same transit keys (backup/restore), so the same input
// has the same hmac: tokens survive a restart of the dev stack.
func TestVaultRestartKeepsKeys(t *testing.T) {
	v, err := stack.StartVault(context.Background(), stack.VaultConfig{Bin: stack.NeedVaultBin(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Stop()
	t.Logf("vault dev server: unsealed with transit keys in %v", v.Started.Round(time.Millisecond))
	hmac := func() (string, error) {
		c, err := v.Client()
		if err != nil {
			return "", err
		}
		sec, err := c.Logical().Write("transit/hmac/"+stack.HMACKey, map[string]any{"input": base64.StdEncoding.EncodeToString([]byte("x"))})
		if err != nil {
			return "", err
		}
		h, _ := sec.Data["hmac"].(string)
		return h, nil
	}
	before, err := hmac()
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Stop(); err != nil {
		t.Fatal(err)
	}
	if v.Running() {
		t.Fatal("still running after Stop")
	}
	if _, err := hmac(); err == nil {
		t.Fatal("a stopped server answered")
	}
	if err := v.Restart(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Logf("restarted with restored keys in %v", v.Started.Round(time.Millisecond))
	after, err := hmac()
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Error("the hmac key changed across a restart")
	}
}

// TestVaultPortTaken: a second server on a taken address fails at once,
// naming the address, instead of talking to the first one.
func TestVaultPortTaken(t *testing.T) {
	v := stack.NeedVault(t)
	start := time.Now()
	_, err := stack.StartVault(context.Background(), stack.VaultConfig{Addr: v.Addr, ReadyTimeout: 20 * time.Second})
	if err == nil {
		t.Fatal("second server on a taken address started")
	}
	if time.Since(start) > 15*time.Second {
		t.Errorf("port-taken failure took %v", time.Since(start))
	}
	if !strings.Contains(err.Error(), "taken") || !strings.Contains(err.Error(), v.Addr) {
		t.Errorf("error does not say the address is taken: %v", err)
	}
}
