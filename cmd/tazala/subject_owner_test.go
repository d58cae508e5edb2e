package main

import (
	"strings"
	"testing"

	"github.com/tazala/tazala/chhttp"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy/policytest"
)

// TestSubjectThroughOwner: while another process owns the embedded store
// (tazala serve, as the daemon does), the subject commands reach it
// through its HTTP interface as the writer, with Vault tokens: block,
// unblock, erase and reveal keep working.
func TestSubjectThroughOwner(t *testing.T) {
	f := newVaultFixture(t)
	t.Setenv(chhttp.EnvVaultPassword, "v-pass") // the token vault goes as the vault user
	g := synth.New(6)
	p := policytest.Person{IIN: g.IIN(), Phone: "+7 701 555 77 88", Email: "marat.b@mail.example.kz", Name: "Байтуров Марат Ерланович", PAN: g.PAN()}
	iinTok := ingestPaymentAndRequest(t, f.db, f.tk, p)[0].Subject
	f.closeDB()
	_, stop := startServe(t, f.dir)
	defer stop()
	store := f.store
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
