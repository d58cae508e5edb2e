package main

import (
	"encoding/json"
	"fmt"
	"strings"

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
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
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
