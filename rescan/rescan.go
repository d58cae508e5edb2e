// Package rescan re-checks records already in the store with the current
// rules: after a rule change, the redacted payloads in redacted_records
// are scanned again through the processing step; what it finds now is
// tokenized and redacted in place (a new version of the record, read
// through FINAL) and indexed in pii_index. Re-running finds nothing new:
// redacted text holds tokens, not values, so rescans are idempotent.
package rescan

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/index"
)

// Processor is the processing step (pipeline.Processor).
type Processor interface {
	Process(ctx context.Context, recs []tazala.Record) ([]tazala.Output, error)
}

// Config configures a table rescan.
type Config struct {
	DB        tazala.DB
	Processor Processor
	// Source limits the rescan to one source; empty: all.
	Source string
	// From and To limit event times to [From, To); zero: open.
	From, To time.Time
	// BatchSize is how many records are read and processed at once
	// (default 1000).
	BatchSize int
	// DryRun counts what would change without writing.
	DryRun bool
	// Progress, when set, is called after each batch.
	Progress func(Stats)
}

// Stats counts a rescan's work.
type Stats struct {
	Records        int            `json:"records"`         // records read
	Total          int            `json:"total"`           // records in range
	RecordsChanged int            `json:"records_changed"` // records with new findings
	NewFindings    map[string]int `json:"new_findings"`    // by kind
}

type row struct {
	Source         string `json:"source"`
	Partition      int32  `json:"partition"`
	Offset         int64  `json:"offset"`
	Key            string `json:"key"`
	EventTime      string `json:"event_time_ms"`
	Payload        string `json:"payload"`
	Subject        string `json:"subject"`
	Findings       int    `json:"findings"`
	Purpose        string `json:"purpose"`
	LegalBasis     string `json:"legal_basis"`
	RetentionUntil string `json:"retention_until_s"`
}

// Table rescans redacted_records.
func Table(ctx context.Context, cfg Config) (Stats, error) {
	st := Stats{NewFindings: map[string]int{}}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 1000
	}
	from, to := cfg.From, cfg.To
	if from.IsZero() {
		from = time.Unix(0, 0)
	}
	if to.IsZero() {
		to = tazala.ForeverUntilWithdrawn
	}
	where := `event_time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND event_time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
		AND ({source:String} = '' OR source = {source:String})`
	ps := []tazala.Param{{Name: "from", Value: from.UnixMilli()}, {Name: "to", Value: to.UnixMilli()}, {Name: "source", Value: cfg.Source}}
	var total []struct {
		N int `json:"n"`
	}
	if err := cfg.DB.Select(ctx, &total, `SELECT toInt32(count()) AS n FROM redacted_records FINAL WHERE `+where, ps...); err != nil {
		return st, fmt.Errorf("rescan: count: %w", err)
	}
	if len(total) == 1 {
		st.Total = total[0].N
	}
	after := row{}
	first := true
	for {
		var rows []row
		cond := where
		bps := append([]tazala.Param(nil), ps...)
		if !first {
			cond += ` AND (source, partition, offset) > ({as:String}, {ap:Int32}, {ao:Int64})`
			bps = append(bps, tazala.Param{Name: "as", Value: after.Source}, tazala.Param{Name: "ap", Value: after.Partition}, tazala.Param{Name: "ao", Value: after.Offset})
		}
		bps = append(bps, tazala.Param{Name: "n", Value: cfg.BatchSize})
		err := cfg.DB.Select(ctx, &rows, `SELECT source, partition, offset, key, toString(toUnixTimestamp64Milli(event_time)) AS event_time_ms,
				payload, subject, toInt32(findings) AS findings, purpose, legal_basis, toString(toUnixTimestamp(retention_until)) AS retention_until_s
			FROM redacted_records FINAL WHERE `+cond+` ORDER BY source, partition, offset LIMIT {n:UInt32}`, bps...)
		if err != nil {
			return st, fmt.Errorf("rescan: read: %w", err)
		}
		if len(rows) == 0 {
			break
		}
		first = false
		after = rows[len(rows)-1]
		recs := make([]tazala.Record, len(rows))
		for i, r := range rows {
			var ms int64
			fmt.Sscan(r.EventTime, &ms)
			recs[i] = tazala.Record{Source: r.Source, Partition: r.Partition, Offset: r.Offset, Value: []byte(r.Payload), Time: time.UnixMilli(ms).UTC()}
		}
		outs, err := cfg.Processor.Process(ctx, recs)
		if err != nil {
			return st, fmt.Errorf("rescan: process %s/%d/%d…: %w", rows[0].Source, rows[0].Partition, rows[0].Offset, err)
		}
		for i := range outs {
			o := &outs[i]
			if len(o.Findings) == 0 {
				continue
			}
			st.RecordsChanged++
			for _, f := range o.Findings {
				st.NewFindings[f.Kind.String()]++
			}
			if !cfg.DryRun {
				if err := write(ctx, cfg.DB, rows[i], o); err != nil {
					return st, err
				}
			}
		}
		st.Records += len(rows)
		if cfg.Progress != nil {
			cfg.Progress(st)
		}
		if len(rows) < cfg.BatchSize {
			break
		}
	}
	return st, nil
}

