// Package kafka owns the Kafka source of the daemon: a consumer group on
// github.com/segmentio/kafka-go's ConsumerGroup/Generation API (not Reader
// with CommitInterval, whose commit errors are only logged and whose late
// commits can rewind partitions that moved: kafka-go #1308, #1398).
//
// Each generation runs one loop per assigned partition. A loop reads its
// partition in order and hands out batches (tazala.Batch) cut by size and
// time. A batch's Ack commits through the generation, fenced by its id, and
// only the contiguous high-water mark of its partition: a batch acked
// before an earlier one of the same partition waits for it. When the
// generation ends (rebalance, shutdown, lost session), acks of its batches
// commit nothing and return ErrGenerationEnded; the partition's next owner
// reads them again from the last commit, and the idempotent sinks hide the
// replay.
package kafka

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl"

	"github.com/tazala/tazala"
)

// Start positions for partitions the group has never committed.
const (
	StartEarliest = "earliest"
	StartLatest   = "latest"
)

// ErrGenerationEnded is returned by the Ack of a batch whose consumer-group
// generation has ended: nothing was committed.
var ErrGenerationEnded = errors.New("consumer group generation ended before the batch was acknowledged")

// Config configures a Source.
type Config struct {
	Brokers []string
	Group   string
	Topics  []string
	// Start is where a partition without a committed offset starts:
	// StartEarliest (default) or StartLatest.
	Start string
	// BatchRecords and BatchBytes bound one batch (defaults 2000 records,
	// 4 MiB); BatchWait bounds how long a partition loop waits to fill one
	// once it holds a record (default 50ms).
	BatchRecords int
	BatchBytes   int
	BatchWait    time.Duration
	// Queue is how many batches may wait for the pipeline (default 4):
	// partition loops block when it is full, so a slow pipeline slows
	// consumption and memory stays bounded.
	Queue int
	// Consumer-group timings (kafka-go defaults when zero).
	SessionTimeout    time.Duration
	RebalanceTimeout  time.Duration
	HeartbeatInterval time.Duration
	// MaxWait bounds one fetch request at the broker (default 250ms).
	MaxWait time.Duration
	// TLS and SASL, both optional.
	TLS  *tls.Config
	SASL sasl.Mechanism
	// ClientID names the process to the brokers (default "tazala").
	ClientID string
	// Log receives what happens to the group; never record contents.
	Log *slog.Logger
	// Observer receives partition events (optional).
	Observer Observer
}

// Observer receives what the source sees, for metrics. Methods are called
// from several goroutines.
type Observer interface {
	// Lag is the number of records in a partition after its committed
	// offset, as of the last fetch and commit.
	Lag(topic string, partition int32, lag int64)
	// Committed is called after each successful commit.
	Committed(topic string, partition int32, offset int64)
	// Assigned and Revoked track partition ownership.
	Assigned(topic string, partition int32)
	Revoked(topic string, partition int32)
}

// Source is a consumer-group member.
type Source struct {
	cfg    Config
	cg     *kafka.ConsumerGroup
	dialer *kafka.Dialer
	out    chan tazala.Batch
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
	log    *slog.Logger

	lastErr atomic.Pointer[error]
	gen     atomic.Int32
}

var _ tazala.Source = (*Source)(nil)

