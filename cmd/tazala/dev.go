package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/urfave/cli/v2"

	"github.com/tazala/tazala/internal/stack/launch"
)

// devCommand groups the local development servers (`tazala dev broker`).
func devCommand() *cli.Command {
	return &cli.Command{
		Name:  "dev",
		Usage: "local development servers for the demo and tests (no Docker needed)",
		Subcommands: []*cli.Command{
			devBrokerCommand(),
			devProduceCommand(),
			devLagCommand(),
		},
	}
}

func devBrokerCommand() *cli.Command {
	return &cli.Command{
		Name:  "broker",
		Usage: "run an in-process Kafka-protocol broker (kfake) on a loopback address until interrupted",
		Description: "Real Kafka clients (kafka-go, librdkafka/kcat, franz-go) produce, fetch, join consumer groups\n" +
			"and commit offsets against it. Topics that clients produce to are created on first use.\n" +
			"State is in memory unless --data-dir is given.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:9092", Usage: "loopback `HOST:PORT` to listen on (port 0: a free port)"},
			&cli.StringFlag{Name: "topics", Usage: "comma-separated `TOPICS` to create at start"},
			&cli.IntFlag{Name: "partitions", Value: 3, Usage: "partitions per topic, also for auto-created topics"},
			&cli.StringFlag{Name: "data-dir", Usage: "keep the log and committed offsets in `DIR` across restarts"},
			&cli.StringFlag{Name: "log-level", Value: "warn", Usage: "broker log on stderr: none, error, warn, info, debug"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErr("dev broker takes no arguments, got %q\nTry: tazala dev broker --help", c.Args().First())
			}
			if c.Int("partitions") < 1 {
				return usageErr("--partitions must be at least 1\nTry: tazala dev broker --help")
			}
			lvl, err := parseKfakeLevel(c.String("log-level"))
			if err != nil {
				return usageErr("%v\nTry: tazala dev broker --help", err)
			}
			cfg := launch.KafkaConfig{
				Addr:       c.String("addr"),
				Topics:     launch.ParseTopics(c.String("topics")),
				Partitions: c.Int("partitions"),
				DataDir:    c.String("data-dir"),
			}
			if lvl != kfake.LogLevelNone {
				cfg.Log, cfg.LogLevel = c.App.ErrWriter, lvl
			}
			k, err := launch.StartKafka(c.Context, cfg)
			if err != nil {
				return cli.Exit(err.Error(), exitFailure)
			}
			defer k.Close()
			fmt.Fprintf(c.App.Writer, "kafka-protocol broker (kfake) listening on %s (pid %d, ready in %v); topics: %s\n",
				k.Addr, os.Getpid(), k.Started.Round(time.Millisecond), strings.Join(cfg.Topics, ","))
			<-c.Context.Done()
			fmt.Fprintln(c.App.Writer, "broker stopping")
			return nil
		},
	}
}

func parseKfakeLevel(s string) (kfake.LogLevel, error) {
	switch strings.ToLower(s) {
	case "none", "":
		return kfake.LogLevelNone, nil
	case "error":
		return kfake.LogLevelError, nil
	case "warn":
		return kfake.LogLevelWarn, nil
	case "info":
		return kfake.LogLevelInfo, nil
	case "debug":
		return kfake.LogLevelDebug, nil
	}
	return 0, fmt.Errorf("unknown --log-level %q (want none, error, warn, info or debug)", s)
}
