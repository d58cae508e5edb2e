package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/segmentio/kafka-go/sasl"
	"github.com/segmentio/kafka-go/sasl/plain"
	"github.com/segmentio/kafka-go/sasl/scram"
	"github.com/urfave/cli/v2"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/metrics"
	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/scanner"
	schdb "github.com/tazala/tazala/sinks/chdb"
	sinkfile "github.com/tazala/tazala/sinks/file"
	sinkkafka "github.com/tazala/tazala/sinks/kafka"
	"github.com/tazala/tazala/sinks/quarantine"
	"github.com/tazala/tazala/sources/kafka"
	"github.com/tazala/tazala/tokenize/local"
	"github.com/tazala/tazala/tokenize/vault"
	tsfile "github.com/tazala/tazala/tokenstore/file"
)

func runCommand() *cli.Command {
	return &cli.Command{
		Name:  "run",
		Usage: "the streaming daemon: Kafka topics → scan → tokenize → redact → store, offsets committed after the store acknowledged",
		Description: "Configuration: one YAML file (--config), every key also a flag and a TAZALA_* variable\n" +
			"(flag > environment > file > default); see docs/daemon.md and testdata/config/tazala.yaml.\n" +
			"SIGTERM/SIGINT: stop reading, let in-flight batches finish within pipeline.grace, commit\n" +
			"what was written, abandon the rest without committing.",
		Flags:  runFlags(),
		Action: runDaemon,
	}
}

func runDaemon(c *cli.Context) error {
	if c.NArg() > 0 {
		return usageErr("run takes no arguments, got %q\nTry: tazala run --config tazala.yaml", c.Args().First())
	}
	cfg, err := loadRunConfig(c, os.Getenv)
	if err != nil {
		return usageErr("%v\nTry: tazala run --help", err)
	}
	log := newLogger(c.App.ErrWriter, cfg.Log.Level)
	if p := c.String("cpuprofile"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			return cli.Exit(fmt.Sprintf("run: %v", err), exitFailure)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return cli.Exit(fmt.Sprintf("run: cpu profile: %v", err), exitFailure)
		}
		defer pprof.StopCPUProfile()
	}
	d, err := openDaemon(c.Context, cfg, log)
	if err != nil {
		log.Error("start failed", "err", err.Error())
		return cli.Exit(fmt.Sprintf("run: %v", err), exitFailure)
	}
	err = d.run(c.Context)
	if cerr := d.close(); err == nil {
		err = cerr
	}
	if err != nil {
		log.Error("stopped on error; nothing of the failed batch was committed", "err", err.Error())
		return cli.Exit(fmt.Sprintf("run: %v", err), exitFailure)
	}
	log.Info("stopped")
	return nil
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	l.UnmarshalText([]byte(level))
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}

// daemon is the wired pipeline of `tazala run`.
type daemon struct {
	log     *slog.Logger
	cfg     runConfig
	m       *metrics.Metrics
	src     *kafka.Source
	runner  *pipeline.Runner
	srv     *metrics.Server
	closers []func() error // in reverse order of opening
}

