package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/rules/rulestest"
	"github.com/tazala/tazala/scanner"
)

// memSource hands out batches of n records over parts partitions.
type memSource struct {
	mu      sync.Mutex
	batches []tazala.Batch
	acked   map[string]int // "partition/first" → acks
	endless bool
}

func newMemSource(parts, perBatch, batches int) *memSource {
	s := &memSource{acked: map[string]int{}}
	next := make([]int64, parts)
	for b := 0; b < batches; b++ {
		p := int32(b % parts)
		var recs []tazala.Record
		for i := 0; i < perBatch; i++ {
			recs = append(recs, tazala.Record{Source: "t", Partition: p, Offset: next[p], Value: fmt.Appendf(nil, `{"n":%d,"p":%d}`, next[p], p)})
			next[p]++
		}
		key := fmt.Sprintf("%d/%d", p, recs[0].Offset)
		s.batches = append(s.batches, tazala.Batch{Records: recs, Ack: func(ctx context.Context) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			s.mu.Lock()
			s.acked[key]++
			s.mu.Unlock()
			return nil
		}})
	}
	return s
}

func (s *memSource) Next(ctx context.Context) (tazala.Batch, error) {
	s.mu.Lock()
	if len(s.batches) == 0 {
		s.mu.Unlock()
		if s.endless {
			<-ctx.Done()
			return tazala.Batch{}, ctx.Err()
		}
		return tazala.Batch{}, tazala.ErrEndOfInput
	}
	b := s.batches[0]
	s.batches = s.batches[1:]
	s.mu.Unlock()
	return b, nil
}
func (s *memSource) Close() error { return nil }

func (s *memSource) ackCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, v := range s.acked {
		n += v
	}
	return n
}

// memSink keeps outputs and can fail or stall.
type memSink struct {
	mu    sync.Mutex
	outs  []tazala.Output
	fail  atomic.Int32 // next writes to fail with ErrUnavailable
	delay time.Duration
}

func (s *memSink) Write(ctx context.Context, outs []tazala.Output) error {
	if s.fail.Load() > 0 {
		s.fail.Add(-1)
		return fmt.Errorf("memsink: %w", tazala.ErrUnavailable)
	}
	if s.delay > 0 {
		time.Sleep(s.delay)
	}
	s.mu.Lock()
	s.outs = append(s.outs, outs...)
	s.mu.Unlock()
	return nil
}
func (s *memSink) Close() error { return nil }

// stubStep upper-cases nothing: it copies records and can fail.
type stubStep struct {
	unavailable atomic.Int32
	poison      []byte // records containing it fail (not retryable)
	calls       atomic.Int32
}

func (p *stubStep) Process(ctx context.Context, recs []tazala.Record) ([]tazala.Output, error) {
	p.calls.Add(1)
	if p.unavailable.Load() > 0 {
		p.unavailable.Add(-1)
		return nil, fmt.Errorf("stub vault: %w", tazala.ErrUnavailable)
	}
	outs := make([]tazala.Output, len(recs))
	for i, r := range recs {
		if p.poison != nil && bytes.Contains(r.Value, p.poison) {
			return nil, errors.New("stub: user rule timed out at record")
		}
		r.Value = bytes.Clone(r.Value)
		outs[i] = tazala.Output{Record: r}
	}
	return outs, nil
}

type memQuarantine struct {
	mu   sync.Mutex
	recs []Quarantined
}

func (q *memQuarantine) Quarantine(ctx context.Context, recs []Quarantined) error {
	q.mu.Lock()
	q.recs = append(q.recs, recs...)
	q.mu.Unlock()
	return nil
}

func checkOrderOnce(t *testing.T, outs []tazala.Output, parts int, perPart int64) {
	t.Helper()
	next := make([]int64, parts)
	for _, o := range outs {
		p := o.Record.Partition
		if o.Record.Offset != next[p] {
			t.Fatalf("partition %d: offset %d written after %d (out of order or twice)", p, o.Record.Offset, next[p]-1)
		}
		next[p]++
	}
	for p, n := range next {
		if n != perPart {
			t.Fatalf("partition %d: %d records written, want %d", p, n, perPart)
		}
	}
}

