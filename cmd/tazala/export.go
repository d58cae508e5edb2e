package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/tazala/tazala/policy"
	"github.com/urfave/cli/v2"
)

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write what a recipient may receive under §9 (merchants: no card data; banks: all), as JSON lines",
		Flags: append(policyFlags(),
			&cli.StringFlag{Name: "recipient", Usage: "recipient id from the policy: merchant or bank"},
			&cli.StringFlag{Name: "from", Usage: "event time from `YYYY-MM-DD` (inclusive)"},
			&cli.StringFlag{Name: "to", Usage: "event time to `YYYY-MM-DD` (exclusive)"},
			&cli.StringFlag{Name: "source", Usage: "only this stream or file"},
			&cli.StringFlag{Name: "out", Usage: "output `FILE` (default stdout)"},
			&cli.StringFlag{Name: "request-ref", Usage: "reference of the transfer (contract, request); required"},
			&cli.StringFlag{Name: "reason", Usage: "why, recorded in the audit log"},
		),
		Action: runExport,
	}
}

func parseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.ParseInLocation("2006-01-02", s, time.UTC)
}

func runExport(c *cli.Context) error {
	if c.NArg() > 0 {
		return usageErr("export: unexpected arguments")
	}
	rc := strings.TrimSpace(c.String("recipient"))
	if rc == "" {
		return usageErr("export: --recipient is required (merchant or bank)")
	}
	req, err := request(c, true)
	if err != nil {
		return err
	}
	var f policy.ExportFilter
	if f.From, err = parseDay(c.String("from")); err != nil {
		return usageErr("export: --from: want YYYY-MM-DD")
	}
	if f.To, err = parseDay(c.String("to")); err != nil {
		return usageErr("export: --to: want YYYY-MM-DD")
	}
	f.Source = c.String("source")
	e, cleanup, err := policyEngine(c, false)
	if err != nil {
		return err
	}
	defer cleanup()
	if e.Policy().Recipient(rc) == nil {
		return usageErr("export: unknown --recipient %q (want merchant or bank)", rc)
	}
	w := c.App.Writer
	var file *os.File
	if p := c.String("out"); p != "" && p != "-" {
		file, err = os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return cli.Exit(fmt.Sprintf("export: %v", err), exitFailure)
		}
		w = file
	}
	res, err := e.Export(c.Context, w, rc, f, req)
	if file != nil {
		if cerr := file.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	fmt.Fprintf(c.App.ErrWriter, "export to %s: %d records; %d tokens of categories it may not receive withheld; %d records of blocked and %d of erased subjects left out\n",
		res.Recipient, res.Records, res.Withheld, res.SkippedBlocked, res.SkippedErased)
	return nil
}