func openDaemon(ctx context.Context, cfg runConfig, log *slog.Logger) (_ *daemon, err error) {
	d := &daemon{log: log, cfg: cfg, m: metrics.New()}
	defer func() {
		if err != nil {
			d.close()
		}
	}()
	red, err := redactModes(&cfg)
	if err != nil {
		return nil, err
	}
	scfg := scanner.Config{Paths: true}
	if cfg.Scanner.Rules != "" {
		set, err := loadRules(cfg.Scanner.Rules)
		if err != nil {
			return nil, err
		}
		scfg.Rules = set
	}
	scheme, dir, _ := strings.Cut(cfg.Store.URL, ":")
	pol, err := loadStreamPolicy(&cfg)
	if err != nil {
		return nil, err
	}

	// store: the sink, and for chdb the DB the token vault, the erasure
	// ledger and the HTTP interface use
	var sink tazala.Sink
	var db tazala.DB
	var vaultTable tazala.TokenStore
	switch scheme {
	case "file":
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("store %s: %w", cfg.Store.URL, err)
		}
		fs, err := sinkfile.New(sinkfile.Config{Records: filepath.Join(dir, "records.jsonl"), Index: filepath.Join(dir, "index.jsonl")})
		if err != nil {
			return nil, err
		}
		d.closers = append(d.closers, fs.Close)
		sink = fs
	default:
		// chdb:DIR (the embedded engine, or through the HTTP interface of
		// the process owning DIR), clickhouse://, http(s)://: the one
		// place that turns a store URL into a store
		sc, err := openStore(ctx, cfg.Store.URL)
		if err != nil {
			return nil, err
		}
		d.closers = append(d.closers, sc.Close)
		sink, db, vaultTable = sc.Sink, sc.DB, sc.Tokens
		if st, ok := sc.DB.(*schdb.Store); ok && cfg.HTTP.ClickHouseAddr != "" {
			if err := d.serveClickHouse(ctx, &cfg, st, dir); err != nil {
				return nil, err
			}
		}
	}

	// tokenizer (and, with Vault, the token vault for reversible copies)
	var tok tazala.Tokenizer
	var store tazala.TokenStore
	switch cfg.Tokenizer.Kind {
	case "local":
		lt, err := local.New(local.Config{KeyPath: cfg.Tokenizer.KeyFile, Create: true})
		if err != nil {
			return nil, err
		}
		d.closers = append(d.closers, lt.Close)
		d.m.TokenCache("local", lt.Stats)
		tok = lt
	case "vault":
		vt, err := vault.New(ctx, vault.ConfigFromEnv())
		if err != nil {
			return nil, err
		}
		d.closers = append(d.closers, vt.Close)
		if err := vt.Ping(ctx); err != nil {
			return nil, err
		}
		vaultMetrics(d.m, vt) // vault_tokenizer.go
		tok = vt
		switch {
		case cfg.Tokenizer.TokenStore != "":
			ts, err := tsfile.Open(cfg.Tokenizer.TokenStore)
			if err != nil {
				return nil, err
			}
			d.closers = append(d.closers, ts.Close)
			store = ts
			log.Info("token vault (reversible copies for tazala reveal)", "path", cfg.Tokenizer.TokenStore)
		case vaultTable != nil:
			store = vaultTable
			log.Info("token vault (reversible copies for tazala reveal): table token_vault of the store")
		default:
			p := filepath.Clean(dir) + ".tokens.jsonl"
			ts, err := tsfile.Open(p)
			if err != nil {
				return nil, err
			}
			d.closers = append(d.closers, ts.Close)
			store = ts
			log.Info("token vault (reversible copies for tazala reveal)", "path", p)
		}
	}
	tok = d.m.TimeTokenizer(tok, cfg.Tokenizer.Kind)

	var q pipeline.Quarantine
	switch p := cfg.Quarantine.Path; {
	case p == "off":
	case p == "store" && db == nil:
		return nil, fmt.Errorf("config: quarantine.path: \"store\" needs a ClickHouse store (store.url is a %s: store)", storeScheme(cfg.Store.URL))
	case db != nil && (p == "" || p == "store"):
		// the store's quarantine table, deduplicated like the records
		q = quarantine.NewTable(db)
		log.Info("quarantine: table quarantine of the store")
	default:
		if p == "" {
			p = filepath.Clean(dir) + ".quarantine.jsonl"
		}
		qf, err := quarantine.Open(p)
		if err != nil {
			return nil, err
		}
		d.closers = append(d.closers, qf.Close)
		q = qf
		log.Info("quarantine: file", "path", p)
	}

	pcfg := pipeline.ProcessorConfig{Scanner: scfg, Redactor: red, Tokenizer: tok, TokenStore: store, Policy: pol}
	if db != nil {
		// erased subjects never come back through a replay
		pcfg.Erasure = policy.NewLedger(policy.LedgerConfig{DB: db, MaxAge: 10 * time.Second})
		if err := d.startRetention(ctx, &cfg, db, log); err != nil { // run_retention.go
			return nil, err
		}
	}
	step, err := pipeline.NewProcessor(pcfg)
	if err != nil {
		return nil, err
	}

	var topics []string
	for _, s := range cfg.Streams {
		topics = append(topics, s.Topic)
	}
	tlsCfg, err := kafkaTLS(&cfg)
	if err != nil {
		return nil, err
	}
	mech, err := kafkaSASL(&cfg)
	if err != nil {
		return nil, err
	}
	d.src, err = kafka.New(kafka.Config{
		Brokers: cfg.Kafka.Brokers, Group: cfg.Kafka.Group, Topics: topics, Start: cfg.Kafka.Start,
		// partition batches stay small; the runner joins them into units of
		// pipeline.batch_records
		BatchRecords: min(cfg.Pipeline.BatchRecords, 2000), BatchBytes: min(cfg.Pipeline.BatchBytes, 4<<20), BatchWait: cfg.Pipeline.BatchWait,
		SessionTimeout: cfg.Kafka.SessionTimeout, RebalanceTimeout: cfg.Kafka.RebalanceTimeout, HeartbeatInterval: cfg.Kafka.HeartbeatInterval,
		TLS: tlsCfg, SASL: mech, ClientID: cfg.Kafka.ClientID, Log: log, Observer: d.m,
	})
	if err != nil {
		return nil, err
	}
	sinks, names := []tazala.Sink{sink}, []string{scheme}
	if cfg.Output.Kafka.Enabled {
		ks, err := sinkkafka.New(sinkkafka.Config{Brokers: cfg.Kafka.Brokers, Topic: cfg.Output.Kafka.Topic, Suffix: cfg.Output.Kafka.Suffix, TLS: tlsCfg, SASL: mech})
		if err != nil {
			return nil, err
		}
		d.closers = append(d.closers, ks.Close)
		sinks, names = append(sinks, ks), append(names, "kafka")
	}
	d.runner, err = pipeline.NewRunner(pipeline.RunConfig{
		Source: d.src, Step: step, Sinks: sinks, SinkNames: names, Quarantine: q,
		Workers: cfg.Pipeline.Workers, BatchRecords: cfg.Pipeline.BatchRecords, BatchBytes: cfg.Pipeline.BatchBytes,
		BatchWait: cfg.Pipeline.BatchWait, Queue: cfg.Pipeline.Queue, RetryMin: cfg.Pipeline.RetryMin, RetryMax: cfg.Pipeline.RetryMax,
		Grace: cfg.Pipeline.Grace, Log: log, Observer: d.m,
	})
	if err != nil {
		return nil, err
	}
	if cfg.HTTP.Addr != "" {
		d.srv, err = d.m.Serve(cfg.HTTP.Addr, log, map[string]metrics.Check{
			"pipeline": d.runner.Ready,
			"kafka":    d.src.Err,
		})
		if err != nil {
			return nil, fmt.Errorf("config: http.addr %s: %w", cfg.HTTP.Addr, err)
		}
		log.Info("serving /metrics, /healthz, /readyz", "addr", d.srv.Addr)
	}
	log.Info("started", "topics", strings.Join(topics, ","), "group", cfg.Kafka.Group, "store", cfg.Store.URL, "tokenizer", cfg.Tokenizer.Kind)
	return d, nil
}

