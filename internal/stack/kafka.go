package stack

import (
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
)

// KafkaConfig configures an in-process Kafka-protocol broker.
type KafkaConfig struct {
	// Addr is host:port to listen on; "" means a free 127.0.0.1 port.
	Addr string
	// Topics are created up front with Partitions partitions each
	// (default 3); others are created on first use.
	Topics     []string
	Partitions int32
	// DataDir persists the log across restarts when set.
	DataDir string
}

// Kafka is a running kfake broker: a real Kafka-protocol server (produce,
// fetch, consumer groups, committed offsets) inside this process.
type Kafka struct {
	Cluster *kfake.Cluster
	Addr    string
	Started time.Duration
}

// StartKafka starts a one-broker cluster on loopback.
func StartKafka(cfg KafkaConfig) (*Kafka, error) {
	begin := time.Now()
	if cfg.Addr == "" {
		a, err := FreeAddr()
		if err != nil {
			return nil, err
		}
		cfg.Addr = a
	}
	host, portS, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("stack: kafka address %q: %w", cfg.Addr, err)
	}
	port, err := strconv.Atoi(portS)
	if err != nil {
		return nil, fmt.Errorf("stack: kafka port %q: %w", portS, err)
	}
	if cfg.Partitions <= 0 {
		cfg.Partitions = 3
	}
	opts := []kfake.Opt{
		kfake.NumBrokers(1),
		kfake.Ports(port),
		kfake.AllowAutoTopicCreation(),
		kfake.DefaultNumPartitions(int(cfg.Partitions)),
		// listen on the given host only (loopback), not on every interface
		kfake.ListenFn(func(network, address string) (net.Listener, error) {
			_, p, err := net.SplitHostPort(address)
			if err != nil {
				return nil, err
			}
			return net.Listen(network, net.JoinHostPort(host, p))
		}),
	}
	if len(cfg.Topics) > 0 {
		opts = append(opts, kfake.SeedTopics(cfg.Partitions, cfg.Topics...))
	}
	if cfg.DataDir != "" {
		opts = append(opts, kfake.DataDir(cfg.DataDir))
	}
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		return nil, fmt.Errorf("stack: start kafka on %s: %w", cfg.Addr, err)
	}
	k := &Kafka{Cluster: c, Addr: net.JoinHostPort(host, portS)}
	if err := WaitTCP(k.Addr, 10*time.Second); err != nil {
		c.Close()
		return nil, err
	}
	k.Started = time.Since(begin)
	return k, nil
}

// Brokers returns the bootstrap addresses.
func (k *Kafka) Brokers() []string { return []string{k.Addr} }

// Close stops the broker.
func (k *Kafka) Close() { k.Cluster.Close() }
