package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/rescan"
	"github.com/tazala/tazala/rules"
	"github.com/tazala/tazala/scanner"
	"github.com/urfave/cli/v2"
)

func rescanCommand() *cli.Command {
	return &cli.Command{
		Name:  "rescan",
		Usage: "re-check the stored redacted records with the current rules: redact and index what they find now",
		Description: "Reads redacted_records (optionally one --source and an event-time range), runs the payloads through the\n" +
			"processing step with the current rules and tokenizer, writes a new version of each record that had something\n" +
			"new and indexes the new findings; erased subjects stay erased (the erasure ledger is consulted). Running it again\n" +
			"finds nothing: redacted text holds tokens, not values.",
		Flags: append(policyFlags(),
			&cli.StringFlag{Name: "source", Usage: "only this stream or file"},
			&cli.StringFlag{Name: "from", Usage: "event time from `YYYY-MM-DD` (inclusive)"},
			&cli.StringFlag{Name: "to", Usage: "event time to `YYYY-MM-DD` (exclusive)"},
			&cli.BoolFlag{Name: "dry-run", Usage: "count what would change, write nothing"},
			&cli.StringFlag{Name: "rules", Usage: "user rules `FILE` (TOML) run after the built-in detectors"},
			&cli.StringFlag{Name: "tokenizer", Value: "local", Usage: "tokenizer: local (key file) or vault (VAULT_ADDR, VAULT_TOKEN)"},
			&cli.StringFlag{Name: "key-file", Usage: "local tokenizer key `FILE` (default ~/.config/tazala/local.key)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar"},
			&cli.StringFlag{Name: "topic", Usage: "rescan this Kafka `TOPIC` (an offset or time range) into the store instead of the stored records"},
			&cli.StringSliceFlag{Name: "kafka-brokers", EnvVars: []string{"TAZALA_KAFKA_BROKERS"}, Usage: "Kafka brokers `HOST:PORT,...` (with --topic)"},
			&cli.IntSliceFlag{Name: "partitions", Usage: "only these partitions (with --topic; default all)"},
			&cli.Int64Flag{Name: "from-offset", Value: -1, Usage: "first offset (with --topic; default the partition's first)"},
			&cli.Int64Flag{Name: "to-offset", Value: -1, Usage: "offset to stop before (with --topic; default the high-water mark)"},
			&cli.StringFlag{Name: "since", Usage: "from this `TIME` (RFC 3339 or YYYY-MM-DD; with --topic)"},
			&cli.StringFlag{Name: "until", Usage: "up to this `TIME` (exclusive; with --topic)"},
		),
		Action: runRescan,
	}
}

func runRescan(c *cli.Context) error {
	if c.NArg() > 0 {
		return usageErr("rescan: unexpected arguments (files and Kafka ranges are not rescanned here yet: use --store)")
	}
	var cfg rescan.Config
	var err error
	if cfg.From, err = parseDay(c.String("from")); err != nil {
		return usageErr("rescan: --from: want YYYY-MM-DD")
	}
	if cfg.To, err = parseDay(c.String("to")); err != nil {
		return usageErr("rescan: --to: want YYYY-MM-DD")
	}
	if c.IsSet("topic") {
		return runRescanKafka(c)
	}
	scfg := scanner.Config{Paths: true}
	if p := c.String("rules"); p != "" {
		set, err := rules.Load(p)
		if err != nil {
			return cli.Exit(err.Error(), exitUsage)
		}
		scfg.Rules = set
	}
	e, cleanup, err := policyEngine(c, true)
	if err != nil {
		return err
	}
	defer cleanup()
	db := e.DB()
	proc, err := pipeline.NewProcessor(pipeline.ProcessorConfig{
		Scanner:   scfg,
		Tokenizer: e.Tokenizer(),
		Policy:    policy.NewClassifier(e.Policy()),
		Erasure:   policy.NewLedger(policy.LedgerConfig{DB: db}),
	})
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	cfg.DB, cfg.Processor, cfg.Source, cfg.DryRun = db, proc, c.String("source"), c.Bool("dry-run")
	if !c.Bool("quiet") {
		cfg.Progress = func(s rescan.Stats) { fmt.Fprintf(c.App.ErrWriter, "\r%s", bar(s)) }
	}
	st, err := rescan.Table(c.Context, cfg)
	if cfg.Progress != nil && st.Records > 0 {
		fmt.Fprintln(c.App.ErrWriter)
	}
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	w := c.App.Writer
	if c.String("format") == "json" {
		return printJSON(w, st)
	}
	verb := "redacted and indexed"
	if cfg.DryRun {
		verb = "would be redacted and indexed (dry run)"
	}
	fmt.Fprintf(w, "rescanned %d records: %d with new findings %s\n", st.Records, st.RecordsChanged, verb)
	for _, k := range st.Kinds() {
		fmt.Fprintf(w, "  %s: %d\n", k, st.NewFindings[k])
	}
	return nil
}

