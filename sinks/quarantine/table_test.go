package quarantine_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/rules/rulestest"
	"github.com/tazala/tazala/scanner"
	"github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/quarantine"
)

func TestMain(m *testing.M) { stack.Main(m) }

// TestTableOnEngine: the quarantine table on the embedded engine holds
// each record once, masked, with its coordinates, reason and event time,
// after a repeated call and a replay cut into another call.
func TestTableOnEngine(t *testing.T) {
	stack.NeedCHDB(t)
	ctx := context.Background()
	st, err := chdb.Open(ctx, chdb.Config{Dir: filepath.Join(t.TempDir(), "store")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q := quarantine.NewTable(st)
	at := time.Date(2026, 11, 30, 9, 15, 42, 123e6, time.UTC)
	recs := []pipeline.Quarantined{
		{Source: "payments", Partition: 2, Offset: 7, Time: at, Masked: pipeline.MaskRecord([]byte(`{"iin":"900101300017","note":"it's\t\\"}`)), Reason: `pipeline: a user rule timed out: record "payments"/2@7..7`},
		{Source: "payments", Partition: 2, Offset: 8, Masked: []byte("***"), Reason: "pipeline: internal error"},
	}
	for _, b := range [][]pipeline.Quarantined{recs, recs, recs[1:], {recs[0], recs[0]}} {
		if err := q.Quarantine(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	var rows []struct {
		Source    string `json:"source"`
		Partition int32  `json:"partition"`
		Offset    int64  `json:"offset"`
		Event     string `json:"event"`
		Reason    string `json:"reason"`
		Masked    string `json:"masked"`
	}
	if err := st.Select(ctx, &rows, "SELECT source, partition, offset, toString(event_time) AS event, reason, masked FROM quarantine FINAL ORDER BY offset"); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2: %+v", len(rows), rows)
	}
	r := rows[0]
	if r.Source != "payments" || r.Partition != 2 || r.Offset != 7 || r.Event != "2026-11-30 09:15:42.123" || r.Reason != recs[0].Reason ||
		r.Masked != string(recs[0].Masked) || strings.Contains(r.Masked, "900101300017") {
		t.Errorf("row %+v", r)
	}
	var n []struct {
		N uint64 `json:"n"`
	}
	if err := st.Select(ctx, &n, "SELECT count() AS n FROM quarantine"); err != nil {
		t.Fatal(err)
	}
	if n[0].N != 4 { // the repeated call dropped, the other cuts kept (and hidden by FINAL)
		t.Errorf("the table holds %d rows before merges, want 4: the repeated call was not deduplicated", n[0].N)
	}
}

// oneBatch is a source of one batch.
type oneBatch struct {
	recs  []tazala.Record
	done  bool
	acked bool
}

func (s *oneBatch) Next(ctx context.Context) (tazala.Batch, error) {
	if s.done {
		return tazala.Batch{}, tazala.ErrEndOfInput
	}
	s.done = true
	return tazala.Batch{Records: s.recs, Ack: func(context.Context) error { s.acked = true; return nil }}, nil
}

func (s *oneBatch) Close() error { return nil }

// TestRunnerQuarantinesIntoTable: the runner with the real processing step
// and the embedded store as sink and quarantine: a record a user rule
// timed out on lands in the quarantine table masked, with its reason; the
// others in redacted_records; the batch is acknowledged.
func TestRunnerQuarantinesIntoTable(t *testing.T) {
	stack.NeedCHDB(t)
	ctx := context.Background()
	set := rulestest.SlowSet(t)
	p, err := pipeline.NewProcessor(pipeline.ProcessorConfig{Scanner: scanner.Config{Rules: set}})
	if err != nil {
		t.Fatal(err)
	}
	st, err := chdb.Open(ctx, chdb.Config{Dir: filepath.Join(t.TempDir(), "store")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const iin = "900101300017"
	src := &oneBatch{recs: []tazala.Record{
		{Source: "t", Offset: 0, Value: []byte(`{"iin":"` + iin + `"}`)},
		{Source: "t", Offset: 1, Value: []byte(rulestest.StuckText + " iin " + iin)},
		{Source: "t", Offset: 2, Value: []byte(`ok`)},
	}}
	r, err := pipeline.NewRunner(pipeline.RunConfig{Source: src, Step: p, Sinks: []tazala.Sink{st}, Quarantine: quarantine.NewTable(st)})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Run(ctx); err != nil {
		t.Fatal(err)
	}
	var q []struct {
		Offset int64  `json:"offset"`
		Reason string `json:"reason"`
		Masked string `json:"masked"`
	}
	if err := st.Select(ctx, &q, "SELECT offset, reason, masked FROM quarantine FINAL"); err != nil {
		t.Fatal(err)
	}
	if len(q) != 1 || q[0].Offset != 1 || !strings.Contains(q[0].Reason, "user rule timed out") || strings.Contains(q[0].Masked, iin) || !strings.HasPrefix(q[0].Masked, "*=***") {
		t.Fatalf("quarantine holds %+v, want offset 1 masked with its reason", q)
	}
	var recs []struct {
		Offset int64 `json:"offset"`
	}
	if err := st.Select(ctx, &recs, "SELECT offset FROM records_v ORDER BY offset"); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Offset != 0 || recs[1].Offset != 2 || !src.acked {
		t.Fatalf("records %+v, acked %v; want offsets 0 and 2 and the batch acknowledged", recs, src.acked)
	}
}
