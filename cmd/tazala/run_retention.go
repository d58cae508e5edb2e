package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/rules"
)

// startRetention starts the retention loop when policy.retention_every
// is set; it stops before the store closes.
func (d *daemon) startRetention(ctx context.Context, cfg *runConfig, db tazala.DB, log *slog.Logger) error {
	every := cfg.Policy.RetentionEvery
	if every <= 0 {
		return nil
	}
	pol, err := rules.LoadPolicy(cfg.Policy.File)
	if err != nil {
		return fmt.Errorf("config: policy.file: %w", err)
	}
	stop := startRetention(ctx, db, pol, every, log)
	d.closers = append(d.closers, func() error { stop(); return nil })
	log.Info("retention enforcement scheduled", "every", every)
	return nil
}

// startRetention runs retention enforcement on db every interval (the
// first run at once) until ctx ends or stop is called, logging counts per
// purpose and the blocked subjects it skipped; the daemon calls it when
// it owns a ClickHouse store. Each run also writes its audit_log rows.
func startRetention(ctx context.Context, db tazala.DB, pol *rules.Policy, every time.Duration, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	e, err := policy.New(policy.Config{DB: db, Policy: pol, Actor: "tazala run (retention)"})
	if err != nil {
		log.Error("retention: not started", "err", err)
		cancel()
		return func() {}
	}
	go func() {
		defer close(done)
		e.EnforceEvery(ctx, every, func(r *policy.EnforceResult, err error) {
			if err != nil {
				log.Error("retention: run failed; retried at the next tick", "err", err)
				return
			}
			for _, p := range r.Purposes {
				log.Info("retention: deleted", "purpose", p.Purpose, "records", p.Records, "index_rows", p.IndexRows, "partitions_dropped", p.PartitionsDropped)
			}
			for _, b := range r.Blocked {
				log.Info("retention: skipped a blocked subject", "subject", b.Token, "records", b.Records)
			}
			for _, h := range r.Held {
				log.Info("retention: kept under the statutory hold", "purpose", h.Purpose, "records", h.Records)
			}
		})
	}()
	return func() { cancel(); <-done }
}
