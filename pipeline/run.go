package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tazala/tazala"
)

// BatchStep is the processing step the Runner drives: scan, tokenize, redact
// and build index rows for a batch of records (Processor is the one
// implementation; tests use stubs). Outputs own their memory; errors of a
// backend that may recover wrap tazala.ErrUnavailable.
type BatchStep interface {
	Process(ctx context.Context, recs []tazala.Record) ([]tazala.Output, error)
}

// RunConfig configures a Runner.
type RunConfig struct {
	Source tazala.Source
	Step   BatchStep
	// Sinks all receive every batch; a batch is acknowledged to the source
	// (offsets committed) only after every sink accepted it.
	Sinks []tazala.Sink
	// SinkNames name the sinks in logs and metrics (default "sink0", ...).
	SinkNames []string
	// Quarantine receives records the step failed on, masked. Without
	// one, such a failure stops the runner (fail closed, nothing committed).
	Quarantine Quarantine
	// Mask masks a record for the quarantine (default MaskRecord).
	Mask func(rec []byte) []byte

	// Workers run the step in parallel (default GOMAXPROCS).
	Workers int
	// A work unit is cut at BatchRecords records or BatchBytes bytes, or
	// BatchWait after its first record arrived (defaults 5000, 8 MiB,
	// 100ms).
	BatchRecords int
	BatchBytes   int
	BatchWait    time.Duration
	// Queue is how many units may be in flight between the source and the
	// sinks (default Workers): with it full the runner stops reading, so
	// a slow sink slows consumption and memory stays flat.
	Queue int
	// RetryMin and RetryMax bound the exponential backoff while a backend
	// is unavailable (defaults 100ms, 10s).
	RetryMin, RetryMax time.Duration
	// Grace is how long, after the context is canceled, in-flight units may
	// still finish and be committed; after it they are abandoned without
	// committing (default 10s).
	Grace time.Duration

	Log      *slog.Logger
	Observer Observer
}

// Observer receives what the runner does, for metrics. Methods are called
// from several goroutines and must not block.
type Observer interface {
	// Fetched counts records read from the source.
	Fetched(recs []tazala.Record)
	// Written is called once a unit is in every sink; fetched is when its
	// first record was read.
	Written(outs []tazala.Output, fetched time.Time)
	// Quarantined counts records sent to the quarantine.
	Quarantined(n int, reason string)
	// SinkError counts failed sink writes; StepError failed step calls.
	SinkError(sink string, err error)
	StepError(err error)
	// Acked reports the result of acknowledging a source batch.
	Acked(err error)
}

// Runner moves batches from a source through the step to the sinks.
type Runner struct {
	cfg RunConfig
	log *slog.Logger
	obs Observer

	stepFail atomic.Pointer[error]
	sinkFail atomic.Pointer[error]
}

