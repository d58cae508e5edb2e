package quarantine

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tazala/tazala/pipeline"
)

func TestQuarantineIdempotentAcrossReopen(t *testing.T) {
	p := filepath.Join(t.TempDir(), "q.jsonl")
	recs := []pipeline.Quarantined{
		{Source: "t", Partition: 1, Offset: 7, Masked: pipeline.MaskRecord([]byte(`{"iin":"900101300017"}`)), Reason: "pipeline: a user rule timed out: record \"t\"/1@7..7"},
		{Source: "t", Partition: 1, Offset: 8, Masked: []byte("***"), Reason: "x"},
	}
	q, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := q.Quarantine(ctx, recs); err != nil {
		t.Fatal(err)
	}
	if err := q.Quarantine(ctx, recs[:1]); err != nil { // replay
		t.Fatal(err)
	}
	q.Close()
	q, err = Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Quarantine(ctx, recs); err != nil { // replay after a restart
		t.Fatal(err)
	}
	q.Close()
	b, _ := os.ReadFile(p)
	if n := bytes.Count(b, []byte{'\n'}); n != 2 {
		t.Fatalf("%d lines, want 2:\n%s", n, b)
	}
	if bytes.Contains(b, []byte("900101300017")) || !bytes.Contains(b, []byte(`\"iin\":\"************\"`)) {
		t.Fatalf("quarantine file:\n%s", b)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
}