// New joins the group and starts consuming in the background.
func New(cfg Config) (*Source, error) {
	if len(cfg.Brokers) == 0 {
		return nil, errors.New("sources/kafka: no brokers")
	}
	if cfg.Group == "" {
		return nil, errors.New("sources/kafka: no consumer group")
	}
	if len(cfg.Topics) == 0 {
		return nil, errors.New("sources/kafka: no topics")
	}
	var start int64
	switch cfg.Start {
	case "", StartEarliest:
		start = kafka.FirstOffset
	case StartLatest:
		start = kafka.LastOffset
	default:
		return nil, fmt.Errorf("sources/kafka: start %q: want %s or %s", cfg.Start, StartEarliest, StartLatest)
	}
	if cfg.BatchRecords <= 0 {
		cfg.BatchRecords = 2000
	}
	if cfg.BatchBytes <= 0 {
		cfg.BatchBytes = 4 << 20
	}
	if cfg.BatchWait <= 0 {
		cfg.BatchWait = 50 * time.Millisecond
	}
	if cfg.Queue <= 0 {
		cfg.Queue = 4
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = 250 * time.Millisecond
	}
	if cfg.ClientID == "" {
		cfg.ClientID = "tazala"
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "sources/kafka", "group", cfg.Group)
	dialer := &kafka.Dialer{
		ClientID:      cfg.ClientID,
		Timeout:       10 * time.Second,
		DualStack:     true,
		TLS:           cfg.TLS,
		SASLMechanism: cfg.SASL,
	}
	cg, err := kafka.NewConsumerGroup(kafka.ConsumerGroupConfig{
		ID:                cfg.Group,
		Brokers:           cfg.Brokers,
		Dialer:            dialer,
		Topics:            cfg.Topics,
		StartOffset:       start,
		SessionTimeout:    cfg.SessionTimeout,
		RebalanceTimeout:  cfg.RebalanceTimeout,
		HeartbeatInterval: cfg.HeartbeatInterval,
		JoinGroupBackoff:  time.Second,
		ErrorLogger:       kafka.LoggerFunc(func(msg string, a ...any) { log.Debug("kafka-go", "msg", fmt.Sprintf(msg, a...)) }),
	})
	if err != nil {
		return nil, fmt.Errorf("sources/kafka: consumer group %s: %w", cfg.Group, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Source{cfg: cfg, cg: cg, dialer: dialer, out: make(chan tazala.Batch, cfg.Queue),
		ctx: ctx, cancel: cancel, done: make(chan struct{}), log: log}
	go s.run()
	return s, nil
}

// Next returns the next batch of any assigned partition.
func (s *Source) Next(ctx context.Context) (tazala.Batch, error) {
	select {
	case b := <-s.out:
		return b, nil
	case <-ctx.Done():
		return tazala.Batch{}, ctx.Err()
	case <-s.done:
		return tazala.Batch{}, tazala.ErrEndOfInput
	}
}

// Err returns the last error joining the group or fetching (nil once a
// generation runs and fetches succeed): what /readyz reports.
func (s *Source) Err() error {
	if p := s.lastErr.Load(); p != nil {
		return *p
	}
	return nil
}

func (s *Source) setErr(err error) {
	if err == nil {
		s.lastErr.Store(nil)
		return
	}
	s.lastErr.Store(&err)
}

// Close leaves the group: the current generation ends, so acks of batches
// still in flight commit nothing.
func (s *Source) Close() error {
	s.cancel()
	err := s.cg.Close()
	<-s.done
	return err
}

func (s *Source) run() {
	defer close(s.done)
	for {
		gen, err := s.cg.Next(s.ctx)
		if err != nil {
			if s.ctx.Err() != nil || errors.Is(err, kafka.ErrGroupClosed) {
				return
			}
			err = fmt.Errorf("sources/kafka: join group %s at brokers %s: %w: %w%s", s.cfg.Group, strings.Join(s.cfg.Brokers, ","), tazala.ErrUnavailable, err, hint(err))
			s.setErr(err)
			s.log.Warn("consumer group: join failed, retrying", "err", err.Error())
			continue
		}
		s.setErr(nil)
		s.gen.Store(gen.ID)
		n := 0
		for topic, parts := range gen.Assignments {
			for _, pa := range parts {
				n++
				p := &partition{s: s, gen: gen, topic: topic, id: int32(pa.ID), start: pa.Offset}
				gen.Start(p.loop)
			}
		}
		s.log.Info("consumer group: generation started", "generation", gen.ID, "partitions", n)
	}
}

// partition is one assigned partition within one generation.
type partition struct {
	s     *Source
	gen   *kafka.Generation
	ctx   context.Context // the generation's: done when it ends
	topic string
	id    int32
	start int64

	mu        sync.Mutex
	pending   []*pending // batches handed out, in order, not yet committable
	hwm       int64      // broker high-water mark seen last
	commitMu  sync.Mutex // one commit at a time, never backwards
	committed int64      // offset committed (next to read); -1 unknown
}

type pending struct {
	first, last int64
	done        bool
}

func (p *partition) loop(ctx context.Context) {
	p.ctx = ctx
	p.committed = -1
	s := p.s
	obs := s.cfg.Observer
	if obs != nil {
		obs.Assigned(p.topic, p.id)
		defer obs.Revoked(p.topic, p.id)
	}
	log := s.log.With("topic", p.topic, "partition", p.id, "generation", p.gen.ID)
	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers:        s.cfg.Brokers,
		Topic:          p.topic,
		Partition:      int(p.id),
		Dialer:         s.dialer,
		MinBytes:       1,
		MaxBytes:       max(s.cfg.BatchBytes, 1<<20),
		MaxWait:        s.cfg.MaxWait,
		QueueCapacity:  min(s.cfg.BatchRecords, 1000), // prefetched messages per partition: bounded memory
		ReadBackoffMin: 50 * time.Millisecond,
		ReadBackoffMax: time.Second,
		ErrorLogger:    kafka.LoggerFunc(func(msg string, a ...any) { log.Debug("kafka-go reader", "msg", fmt.Sprintf(msg, a...)) }),
	})
	defer r.Close()
	if err := r.SetOffset(p.start); err != nil {
		log.Error("partition: set offset", "err", err.Error())
		return
	}
	if p.start >= 0 {
		p.committed = p.start
	}
	log.Info("partition: assigned", "offset", p.start)
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			err = fmt.Errorf("sources/kafka: fetch %s/%d: %w: %w%s", p.topic, p.id, tazala.ErrUnavailable, err, hint(err))
			s.setErr(err)
			log.Warn("partition: fetch failed", "err", err.Error())
			select {
			case <-ctx.Done():
				return
			case <-time.After(500 * time.Millisecond):
			}
			continue
		}
		recs := make([]tazala.Record, 0, min(s.cfg.BatchRecords, 256))
		size := 0
		add := func(m kafka.Message) {
			t := m.Time
			if t.IsZero() {
				t = time.Now()
			}
			recs = append(recs, tazala.Record{Source: p.topic, Partition: p.id, Offset: m.Offset, Key: m.Key, Value: m.Value, Time: t})
			size += len(m.Value) + len(m.Key)
			p.mu.Lock()
			p.hwm = m.HighWaterMark
			p.mu.Unlock()
		}
		add(m)
		if len(recs) < s.cfg.BatchRecords && size < s.cfg.BatchBytes {
			bctx, cancel := context.WithTimeout(ctx, s.cfg.BatchWait)
			for len(recs) < s.cfg.BatchRecords && size < s.cfg.BatchBytes {
				m, err := r.FetchMessage(bctx)
				if err != nil {
					break
				}
				add(m)
			}
			cancel()
			if ctx.Err() != nil {
				return // generation over: the batch was never handed out
			}
		}
		b := &pending{first: recs[0].Offset, last: recs[len(recs)-1].Offset}
		p.mu.Lock()
		p.pending = append(p.pending, b)
		p.mu.Unlock()
		p.observeLag()
		select {
		case s.out <- tazala.Batch{Records: recs, Ack: func(ctx context.Context) error { return p.ack(ctx, b) }}:
		case <-ctx.Done():
			return
		}
	}
}

