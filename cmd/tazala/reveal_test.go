package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	tsfile "github.com/tazala/tazala/tokenstore/file"
)

// TestScanVaultAndReveal runs the real Vault dev server: scan with the
// vault tokenizer fills the token vault; reveal prints the normalized value
// after writing an audit row; a blocked subject is refused (and audited).
func TestScanVaultAndReveal(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	if _, ok := stack.VaultBin(); !ok {
		stack.Missing(t, "Vault server binary", "make vault-bin")
	}
	v, err := stack.StartVault(context.Background(), stack.VaultConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Stop()
	t.Setenv("VAULT_ADDR", v.URL)
	t.Setenv("VAULT_TOKEN", v.Token)
	dir := t.TempDir()
	store := filepath.Join(dir, "tokens.jsonl")
	code, out, e := runCLI(t, "ИИН 900101300017, тел +7 701 540 18 02\n", "scan", "-q", "--tokenizer", "vault", "--token-store", store, "-")
	if code != 0 {
		t.Fatalf("scan: exit %d: %s", code, e)
	}
	tokens := regexp.MustCompile(`\[(IIN|PHONE):(tk_[a-z2-7]+)\]`).FindAllStringSubmatch(out, -1)
	if len(tokens) != 2 {
		t.Fatalf("want 2 tokens in %q", out)
	}
	iinTok := tokens[0][2]
	code, out, e = runCLI(t, "", "reveal", "--store", store, "--token", tokens[0][0], "--reason", "subject access request", "--request-ref", "DSAR-42")
	if code != 0 || strings.TrimSpace(out) != "900101300017" {
		t.Fatalf("reveal: exit %d, stderr %q", code, e)
	}
	audit, _ := os.ReadFile(store + ".audit.jsonl")
	if !strings.Contains(string(audit), `"outcome":"granted"`) || strings.Contains(string(audit), "900101300017") {
		t.Fatalf("audit log wrong or holds the value")
	}
	// block, then reveal is refused
	s, err := tsfile.Open(store)
	if err != nil {
		t.Fatal(err)
	}
	s.SetState(context.Background(), iinTok, tazala.TokenBlocked)
	s.Close()
	code, out, e = runCLI(t, "", "reveal", "--store", store, "--token", iinTok, "--reason", "subject access request", "--request-ref", "DSAR-43")
	if code == 0 || out != "" || !strings.Contains(e, "blocked") {
		t.Fatalf("reveal of a blocked subject: exit %d, out %q, err %q", code, out, e)
	}
	if code, _, _ := runCLI(t, "", "reveal", "--store", store, "--token", iinTok, "--reason", "x", "--request-ref", "R"); code != exitUsage {
		t.Errorf("reveal without a real reason: exit %d", code)
	}
}
