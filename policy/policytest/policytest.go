// Package policytest holds test helpers for the policy package and the
// commands built on it: Ingest writes records into a store the way the
// pipeline and the ClickHouse sinks do, so subject-rights and retention
// tests run on real rows.
package policytest

import (
	"context"
	"fmt"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/index"
	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/scanner"
	schdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
	tsch "github.com/tazala/tazala/tokenstore/clickhouse"
)

// Ingest runs records through the real processing step (pipeline.Processor
// with the policy's Classifier and, when given, the erasure ledger) and
// writes the outputs as the ClickHouse sinks do: one redacted_records row
// per record, one pii_index row per finding, reversible copies into
// token_vault (tokenstore/clickhouse). It returns the outputs.
func Ingest(ctx context.Context, db *schdb.DB, tk tazala.Tokenizer, ledger tazala.ErasureLedger, recs []tazala.Record) ([]tazala.Output, error) {
	cfg := ProcessorConfig(db, tk, ledger)
	return IngestWith(ctx, db, cfg, recs)
}

// ProcessorConfig is the processing step's configuration Ingest uses.
func ProcessorConfig(db *schdb.DB, tk tazala.Tokenizer, ledger tazala.ErasureLedger) pipeline.ProcessorConfig {
	cfg := pipeline.ProcessorConfig{
		Scanner:    scanner.Config{Paths: true, Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		Tokenizer:  tk,
		TokenStore: tsch.New(db),
		Policy:     policy.NewClassifier(nil),
	}
	if ledger != nil {
		cfg.Erasure = ledger
	}
	return cfg
}

// IngestWith is Ingest with a given processing configuration.
func IngestWith(ctx context.Context, db *schdb.DB, cfg pipeline.ProcessorConfig, recs []tazala.Record) ([]tazala.Output, error) {
	p, err := pipeline.NewProcessor(cfg)
	if err != nil {
		return nil, err
	}
	outs, err := p.Process(ctx, recs)
	if err != nil {
		return nil, err
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
			"retention_until": o.Purpose.RetainUntil.UTC(), "scan_id": chschema.ScanID(o)})
		rows = index.AppendRows(rows[:0], o, now)
		for _, x := range rows {
			idxRows = append(idxRows, map[string]any{"subject": x.Subject, "token": x.Token, "kind": x.Kind.String(), "category": index.Category(x.Kind),
				"source": x.Source, "partition": x.Partition, "offset": x.Offset, "ordinal": x.Ordinal, "path": x.Path,
				"start": x.Start, "end": x.End, "detector": x.Detector, "confidence": x.Confidence, "event_time": x.EventTime.UTC(),
				"purpose": x.Purpose.Name, "legal_basis": x.Purpose.LegalBasis, "retention_until": x.Purpose.RetainUntil.UTC(), "ingest_time": now, "scan_id": chschema.ScanID(o)})
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
			return nil, fmt.Errorf("policytest: insert %s: %w", ins.table, err)
		}
	}
	return outs, nil
}

// Person is a synthetic customer.
type Person struct {
	IIN, Phone, Email, Name, PAN string
}

// Payment is a checkout record of p on the given source.
func Payment(src string, off int64, at time.Time, p Person, amount int) tazala.Record {
	v := fmt.Sprintf(`{"type":"checkout.completed","customer":{"payer_name":%q,"client_iin":%q,"msisdn":%q,"e_mail":%q},"payment":{"pan":%q,"exp":"03/30","cvv":"123","amount":{"value":%d,"ccy":"KZT"}}}`,
		p.Name, p.IIN, p.Phone, p.Email, p.PAN, amount)
	return tazala.Record{Source: src, Offset: off, Value: []byte(v), Time: at}
}

// SupportRequest is a ticket p wrote through the feedback form.
func SupportRequest(off int64, at time.Time, p Person) tazala.Record {
	v := fmt.Sprintf(`{"ticket":%d,"from":%q,"callback_phone":%q,"text":"Здравствуйте! Меня зовут %s, верните деньги за заказ"}`, off, p.Email, p.Phone, p.Name)
	return tazala.Record{Source: "support-requests", Offset: off, Value: []byte(v), Time: at}
}

// Notification is a payment receipt e-mailed to p.
func Notification(off int64, at time.Time, p Person) tazala.Record {
	v := fmt.Sprintf(`{"template":"payment_receipt","to":%q}`, p.Email)
	return tazala.Record{Source: "notifications.email", Offset: off, Value: []byte(v), Time: at}
}
