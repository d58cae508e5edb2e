package stack_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/tazala/tazala/internal/stack"
)

func TestMain(m *testing.M) { stack.Main(m) }

func writer(k *stack.Kafka, topic string) *kafka.Writer {
	return &kafka.Writer{
		Addr:         kafka.TCP(k.Addr),
		Topic:        topic,
		Balancer:     &kafka.Hash{},
		BatchSize:    1000,
		BatchTimeout: 5 * time.Millisecond,
		RequiredAcks: kafka.RequireAll,
	}
}

func groupReader(k *stack.Kafka, topic, group string) *kafka.Reader {
	return kafka.NewReader(kafka.ReaderConfig{
		Brokers:           []string{k.Addr},
		GroupID:           group,
		Topic:             topic,
		StartOffset:       kafka.FirstOffset,
		MinBytes:          1,
		MaxBytes:          1 << 20,
		MaxWait:           100 * time.Millisecond,
		SessionTimeout:    6 * time.Second,
		HeartbeatInterval: 500 * time.Millisecond,
		RebalanceTimeout:  2 * time.Second,
		JoinGroupBackoff:  100 * time.Millisecond,
		CommitInterval:    0, // synchronous commits
	})
}

func produce(t *testing.T, k *stack.Kafka, topic string, n int) time.Duration {
	t.Helper()
	w := writer(k, topic)
	defer w.Close()
	msgs := make([]kafka.Message, n)
	for i := range msgs {
		msgs[i] = kafka.Message{Key: fmt.Appendf(nil, "k%d", i%97), Value: fmt.Appendf(nil, "v%06d", i)}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	begin := time.Now()
	for i := 0; i < n; i += 1000 {
		if err := w.WriteMessages(ctx, msgs[i:min(i+1000, n)]...); err != nil {
			t.Fatalf("produce: %v", err)
		}
	}
	return time.Since(begin)
}

// TestKafkaGroupCommitResume: a consumer group member reads part of a
// topic and commits; a second member of the same group, started after the
// first left, continues exactly from the committed offsets.
func TestKafkaGroupCommitResume(t *testing.T) {
	k := stack.NeedKafka(t)
	topic := k.Topic(t, 3)
	const n = 10000
	d := produce(t, k, topic, n)
	t.Logf("produced %d messages in %v (%.0f msg/s)", n, d.Round(time.Millisecond), float64(n)/d.Seconds())

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	group := topic + ".group"
	seen := map[string]int{}

	r1 := groupReader(k, topic, group)
	const first = 4000
	var batch []kafka.Message
	for len(batch) < first {
		m, err := r1.FetchMessage(ctx)
		if err != nil {
			t.Fatalf("reader 1 fetch: %v", err)
		}
		batch = append(batch, m)
	}
	if err := r1.CommitMessages(ctx, batch...); err != nil {
		t.Fatalf("reader 1 commit: %v", err)
	}
	for _, m := range batch {
		seen[string(m.Value)]++
	}
	if err := r1.Close(); err != nil {
		t.Fatalf("reader 1 close: %v", err)
	}

	r2 := groupReader(k, topic, group)
	defer r2.Close()
	begin := time.Now()
	for got := 0; got < n-first; got++ {
		m, err := r2.FetchMessage(ctx)
		if err != nil {
			t.Fatalf("reader 2 fetch after %d messages: %v", got, err)
		}
		if got == 0 {
			t.Logf("second group member got its first message %v after joining", time.Since(begin).Round(time.Millisecond))
		}
		seen[string(m.Value)]++
		if err := r2.CommitMessages(ctx, m); err != nil {
			t.Fatalf("reader 2 commit: %v", err)
		}
	}
	dups := 0
	for v, c := range seen {
		if c > 1 {
			dups++
			if dups < 5 {
				t.Errorf("%s delivered %d times", v, c)
			}
		}
	}
	if len(seen) != n || dups > 0 {
		t.Fatalf("group saw %d distinct messages of %d, %d duplicated", len(seen), n, dups)
	}
	// Nothing more to read: a third member finds every partition committed.
	r3 := groupReader(k, topic, group)
	defer r3.Close()
	short, cancel3 := context.WithTimeout(ctx, 3*time.Second)
	defer cancel3()
	if m, err := r3.FetchMessage(short); err == nil {
		t.Fatalf("third member re-read %s at partition %d offset %d", m.Value, m.Partition, m.Offset)
	} else if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("third member: %v", err)
	}
}

