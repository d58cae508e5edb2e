package kafka_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	kgo "github.com/segmentio/kafka-go"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/sources/kafka"
)

func TestMain(m *testing.M) { stack.Main(m) }

func produce(t *testing.T, k *stack.Kafka, topic string, n int) {
	t.Helper()
	w := &kgo.Writer{Addr: kgo.TCP(k.Addr), Topic: topic, Balancer: &kgo.RoundRobin{}, BatchSize: 1000, BatchTimeout: 5 * time.Millisecond, RequiredAcks: kgo.RequireAll}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for i := 0; i < n; i += 1000 {
		var msgs []kgo.Message
		for j := i; j < min(i+1000, n); j++ {
			msgs = append(msgs, kgo.Message{Value: fmt.Appendf(nil, "v%06d", j)})
		}
		if err := w.WriteMessages(ctx, msgs...); err != nil {
			t.Fatalf("produce: %v", err)
		}
	}
}

func newSource(t *testing.T, k *stack.Kafka, group string, topics ...string) *kafka.Source {
	t.Helper()
	s, err := kafka.New(kafka.Config{Brokers: []string{k.Addr}, Group: group, Topics: topics,
		BatchRecords: 500, BatchWait: 20 * time.Millisecond,
		SessionTimeout: 6 * time.Second, RebalanceTimeout: 3 * time.Second, HeartbeatInterval: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func totalLag(t *testing.T, k *stack.Kafka, group string, topics ...string) (lag int64, committed int) {
	t.Helper()
	ls, err := kafka.Lag(context.Background(), kafka.LagConfig{Brokers: []string{k.Addr}, Group: group, Topics: topics})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		lag += l.Lag
		if l.Committed >= 0 {
			committed++
		}
	}
	return lag, committed
}

// seen collects offsets per partition and reports duplicates.
type seen struct {
	mu   sync.Mutex
	offs map[int32]map[int64]int
	n    int
}

func (s *seen) add(b tazala.Batch) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.offs == nil {
		s.offs = map[int32]map[int64]int{}
	}
	for _, r := range b.Records {
		if s.offs[r.Partition] == nil {
			s.offs[r.Partition] = map[int64]int{}
		}
		if s.offs[r.Partition][r.Offset] == 0 {
			s.n++
		}
		s.offs[r.Partition][r.Offset]++
	}
}

func (s *seen) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// TestSourceCommitsAfterAck: offsets are committed only for acked batches,
// and a new member resumes from there.
func TestSourceCommitsAfterAck(t *testing.T) {
	k := stack.NeedKafka(t)
	topic := k.Topic(t, 3)
	const n = 6000
	produce(t, k, topic, n)
	group := topic + ".g"
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	// read everything, ack nothing: nothing committed
	s := newSource(t, k, group, topic)
	var got seen
	var batches []tazala.Batch
	for got.count() < n {
		b, err := s.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(b.Records); i++ {
			if b.Records[i].Partition != b.Records[0].Partition || b.Records[i].Offset <= b.Records[i-1].Offset {
				t.Fatal("a batch mixes partitions or is out of order")
			}
		}
		got.add(b)
		batches = append(batches, b)
	}
	if lag, c := totalLag(t, k, group, topic); c != 0 || lag != n {
		t.Fatalf("before any ack: lag %d, %d partitions committed; want %d, 0", lag, c, n)
	}
	// ack in reverse order: nothing commits until each partition's first batch is acked,
	// then everything does
	for i := len(batches) - 1; i >= 0; i-- {
		if err := batches[i].Ack(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if lag, c := totalLag(t, k, group, topic); lag != 0 || c != 3 {
		t.Fatalf("after acking all: lag %d, %d partitions committed; want 0, 3", lag, c)
	}
	s.Close()

	// a batch acked after its generation ended commits nothing
	produce(t, k, topic, 300)
	s = newSource(t, k, group, topic)
	b, err := s.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b.Records[0].Offset < n/3 {
		t.Fatalf("resumed at offset %d of partition %d: before the committed offset", b.Records[0].Offset, b.Records[0].Partition)
	}
	s.Close()
	if err := b.Ack(ctx); !errors.Is(err, kafka.ErrGenerationEnded) {
		t.Fatalf("ack after Close: %v, want ErrGenerationEnded", err)
	}
	if lag, _ := totalLag(t, k, group, topic); lag != 300 {
		t.Fatalf("lag %d after a late ack, want 300", lag)
	}
}

// TestSourceRebalance: two members of one group on 12 partitions; one
// leaves with batches unacked; every record is still delivered and
// committed, and the unacked ones are delivered again to the survivor.
func TestSourceRebalance(t *testing.T) {
	k := stack.NeedKafka(t)
	topic := k.Topic(t, 12)
	const n = 12000
	produce(t, k, topic, n)
	group := topic + ".g"
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	a := newSource(t, k, group, topic)
	b := newSource(t, k, group, topic)
	var got seen
	// a acks what it reads for a while; b reads a few batches and leaves without acking
	var bUnacked int
	for i := 0; i < 3; i++ {
		bt, err := b.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		bUnacked += len(bt.Records)
	}
	b.Close()
	for got.count() < n {
		bt, err := a.Next(ctx)
		if err != nil {
			t.Fatalf("after %d records: %v", got.count(), err)
		}
		got.add(bt)
		if err := bt.Ack(ctx); err != nil && !errors.Is(err, kafka.ErrGenerationEnded) {
			t.Fatal(err)
		}
	}
	// wait for the last commits
	deadline := time.Now().Add(20 * time.Second)
	for {
		lag, _ := totalLag(t, k, group, topic)
		if lag == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("lag %d, want 0", lag)
		}
		// batches from an ended generation are delivered again: keep reading and acking
		rctx, rcancel := context.WithTimeout(ctx, 500*time.Millisecond)
		bt, err := a.Next(rctx)
		rcancel()
		if err == nil {
			got.add(bt)
			bt.Ack(ctx)
		}
	}
	a.Close()
	if got.count() != n {
		t.Fatalf("%d distinct records seen, want %d", got.count(), n)
	}
	t.Logf("member b left with %d records unacked; all %d delivered to a and committed", bUnacked, n)
}
