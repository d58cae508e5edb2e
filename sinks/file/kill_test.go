package file

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/tazala/tazala"
)

// killOutputs are the records the kill test writes: offsets from..to of
// one partition, each with one finding.
func killOutputs(from, to int64) []tazala.Output {
	var outs []tazala.Output
	for o := from; o <= to; o++ {
		outs = append(outs, tazala.Output{
			Record:   tazala.Record{Source: "topic", Offset: o, Value: []byte(fmt.Sprintf(`{"n":%d,"iin":"[IIN:tk_x]"}`, o))},
			Findings: []tazala.Finding{{Kind: tazala.KindIIN, Span: tazala.Span{Start: 14, End: 24}, Path: "iin", Detector: "iin", Confidence: 0.99}},
			Tokens:   []tazala.Token{{Kind: tazala.KindIIN, ID: "tk_x"}},
		})
	}
	return outs
}

// TestKillHelper is the process the kill test starts: it writes offsets
// 1..5, then 6..10, and kills itself (SIGKILL) at step $SINK_KILL_AT of
// the second Write.
func TestKillHelper(t *testing.T) {
	dir := os.Getenv("SINK_KILL_DIR")
	if dir == "" {
		t.Skip("run by TestKillBetweenWrites")
	}
	s, err := New(Config{Records: filepath.Join(dir, "records.jsonl"), Index: filepath.Join(dir, "index.jsonl")})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := s.Write(ctx, killOutputs(1, 5)); err != nil {
		t.Fatal(err)
	}
	at := os.Getenv("SINK_KILL_AT")
	crashAt = func(step string) {
		if step == at {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}
	if err := s.Write(ctx, killOutputs(6, 10)); err != nil {
		t.Fatal(err)
	}
	t.Fatal("not killed")
}

// TestKillBetweenWrites kills a process writing through the sink after it
// appended records but before it committed them (after the records, after
// the index rows), and after the commit; then a new sink replays the
// whole range, as the daemon does from the uncommitted Kafka offsets:
// every record and index row is in the files exactly once, in order.
func TestKillBetweenWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	for _, at := range []string{"records", "index", "state"} {
		t.Run("killed after "+at, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.count=1")
			cmd.Env = append(os.Environ(), "SINK_KILL_DIR="+dir, "SINK_KILL_AT="+at)
			out, err := cmd.CombinedOutput()
			ee, ok := err.(*exec.ExitError)
			if !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("helper: %v, want killed:\n%s", err, out)
			}
			recs, idx := filepath.Join(dir, "records.jsonl"), filepath.Join(dir, "index.jsonl")
			if b, _ := os.ReadFile(recs); bytes.Count(b, []byte("\n")) != 10 {
				t.Fatalf("the killed process appended %d records, want all 10 before the kill (else the test proves nothing)", bytes.Count(b, []byte("\n")))
			}
			s, err := New(Config{Records: recs, Index: idx})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Write(context.Background(), killOutputs(1, 10)); err != nil {
				t.Fatal(err)
			}
			s.Close()
			b, _ := os.ReadFile(recs)
			var want bytes.Buffer
			for _, o := range killOutputs(1, 10) {
				want.Write(o.Record.Value)
				want.WriteByte('\n')
			}
			if !bytes.Equal(b, want.Bytes()) {
				t.Fatalf("records after the kill and the replay:\n%s", b)
			}
			b, _ = os.ReadFile(idx)
			lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
			if len(lines) != 10 {
				t.Fatalf("%d index rows after the kill and the replay, want 10:\n%s", len(lines), b)
			}
			for i, l := range lines {
				if !bytes.HasPrefix(l, []byte(`{"line":`+strconv.Itoa(i+1)+`,`)) {
					t.Fatalf("index row %d: %s", i, l)
				}
			}
		})
	}
}

// TestStateVersion1: files and a state file of the earlier version (the
// marks alone) are taken as committed; a replay adds nothing, new records
// are appended, and the state is written in the new form.
func TestStateVersion1(t *testing.T) {
	dir := t.TempDir()
	recs := filepath.Join(dir, "records.jsonl")
	var b bytes.Buffer
	for _, o := range killOutputs(1, 3) {
		b.Write(o.Record.Value)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(recs, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(recs+".offsets", []byte(`{"topic\u00000":3}`), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Records: recs})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(context.Background(), killOutputs(1, 4)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	got, _ := os.ReadFile(recs)
	if n := bytes.Count(got, []byte("\n")); n != 4 {
		t.Fatalf("%d records, want 4:\n%s", n, got)
	}
	st, _ := os.ReadFile(recs + ".offsets")
	if !bytes.Contains(st, []byte(`"version":2`)) || !bytes.Contains(st, []byte(fmt.Sprintf(`"records_size":%d`, len(got)))) {
		t.Fatalf("state %s", st)
	}
}