func (p *partition) observeLag() {
	if p.s.cfg.Observer == nil {
		return
	}
	p.mu.Lock()
	hwm := p.hwm
	p.mu.Unlock()
	p.commitMu.Lock()
	c := p.committed
	p.commitMu.Unlock()
	if c >= 0 && hwm >= c {
		p.s.cfg.Observer.Lag(p.topic, p.id, hwm-c)
	}
}

// ack marks b processed and commits the partition's contiguous high-water
// mark through the generation.
func (p *partition) ack(ctx context.Context, b *pending) error {
	p.mu.Lock()
	b.done = true
	to := int64(-1)
	n := 0
	for n < len(p.pending) && p.pending[n].done {
		to = p.pending[n].last + 1
		n++
	}
	p.pending = p.pending[n:]
	p.mu.Unlock()
	if p.ctx.Err() != nil {
		return fmt.Errorf("sources/kafka: %s/%d offsets %d-%d: %w", p.topic, p.id, b.first, b.last, ErrGenerationEnded)
	}
	if to < 0 {
		return nil // an earlier batch of the partition is still in flight
	}
	p.commitMu.Lock()
	defer p.commitMu.Unlock()
	if to <= p.committed {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := p.gen.CommitOffsets(map[string]map[int]int64{p.topic: {int(p.id): to}}); err != nil {
		return fmt.Errorf("sources/kafka: commit %s/%d offset %d (generation %d): %w: %w", p.topic, p.id, to, p.gen.ID, tazala.ErrUnavailable, err)
	}
	p.committed = to
	if obs := p.s.cfg.Observer; obs != nil {
		obs.Committed(p.topic, p.id, to)
		p.mu.Lock()
		hwm := p.hwm
		p.mu.Unlock()
		if hwm >= to {
			obs.Lag(p.topic, p.id, hwm-to)
		}
	}
	return nil
}

// hint names the settings to check when err is a failed authentication
// or TLS handshake rather than an outage (the daemon keeps retrying
// either way: /readyz shows it). It never repeats a secret: kafka-go's
// errors name the broker and the SASL error code, not the credentials.
func hint(err error) string {
	var kerr kafka.Error
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	var header tls.RecordHeaderError
	switch {
	case errors.As(err, &kerr) && (kerr == kafka.SASLAuthenticationFailed || kerr == kafka.IllegalSASLState || kerr == kafka.UnsupportedSASLMechanism):
		return " (SASL authentication refused: check kafka.sasl.mechanism, kafka.sasl.username and the password, TAZALA_KAFKA_SASL_PASSWORD)"
	case errors.As(err, &hostErr):
		return " (the brokers' TLS certificate is for another name: check the broker address or kafka.tls.server_name)"
	case errors.As(err, &unknownCA), errors.As(err, &invalid), errors.As(err, &verify):
		return " (the brokers' TLS certificate is not trusted: check kafka.tls.ca_file, the CA that signed it)"
	case errors.As(err, &header):
		return " (the brokers do not answer in TLS: check kafka.tls.enabled and the port)"
	}
	return ""
}
