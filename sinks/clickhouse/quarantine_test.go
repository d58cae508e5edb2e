package clickhouse_test

import (
	"context"
	"testing"

	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/sinks/quarantine"
)

// TestQuarantineTableHTTP: the quarantine table written through
// clickhouse-go/v2's HTTP protocol (as the writer, against the embedded
// engine's HTTP interface): array parameters whose elements hold quotes
// and backslashes arrive intact, and a repeated call adds nothing.
func TestQuarantineTableHTTP(t *testing.T) {
	b := embeddedBackend(t)
	s := openStore(t, b, t.TempDir())
	defer s.Close()
	ctx := context.Background()
	recs := []pipeline.Quarantined{
		{Source: "q", Offset: 1, Masked: []byte(`{"note":"**'*\\*\\\\"}`), Reason: `pipeline: a user rule timed out: record "q"/0@1..1`},
		{Source: "q", Offset: 2, Masked: []byte("*** **"), Reason: "pipeline: internal error"},
	}
	q := quarantine.NewTable(s)
	for range 2 {
		if err := q.Quarantine(ctx, recs); err != nil {
			t.Fatal(err)
		}
	}
	var rows []struct {
		Offset int64  `json:"offset"`
		Reason string `json:"reason"`
		Masked string `json:"masked"`
	}
	if err := s.Select(ctx, &rows, "SELECT offset, reason, masked FROM quarantine ORDER BY offset"); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2 (the repeated call deduplicated): %+v", len(rows), rows)
	}
	for i, r := range rows {
		if r.Offset != recs[i].Offset || r.Reason != recs[i].Reason || r.Masked != string(recs[i].Masked) {
			t.Errorf("row %d: %+v, want %+v", i, r, recs[i])
		}
	}
}
