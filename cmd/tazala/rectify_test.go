package main

import (
	"strings"
	"testing"

	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy/policytest"
)

// TestRectifyCommand: a corrected e-mail (read from stdin) replaces the
// old one outside payment data; an IIN, held only in payment data, is
// refused with §7.1; usage errors for a missing kind or value.
func TestRectifyCommand(t *testing.T) {
	f := newPolicyFixture(t, "k")
	key, tk, db := f.key, f.tk, f.db
	g := synth.New(17)
	p := policytest.Person{IIN: g.IIN(), Phone: "+7 701 333 44 55", Email: "old.mail@mail.example.kz", Name: "Нурпеисова Гаухар Маратовна", PAN: g.PAN()}
	ingestPaymentAndRequest(t, db, tk, p)
	base := []string{"subject", "rectify", "--store", f.store, "--key-file", key, "--phone", p.Phone, "--request-ref", "RECT-1"}
	code, out, e := runCLI(t, "new.mail@mail.example.kz\n", append(base, "--kind", "email", "--new-value", "-")...)
	t.Logf("%s%s", out, e)
	if code != 0 || !strings.Contains(out, "done: 1 records now hold the corrected email") || !strings.Contains(out, "kept: payments: 1 records until 2031-03-01: §7.1") {
		t.Fatalf("rectify e-mail: exit %d\n%s%s", code, out, e)
	}
	if strings.Contains(out+e, "new.mail@") || strings.Contains(out+e, "old.mail@") {
		t.Error("rectify printed a value")
	}
	code, out, e = runCLI(t, "", append(base, "--kind", "iin", "--new-value", g.IIN())...)
	if code != exitFailure || !strings.Contains(out+e, "payment data, which cannot be changed (§7.1)") {
		t.Errorf("rectify IIN: exit %d\n%s%s", code, out, e)
	}
	if code, _, _ := runCLI(t, "", append(base, "--new-value", "x@mail.example.kz")...); code != exitUsage {
		t.Errorf("no --kind: exit %d", code)
	}
	if code, _, _ := runCLI(t, "", append(base, "--kind", "email")...); code != exitUsage {
		t.Errorf("no --new-value: exit %d", code)
	}
}