// write stores the re-redacted record as a new version and indexes its
// new findings after the record's earlier ones.
func write(ctx context.Context, db tazala.DB, r row, o *tazala.Output) error {
	subject := r.Subject
	if subject == "" {
		subject = o.Subject
	}
	p := func(n string, v any) tazala.Param { return tazala.Param{Name: n, Value: v} }
	key := []tazala.Param{p("s", r.Source), p("p", r.Partition), p("o", r.Offset)}
	// the new version keeps the record's scan_id: its earlier index rows
	// stay in pii_index_v, and the new ones join them under the same id
	err := db.Exec(ctx, `INSERT INTO redacted_records (source, partition, offset, key, event_time, ingest_time, purpose, legal_basis, subject, payload, findings, scanner_version, retention_until, scan_id)
		SELECT source, partition, offset, key, event_time, greatest(now64(3, 'UTC'), ingest_time + toIntervalMillisecond(1)), purpose, legal_basis,
			{subject:String}, {payload:String}, findings + {n:UInt16}, 'rescan', retention_until, scan_id
		FROM redacted_records FINAL WHERE source = {s:String} AND partition = {p:Int32} AND offset = {o:Int64}`,
		append(key, p("subject", subject), p("payload", string(o.Record.Value)), p("n", len(o.Findings)))...)
	if err != nil {
		return fmt.Errorf("rescan: write %s/%d/%d: %w", r.Source, r.Partition, r.Offset, err)
	}
	for i, f := range o.Findings {
		tok := ""
		if i < len(o.Tokens) {
			tok = o.Tokens[i].ID
		}
		err := db.Exec(ctx, `INSERT INTO pii_index (subject, token, kind, category, source, partition, offset, ordinal, path, start, end, detector, confidence,
				event_time, purpose, legal_basis, retention_until, ingest_time, scan_id)
			SELECT {subject:String}, {token:String}, {kind:String}, {category:String}, source, partition, offset, {ordinal:UInt16}, {path:String},
				{start:UInt32}, {end:UInt32}, {detector:String}, {conf:Float32}, event_time, purpose, legal_basis, retention_until, now64(3, 'UTC'), scan_id
			FROM redacted_records FINAL WHERE source = {s:String} AND partition = {p:Int32} AND offset = {o:Int64}`,
			append(key, p("subject", subject), p("token", tok), p("kind", f.Kind.String()), p("category", index.Category(f.Kind)),
				p("ordinal", r.Findings+i), p("path", f.Path), p("start", f.Span.Start), p("end", f.Span.End),
				p("detector", f.Detector), p("conf", f.Confidence))...)
		if err != nil {
			return fmt.Errorf("rescan: index %s/%d/%d: %w", r.Source, r.Partition, r.Offset, err)
		}
	}
	return nil
}

// Kinds returns the kinds of s.NewFindings in a stable order.
func (s Stats) Kinds() []string {
	var ks []string
	for k := range s.NewFindings {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Stream rescans records read from a source that can be read again (a
// Kafka offset or time range, files): each batch next returns goes
// through the processing step and the outputs to the sink, whose writes
// replace earlier versions of the same (source, partition, offset), so a
// rescan re-indexes idempotently. next returns an empty batch at the end.
func Stream(ctx context.Context, next func(context.Context) ([]tazala.Record, error), proc Processor, sink tazala.Sink, progress func(Stats)) (Stats, error) {
	st := Stats{NewFindings: map[string]int{}}
	for {
		recs, err := next(ctx)
		if err != nil {
			return st, fmt.Errorf("rescan: read: %w", err)
		}
		if len(recs) == 0 {
			return st, nil
		}
		outs, err := proc.Process(ctx, recs)
		if err != nil {
			return st, fmt.Errorf("rescan: process %s/%d/%d…: %w", recs[0].Source, recs[0].Partition, recs[0].Offset, err)
		}
		if err := sink.Write(ctx, outs); err != nil {
			return st, fmt.Errorf("rescan: write: %w", err)
		}
		for i := range outs {
			if len(outs[i].Findings) > 0 {
				st.RecordsChanged++
			}
			for _, f := range outs[i].Findings {
				st.NewFindings[f.Kind.String()]++
			}
		}
		st.Records += len(recs)
		if progress != nil {
			progress(st)
		}
	}
}