// bar draws a 30-character progress bar.
func bar(s rescan.Stats) string {
	const width = 30
	n := width
	if s.Total > 0 {
		n = min(width, s.Records*width/s.Total)
	}
	nf := 0
	for _, v := range s.NewFindings {
		nf += v
	}
	return fmt.Sprintf("[%s%s] %d/%d records, %d new findings", strings.Repeat("#", n), strings.Repeat(".", width-n), s.Records, s.Total, nf)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q: want RFC 3339 or YYYY-MM-DD", s)
}

// runRescanKafka reads an offset or time range of a topic (outside any
// consumer group) through the processing step into the store: records
// already there are replaced by their key, so the rescan re-indexes them
// with the current rules.
func runRescanKafka(c *cli.Context) error {
	rng := &kafkaRange{Topic: c.String("topic"), Partitions: c.IntSlice("partitions"),
		FromOffset: c.Int64("from-offset"), ToOffset: c.Int64("to-offset"), Batch: 1000}
	for _, b := range c.StringSlice("kafka-brokers") {
		for _, x := range strings.Split(b, ",") {
			if x = strings.TrimSpace(x); x != "" {
				rng.Brokers = append(rng.Brokers, x)
			}
		}
	}
	if len(rng.Brokers) == 0 {
		return usageErr("rescan: --topic needs --kafka-brokers (or TAZALA_KAFKA_BROKERS)")
	}
	var err error
	if rng.Since, err = parseTime(c.String("since")); err != nil {
		return usageErr("rescan: --since %v", err)
	}
	if rng.Until, err = parseTime(c.String("until")); err != nil {
		return usageErr("rescan: --until %v", err)
	}
	if c.IsSet("from") || c.IsSet("to") || c.IsSet("source") {
		return usageErr("rescan: --from, --to and --source select stored records; with --topic use --from-offset/--to-offset or --since/--until")
	}
	scfg := scanner.Config{Paths: true}
	if p := c.String("rules"); p != "" {
		set, err := rules.Load(p)
		if err != nil {
			return cli.Exit(err.Error(), exitUsage)
		}
		scfg.Rules = set
	}
	pol, err := rules.LoadPolicy(c.String("policy"))
	if err != nil {
		return cli.Exit(err.Error(), exitUsage)
	}
	tk, err := openTokenizer(c)
	if err != nil {
		return err
	}
	defer tk.Close()
	st, err := openStore(c.Context, c.String("store"))
	if err != nil {
		return err
	}
	defer st.Close()
	proc, err := pipeline.NewProcessor(pipeline.ProcessorConfig{Scanner: scfg, Tokenizer: tk, TokenStore: st.Tokens,
		Policy: policy.NewClassifier(pol), Erasure: policy.NewLedger(policy.LedgerConfig{DB: st.DB})})
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	total, err := rng.plan(c.Context)
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	defer rng.Close()
	var progress func(rescan.Stats)
	if !c.Bool("quiet") {
		progress = func(s rescan.Stats) { s.Total = int(total); fmt.Fprintf(c.App.ErrWriter, "\r%s", bar(s)) }
	}
	stats, err := rescan.Stream(c.Context, rng.next, proc, st.Sink, progress)
	if progress != nil && stats.Records > 0 {
		fmt.Fprintln(c.App.ErrWriter)
	}
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	stats.Total = int(total)
	if c.String("format") == "json" {
		return printJSON(c.App.Writer, stats)
	}
	fmt.Fprintf(c.App.Writer, "rescanned %d records of %s into %s: %d with findings, re-indexed\n", stats.Records, rng.Topic, st.URL, stats.RecordsChanged)
	for _, k := range stats.Kinds() {
		fmt.Fprintf(c.App.Writer, "  %s: %d\n", k, stats.NewFindings[k])
	}
	return nil
}
