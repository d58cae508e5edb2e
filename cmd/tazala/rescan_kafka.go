package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/tazala/tazala"
)

// kafkaRange reads a topic's partitions between two offsets or two times,
// outside any consumer group (nothing is committed): what rescan reads.
type kafkaRange struct {
	Brokers    []string
	Topic      string
	Partitions []int // empty: all
	// FromOffset/ToOffset bound offsets [from, to); -1: the partition's
	// first / high-water mark. Since/Until, when set, bound by time
	// instead (the first offset at or after each).
	FromOffset, ToOffset int64
	Since, Until         time.Time
	Batch                int

	parts []partRange
	cur   *kafka.Reader
	at    int
}

type partRange struct {
	id         int
	start, end int64
}

// plan finds each partition's offsets; it returns the number of records in range.
func (k *kafkaRange) plan(ctx context.Context) (int64, error) {
	if len(k.Brokers) == 0 || k.Topic == "" {
		return 0, errors.New("kafka rescan: brokers and topic are required")
	}
	conn, err := kafka.DialContext(ctx, "tcp", k.Brokers[0])
	if err != nil {
		return 0, fmt.Errorf("kafka rescan: %w: %w", tazala.ErrUnavailable, err)
	}
	ps, err := conn.ReadPartitions(k.Topic)
	conn.Close()
	if err != nil {
		return 0, fmt.Errorf("kafka rescan: partitions of %s: %w", k.Topic, err)
	}
	var total int64
	for _, p := range ps {
		if len(k.Partitions) > 0 && !slices.Contains(k.Partitions, p.ID) {
			continue
		}
		lc, err := kafka.DialLeader(ctx, "tcp", k.Brokers[0], k.Topic, p.ID)
		if err != nil {
			return 0, fmt.Errorf("kafka rescan: leader of %s/%d: %w", k.Topic, p.ID, err)
		}
		first, last, err := lc.ReadOffsets()
		r := partRange{id: p.ID, start: first, end: last}
		if err == nil && k.FromOffset >= 0 {
			r.start = max(first, k.FromOffset)
		}
		if err == nil && k.ToOffset >= 0 {
			r.end = min(last, k.ToOffset)
		}
		if err == nil && !k.Since.IsZero() {
			var o int64
			if o, err = lc.ReadOffset(k.Since); err == nil {
				r.start = max(r.start, o)
			}
		}
		if err == nil && !k.Until.IsZero() {
			var o int64
			if o, err = lc.ReadOffset(k.Until); err == nil {
				r.end = min(r.end, o)
			}
		}
		lc.Close()
		if err != nil {
			return 0, fmt.Errorf("kafka rescan: offsets of %s/%d: %w", k.Topic, p.ID, err)
		}
		if r.end > r.start {
			k.parts = append(k.parts, r)
			total += r.end - r.start
		}
	}
	slices.SortFunc(k.parts, func(a, b partRange) int { return a.id - b.id })
	return total, nil
}

// next returns the next batch of records in range, empty at the end.
func (k *kafkaRange) next(ctx context.Context) ([]tazala.Record, error) {
	var recs []tazala.Record
	for k.at < len(k.parts) && len(recs) < k.Batch {
		p := &k.parts[k.at]
		if p.start >= p.end {
			if k.cur != nil {
				k.cur.Close()
				k.cur = nil
			}
			k.at++
			continue
		}
		if k.cur == nil {
			k.cur = kafka.NewReader(kafka.ReaderConfig{Brokers: k.Brokers, Topic: k.Topic, Partition: p.id, MinBytes: 1, MaxBytes: 8 << 20, MaxWait: 250 * time.Millisecond})
			if err := k.cur.SetOffset(p.start); err != nil {
				return nil, err
			}
		}
		m, err := k.cur.FetchMessage(ctx)
		if err != nil {
			return nil, fmt.Errorf("kafka rescan: %s/%d at %d: %w", k.Topic, p.id, p.start, err)
		}
		if m.Offset >= p.end {
			p.start = p.end
			continue
		}
		p.start = m.Offset + 1
		recs = append(recs, tazala.Record{Source: k.Topic, Partition: int32(m.Partition), Offset: m.Offset, Key: m.Key, Value: m.Value, Time: m.Time})
	}
	return recs, nil
}

func (k *kafkaRange) Close() {
	if k.cur != nil {
		k.cur.Close()
	}
}
