package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func retentionCommand() *cli.Command {
	return &cli.Command{
		Name:  "retention",
		Usage: "retention under the privacy policy",
		Subcommands: []*cli.Command{{
			Name:  "enforce",
			Usage: "delete every record and index row past its retention deadline (blocked subjects and statutory holds are kept, and said so)",
			Description: "Explicit deletes that work on the embedded engine and on servers: partitions whose rows are all due are dropped,\n" +
				"the rest goes by lightweight DELETE. Counts per purpose go to audit_log. --dry-run counts without deleting.",
			Flags: append(policyFlags(), &cli.BoolFlag{Name: "dry-run", Usage: "count and audit, delete nothing"}),
			Action: func(c *cli.Context) error {
				if c.NArg() > 0 {
					return usageErr("retention enforce: unexpected arguments")
				}
				e, cleanup, err := policyEngine(c, false)
				if err != nil {
					return err
				}
				defer cleanup()
				now, _ := parseNow(c)
				res, err := e.Enforce(c.Context, now(), c.Bool("dry-run"))
				if err != nil {
					return cli.Exit(err.Error(), exitFailure)
				}
				w := c.App.Writer
				if c.String("format") == "json" {
					return printJSON(w, res)
				}
				verb := "deleted"
				if res.DryRun {
					verb = "would delete (dry run)"
				}
				fmt.Fprintf(w, "retention as of %s:\n", res.Now.Format("2006-01-02 15:04 MST"))
				if len(res.Purposes) == 0 {
					fmt.Fprintf(w, "  nothing due\n")
				}
				for _, p := range res.Purposes {
					fmt.Fprintf(w, "  %s %s: %d records, %d index rows", verb, p.Purpose, p.Records, p.IndexRows)
					if p.PartitionsDropped > 0 {
						fmt.Fprintf(w, " (%d partitions dropped whole)", p.PartitionsDropped)
					}
					fmt.Fprintln(w)
				}
				for _, h := range res.Held {
					fmt.Fprintf(w, "  kept %s: %d records past retention_until but under the statutory hold\n", h.Purpose, h.Records)
				}
				for _, b := range res.Blocked {
					fmt.Fprintf(w, "  skipped: subject %s is blocked: %d due records kept until unblocked\n", b.Token, b.Records)
				}
				return nil
			},
		}},
	}
}
