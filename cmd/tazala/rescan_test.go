package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy/policytest"
)

// TestRescanCommand: records stored while e-mail detection was off are
// redacted and indexed by `tazala rescan`; a second run finds nothing.
func TestRescanCommand(t *testing.T) {
	f := newPolicyFixture(t, "local.key")
	key, tk, db := f.key, f.tk, f.db
	ctx := context.Background()
	g := synth.New(31)
	var recs []tazala.Record
	for i := range 12 {
		p := policytest.Person{IIN: g.IIN(), Phone: fmt.Sprintf("+7 702 %03d 11 22", 300+i), Email: fmt.Sprintf("buyer%d@mail.example.kz", i), Name: "Серикова Алма Ерлановна", PAN: g.PAN()}
		recs = append(recs, policytest.Payment("payments", int64(i+1), at("2026-03-01"), p, 100))
	}
	cfg := policytest.ProcessorConfig(db, tk, nil)
	cfg.Scanner.Disabled = []tazala.Kind{tazala.KindEmail}
	if _, err := policytest.IngestWith(ctx, db, cfg, recs); err != nil {
		t.Fatal(err)
	}
	args := []string{"rescan", "--store", f.store, "--key-file", key, "--source", "payments"}
	code, out, e := runCLI(t, "", args...)
	t.Logf("$ tazala %s\n%s%s", strings.Join(args, " "), out, e)
	if code != 0 || !strings.Contains(out, "rescanned 12 records: 12 with new findings redacted and indexed\n  email: 12") ||
		!strings.Contains(e, "[##############################] 12/12 records, 12 new findings") {
		t.Fatalf("rescan: exit %d\n%s%s", code, out, e)
	}
	if strings.Contains(out+e, "@mail.example.kz") {
		t.Error("rescan printed a value")
	}
	code, out, _ = runCLI(t, "", append(args, "-q")...)
	if code != 0 || !strings.Contains(out, "rescanned 12 records: 0 with new findings") {
		t.Errorf("second rescan: exit %d\n%s", code, out)
	}
}
