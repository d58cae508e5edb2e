package policy_test

import (
	"context"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/redact"
	"github.com/tazala/tazala/rules"
	"github.com/tazala/tazala/scanner"
)

// ingest writes records as the pipeline does: scan, tokenize, redact,
// purpose from the policy, index rows and token-vault entries; a record
// holding a token of an erased subject is skipped (the ledger consulted
// at ingest).
func ingest(t *testing.T, db tazala.DB, tk tazala.Tokenizer, ledger tazala.ErasureLedger, recs []tazala.Record) (written int) {
	t.Helper()
	ctx := context.Background()
	pol := rules.DefaultPolicy()
	sc := scanner.New(scanner.Config{Paths: true, Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	red := redact.New(redact.Config{})
	type row = map[string]any
	var recRows, idxRows, vaultRows []row
	ingestTime := time.Now().UTC()
	for _, rec := range recs {
		fs := sc.Scan(rec.Value, nil)
		var reqs []tazala.TokenRequest
		for _, f := range fs {
			v := rec.Value[f.Span.Start:f.Span.End]
			if tazala.LooksJSON(rec.Value) {
				v = scanner.AppendUnescaped(nil, v)
			}
			reqs = append(reqs, tazala.TokenRequest{Kind: f.Kind, Value: v})
		}
		toks, err := tk.Tokenize(ctx, reqs)
		if err != nil {
			t.Fatal(err)
		}
		for i := range toks {
			if fs[i].Kind == tazala.KindCVV {
				toks[i] = tazala.Token{Kind: tazala.KindCVV}
			}
		}
		ids := make([]string, len(toks))
		for i, tok := range toks {
			ids[i] = tok.ID
		}
		if ledger != nil {
			erased, err := ledger.Erased(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			skip := false
			for _, e := range erased {
				skip = skip || e
			}
			if skip {
				continue
			}
		}
		subject := ""
		for i, f := range fs {
			if f.Kind == tazala.KindIIN && subject == "" {
				subject = toks[i].ID
			}
		}
		for i, f := range fs {
			if subject == "" && (f.Kind == tazala.KindEmail || f.Kind == tazala.KindPhone) {
				subject = toks[i].ID
			}
		}
		p := policy.NewClassifier(pol).Purpose(&rec, fs)
		payload := red.Append(nil, rec.Value, fs, toks)
		recRows = append(recRows, row{"source": rec.Source, "partition": rec.Partition, "offset": rec.Offset,
			"event_time": rec.Time, "ingest_time": ingestTime, "purpose": p.Name, "legal_basis": p.LegalBasis,
			"subject": subject, "payload": string(payload), "findings": len(fs), "retention_until": p.RetainUntil})
		for i, f := range fs {
			idxRows = append(idxRows, row{"subject": subject, "token": toks[i].ID, "kind": f.Kind.String(), "category": pol.CategoryOf(f.Kind),
				"source": rec.Source, "partition": rec.Partition, "offset": rec.Offset, "ordinal": i, "path": f.Path,
				"start": f.Span.Start, "end": f.Span.End, "detector": f.Detector, "confidence": f.Confidence,
				"event_time": rec.Time, "purpose": p.Name, "legal_basis": p.LegalBasis,
				"retention_until": p.RetainUntil, "ingest_time": ingestTime})
			if toks[i].ID != "" && toks[i].Ciphertext != "" {
				vaultRows = append(vaultRows, row{"token": toks[i].ID, "kind": f.Kind.String(), "ciphertext": toks[i].Ciphertext,
					"subject": subject, "first_seen": rec.Time, "last_seen": rec.Time, "state": "active", "updated": time.Now().UTC()})
			}
		}
		written++
	}
	// the token vault keeps an existing entry's state: an erased or
	// blocked token is not written again
	var frozen []struct {
		Token string `json:"token"`
	}
	if err := db.Select(ctx, &frozen, `SELECT token FROM token_vault FINAL WHERE state != 'active'`); err != nil {
		t.Fatal(err)
	}
	skip := map[string]bool{}
	for _, f := range frozen {
		skip[f.Token] = true
	}
	var vr []row
	for _, r := range vaultRows {
		if !skip[r["token"].(string)] {
			vr = append(vr, r)
		}
	}
	for _, ins := range []struct {
		table string
		rows  []row
	}{{"redacted_records", recRows}, {"pii_index", idxRows}, {"token_vault", vr}} {
		if len(ins.rows) == 0 {
			continue
		}
		if _, err := db.(chdbDB).db.Insert(ctx, ins.table, ins.rows); err != nil {
			t.Fatalf("insert %s: %v", ins.table, err)
		}
	}
	return written
}
