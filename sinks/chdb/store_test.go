package chdb_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/index"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/sinktest"
)

func TestMain(m *testing.M) { stack.Main(m) }

// The engine serves one data path per process: the package's tests share
// one path and each store gets its own database on it.
var dataDir string

func sharedPath(t *testing.T) string {
	t.Helper()
	stack.NeedCHDB(t)
	if dataDir == "" {
		d, err := os.MkdirTemp("", "sinks-chdb-test-")
		if err != nil {
			t.Fatal(err)
		}
		dataDir = d
		stack.OnShutdown(func() { os.RemoveAll(d) })
	}
	return dataDir
}

// dbName maps a test's directory to a database of its own.
func dbName(dir string) string {
	h := sha256.Sum256([]byte(dir))
	return "t_" + hex.EncodeToString(h[:8])
}

// openStore opens a Store in the database standing for dir.
func openStore(t *testing.T, dir string) *chdb.Store {
	t.Helper()
	ctx := context.Background()
	db, err := chdb.OpenDB(sharedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	name := dbName(dir)
	for _, q := range []string{"CREATE DATABASE IF NOT EXISTS " + name, "USE " + name} {
		if err := db.Exec(ctx, q); err != nil {
			db.Close()
			t.Fatal(err)
		}
	}
	s, err := chdb.New(ctx, db, chdb.Config{Dir: sharedPath(t), ScannerVersion: "test"})
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	return s
}

func read(t *testing.T, dir string) sinktest.Stored {
	t.Helper()
	s := openStore(t, dir)
	defer s.Close()
	ctx := context.Background()
	var recs []struct {
		Source         string    `json:"source"`
		Partition      int32     `json:"partition"`
		Offset         int64     `json:"offset"`
		Key            string    `json:"key"`
		Payload        string    `json:"payload"`
		EventTime      time.Time `json:"event_time"`
		Subject        string    `json:"subject"`
		Purpose        string    `json:"purpose"`
		LegalBasis     string    `json:"legal_basis"`
		RetentionUntil time.Time `json:"retention_until"`
		Findings       int       `json:"findings"`
	}
	if err := s.Select(ctx, &recs, "SELECT * FROM records_v"); err != nil {
		t.Fatal(err)
	}
	var st sinktest.Stored
	for _, r := range recs {
		st.Records = append(st.Records, sinktest.Record{Source: r.Source, Partition: r.Partition, Offset: r.Offset, Key: r.Key, Value: r.Payload,
			EventTime: r.EventTime, Subject: r.Subject, Findings: r.Findings,
			Purpose: tazala.Purpose{Name: r.Purpose, LegalBasis: r.LegalBasis, RetainUntil: r.RetentionUntil}})
	}
	var idx []struct {
		Subject        string    `json:"subject"`
		Token          string    `json:"token"`
		Kind           string    `json:"kind"`
		Category       string    `json:"category"`
		Source         string    `json:"source"`
		Partition      int32     `json:"partition"`
		Offset         int64     `json:"offset"`
		Ordinal        uint16    `json:"ordinal"`
		Path           string    `json:"path"`
		Start          int64     `json:"start"`
		End            int64     `json:"end"`
		Detector       string    `json:"detector"`
		Confidence     float32   `json:"confidence"`
		EventTime      time.Time `json:"event_time"`
		Purpose        string    `json:"purpose"`
		LegalBasis     string    `json:"legal_basis"`
		RetentionUntil time.Time `json:"retention_until"`
	}
	if err := s.Select(ctx, &idx, "SELECT * FROM pii_index_v"); err != nil {
		t.Fatal(err)
	}
	for _, r := range idx {
		k, err := tazala.ParseKind(r.Kind)
		if err != nil {
			t.Fatal(err)
		}
		if r.Category != index.Category(k) {
			t.Errorf("index row category %q for %s", r.Category, r.Kind)
		}
		st.Index = append(st.Index, index.Row{Subject: r.Subject, Token: r.Token, Kind: k, Source: r.Source, Partition: r.Partition,
			Offset: r.Offset, Ordinal: r.Ordinal, Path: r.Path, Start: r.Start, End: r.End, Detector: r.Detector, Confidence: r.Confidence,
			EventTime: r.EventTime, Purpose: tazala.Purpose{Name: r.Purpose, LegalBasis: r.LegalBasis, RetainUntil: r.RetentionUntil}})
	}
	return st
}

func TestConformance(t *testing.T) {
	sinktest.Run(t, sinktest.Harness{
		Open: func(t *testing.T, dir string) tazala.Sink { return openStore(t, dir) },
		Count: func(t *testing.T, dir string) int {
			return len(read(t, dir).Records)
		},
		Read: read,
	})
}
