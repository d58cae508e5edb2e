package kafka

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl"
)

// PartitionLag is one partition's committed offset against its end.
type PartitionLag struct {
	Topic     string
	Partition int
	Committed int64 // -1: nothing committed yet
	End       int64 // the broker's high-water mark
	Lag       int64 // End - Committed (End when nothing is committed)
}

// LagConfig says which group and topics to measure, and how to connect.
type LagConfig struct {
	Brokers []string
	Group   string
	Topics  []string
	TLS     *tls.Config
	SASL    sasl.Mechanism
}

// Lag asks the brokers for the group's committed offsets and the
// partitions' ends: the consumer lag as an operator sees it, independent of
// the daemon's own metrics.
func Lag(ctx context.Context, cfg LagConfig) ([]PartitionLag, error) {
	tr := &kafka.Transport{TLS: cfg.TLS, SASL: cfg.SASL, DialTimeout: 5 * time.Second}
	cl := &kafka.Client{Addr: kafka.TCP(cfg.Brokers...), Timeout: 10 * time.Second, Transport: tr}
	md, err := cl.Metadata(ctx, &kafka.MetadataRequest{Topics: cfg.Topics})
	if err != nil {
		return nil, fmt.Errorf("sources/kafka: lag: metadata: %w", err)
	}
	parts := map[string][]int{}
	list := map[string][]kafka.OffsetRequest{}
	for _, t := range md.Topics {
		if t.Error != nil {
			return nil, fmt.Errorf("sources/kafka: lag: topic %s: %w", t.Name, t.Error)
		}
		for _, p := range t.Partitions {
			parts[t.Name] = append(parts[t.Name], p.ID)
			list[t.Name] = append(list[t.Name], kafka.LastOffsetOf(p.ID))
		}
	}
	ends, err := cl.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: list})
	if err != nil {
		return nil, fmt.Errorf("sources/kafka: lag: list offsets: %w", err)
	}
	com, err := cl.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: cfg.Group, Topics: parts})
	if err != nil {
		return nil, fmt.Errorf("sources/kafka: lag: offset fetch: %w", err)
	}
	if com.Error != nil && !errors.Is(com.Error, kafka.GroupIdNotFound) {
		return nil, fmt.Errorf("sources/kafka: lag: offset fetch: %w", com.Error)
	}
	committed := map[string]map[int]int64{}
	for t, ps := range com.Topics {
		committed[t] = map[int]int64{}
		for _, p := range ps {
			committed[t][p.Partition] = p.CommittedOffset
		}
	}
	var out []PartitionLag
	for t, ps := range ends.Topics {
		for _, p := range ps {
			if p.Error != nil {
				return nil, fmt.Errorf("sources/kafka: lag: %s/%d: %w", t, p.Partition, p.Error)
			}
			c, ok := committed[t][p.Partition]
			if !ok {
				c = -1
			}
			l := PartitionLag{Topic: t, Partition: p.Partition, Committed: c, End: p.LastOffset}
			if c < 0 {
				l.Lag = p.LastOffset
			} else {
				l.Lag = max(p.LastOffset-c, 0)
			}
			out = append(out, l)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Topic != out[j].Topic {
			return out[i].Topic < out[j].Topic
		}
		return out[i].Partition < out[j].Partition
	})
	return out, nil
}
