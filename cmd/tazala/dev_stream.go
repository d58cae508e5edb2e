package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/urfave/cli/v2"

	"github.com/tazala/tazala/internal/synth"
	tkafka "github.com/tazala/tazala/sources/kafka"
)

// devProduceCommand produces generated traffic with a real Kafka client
// (kafka-go's Writer): the demo's and the benchmark's load.
func devProduceCommand() *cli.Command {
	return &cli.Command{
		Name:  "produce",
		Usage: "produce generated traffic (made-up people) of one stream to a topic with a Kafka client",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "brokers", Value: "127.0.0.1:9092", EnvVars: []string{"TAZALA_KAFKA_BROKERS"}, Usage: "bootstrap `BROKERS`, comma-separated"},
			&cli.StringFlag{Name: "topic", Required: true, Usage: "`TOPIC` to produce to"},
			&cli.StringFlag{Name: "stream", Value: "transactions", Usage: "what to generate: transactions, notifications or support"},
			&cli.IntFlag{Name: "records", Aliases: []string{"n"}, Value: 10000, Usage: "number of records"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed"},
			&cli.Float64Flag{Name: "repeat", Value: 0.9, Usage: "share of records about returning customers"},
			&cli.IntFlag{Name: "rate", Usage: "records per second (0: as fast as the broker takes them)"},
		},
		Action: func(c *cli.Context) error {
			st, err := synth.ParseStream(c.String("stream"))
			if err != nil {
				return usageErr("%v", err)
			}
			w := &kafka.Writer{Addr: kafka.TCP(strings.Split(c.String("brokers"), ",")...), Topic: c.String("topic"),
				Balancer: &kafka.RoundRobin{}, BatchSize: 2000, BatchBytes: 8 << 20, BatchTimeout: 5 * time.Millisecond,
				RequiredAcks: kafka.RequireAll, AllowAutoTopicCreation: true}
			defer w.Close()
			g := synth.New(c.Uint64("seed"))
			g.Repeat = c.Float64("repeat")
			n := c.Int("records")
			begin := time.Now()
			var bytes int
			batch := 2000
			var tick *time.Ticker
			if r := c.Int("rate"); r > 0 {
				// 20 sends a second, each rate/20 records
				batch = max(r/20, 1)
				tick = time.NewTicker(time.Second * time.Duration(batch) / time.Duration(r))
				defer tick.Stop()
				w.BatchSize = batch
			}
			msgs := make([]kafka.Message, 0, batch)
			for i := 0; i < n; {
				if tick != nil {
					<-tick.C
				}
				msgs = msgs[:0]
				for ; i < n && len(msgs) < cap(msgs); i++ {
					r := g.NextOf(st)
					bytes += len(r.Line)
					msgs = append(msgs, kafka.Message{Value: r.Line, Time: time.Now()})
				}
				if err := w.WriteMessages(c.Context, msgs...); err != nil {
					return cli.Exit(fmt.Sprintf("dev produce: %s: %v", c.String("topic"), err), exitFailure)
				}
			}
			el := time.Since(begin)
			fmt.Fprintf(c.App.Writer, "produced %d %s records (%.1f MB) to %s in %v\n", n, st, float64(bytes)/1e6, c.String("topic"), el.Round(time.Millisecond))
			return nil
		},
	}
}

// devLagCommand prints a consumer group's lag as the brokers see it.
func devLagCommand() *cli.Command {
	return &cli.Command{
		Name:  "lag",
		Usage: "print a consumer group's committed offsets and lag per partition, as the brokers report them",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "brokers", Value: "127.0.0.1:9092", EnvVars: []string{"TAZALA_KAFKA_BROKERS"}, Usage: "bootstrap `BROKERS`, comma-separated"},
			&cli.StringFlag{Name: "group", Value: "tazala", Usage: "consumer `GROUP`"},
			&cli.StringFlag{Name: "topics", Required: true, Usage: "comma-separated `TOPICS`"},
			&cli.DurationFlag{Name: "wait", Usage: "poll until the lag is zero, at most `DURATION` (exit 1 if it is not)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only the total"},
		},
		Action: func(c *cli.Context) error {
			cfg := tkafka.LagConfig{Brokers: strings.Split(c.String("brokers"), ","), Group: c.String("group"), Topics: stackTopics(c.String("topics"))}
			deadline := time.Now().Add(c.Duration("wait"))
			for {
				ls, err := tkafka.Lag(c.Context, cfg)
				if err != nil {
					if c.Duration("wait") > 0 && time.Now().Before(deadline) {
						time.Sleep(200 * time.Millisecond)
						continue
					}
					return cli.Exit(fmt.Sprintf("dev lag: %v", err), exitFailure)
				}
				var total, end int64
				for _, l := range ls {
					total += l.Lag
					end += l.End
				}
				if total == 0 || c.Duration("wait") == 0 || time.Now().After(deadline) {
					if !c.Bool("quiet") {
						fmt.Fprintf(c.App.Writer, "%-28s %9s %12s %12s %10s\n", "topic", "partition", "committed", "end", "lag")
						for _, l := range ls {
							fmt.Fprintf(c.App.Writer, "%-28s %9d %12d %12d %10d\n", l.Topic, l.Partition, l.Committed, l.End, l.Lag)
						}
					}
					fmt.Fprintf(c.App.Writer, "consumer group %s: lag %d of %d records\n", cfg.Group, total, end)
					if total != 0 && c.Duration("wait") > 0 {
						return cli.Exit("", exitFailure)
					}
					return nil
				}
				select {
				case <-c.Context.Done():
					return cli.Exit("dev lag: interrupted", exitFailure)
				case <-time.After(200 * time.Millisecond):
				}
			}
		},
	}
}

func stackTopics(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