func TestRunnerEveryRecordOnceInOrder(t *testing.T) {
	for _, tc := range []struct {
		name             string
		workers, records int
	}{
		{"one worker", 1, 7},
		{"four workers small units", 4, 3},
		{"four workers big units", 4, 5000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := newMemSource(3, 10, 60)
			sink := &memSink{}
			r, err := NewRunner(RunConfig{Source: src, Step: &stubStep{}, Sinks: []tazala.Sink{sink}, Workers: tc.workers, BatchRecords: tc.records, BatchWait: time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			checkOrderOnce(t, sink.outs, 3, 200)
			if n := src.ackCount(); n != 60 {
				t.Fatalf("%d batches acked, want 60", n)
			}
		})
	}
}

func TestRunnerRetriesUnavailable(t *testing.T) {
	src := newMemSource(2, 5, 10)
	sink := &memSink{}
	sink.fail.Store(3)
	step := &stubStep{}
	step.unavailable.Store(3)
	r, _ := NewRunner(RunConfig{Source: src, Step: step, Sinks: []tazala.Sink{sink}, Workers: 2, RetryMin: time.Millisecond, RetryMax: 5 * time.Millisecond, BatchWait: time.Millisecond})
	if err := r.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	checkOrderOnce(t, sink.outs, 2, 25)
	if err := r.Ready(); err != nil {
		t.Fatalf("not ready after recovery: %v", err)
	}
}

func TestRunnerReadyFlipsWhileSinkDown(t *testing.T) {
	src := newMemSource(1, 5, 4)
	sink := &memSink{}
	sink.fail.Store(1 << 30)
	r, _ := NewRunner(RunConfig{Source: src, Step: &stubStep{}, Sinks: []tazala.Sink{sink}, RetryMin: time.Millisecond, RetryMax: 2 * time.Millisecond, Grace: 50 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- r.Run(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for r.Ready() == nil {
		if time.Now().After(deadline) {
			t.Fatal("Ready stayed nil while the sink fails")
		}
		time.Sleep(time.Millisecond)
	}
	if err := r.Ready(); !errors.Is(err, tazala.ErrUnavailable) {
		t.Fatalf("Ready() = %v, want ErrUnavailable", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := src.ackCount(); n != 0 {
		t.Fatalf("%d batches acked while the sink never accepted one", n)
	}
	if len(sink.outs) != 0 {
		t.Fatalf("sink holds %d outputs", len(sink.outs))
	}
}

func TestRunnerQuarantinesMasked(t *testing.T) {
	src := &memSource{acked: map[string]int{}}
	var recs []tazala.Record
	for i := 0; i < 5; i++ {
		v := fmt.Appendf(nil, `{"n":%d}`, i)
		if i == 2 {
			v = []byte(`{"iin":"900101300017","note":"POISON Ержан"}`)
		}
		recs = append(recs, tazala.Record{Source: "t", Offset: int64(i), Value: v})
	}
	src.batches = []tazala.Batch{{Records: recs, Ack: func(context.Context) error { src.acked["0/0"]++; return nil }}}
	sink, q := &memSink{}, &memQuarantine{}
	r, _ := NewRunner(RunConfig{Source: src, Step: &stubStep{poison: []byte("POISON")}, Sinks: []tazala.Sink{sink}, Quarantine: q})
	if err := r.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(sink.outs) != 4 || len(q.recs) != 1 || src.ackCount() != 1 {
		t.Fatalf("sink %d, quarantine %d, acks %d; want 4, 1, 1", len(sink.outs), len(q.recs), src.ackCount())
	}
	got := q.recs[0]
	if got.Offset != 2 || got.Reason == "" {
		t.Fatalf("quarantined %+v", got)
	}
	if want := `{"iin":"************","note":"****** *****"}`; string(got.Masked) != want {
		t.Fatalf("masked %s, want %s", got.Masked, want)
	}
}

func TestRunnerNoQuarantineFailsClosed(t *testing.T) {
	src := newMemSource(1, 3, 2)
	src.batches[1].Records[1].Value = []byte("POISON")
	sink := &memSink{}
	r, _ := NewRunner(RunConfig{Source: src, Step: &stubStep{poison: []byte("POISON")}, Sinks: []tazala.Sink{sink}, Workers: 1, BatchRecords: 3})
	if err := r.Run(context.Background()); err == nil {
		t.Fatal("Run succeeded although a record could not be processed and there is no quarantine")
	}
	if n := src.ackCount(); n > 1 {
		t.Fatalf("%d batches acked, want at most the first", n)
	}
}

func TestRunnerShutdownAbandonsWithoutAck(t *testing.T) {
	src := newMemSource(1, 10, 100)
	src.endless = true
	sink := &memSink{delay: 30 * time.Millisecond}
	r, _ := NewRunner(RunConfig{Source: src, Step: &stubStep{}, Sinks: []tazala.Sink{sink}, Workers: 2, BatchRecords: 10, Queue: 2, Grace: time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	if err := r.Run(ctx); err != nil {
		t.Fatal(err)
	}
	// every acked batch is in the sink; bounded queue: the source was not drained
	acked := src.ackCount()
	if acked*10 > len(sink.outs) {
		t.Fatalf("%d batches acked but only %d records written", acked, len(sink.outs))
	}
	if left := len(src.batches); left < 80 {
		t.Fatalf("only %d batches left unread: the queue does not hold back a slow sink", left)
	}
}

func TestMaskRecord(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"phone":"+7 701 540 18 02"}`, `{"phone":"+* *** *** ** **"}`},
		{`{"87015401802":"x"}`, `{"***********":"*"}`},
		{`Меня зовут Ержан, 900101300017`, `**** ***** *****, ************`},
		{"bad \xff utf8", "*** * ****"},
	} {
		if got := string(MaskRecord([]byte(tc.in))); got != tc.want {
			t.Errorf("MaskRecord(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRunnerQuarantinesRuleTimeout: with the real processing step, a record
// on which a user rule times out is quarantined masked; the others of its
// batch are written.
func TestRunnerQuarantinesRuleTimeout(t *testing.T) {
	set := rulestest.SlowSet(t)
	p, _ := NewProcessor(ProcessorConfig{Scanner: scanner.Config{Rules: set}})
	recs := []tazala.Record{
		{Source: "t", Offset: 0, Value: []byte(`{"iin":"900101300017"}`)},
		{Source: "t", Offset: 1, Value: []byte(rulestest.StuckText + " iin 900101300017")},
		{Source: "t", Offset: 2, Value: []byte(`ok`)},
	}
	src := &memSource{acked: map[string]int{}, batches: []tazala.Batch{{Records: recs}}}
	sink, q := &memSink{}, &memQuarantine{}
	r, _ := NewRunner(RunConfig{Source: src, Step: p, Sinks: []tazala.Sink{sink}, Quarantine: q})
	if err := r.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(sink.outs) != 2 || len(q.recs) != 1 || q.recs[0].Offset != 1 {
		t.Fatalf("sink %d, quarantine %d; want 2 written and offset 1 quarantined", len(sink.outs), len(q.recs))
	}
	if !strings.Contains(q.recs[0].Reason, "user rule timed out") || bytes.Contains(q.recs[0].Masked, []byte("900101300017")) {
		t.Fatalf("quarantined %q (%s)", q.recs[0].Masked, q.recs[0].Reason)
	}
	for _, o := range sink.outs {
		if bytes.Contains(o.Record.Value, []byte("900101300017")) {
			t.Fatalf("raw IIN written: %s", o.Record.Value)
		}
	}
}

// deniedStep fails every call as a tokenizer without permission would.
type deniedStep struct{}

func (deniedStep) Process(context.Context, []tazala.Record) ([]tazala.Output, error) {
	return nil, fmt.Errorf("pipeline: %w: vault hmac: %w", ErrTokenize, tazala.ErrDenied)
}

// TestRunnerDeniedStopsNotQuarantines: a tokenizer refusal would fail every
// record alike: the runner stops, commits nothing and quarantines nothing.
func TestRunnerDeniedStopsNotQuarantines(t *testing.T) {
	src := newMemSource(2, 5, 4)
	sink, q := &memSink{}, &memQuarantine{}
	r, _ := NewRunner(RunConfig{Source: src, Step: deniedStep{}, Sinks: []tazala.Sink{sink}, Quarantine: q})
	err := r.Run(context.Background())
	if !errors.Is(err, tazala.ErrDenied) {
		t.Fatalf("Run() = %v, want ErrDenied", err)
	}
	if len(q.recs) != 0 || len(sink.outs) != 0 || src.ackCount() != 0 {
		t.Fatalf("quarantine %d, sink %d, acks %d; want 0, 0, 0", len(q.recs), len(sink.outs), src.ackCount())
	}
}

// TestRunnerSplitFindsEveryBadRecord: several poison records among many
// are all quarantined, the rest written in order, with few step calls.
func TestRunnerSplitFindsEveryBadRecord(t *testing.T) {
	var recs []tazala.Record
	for i := 0; i < 1000; i++ {
		v := fmt.Appendf(nil, `{"n":%d}`, i)
		if i == 3 || i == 500 || i == 999 {
			v = []byte(`POISON`)
		}
		recs = append(recs, tazala.Record{Source: "t", Offset: int64(i), Value: v})
	}
	src := &memSource{acked: map[string]int{}, batches: []tazala.Batch{{Records: recs}}}
	sink, q := &memSink{}, &memQuarantine{}
	step := &stubStep{poison: []byte("POISON")}
	r, _ := NewRunner(RunConfig{Source: src, Step: step, Sinks: []tazala.Sink{sink}, Quarantine: q})
	if err := r.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(q.recs) != 3 || len(sink.outs) != 997 {
		t.Fatalf("quarantined %d, written %d; want 3, 997", len(q.recs), len(sink.outs))
	}
	for i := 1; i < len(sink.outs); i++ {
		if sink.outs[i].Record.Offset <= sink.outs[i-1].Record.Offset {
			t.Fatal("outputs out of order")
		}
	}
	if c := step.calls.Load(); c > 80 {
		t.Fatalf("%d step calls to find 3 bad records in 1000", c)
	}
}
