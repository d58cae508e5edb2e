package main

import (
	"context"
	"strings"
	"testing"

	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy/policytest"
)

// TestRevealStore: reveal on the ClickHouse token vault with the real
// Vault: granted with a request reference; a state body's request needs
// who authorized it (§10); refused once the subject is erased, and every
// attempt is in audit_log.
func TestRevealStore(t *testing.T) {
	f := newVaultFixture(t)
	g := synth.New(5)
	p := policytest.Person{IIN: g.IIN(), Phone: "+7 701 555 12 34", Email: "dana.k@mail.example.kz", Name: "Кенжебаева Дана Ериковна", PAN: g.PAN()}
	iinTok := ingestPaymentAndRequest(t, f.db, f.tk, p)[0].Subject
	store := f.store
	base := []string{"reveal", "--store", store, "--token", "[IIN:" + iinTok + "]", "--reason", "customer's access request", "--request-ref", "DSAR-7"}
	code, out, e := runCLI(t, "", base...)
	if code != 0 || strings.TrimSpace(out) != p.IIN {
		t.Fatalf("reveal: exit %d, %s", code, e)
	}
	code, _, e = runCLI(t, "", append(base, "--requester", "state-body")...)
	if code != exitUsage || !strings.Contains(e, "§10") {
		t.Errorf("state body without authorization: exit %d: %s", code, e)
	}
	code, out, _ = runCLI(t, "", append(base, "--requester", "state-body", "--authorized-by", "deputy prosecutor, order 4/17", "--legal-basis", "Law on personal data art. 9")...)
	if code != 0 || strings.TrimSpace(out) != p.IIN {
		t.Errorf("authorized state body: exit %d", code)
	}
	code, _, e = runCLI(t, "", "subject", "erase", "--store", store, "--tokenizer", "vault", "--email", p.Email, "--request-ref", "ER-1")
	if code != 0 {
		t.Fatalf("erase: exit %d: %s", code, e)
	}
	code, out, e = runCLI(t, "", base...)
	if code != exitFailure || strings.Contains(out, p.IIN) || !strings.Contains(e, "erased") {
		t.Errorf("reveal after erasure: exit %d, %s", code, e)
	}
	var rows []struct {
		Outcome string `json:"outcome"`
		Reason  string `json:"reason"`
	}
	if err := f.db.Select(context.Background(), &rows, `SELECT outcome, reason FROM audit_log WHERE action = 'reveal' ORDER BY time`); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Outcome)
		if strings.Contains(r.Reason, p.IIN) {
			t.Error("audit row holds the value")
		}
	}
	if strings.Join(got, ",") != "granted,granted,refused: erased" {
		t.Errorf("reveal audit %v", got)
	}
}
