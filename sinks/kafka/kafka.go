// Package kafka owns the redacted-topic sink: every redacted record is
// produced to a Kafka topic (by default the source topic plus a suffix,
// "payments.transactions.redacted") for downstream consumers, with the
// redacted key and headers naming the record's origin. Write returns once
// every broker in the in-sync set acknowledged the batch (RequireAll), so
// the daemon commits the source offsets only after the redacted copies are
// durable.
//
// Kafka has no idempotent keys: a batch replayed after a crash or a
// rebalance is produced again. Consumers that must not see a record twice
// deduplicate on the tazala-source, tazala-partition and tazala-offset
// headers (the same key as the ClickHouse tables').
package kafka

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl"

	"github.com/tazala/tazala"
)

// Config configures a Sink.
type Config struct {
	Brokers []string
	// Topic, when set, receives every record; otherwise each record goes to
	// its source topic plus Suffix (default ".redacted").
	Topic  string
	Suffix string
	TLS    *tls.Config
	SASL   sasl.Mechanism
	// Timeout bounds one Write (default 30s).
	Timeout time.Duration
}

// Sink produces redacted records.
type Sink struct {
	cfg Config
	w   *kafka.Writer
}

var _ tazala.Sink = (*Sink)(nil)

// New returns a Sink; it connects on the first Write.
func New(cfg Config) (*Sink, error) {
	if len(cfg.Brokers) == 0 {
		return nil, errors.New("sinks/kafka: no brokers")
	}
	if cfg.Topic == "" && cfg.Suffix == "" {
		cfg.Suffix = ".redacted"
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	w := &kafka.Writer{
		Addr:                   kafka.TCP(cfg.Brokers...),
		Topic:                  cfg.Topic,
		Balancer:               &kafka.Hash{}, // the same key keeps its partition, so its order
		BatchSize:              10000,
		BatchBytes:             16 << 20,
		BatchTimeout:           2 * time.Millisecond,
		RequiredAcks:           kafka.RequireAll,
		AllowAutoTopicCreation: true,
		WriteTimeout:           cfg.Timeout,
		Transport:              &kafka.Transport{TLS: cfg.TLS, SASL: cfg.SASL, DialTimeout: 10 * time.Second},
	}
	return &Sink{cfg: cfg, w: w}, nil
}

// Write produces outs and waits for the brokers' acknowledgement. Failures
// wrap tazala.ErrUnavailable: the daemon retries without committing.
func (s *Sink) Write(ctx context.Context, outs []tazala.Output) error {
	if len(outs) == 0 {
		return nil
	}
	msgs := make([]kafka.Message, len(outs))
	for i := range outs {
		r := &outs[i].Record
		m := kafka.Message{Key: r.Key, Value: r.Value, Time: r.Time, Headers: []kafka.Header{
			{Key: "tazala-source", Value: []byte(r.Source)},
			{Key: "tazala-partition", Value: strconv.AppendInt(nil, int64(r.Partition), 10)},
			{Key: "tazala-offset", Value: strconv.AppendInt(nil, r.Offset, 10)},
			{Key: "tazala-purpose", Value: []byte(outs[i].Purpose.Name)},
			{Key: "tazala-findings", Value: strconv.AppendInt(nil, int64(len(outs[i].Findings)), 10)},
		}}
		if len(m.Key) == 0 {
			// keyless records of one source partition stay together
			m.Key = strconv.AppendInt([]byte(r.Source+"/"), int64(r.Partition), 10)
		}
		if s.cfg.Topic == "" {
			m.Topic = r.Source + s.cfg.Suffix
		}
		msgs[i] = m
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	if err := s.w.WriteMessages(ctx, msgs...); err != nil {
		return fmt.Errorf("sinks/kafka: produce %d redacted records: %w: %w", len(msgs), tazala.ErrUnavailable, err)
	}
	return nil
}

// Close flushes and closes the producer.
func (s *Sink) Close() error { return s.w.Close() }