// TestKafkaPortTaken: starting a broker on a taken port says so.
func TestKafkaPortTaken(t *testing.T) {
	k := stack.NeedKafka(t)
	_, err := stack.StartKafka(context.Background(), stack.KafkaConfig{Addr: k.Addr})
	if err == nil || !strings.Contains(err.Error(), "is taken") {
		t.Fatalf("StartKafka on a taken port: %v, want an error saying it is taken", err)
	}
}

func TestKafkaStartupTime(t *testing.T) {
	stack.Integration(t)
	begin := time.Now()
	k, err := stack.StartKafka(context.Background(), stack.KafkaConfig{Topics: []string{"a", "b"}, Partitions: 4})
	if err != nil {
		t.Fatal(err)
	}
	k.Close()
	t.Logf("kfake broker with 2 topics x 4 partitions: ready in %v, closed after %v", k.Started.Round(time.Microsecond), time.Since(begin).Round(time.Microsecond))
}

// TestKcatRoundTrip drives the broker with a third-party client: kcat
// (librdkafka) produces and kafka-go consumes, then the reverse.
func TestKcatRoundTrip(t *testing.T) {
	kcat := stack.NeedKcat(t)
	k := stack.NeedKafka(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	// kcat -> kafka-go
	topic := k.Topic(t, 1)
	var in bytes.Buffer
	var want []string
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&in, "key%d\t{\"n\":%d,\"msg\":\"привет %d\"}\n", i, i, i)
		want = append(want, fmt.Sprintf("key%d={\"n\":%d,\"msg\":\"привет %d\"}", i, i, i))
	}
	cmd := exec.CommandContext(ctx, kcat, "-P", "-b", k.Addr, "-t", topic, "-K", "\t", "-X", "linger.ms=5")
	cmd.Stdin = &in
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("kcat -P: %v\n%s", err, out)
	}
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{k.Addr}, Topic: topic, Partition: 0, MaxWait: 100 * time.Millisecond})
	defer r.Close()
	var got []string
	for len(got) < len(want) {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			t.Fatalf("kafka-go read after %d: %v", len(got), err)
		}
		got = append(got, string(m.Key)+"="+string(m.Value))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("kafka-go read differs from what kcat produced: first %q, want %q", got[0], want[0])
	}

	// kafka-go -> kcat
	topic2 := k.Topic(t, 2)
	produce(t, k, topic2, 300)
	cmd = exec.CommandContext(ctx, kcat, "-C", "-b", k.Addr, "-t", topic2, "-o", "beginning", "-e", "-q", "-f", "%p %o %k %s\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("kcat -C: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var values []string
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) != 4 {
			t.Fatalf("kcat line %q", l)
		}
		values = append(values, f[3])
	}
	sort.Strings(values)
	if len(values) != 300 || values[0] != "v000000" || values[299] != "v000299" {
		t.Fatalf("kcat consumed %d messages (%v..), want 300", len(values), values[:min(3, len(values))])
	}
}

// TestKafkaDataDir: with DataDir, messages and committed offsets survive a
// broker restart on the same address.
func TestKafkaDataDir(t *testing.T) {
	stack.Integration(t)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	k, err := stack.StartKafka(ctx, stack.KafkaConfig{DataDir: dir, Topics: []string{"kept"}, Partitions: 2})
	if err != nil {
		t.Fatal(err)
	}
	produce(t, k, "kept", 100)
	r := groupReader(k, "kept", "g")
	var batch []kafka.Message
	for len(batch) < 40 {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		batch = append(batch, m)
	}
	if err := r.CommitMessages(ctx, batch...); err != nil {
		t.Fatal(err)
	}
	r.Close()
	addr := k.Addr
	k.Close()

	k, err = stack.StartKafka(ctx, stack.KafkaConfig{Addr: addr, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	t.Logf("broker restarted from %s in %v", dir, k.Started.Round(time.Millisecond))
	r = groupReader(k, "kept", "g")
	defer r.Close()
	seen := map[string]bool{}
	for _, m := range batch {
		seen[string(m.Value)] = true
	}
	for len(seen) < 100 {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			t.Fatalf("after restart, %d of 100 seen: %v", len(seen), err)
		}
		if seen[string(m.Value)] {
			t.Fatalf("after restart, %s delivered again (partition %d offset %d)", m.Value, m.Partition, m.Offset)
		}
		seen[string(m.Value)] = true
	}
}