func (d *daemon) run(ctx context.Context) error {
	return d.runner.Run(ctx)
}

// close leaves the group first (batches still in flight commit nothing),
// then closes the store and the rest.
func (d *daemon) close() error {
	var errs []error
	if d.src != nil {
		if err := d.src.Close(); err != nil && !errors.Is(err, context.Canceled) {
			errs = append(errs, fmt.Errorf("kafka: %w", err))
		}
	}
	if d.srv != nil {
		d.srv.Close()
	}
	for i := len(d.closers) - 1; i >= 0; i-- {
		if err := d.closers[i](); err != nil {
			errs = append(errs, err)
		}
	}
	d.closers = nil
	return errors.Join(errs...)
}

func kafkaTLS(cfg *runConfig) (*tls.Config, error) {
	t := cfg.Kafka.TLS
	if !t.Enabled {
		return nil, nil
	}
	tc := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: t.ServerName, InsecureSkipVerify: t.InsecureSkipVerify}
	if t.CAFile != "" {
		pem, err := os.ReadFile(t.CAFile)
		if err != nil {
			return nil, fmt.Errorf("config: kafka.tls.ca_file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("config: kafka.tls.ca_file: no PEM certificate in %s", t.CAFile)
		}
		tc.RootCAs = pool
	}
	if t.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(t.CertFile, t.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("config: kafka.tls.cert_file: %w", err)
		}
		tc.Certificates = []tls.Certificate{cert}
	}
	return tc, nil
}

func kafkaSASL(cfg *runConfig) (sasl.Mechanism, error) {
	s := cfg.Kafka.SASL
	switch s.Mechanism {
	case "":
		return nil, nil
	case "plain":
		return plain.Mechanism{Username: s.Username, Password: s.Password}, nil
	case "scram-sha-256", "scram-sha-512":
		algo := scram.SHA256
		if s.Mechanism == "scram-sha-512" {
			algo = scram.SHA512
		}
		m, err := scram.Mechanism(algo, s.Username, s.Password)
		if err != nil {
			return nil, fmt.Errorf("config: kafka.sasl: %w", err)
		}
		return m, nil
	}
	return nil, fmt.Errorf("config: kafka.sasl.mechanism: unknown %q", s.Mechanism)
}

// storeScheme returns the scheme of a store URL ("file", "chdb",
// "clickhouse", "https"), never the rest: the URL may carry a password.
func storeScheme(u string) string {
	if i := strings.Index(u, ":"); i > 0 {
		return u[:i]
	}
	return "path"
}
