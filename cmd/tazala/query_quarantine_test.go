package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/pipeline"
	schdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/quarantine"
)

// TestQueryQuarantine: `tazala query quarantine` lists the store's
// quarantine table (masked records and their reasons), once per record.
func TestQueryQuarantine(t *testing.T) {
	stack.NeedCHDB(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "store")
	st, err := schdb.Open(ctx, schdb.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	q := quarantine.NewTable(st)
	rec := pipeline.Quarantined{Source: "payments.transactions", Partition: 3, Offset: 41, Time: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC),
		Masked: pipeline.MaskRecord([]byte(`{"iin":"900101300017","note":"k=xxxx"}`)), Reason: `pipeline: a user rule timed out: record "payments.transactions"/3@41..41`}
	for range 2 { // a replay
		if err := q.Quarantine(ctx, []pipeline.Quarantined{rec}); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	code, out, errOut := runCLI(t, "", "query", "--store", "chdb:"+dir, "--format", "csv", "quarantine")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], `"source","partition","offset","event_time","quarantined_at","reason","masked"`) ||
		!strings.Contains(lines[1], `"payments.transactions",3,41,`) || !strings.Contains(lines[1], "user rule timed out") ||
		!strings.Contains(lines[1], `""iin"":""************""`) || strings.Contains(out, "900101300017") {
		t.Fatalf("tazala query quarantine:\n%s", out)
	}
}
