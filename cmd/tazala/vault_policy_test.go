package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tazala/tazala/internal/stack"
)

// TestShippedPoliciesOnlyDPODecrypts (issue 10, item 13): of the Vault
// policies tazala ships (scripts/vault/*.hcl), only tazala-dpo grants
// decrypt: the real guard of reveal is Vault's policy, not the client.
func TestShippedPoliciesOnlyDPODecrypts(t *testing.T) {
	files, _ := filepath.Glob("../../scripts/vault/*.hcl")
	if len(files) < 2 {
		t.Fatalf("shipped policies: %v", files)
	}
	comment := regexp.MustCompile(`(?m)#.*$`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		body := comment.ReplaceAllString(string(b), "")
		has := strings.Contains(body, "decrypt") || strings.Contains(body, "transit/*") || strings.Contains(body, `"sudo"`)
		if dpo := filepath.Base(f) == "tazala-dpo.hcl"; has != dpo {
			t.Errorf("%s: grants decrypt = %v, want %v", filepath.Base(f), has, dpo)
		}
	}
}

// TestVaultPoliciesAndAudit (issue 10, item 13) runs scripts/vault-setup.sh
// (what `make stack-up` runs) against a real Vault dev server: the scanner
// token tokenizes but Vault refuses it decrypt, whatever client asks; the
// DPO token reveals; and Vault's own file audit device holds a line for
// the decrypt, with the ciphertext and the value HMAC'd, never in clear.
func TestVaultPoliciesAndAudit(t *testing.T) {
	bin := stack.NeedVaultBin(t)
	v, err := stack.StartVault(context.Background(), stack.VaultConfig{Bin: bin})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Stop() })
	dir := t.TempDir()
	auditLog := filepath.Join(dir, "vault-audit.log")
	tokDir := filepath.Join(dir, "tokens")
	setup := exec.Command("../../scripts/vault-setup.sh")
	setup.Env = append(os.Environ(), "VAULT_BIN="+bin, "VAULT_ADDR="+v.URL, "VAULT_TOKEN="+v.Token,
		"TAZALA_VAULT_AUDIT_LOG="+auditLog, "TAZALA_VAULT_TOKEN_DIR="+tokDir)
	if out, err := setup.CombinedOutput(); err != nil {
		t.Fatalf("vault-setup.sh: %v\n%s", err, out)
	}
	// idempotent: a second run changes nothing and keeps the tokens
	scannerTok, _ := os.ReadFile(filepath.Join(tokDir, "scanner.token"))
	setup = exec.Command(setup.Path)
	setup.Env = append(os.Environ(), "VAULT_BIN="+bin, "VAULT_ADDR="+v.URL, "VAULT_TOKEN="+v.Token,
		"TAZALA_VAULT_AUDIT_LOG="+auditLog, "TAZALA_VAULT_TOKEN_DIR="+tokDir)
	if out, err := setup.CombinedOutput(); err != nil {
		t.Fatalf("vault-setup.sh again: %v\n%s", err, out)
	}
	if again, _ := os.ReadFile(filepath.Join(tokDir, "scanner.token")); string(again) != string(scannerTok) || len(scannerTok) == 0 {
		t.Error("a second vault-setup.sh replaced a valid token")
	}
	dpoTok, _ := os.ReadFile(filepath.Join(tokDir, "dpo.token"))

	t.Setenv("VAULT_ADDR", v.URL)
	t.Setenv("VAULT_TOKEN", string(scannerTok))
	t.Setenv("USER", "dpo-test")
	store := filepath.Join(dir, "tokens.jsonl")
	code, out, e := runCLI(t, "ИИН 900101300017\n", "scan", "-q", "--tokenizer", "vault", "--token-store", store, "-")
	if code != 0 {
		t.Fatalf("scan with the scanner token: exit %d: %s", code, e)
	}
	tok := regexp.MustCompile(`tk_[a-z2-7]+`).FindString(out)
	rb, _ := os.ReadFile(store)
	ciphertext := regexp.MustCompile(`vault:v\d+:[A-Za-z0-9+/=]+`).FindString(string(rb))
	if tok == "" || ciphertext == "" {
		t.Fatalf("no token in the output or no ciphertext in the token vault")
	}

	// the scanner credential cannot decrypt, whatever the client: a
	// hand-written request straight to Vault is refused
	c, err := v.Client()
	if err != nil {
		t.Fatal(err)
	}
	c.SetToken(string(scannerTok))
	if _, err := c.Logical().Write("transit/decrypt/tazala-pii", map[string]any{"ciphertext": ciphertext}); err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("decrypt with the scanner token: err = %v, want permission denied", err)
	}
	args := []string{"reveal", "--store", store, "--token", tok, "--reason", "subject access request", "--request-ref", "DSAR-7"}
	if code, out, _ := runCLI(t, "", args...); code == 0 || out != "" {
		t.Fatalf("reveal with the scanner token: exit %d, out %q", code, out)
	}

	t.Setenv("VAULT_TOKEN", string(dpoTok))
	if code, out, e := runCLI(t, "", args...); code != 0 || strings.TrimSpace(out) != "900101300017" {
		t.Fatalf("reveal with the DPO token: exit %d, stderr %q", code, e)
	}

	// Vault's audit device: the DPO's decrypt is on record, HMAC'd
	f, err := os.Open(auditLog)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw, _ := os.ReadFile(auditLog)
	for _, clear := range []string{"900101300017", base64.StdEncoding.EncodeToString([]byte("900101300017")), ciphertext, string(dpoTok)} {
		if strings.Contains(string(raw), clear) {
			t.Fatal("Vault's audit log holds a value, a ciphertext or a token in clear")
		}
	}
	var granted, denied int
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var ev struct {
			Type  string `json:"type"`
			Error string `json:"error"`
			Auth  struct {
				DisplayName string `json:"display_name"`
			} `json:"auth"`
			Request struct {
				Path string         `json:"path"`
				Data map[string]any `json:"data"`
			} `json:"request"`
			Response struct {
				Data map[string]any `json:"data"`
			} `json:"response"`
		}
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("audit line is not JSON: %v", err)
		}
		if ev.Type != "response" || ev.Request.Path != "transit/decrypt/tazala-pii" {
			continue
		}
		if ct, _ := ev.Request.Data["ciphertext"].(string); !strings.HasPrefix(ct, "hmac-sha256:") {
			t.Errorf("audited ciphertext is not HMAC'd")
		}
		switch {
		case ev.Error != "":
			denied++
		case strings.Contains(ev.Auth.DisplayName, "tazala-dpo"):
			if pt, _ := ev.Response.Data["plaintext"].(string); !strings.HasPrefix(pt, "hmac-sha256:") {
				t.Errorf("audited plaintext is not HMAC'd")
			}
			granted++
		}
	}
	if granted != 1 || denied != 1 {
		t.Errorf("audit log: %d granted and %d denied decrypts, want 1 and 1", granted, denied)
	}
}
