package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy/policytest"
	"github.com/tazala/tazala/scanner"
)

func at(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t.Add(10 * time.Hour)
}

// TestSubjectCommands walks a customer's requests through the CLI on the
// embedded engine: report by phone read from stdin, revoke consent, erase
// (twice), retention across the payment deadline, a merchant export with
// no card data; usage errors for a missing identifier or request reference.
// With -v it prints every command's output (docs/policy.md quotes it).
func TestSubjectCommands(t *testing.T) {
	f := newPolicyFixture(t, "local.key")
	key, tk, db := f.key, f.tk, f.db
	store := f.store
	ctx := context.Background()
	g := synth.New(99)
	aig := policytest.Person{IIN: g.IIN(), Phone: "+7 701 289 38 37", Email: "aigerim.zh@mail.example.kz", Name: "Жумабекова Айгерим Сериковна", PAN: g.PAN()}
	bob := policytest.Person{IIN: g.IIN(), Phone: "+7 705 268 33 34", Email: "erlan.o@inbox.example.kz", Name: "Оспанов Ерлан Маратович", PAN: g.PAN()}
	if _, err := policytest.Ingest(ctx, db, tk, nil, []tazala.Record{
		policytest.Payment("payments", 1, at("2026-03-10"), aig, 4500),
		policytest.Payment("payments", 2, at("2026-03-11"), bob, 12000),
		policytest.Payment("payments", 3, at("2026-05-20"), aig, 7800),
		policytest.Notification(1, at("2026-05-20"), aig),
		policytest.SupportRequest(1, at("2026-06-01"), aig),
		policytest.SupportRequest(2, at("2026-06-02"), bob),
	}); err != nil {
		t.Fatal(err)
	}
	common := []string{"--store", store, "--key-file", key, "--actor", "dpo@ioka", "--now", "2026-07-01"}
	values := []string{aig.IIN, aig.Phone, "+77012893837", aig.Email, aig.PAN, "Жумабекова", bob.IIN, bob.PAN}
	cli := func(stdin string, want int, args ...string) string {
		t.Helper()
		code, out, errOut := runCLI(t, stdin, args...)
		t.Logf("$ tazala %s\n%s%s", strings.Join(args, " "), out, errOut)
		if code != want {
			t.Fatalf("exit %d, want %d: %s", code, want, errOut)
		}
		for _, v := range values {
			if strings.Contains(out, v) || strings.Contains(errOut, v) {
				t.Errorf("tazala %s printed a value", args[0])
			}
		}
		return out + errOut
	}
	sub := func(verb string, extra ...string) []string {
		return append(append([]string{"subject", verb}, common...), extra...)
	}

	out := cli(aig.Phone+"\n", 0, sub("report", "--phone", "-")...)
	for _, w := range []string{"| payments: ", "| 2 | 2026-03-10 | 2026-05-20 | 2031-05-20: 5y from the event (statutory) |", "| support: ", "until consent is withdrawn",
		"card details", "(merchant) | payments | purchase | FIO, IIN, phone, e-mail, transaction data |", "| given |"} {
		if !strings.Contains(out, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	// the merchant gets the payments without card data
	out = cli("", 0, "export", "--store", store, "--recipient", "merchant", "--request-ref", "M-2026-07", "--now", "2026-07-01")
	sc := scanner.New(scanner.Config{})
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, line := range lines[:len(lines)-1] {
		for _, f := range sc.Scan([]byte(line), nil) {
			if f.Kind == tazala.KindPAN || f.Kind == tazala.KindExpiry || f.Kind == tazala.KindCVV {
				t.Errorf("merchant export holds a %s", f.Kind)
			}
		}
		if strings.Contains(line, "[PAN:") || strings.Contains(line, "[EXP:") || !strings.Contains(line, "[IIN:tk_") {
			t.Errorf("merchant export line: card token present or IIN token missing")
		}
	}
	if len(lines) != 4 || !strings.Contains(out, "export to merchant: 3 records; 6 tokens") {
		t.Errorf("export summary:\n%s", out)
	}
	cli("", 2, sub("report")...)                                                        // no identifier
	cli("", 2, sub("erase", "--email", aig.Email)...)                                   // no request reference
	cli(aig.Email+"\n"+aig.IIN+"\n", 2, sub("report", "--email", "-", "--iin", "-")...) // two from stdin
	out = cli("", 0, sub("revoke-consent", "--email", aig.Email, "--request-ref", "REQ-2", "--reason", "withdrew consent by e-mail")...)
	if !strings.Contains(out, "purpose support ended: 1 records deleted") || !strings.Contains(out, "kept: payments: 2 records until 2031-05-20: statutory hold") {
		t.Errorf("revoke-consent output:\n%s", out)
	}
	out = cli(aig.IIN+"\n", 0, sub("erase", "--iin", "-", "--request-ref", "REQ-3", "--reason", "asked for destruction")...)
	if !strings.Contains(out, "erasure ledger: 5 tokens added") || !strings.Contains(out, "kept: payments: 2 records") {
		t.Errorf("erase output:\n%s", out)
	}
	out = cli(aig.IIN+"\n", 0, sub("erase", "--iin", "-", "--request-ref", "REQ-3")...)
	if !strings.Contains(out, "nothing more to erase") {
		t.Errorf("second erase:\n%s", out)
	}
	out = cli("", 0, sub("report", "--email", aig.Email, "--format", "json")...)
	if !strings.Contains(out, `"erased": true`) || !strings.Contains(out, `"event": "erasure_deferred"`) {
		t.Errorf("report after erase:\n%s", out)
	}
	out = cli("", 0, sub("report", "--phone", aig.Phone)...)
	if !strings.Contains(out, "**Status:** erased") || !strings.Contains(out, "| erasure_deferred | payments | REQ-3 |") {
		t.Errorf("markdown report after erase:\n%s", out)
	}
	// Bob is blocked: the exports leave him out, retention skips him
	cli("", 0, sub("block", "--iin", bob.IIN, "--request-ref", "BLK-1", "--reason", "disputes a charge")...)
	out = cli("", 0, "export", "--store", store, "--recipient", "merchant", "--request-ref", "M-2026-08", "--now", "2026-07-01")
	if !strings.Contains(out, "export to merchant: 0 records; 0 tokens of categories it may not receive withheld; 1 records of blocked and 2 of erased subjects left out") {
		t.Errorf("export summary:\n%s", out)
	}
	cli("", 2, "export", "--store", store, "--recipient", "newspaper", "--request-ref", "X")
	ret := []string{"retention", "enforce", "--store", store, "--actor", "cron"}
	out = cli("", 0, append(ret, "--now", "2031-05-21", "--dry-run")...)
	if !strings.Contains(out, "would delete (dry run) payments: 2 records") || !strings.Contains(out, "is blocked: 1 due records kept") {
		t.Errorf("dry run:\n%s", out)
	}
	out = cli("", 0, append(ret, "--now", "2031-05-21")...)
	if !strings.Contains(out, "deleted payments: 2 records") {
		t.Errorf("enforce:\n%s", out)
	}
	cli("", 0, sub("unblock", "--iin", bob.IIN, "--request-ref", "BLK-1")...)
	out = cli("", 0, append(ret, "--now", "2031-05-21")...)
	if !strings.Contains(out, "deleted payments: 1 records") {
		t.Errorf("enforce after unblock:\n%s", out)
	}
}
