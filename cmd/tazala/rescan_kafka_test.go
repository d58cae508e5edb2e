package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy/policytest"
	"github.com/tazala/tazala/tokenize/local"
)

// TestRescanKafkaRange: an offset range of a topic on the in-process
// broker is rescanned into the store; rescanning an overlapping range
// again replaces the records: 10..29 then 25..39 leave 30, not 35 (and 0..4 by time: 35).
func TestRescanKafkaRange(t *testing.T) {
	stack.NeedCHDB(t)
	stack.Integration(t)
	k, err := stack.StartKafka(context.Background(), stack.KafkaConfig{Partitions: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	topic := "payments.rescan"
	if err := k.CreateTopic(context.Background(), topic, 1); err != nil {
		t.Fatal(err)
	}
	w := &kafka.Writer{Addr: kafka.TCP(k.Addr), Topic: topic, BatchSize: 100, BatchTimeout: 5 * time.Millisecond, RequiredAcks: kafka.RequireAll}
	g := synth.New(41)
	var msgs []kafka.Message
	for i := range 40 {
		p := policytest.Person{IIN: g.IIN(), Phone: fmt.Sprintf("+7 701 %03d 22 33", 400+i), Email: fmt.Sprintf("k%d@mail.example.kz", i), Name: "Ахметов Арман Болатович", PAN: g.PAN()}
		rec := policytest.Payment(topic, 0, at("2026-03-01"), p, 100+i)
		msgs = append(msgs, kafka.Message{Value: rec.Value})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
	w.Close()
	dir := t.TempDir()
	tk, err := local.New(local.Config{KeyPath: filepath.Join(dir, "k"), Create: true})
	if err != nil {
		t.Fatal(err)
	}
	tk.Close()
	store := "chdb:" + filepath.Join(dir, "store")
	args := []string{"rescan", "--store", store, "--key-file", filepath.Join(dir, "k"), "--topic", topic, "--kafka-brokers", k.Addr}
	code, out, e := runCLI(t, "", append(args, "--from-offset", "10", "--to-offset", "30")...)
	t.Logf("%s%s", out, e)
	if code != 0 || !strings.Contains(out, "rescanned 20 records of payments.rescan") || !strings.Contains(out, "  iin: 20") {
		t.Fatalf("exit %d:\n%s%s", code, out, e)
	}
	code, out, e = runCLI(t, "", append(args, "-q", "--from-offset", "25")...)
	if code != 0 || !strings.Contains(out, "rescanned 15 records") {
		t.Fatalf("second range: exit %d:\n%s%s", code, out, e)
	}
	// a time range: everything was produced after `before`
	before := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	code, out, e = runCLI(t, "", append(args, "-q", "--until", before)...)
	if code != 0 || !strings.Contains(out, "rescanned 0 records") {
		t.Errorf("--until before the messages: exit %d:\n%s%s", code, out, e)
	}
	code, out, e = runCLI(t, "", append(args, "-q", "--since", before, "--to-offset", "5")...)
	if code != 0 || !strings.Contains(out, "rescanned 5 records") {
		t.Errorf("--since before the messages: exit %d:\n%s%s", code, out, e)
	}
	code, out, _ = runCLI(t, "", "query", "--store", store, "--format", "csv", "SELECT count() AS n, min(offset) AS lo, max(offset) AS hi FROM records_v")
	if code != 0 || !strings.Contains(out, "35,0,39") {
		t.Errorf("records in the store:\n%s", out)
	}
}