// NewRunner checks cfg and returns a Runner.
func NewRunner(cfg RunConfig) (*Runner, error) {
	if cfg.Source == nil || cfg.Step == nil || len(cfg.Sinks) == 0 {
		return nil, errors.New("pipeline: runner needs a source, a step and at least one sink")
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.BatchRecords <= 0 {
		cfg.BatchRecords = 5000
	}
	if cfg.BatchBytes <= 0 {
		cfg.BatchBytes = 8 << 20
	}
	if cfg.BatchWait <= 0 {
		cfg.BatchWait = 100 * time.Millisecond
	}
	if cfg.Queue <= 0 {
		cfg.Queue = cfg.Workers
	}
	if cfg.RetryMin <= 0 {
		cfg.RetryMin = 100 * time.Millisecond
	}
	if cfg.RetryMax <= 0 {
		cfg.RetryMax = 10 * time.Second
	}
	if cfg.Grace <= 0 {
		cfg.Grace = 10 * time.Second
	}
	if cfg.Mask == nil {
		cfg.Mask = MaskRecord
	}
	for i := len(cfg.SinkNames); i < len(cfg.Sinks); i++ {
		cfg.SinkNames = append(cfg.SinkNames, fmt.Sprintf("sink%d", i))
	}
	r := &Runner{cfg: cfg, log: cfg.Log, obs: cfg.Observer}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if r.obs == nil {
		r.obs = nopObserver{}
	}
	return r, nil
}

// Ready returns nil while the step's backends and every sink work, else the
// last error (which names the backend, never a value): what /readyz says.
func (r *Runner) Ready() error {
	if p := r.stepFail.Load(); p != nil {
		return *p
	}
	if p := r.sinkFail.Load(); p != nil {
		return *p
	}
	return nil
}

// unit is the work of one step call: records of one or more source
// batches, in source order, and their acks.
type unit struct {
	recs    []tazala.Record
	acks    []func(context.Context) error
	fetched time.Time
	bytes   int

	done        chan struct{}
	outs        []tazala.Output
	quarantined []Quarantined
	err         error
}

// Run reads until the source ends (ErrEndOfInput: returns nil once every
// unit is written and acknowledged) or ctx is canceled (returns nil after
// the grace period's drain), or a failure that must stop the daemon.
func (r *Runner) Run(ctx context.Context) error {
	// hard is canceled Grace after ctx, or at once on a fatal error:
	// in-flight work is then abandoned without acknowledging it.
	hard, hardCancel := context.WithCancelCause(context.WithoutCancel(ctx))
	defer hardCancel(nil)
	stopGrace := context.AfterFunc(ctx, func() {
		r.log.Info("runner: stopping; finishing in-flight batches", "grace", r.cfg.Grace.String())
		t := time.AfterFunc(r.cfg.Grace, func() {
			hardCancel(errors.New("grace period over"))
		})
		context.AfterFunc(hard, func() { t.Stop() })
	})
	defer stopGrace()

	type fetched struct {
		b   tazala.Batch
		err error
	}
	fetch := make(chan fetched)
	fetchCtx, fetchCancel := context.WithCancel(ctx)
	defer fetchCancel()
	go func() {
		for {
			b, err := r.cfg.Source.Next(fetchCtx)
			select {
			case fetch <- fetched{b, err}:
			case <-fetchCtx.Done():
				return
			}
			if err != nil && !errors.Is(err, context.Canceled) {
				if errors.Is(err, tazala.ErrEndOfInput) {
					return
				}
			}
			if fetchCtx.Err() != nil {
				return
			}
		}
	}()

	jobs := make(chan *unit, r.cfg.Queue)
	order := make(chan *unit, r.cfg.Queue)
	var srcErr error
	go func() {
		defer close(jobs)
		defer close(order)
		var cur *unit
		var timer <-chan time.Time
		emit := func() bool {
			u := cur
			cur, timer = nil, nil
			select {
			case order <- u:
			case <-ctx.Done():
				return false
			case <-hard.Done():
				return false
			}
			jobs <- u // cannot block long: a worker takes it before the writer can wait on it
			return true
		}
		for {
			select {
			case f := <-fetch:
				if f.err != nil {
					if errors.Is(f.err, tazala.ErrEndOfInput) {
						if cur != nil {
							emit()
						}
						return
					}
					if ctx.Err() != nil {
						return // shutdown: a partial unit is dropped, never acknowledged
					}
					srcErr = f.err
					hardCancel(f.err)
					return
				}
				if len(f.b.Records) == 0 {
					if f.b.Ack != nil {
						f.b.Ack(hard)
					}
					continue
				}
				r.obs.Fetched(f.b.Records)
				if cur == nil {
					cur = &unit{fetched: time.Now(), done: make(chan struct{})}
					timer = time.After(r.cfg.BatchWait)
				}
				cur.recs = append(cur.recs, f.b.Records...)
				if f.b.Ack != nil {
					cur.acks = append(cur.acks, f.b.Ack)
				}
				for _, rec := range f.b.Records {
					cur.bytes += len(rec.Value)
				}
				if len(cur.recs) >= r.cfg.BatchRecords || cur.bytes >= r.cfg.BatchBytes {
					if !emit() {
						return
					}
				}
			case <-timer:
				if !emit() {
					return
				}
			case <-ctx.Done():
				return
			case <-hard.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for i := 0; i < r.cfg.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range jobs {
				r.process(hard, u)
				close(u.done)
			}
		}()
	}

	var fatal error
	for u := range order {
		<-u.done
		if fatal != nil || hard.Err() != nil {
			continue // abandoned: never acknowledged
		}
		if u.err != nil {
			if hard.Err() == nil {
				fatal = u.err
				hardCancel(u.err)
			}
			continue
		}
		if err := r.write(hard, u); err != nil {
			if hard.Err() == nil {
				fatal = err
				hardCancel(err)
			}
			continue
		}
		if hard.Err() != nil {
			continue // the grace period ended during the write: not acknowledged
		}
		for _, ack := range u.acks {
			err := ack(hard)
			r.obs.Acked(err)
			if err != nil {
				r.log.Warn("runner: acknowledge failed; the batch will be replayed and deduplicated", "err", err.Error())
			}
		}
		u.outs, u.recs = nil, nil
	}
	wg.Wait()
	switch {
	case fatal != nil:
		return fatal
	case srcErr != nil:
		return fmt.Errorf("pipeline: source: %w", srcErr)
	case ctx.Err() != nil && context.Cause(hard) != nil:
		r.log.Warn("runner: grace period over; in-flight batches abandoned without committing")
	}
	return nil
}

// process runs the step on u, retrying while a backend is unavailable. A
// non-retryable failure is narrowed down to the records that cause it,
// which are quarantined (masked) when a quarantine is configured.
func (r *Runner) process(ctx context.Context, u *unit) {
	outs, err := r.step(ctx, u.recs)
	if err == nil {
		u.outs = outs
		return
	}
	if e := r.fatal(ctx, err); e != nil {
		u.err = e
		return
	}
	r.log.Warn("runner: processing a batch failed; narrowing it down to the records that fail", "records", len(u.recs), "err", err.Error())
	u.outs = make([]tazala.Output, 0, len(u.recs))
	u.err = r.split(ctx, u, u.recs)
}

// fatal returns the error that stops the runner for a failed step call,
// or nil when the failure is the records' own (quarantine them). A
// tokenizer, token store or ledger failure that is not an outage (denied,
// misconfigured) would fail every record alike: it stops the daemon,
// nothing committed, rather than quarantine the whole stream.
func (r *Runner) fatal(ctx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, tazala.ErrDenied), errors.Is(err, ErrTokenize):
		return fmt.Errorf("pipeline: processing failed: %w", err)
	case r.cfg.Quarantine == nil:
		return fmt.Errorf("pipeline: processing failed and no quarantine is configured: %w", err)
	}
	return nil
}

