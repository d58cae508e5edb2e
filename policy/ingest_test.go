package policy_test

import (
	"context"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/index"
	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/scanner"
	schdb "github.com/tazala/tazala/sinks/chdb"
)

// vaultStore is a minimal token store over token_vault for these tests: a
// token already in the vault keeps its row (and so its state).
type vaultStore struct{ db *schdb.DB }

func (v vaultStore) Put(ctx context.Context, es []tazala.TokenEntry) error {
	var rows []map[string]any
	for _, e := range es {
		if e.Ciphertext == "" || e.Kind == tazala.KindCVV {
			continue
		}
		var have []struct {
			Token string `json:"token"`
		}
		if err := v.db.Select(ctx, &have, `SELECT token FROM token_vault WHERE token = {t:String}`, tazala.Param{Name: "t", Value: e.ID}); err != nil {
			return err
		}
		if len(have) > 0 {
			continue
		}
		rows = append(rows, map[string]any{"token": e.ID, "kind": e.Kind.String(), "ciphertext": e.Ciphertext, "subject": e.Subject,
			"first_seen": e.FirstSeen.UTC(), "last_seen": e.LastSeen.UTC(), "state": "active", "updated": time.Now().UTC()})
	}
	if len(rows) == 0 {
		return nil
	}
	_, err := v.db.Engine().Insert(ctx, "token_vault", rows)
	return err
}

func (v vaultStore) Get(context.Context, string) (tazala.TokenEntry, error) {
	return tazala.TokenEntry{}, tazala.ErrNotFound
}
func (v vaultStore) SetState(context.Context, string, tazala.TokenState) error { return nil }

// ingest runs records through the real processing step (pipeline.Processor
// with the policy's Classifier and the erasure ledger) and writes its
// outputs as the ClickHouse sinks do: one redacted_records row per record,
// one pii_index row per finding. It returns the outputs.
func ingest(t *testing.T, db *schdb.DB, tk tazala.Tokenizer, ledger tazala.ErasureLedger, recs []tazala.Record) []tazala.Output {
	t.Helper()
	ctx := context.Background()
	cfg := pipeline.ProcessorConfig{
		Scanner:    scanner.Config{Paths: true, Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		Tokenizer:  tk,
		TokenStore: vaultStore{db},
		Policy:     policy.NewClassifier(nil),
	}
	if ledger != nil {
		cfg.Erasure = ledger
	}
	p, err := pipeline.NewProcessor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	outs, err := p.Process(ctx, recs)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	var recRows, idxRows []map[string]any
	var rows []index.Row
	for i := range outs {
		o := &outs[i]
		r := o.Record
		recRows = append(recRows, map[string]any{"source": r.Source, "partition": r.Partition, "offset": r.Offset, "key": string(r.Key),
			"event_time": r.Time.UTC(), "ingest_time": now, "purpose": o.Purpose.Name, "legal_basis": o.Purpose.LegalBasis,
			"subject": o.Subject, "payload": string(r.Value), "findings": len(o.Findings), "scanner_version": "test",
			"retention_until": o.Purpose.RetainUntil.UTC()})
		rows = index.AppendRows(rows[:0], o, now)
		for _, x := range rows {
			idxRows = append(idxRows, map[string]any{"subject": x.Subject, "token": x.Token, "kind": x.Kind.String(), "category": index.Category(x.Kind),
				"source": x.Source, "partition": x.Partition, "offset": x.Offset, "ordinal": x.Ordinal, "path": x.Path,
				"start": x.Start, "end": x.End, "detector": x.Detector, "confidence": x.Confidence, "event_time": x.EventTime.UTC(),
				"purpose": x.Purpose.Name, "legal_basis": x.Purpose.LegalBasis, "retention_until": x.Purpose.RetainUntil.UTC(), "ingest_time": now})
		}
	}
	for _, ins := range []struct {
		table string
		rows  []map[string]any
	}{{"redacted_records", recRows}, {"pii_index", idxRows}} {
		if len(ins.rows) == 0 {
			continue
		}
		if _, err := db.Engine().Insert(ctx, ins.table, ins.rows); err != nil {
			t.Fatalf("insert %s: %v", ins.table, err)
		}
	}
	return outs
}
