package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	vapi "github.com/hashicorp/vault/api"
	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	tsfile "github.com/tazala/tazala/tokenstore/file"
)

// TestScanVaultAndReveal runs the real Vault dev server: scan with the
// vault tokenizer fills the token vault; reveal prints the normalized value
// after writing an audit row; unknown and blocked tokens are refused (and
// audited); a token without decrypt rights reveals nothing (audited); the
// audit log never holds a value.
func TestScanVaultAndReveal(t *testing.T) {
	// own server, stopped here: this package has no stack.Main
	v, err := stack.StartVault(context.Background(), stack.VaultConfig{Bin: stack.NeedVaultBin(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Stop() })
	t.Setenv("VAULT_ADDR", v.URL)
	t.Setenv("VAULT_TOKEN", v.Token)
	t.Setenv("USER", "dpo-test")
	dir := t.TempDir()
	store := filepath.Join(dir, "tokens.jsonl")
	auditPath := store + ".audit.jsonl"
	code, out, e := runCLI(t, "ИИН 900101300017, тел +7 701 540 18 02\n", "scan", "-q", "--tokenizer", "vault", "--token-store", store, "-")
	if code != 0 {
		t.Fatalf("scan: exit %d: %s", code, e)
	}
	tokens := regexp.MustCompile(`\[(IIN|PHONE):(tk_[a-z2-7]+)\]`).FindAllStringSubmatch(out, -1)
	if len(tokens) != 2 {
		t.Fatalf("want 2 tokens in the scan output, got %d", len(tokens))
	}
	iinTok, phoneTok := tokens[0][2], tokens[1][2]
	values := []string{"900101300017", "+77015401802", "7015401802"}

	// a writer holds the store (as a running scan would): reveal still reads it
	w, err := tsfile.Open(store)
	if err != nil {
		t.Fatal(err)
	}
	code, out, e = runCLI(t, "", "reveal", "--store", store, "--token", tokens[0][0], "--reason", "subject access request", "--request-ref", "DSAR-42", "--legal-basis", "art. 15")
	if code != 0 || strings.TrimSpace(out) != "900101300017" {
		t.Fatalf("reveal: exit %d, stderr %q", code, e)
	}
	code, out, _ = runCLI(t, "", "reveal", "--store", store, "--token", phoneTok, "--reason", "subject access request", "--request-ref", "DSAR-42")
	if code != 0 || strings.TrimSpace(out) != "+77015401802" {
		t.Fatalf("reveal phone: exit %d", code)
	}

	// unknown token: refused, audited
	code, out, e = runCLI(t, "", "reveal", "--store", store, "--token", "tk_aaaaaaaaaaaaaaaaaaaaaaaa", "--reason", "subject access request", "--request-ref", "DSAR-44")
	if code == 0 || out != "" || !strings.Contains(e, "not in the token vault") {
		t.Fatalf("unknown token: exit %d, out %q, err %q", code, out, e)
	}

	// blocked: refused, audited
	if err := w.SetState(context.Background(), iinTok, tazala.TokenBlocked); err != nil {
		t.Fatal(err)
	}
	w.Close()
	code, out, e = runCLI(t, "", "reveal", "--store", store, "--token", iinTok, "--reason", "subject access request", "--request-ref", "DSAR-43")
	if code == 0 || out != "" || !strings.Contains(e, "blocked") {
		t.Fatalf("reveal of a blocked subject: exit %d, out %q, err %q", code, out, e)
	}

	// a token whose policy has no decrypt (the scanner's): nothing shown
	c, err := v.Client()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Sys().PutPolicy("tazala-scanner-reveal-test", `path "transit/hmac/tazala-hmac/*" { capabilities = ["update"] }`); err != nil {
		t.Fatal(err)
	}
	sec, err := c.Auth().Token().Create(&vapi.TokenCreateRequest{Policies: []string{"tazala-scanner-reveal-test"}, DisplayName: "scanner"})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("VAULT_TOKEN", sec.Auth.ClientToken)
	code, out, e = runCLI(t, "", "reveal", "--store", store, "--token", phoneTok, "--reason", "subject access request", "--request-ref", "DSAR-45")
	if code == 0 || out != "" || !strings.Contains(e, "permission denied") {
		t.Fatalf("reveal without decrypt rights: exit %d, out %q, err %q", code, out, e)
	}

	rows, err := tsfile.ReadAudit(auditPath)
	if err != nil {
		t.Fatal(err)
	}
	var outcomes []string
	for _, r := range rows {
		outcomes = append(outcomes, r.RequestRef+":"+r.Outcome)
		if !strings.HasPrefix(r.Actor, "dpo-test (vault: ") || r.Reason == "" || r.Action != "reveal" {
			t.Errorf("audit row %s: actor %q, reason %q, action %q", r.RequestRef, r.Actor, r.Reason, r.Action)
		}
	}
	want := "DSAR-42:granted DSAR-42:granted DSAR-44:refused: unknown token DSAR-43:refused: blocked DSAR-45:granted DSAR-45:failed: decrypt denied"
	if got := strings.Join(outcomes, " "); got != want {
		t.Errorf("audit outcomes:\n got %s\nwant %s", got, want)
	}
	if rows[0].LegalBasis != "art. 15" || rows[0].Kind != tazala.KindIIN {
		t.Errorf("first audit row: legal basis %q, kind %v", rows[0].LegalBasis, rows[0].Kind)
	}
	raw, _ := os.ReadFile(auditPath)
	for _, v := range values {
		if strings.Contains(string(raw), v) {
			t.Fatal("the audit log holds a value")
		}
	}
}

// TestRevealUsage: reveal needs a token, a real reason and a request
// reference; usage errors exit 2 before anything is opened.
func TestRevealUsage(t *testing.T) {
	store := filepath.Join(t.TempDir(), "tokens.jsonl")
	for _, args := range [][]string{
		{"--token", "tk_aaaaaaaaaaaaaaaaaaaaaaaa", "--reason", "x", "--request-ref", "R"},
		{"--token", "tk_aaaaaaaaaaaaaaaaaaaaaaaa", "--reason", "subject access request", "--request-ref", " "},
		{"--token", "900101300017", "--reason", "subject access request", "--request-ref", "R"},
		{"--token", "tk_aaaaaaaaaaaaaaaaaaaaaaaa", "--request-ref", "R"},
		{"--token", "tk_aaaaaaaaaaaaaaaaaaaaaaaa", "--reason", "subject access request"},
	} {
		code, out, e := runCLI(t, "", append([]string{"reveal", "--store", store}, args...)...)
		if code != exitUsage || out != "" {
			t.Errorf("%v: exit %d (stderr %q), want %d", args, code, e, exitUsage)
		}
		if strings.Contains(e, "900101300017") {
			t.Errorf("%v: the usage error repeats the value", args)
		}
	}
	if _, err := os.Stat(store); err == nil {
		t.Error("a usage error created the store")
	}
}
