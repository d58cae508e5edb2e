package main

import (
	"context"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/policy/policytest"
)

// TestGrantConsentCommand: a customer withdraws consent, writes to support
// (stored masked), gives consent again by command (audited in
// subject_events and audit_log), writes again (stored as hers, indexed
// under her subject), withdraws again (masked again); payments, a
// statutory hold, are untouched throughout and cannot be named.
func TestGrantConsentCommand(t *testing.T) {
	f := newPolicyFixture(t, "local.key")
	store := f.store
	ctx := context.Background()
	g := synth.New(7)
	aig := policytest.Person{IIN: g.IIN(), Phone: "+7 701 289 38 37", Email: "aigerim.zh@mail.example.kz", Name: "Жумабекова Айгерим Сериковна", PAN: g.PAN()}
	ledger := policy.NewLedger(policy.LedgerConfig{DB: f.db})
	ingest := func(recs ...tazala.Record) []tazala.Output {
		t.Helper()
		outs, err := policytest.Ingest(ctx, f.db, f.tk, ledger, recs)
		if err != nil {
			t.Fatal(err)
		}
		return outs
	}
	ingest(policytest.Payment("payments", 1, at("2026-03-10"), aig, 4500), policytest.SupportRequest(1, at("2026-06-01"), aig))
	common := []string{"--store", store, "--key-file", f.key, "--actor", "dpo@ioka", "--now", "2026-07-01", "--email", "-"}
	cli := func(want int, verb string, extra ...string) string {
		t.Helper()
		args := append(append([]string{"subject", verb}, common...), extra...)
		code, out, errOut := runCLI(t, aig.Email+"\n", args...)
		t.Logf("$ tazala %s\n%s%s", strings.Join(args, " "), out, errOut)
		if code != want {
			t.Fatalf("exit %d, want %d: %s", code, want, errOut)
		}
		for _, v := range []string{aig.Email, aig.IIN, aig.Phone, aig.PAN} {
			if strings.Contains(out+errOut, v) {
				t.Errorf("tazala subject %s printed a value", verb)
			}
		}
		return out + errOut
	}
	subjectOf := func(o tazala.Output) string { return o.Subject }

	cli(0, "revoke-consent", "--request-ref", "REQ-1")
	if s := subjectOf(ingest(policytest.SupportRequest(2, at("2026-07-02"), aig))[0]); s != "" {
		t.Fatalf("a support request after the withdrawal has subject %q, want none (masked)", s)
	}
	out := cli(2, "grant-consent", "--request-ref", "REQ-2", "--purpose", "payments")
	if !strings.Contains(out, "not until consent is withdrawn") {
		t.Errorf("grant-consent --purpose payments: %s", out)
	}
	out = cli(0, "grant-consent", "--request-ref", "REQ-2", "--reason", "consented again by e-mail", "--purpose", "support")
	for _, w := range []string{"subject.grant_consent: subject tk_", "done: purpose support: consent given again", "kept: payments: 1 records until 2031-03-10: statutory hold"} {
		if !strings.Contains(out, w) {
			t.Errorf("grant-consent output lacks %q", w)
		}
	}
	o := ingest(policytest.SupportRequest(3, at("2026-07-03"), aig))[0]
	if o.Subject == "" || strings.Contains(string(o.Record.Value), "***") {
		t.Fatalf("a support request after consent was given again is still masked: subject %q, %s", o.Subject, o.Record.Value)
	}
	// notifications were not named: still withdrawn
	if s := subjectOf(ingest(policytest.Notification(1, at("2026-07-03"), aig))[0]); s != "" {
		t.Errorf("a notification (consent not given back) has subject %q", s)
	}
	var rows []struct {
		Event   string `json:"event"`
		Purpose string `json:"purpose"`
		Ref     string `json:"request_ref"`
	}
	if err := f.db.Select(ctx, &rows, "SELECT DISTINCT event, purpose, request_ref FROM subject_events WHERE event = 'consent_granted'"); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Purpose != "support" || rows[0].Ref != "REQ-2" {
		t.Errorf("subject_events consent_granted rows: %+v", rows)
	}
	var audit []struct {
		Outcome string `json:"outcome"`
		Detail  string `json:"detail"`
	}
	if err := f.db.Select(ctx, &audit, "SELECT outcome, detail FROM audit_log WHERE action = 'subject.grant_consent' ORDER BY time"); err != nil {
		t.Fatal(err)
	}
	if len(audit) != 1 || audit[0].Outcome != "consent granted" || !strings.Contains(audit[0].Detail, "purposes=support") {
		t.Errorf("audit rows: %+v", audit)
	}
	out = cli(0, "report", "--format", "json")
	if strings.Contains(out, `"consent_withdrawn": true`) {
		t.Errorf("the report still shows support's consent as ended:\n%s", out)
	}
	// given again twice: nothing more happens
	out = cli(0, "grant-consent", "--request-ref", "REQ-3", "--purpose", "support")
	if !strings.Contains(out, "consent was not withdrawn: nothing to change") {
		t.Errorf("second grant: %s", out)
	}
	// and withdrawn again: masked again
	cli(0, "revoke-consent", "--request-ref", "REQ-4")
	if s := subjectOf(ingest(policytest.SupportRequest(4, at("2026-07-04"), aig))[0]); s != "" {
		t.Fatalf("a support request after the second withdrawal has subject %q", s)
	}
	// the payments stayed as they were
	var pay []struct {
		N uint64 `json:"n"`
	}
	if err := f.db.Select(ctx, &pay, "SELECT count() AS n FROM records_v WHERE source = 'payments' AND subject != ''"); err != nil {
		t.Fatal(err)
	}
	if pay[0].N != 1 {
		t.Errorf("%d payments of hers, want 1", pay[0].N)
	}
}
