package launch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"
)

// KafkaConfig configures a Kafka-protocol broker.
type KafkaConfig struct {
	// Addr is the loopback host:port to listen on; empty or port 0 picks
	// a free port.
	Addr string
	// Topics are created at start, each with Partitions partitions.
	Topics []string
	// Partitions per topic, also for topics that clients auto-create
	// (default 1).
	Partitions int
	// DataDir, if set, keeps the broker's log and committed offsets there
	// across restarts; empty keeps everything in memory.
	DataDir string
	// Log, if set, receives the broker's log at LogLevel (default info).
	Log      io.Writer
	LogLevel kfake.LogLevel
}

// Kafka is a running in-process Kafka-protocol broker (one kfake node).
// Clients auto-create topics they produce to.
type Kafka struct {
	// Addr is the broker's host:port, the value for bootstrap servers.
	Addr    string
	Started time.Duration // how long start-up took
	cluster *kfake.Cluster
	parts   int
}

// StartKafka starts a broker and returns once it answers metadata
// requests with the configured topics.
func StartKafka(ctx context.Context, cfg KafkaConfig) (*Kafka, error) {
	begin := time.Now()
	host, port := "127.0.0.1", 0
	if cfg.Addr != "" {
		h, p, err := net.SplitHostPort(cfg.Addr)
		if err != nil {
			return nil, fmt.Errorf("internal/stack: kafka: address %q: %w", cfg.Addr, err)
		}
		if h != "" {
			host = h
		}
		if port, err = strconv.Atoi(p); err != nil || port < 0 || port > 65535 {
			return nil, fmt.Errorf("internal/stack: kafka: address %q: bad port", cfg.Addr)
		}
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("internal/stack: kafka: address %q: the dev broker listens on loopback addresses only", cfg.Addr)
	}
	if cfg.Partitions <= 0 {
		cfg.Partitions = 1
	}
	opts := []kfake.Opt{
		kfake.NumBrokers(1),
		kfake.Ports(port),
		kfake.ClusterID("tazala-dev"),
		kfake.AllowAutoTopicCreation(),
		kfake.DefaultNumPartitions(cfg.Partitions),
		// kfake listens on 127.0.0.1:port; honour another loopback host.
		kfake.ListenFn(func(network, addr string) (net.Listener, error) {
			_, p, _ := net.SplitHostPort(addr)
			return net.Listen(network, net.JoinHostPort(host, p))
		}),
	}
	if len(cfg.Topics) > 0 {
		opts = append(opts, kfake.SeedTopics(int32(cfg.Partitions), cfg.Topics...))
	}
	if cfg.DataDir != "" {
		opts = append(opts, kfake.DataDir(cfg.DataDir))
	}
	if cfg.Log != nil {
		lvl := cfg.LogLevel
		if lvl == 0 {
			lvl = kfake.LogLevelInfo
		}
		opts = append(opts, kfake.WithLogger(kfake.BasicLogger(cfg.Log, lvl)))
	}
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("internal/stack: kafka: %s is taken (a broker already running? `make stack-down`, or choose another address): %w", net.JoinHostPort(host, strconv.Itoa(port)), err)
		}
		return nil, fmt.Errorf("internal/stack: kafka: start: %w", err)
	}
	k := &Kafka{Addr: c.ListenAddrs()[0], cluster: c, parts: cfg.Partitions}
	if err := k.wait(ctx, cfg.Topics, 10*time.Second); err != nil {
		c.Close()
		return nil, err
	}
	k.Started = time.Since(begin)
	return k, nil
}

// wait polls metadata until the broker lists every topic in topics.
func (k *Kafka) wait(ctx context.Context, topics []string, d time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	cl := &kafka.Client{Addr: kafka.TCP(k.Addr), Timeout: time.Second}
	for {
		md, err := cl.Metadata(ctx, &kafka.MetadataRequest{Topics: topics})
		if err == nil && len(md.Brokers) > 0 {
			served := map[string]bool{}
			for _, t := range md.Topics {
				served[t.Name] = t.Error == nil && len(t.Partitions) > 0
			}
			ok := true
			for _, t := range topics {
				ok = ok && served[t]
			}
			if ok {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("internal/stack: kafka: %s not ready after %v: %v", k.Addr, d, err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// CreateTopic creates topic with the given number of partitions (0: the
// broker's default) and waits until the broker serves it.
func (k *Kafka) CreateTopic(ctx context.Context, topic string, partitions int) error {
	if partitions <= 0 {
		partitions = k.parts
	}
	cl := &kafka.Client{Addr: kafka.TCP(k.Addr), Timeout: 5 * time.Second}
	resp, err := cl.CreateTopics(ctx, &kafka.CreateTopicsRequest{Topics: []kafka.TopicConfig{{
		Topic: topic, NumPartitions: partitions, ReplicationFactor: 1,
	}}})
	if err != nil {
		return fmt.Errorf("internal/stack: kafka: create topic %s: %w", topic, err)
	}
	if err := resp.Errors[topic]; err != nil && !errors.Is(err, kafka.TopicAlreadyExists) {
		return fmt.Errorf("internal/stack: kafka: create topic %s: %w", topic, err)
	}
	return k.wait(ctx, []string{topic}, 10*time.Second)
}

// Brokers returns the bootstrap address list as clients take it
// (TAZALA_KAFKA_BROKERS).
func (k *Kafka) Brokers() string { return k.Addr }

// Close stops the broker.
func (k *Kafka) Close() {
	if k.cluster != nil {
		k.cluster.Close()
		k.cluster = nil
	}
}

// ParseTopics splits a comma-separated topic list, dropping blanks.
func ParseTopics(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
