package stack_test

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/tazala/tazala/internal/stack"
)

func startKafka(t *testing.T, topics ...string) *stack.Kafka {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test")
	}
	k, err := stack.StartKafka(stack.KafkaConfig{Topics: topics, Partitions: 3})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("kfake broker up in %v on %s", k.Started.Round(time.Millisecond), k.Addr)
	t.Cleanup(k.Close)
	return k
}

// TestKafkaGoConsumerGroupResume: kafka-go produces, a consumer group reads
// half and commits, a second reader in the same group resumes after the
// committed offset.
func TestKafkaGoConsumerGroupResume(t *testing.T) {
	k := startKafka(t, "tx")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	w := &kafka.Writer{Addr: kafka.TCP(k.Addr), Topic: "tx", Balancer: &kafka.Hash{}, BatchSize: 100, BatchTimeout: 5 * time.Millisecond, RequiredAcks: kafka.RequireAll}
	const n = 200
	var msgs []kafka.Message
	for i := 0; i < n; i++ {
		msgs = append(msgs, kafka.Message{Key: []byte(fmt.Sprint(i % 7)), Value: []byte(fmt.Sprint(i))})
	}
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
	w.Close()

	read := func(limit int) map[string]bool {
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: k.Brokers(), GroupID: "tazala-test", Topic: "tx", MinBytes: 1, MaxBytes: 1 << 20, MaxWait: 100 * time.Millisecond, StartOffset: kafka.FirstOffset})
		defer r.Close()
		got := map[string]bool{}
		for len(got) < limit {
			m, err := r.FetchMessage(ctx)
			if err != nil {
				t.Fatalf("fetch after %d: %v", len(got), err)
			}
			got[string(m.Value)] = true
			if err := r.CommitMessages(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		return got
	}
	first := read(n / 2)
	second := read(n / 2)
	for v := range second {
		if first[v] {
			t.Fatalf("message %s delivered again after its offset was committed", v)
		}
	}
	if len(first)+len(second) != n {
		t.Fatalf("read %d+%d, want %d", len(first), len(second), n)
	}
}

// TestKcatRoundTrip: Debian's kcat, a third-party librdkafka client,
// produces to the broker and kafka-go reads it back, and the reverse.
func TestKcatRoundTrip(t *testing.T) {
	kcat, err := exec.LookPath("kcat")
	if err != nil {
		stack.Missing(t, "kcat", "make stack-deps (apt-get install kcat)")
	}
	k := startKafka(t, "kc")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, kcat, "-b", k.Addr, "-t", "kc", "-P", "-p", "0")
	cmd.Stdin = strings.NewReader("one\ntwo\nthree\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("kcat produce: %v: %s", err, out)
	}
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: k.Brokers(), Topic: "kc", Partition: 0, MinBytes: 1, MaxBytes: 1 << 20, MaxWait: 100 * time.Millisecond})
	defer r.Close()
	for _, want := range []string{"one", "two", "three"} {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if string(m.Value) != want {
			t.Fatalf("got %q, want %q", m.Value, want)
		}
	}
	w := &kafka.Writer{Addr: kafka.TCP(k.Addr), Topic: "kc", Balancer: &kafka.LeastBytes{}, RequiredAcks: kafka.RequireAll}
	if err := w.WriteMessages(ctx, kafka.Message{Value: []byte("from-kafka-go")}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	out, err := exec.CommandContext(ctx, kcat, "-b", k.Addr, "-t", "kc", "-C", "-o", "beginning", "-e", "-q").CombinedOutput()
	if err != nil {
		t.Fatalf("kcat consume: %v: %s", err, out)
	}
	if !strings.Contains(string(out), "from-kafka-go") || !strings.Contains(string(out), "three") {
		t.Fatalf("kcat read %q", out)
	}
}