// split processes recs in halves until the records that fail on their own
// are found, and quarantines them (masked); the others' outputs are kept
// in order. k bad records in n cost about 2k·log2(n) step calls.
func (r *Runner) split(ctx context.Context, u *unit, recs []tazala.Record) error {
	if len(recs) == 1 {
		o, err := r.step(ctx, recs)
		if err == nil {
			u.outs = append(u.outs, o...)
			return nil
		}
		if e := r.fatal(ctx, err); e != nil {
			return e
		}
		u.quarantined = append(u.quarantined, r.quarantine(recs[0], err))
		return nil
	}
	for _, half := range [][]tazala.Record{recs[:len(recs)/2], recs[len(recs)/2:]} {
		o, err := r.step(ctx, half)
		if err == nil {
			u.outs = append(u.outs, o...)
			continue
		}
		if e := r.fatal(ctx, err); e != nil {
			return e
		}
		if err := r.split(ctx, u, half); err != nil {
			return err
		}
	}
	return nil
}

// step calls the step with retries on ErrUnavailable, recovering panics
// into errors that name the batch's coordinates, never its content.
func (r *Runner) step(ctx context.Context, recs []tazala.Record) ([]tazala.Output, error) {
	delay := r.cfg.RetryMin
	for {
		outs, err := r.safeStep(ctx, recs)
		if err == nil {
			if len(outs) != len(recs) {
				return nil, fmt.Errorf("pipeline: step returned %d outputs for %d records", len(outs), len(recs))
			}
			if r.stepFail.Load() != nil {
				r.stepFail.Store(nil)
				r.log.Info("runner: processing recovered")
			}
			return outs, nil
		}
		r.obs.StepError(err)
		if !errors.Is(err, tazala.ErrUnavailable) || ctx.Err() != nil {
			return nil, err
		}
		if r.stepFail.Load() == nil {
			r.log.Warn("runner: processing backend unavailable; holding and retrying", "err", err.Error())
		}
		e := fmt.Errorf("processing: %w", err)
		r.stepFail.Store(&e)
		if !sleep(ctx, jitter(delay)) {
			return nil, ctx.Err()
		}
		delay = min(2*delay, r.cfg.RetryMax)
	}
}

