package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/chhttp"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy/policytest"
	schdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
	"github.com/tazala/tazala/tokenize/vault"
)

// TestSubjectThroughOwner: while another process owns the embedded store
// (tazala serve, as the daemon does), the subject commands reach it
// through its HTTP interface as the writer, with Vault tokens: block,
// unblock, erase and reveal keep working.
func TestSubjectThroughOwner(t *testing.T) {
	stack.NeedCHDB(t)
	v, err := stack.StartVault(context.Background(), stack.VaultConfig{Bin: stack.NeedVaultBin(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Stop() })
	t.Setenv("VAULT_ADDR", v.URL)
	t.Setenv("VAULT_TOKEN", v.Token)
	t.Setenv(chhttp.EnvVaultPassword, "v-pass") // the token vault goes as the vault user
	ctx := context.Background()
	tk, err := vault.New(ctx, vault.Config{Addr: v.URL, Token: v.Token, Encrypt: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tk.Close()
	dir := filepath.Join(t.TempDir(), "store")
	db, err := schdb.OpenDB(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := chschema.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	g := synth.New(6)
	p := policytest.Person{IIN: g.IIN(), Phone: "+7 701 555 77 88", Email: "marat.b@mail.example.kz", Name: "Байтуров Марат Ерланович", PAN: g.PAN()}
	outs, err := policytest.Ingest(ctx, db, tk, nil, []tazala.Record{policytest.Payment("payments", 1, at("2026-03-01"), p, 100),
		policytest.SupportRequest(1, at("2026-04-01"), p)})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	iinTok := outs[0].Subject
	_, stop := startServe(t, dir)
	defer stop()
	store := "chdb:" + dir
	sub := func(verb string, extra ...string) (int, string) {
		code, out, e := runCLI(t, "", append([]string{"subject", verb, "--store", store, "--tokenizer", "vault", "--email", p.Email}, extra...)...)
		t.Logf("subject %s: exit %d\n%s%s", verb, code, out, e)
		return code, out + e
	}
	reveal := func() (int, string) {
		code, out, e := runCLI(t, "", "reveal", "--store", store, "--token", iinTok, "--reason", "customer's access request", "--request-ref", "DSAR-9")
		t.Logf("reveal: exit %d %s", code, e)
		return code, out + e
	}
	if code, out := sub("report", "--request-ref", "DSAR-9"); code != 0 || !strings.Contains(out, "| payments: ") {
		t.Fatalf("report through the owner: %d", code)
	}
	if code, _ := sub("block", "--request-ref", "B-1"); code != 0 {
		t.Fatal("block through the owner")
	}
	if code, out := reveal(); code == 0 || strings.Contains(out, p.IIN) {
		t.Error("revealed a blocked subject")
	}
	if code, _ := sub("unblock", "--request-ref", "B-1"); code != 0 {
		t.Fatal("unblock through the owner")
	}
	if code, out := reveal(); code != 0 || !strings.Contains(out, p.IIN) {
		t.Errorf("reveal after unblock: %d", code)
	}
	if code, _ := sub("erase", "--request-ref", "E-1"); code != 0 {
		t.Fatal("erase through the owner")
	}
	if code, out := reveal(); code == 0 || strings.Contains(out, p.IIN) {
		t.Error("revealed an erased subject")
	}
}