func (r *Runner) safeStep(ctx context.Context, recs []tazala.Record) (outs []tazala.Output, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pipeline: step panicked on %s/%d offsets %d-%d (%T)", recs[0].Source, recs[0].Partition, recs[0].Offset, recs[len(recs)-1].Offset, p)
		}
	}()
	return r.cfg.Step.Process(ctx, recs)
}

// write puts u's quarantined records and outputs into the quarantine and
// every sink, retrying while they are unavailable. Sinks are idempotent,
// so a retry after a partial write duplicates nothing.
func (r *Runner) write(ctx context.Context, u *unit) error {
	if len(u.quarantined) > 0 {
		if err := r.retry(ctx, "quarantine", func() error { return r.cfg.Quarantine.Quarantine(ctx, u.quarantined) }); err != nil {
			return err
		}
		for _, q := range u.quarantined {
			r.obs.Quarantined(1, q.Reason)
		}
	}
	if len(u.outs) > 0 {
		for i, s := range r.cfg.Sinks {
			if err := r.retry(ctx, r.cfg.SinkNames[i], func() error { return s.Write(ctx, u.outs) }); err != nil {
				return err
			}
		}
	}
	r.obs.Written(u.outs, u.fetched)
	return nil
}

func (r *Runner) retry(ctx context.Context, name string, fn func() error) error {
	delay := r.cfg.RetryMin
	for {
		err := fn()
		if err == nil {
			if r.sinkFail.Load() != nil {
				r.sinkFail.Store(nil)
				r.log.Info("runner: sink recovered", "sink", name)
			}
			return nil
		}
		r.obs.SinkError(name, err)
		if ctx.Err() != nil {
			return nil // abandoned: the caller sees ctx done and acknowledges nothing
		}
		if !errors.Is(err, tazala.ErrUnavailable) {
			return fmt.Errorf("pipeline: sink %s: %w", name, err)
		}
		if r.sinkFail.Load() == nil {
			r.log.Warn("runner: sink unavailable; holding and retrying", "sink", name, "err", err.Error())
		}
		e := fmt.Errorf("sink %s: %w", name, err)
		r.sinkFail.Store(&e)
		if !sleep(ctx, jitter(delay)) {
			return nil
		}
		delay = min(2*delay, r.cfg.RetryMax)
	}
}

func jitter(d time.Duration) time.Duration {
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

type nopObserver struct{}

func (nopObserver) Fetched([]tazala.Record)            {}
func (nopObserver) Written([]tazala.Output, time.Time) {}
func (nopObserver) Quarantined(int, string)            {}
func (nopObserver) SinkError(string, error)            {}
func (nopObserver) StepError(error)                    {}
func (nopObserver) Acked(error)                        {}
