package main

import (
	"fmt"

	"github.com/tazala/tazala/rules"
	"github.com/urfave/cli/v2"
)

func rulesCommand() *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "check user rule files (TOML, regexp2 patterns with keywords and examples)",
		Subcommands: []*cli.Command{
			{
				Name:      "lint",
				Usage:     "parse and compile a rules file; report every problem with its rule ID and field",
				ArgsUsage: "FILE",
				Action: func(c *cli.Context) error {
					set, err := loadRulesArg(c)
					if err != nil {
						return err
					}
					fmt.Fprintf(c.App.Writer, "%s: %d rule(s) ok\n", c.Args().First(), len(set.Rules))
					return nil
				},
			},
			{
				Name:      "test",
				Usage:     "run each rule over its own true_examples and false_examples",
				ArgsUsage: "FILE",
				Action: func(c *cli.Context) error {
					set, err := loadRulesArg(c)
					if err != nil {
						return err
					}
					res, err := set.Test()
					pass := 0
					for _, r := range res {
						kind := "false"
						if r.True {
							kind = "true"
						}
						if r.OK {
							pass++
							continue
						}
						if r.TimedOut {
							fmt.Fprintf(c.App.ErrWriter, "FAIL rule %s: %s_examples[%d]: timed out (%d match(es) before the timeout)\n", r.Rule, kind, r.Example, r.Matches)
							continue
						}
						fmt.Fprintf(c.App.ErrWriter, "FAIL rule %s: %s_examples[%d]: %d match(es)\n", r.Rule, kind, r.Example, r.Matches)
					}
					fmt.Fprintf(c.App.Writer, "%d passed, %d failed\n", pass, len(res)-pass)
					if err != nil {
						return cli.Exit("", exitFailure)
					}
					return nil
				},
			},
		},
	}
}

func loadRulesArg(c *cli.Context) (*rules.Set, error) {
	if c.NArg() != 1 {
		return nil, usageErr("rules %s: want exactly one FILE\nTry: tazala rules %s testdata/rules/valid/loyalty.toml", c.Command.Name, c.Command.Name)
	}
	set, err := rules.Load(c.Args().First())
	if err != nil {
		return nil, fileErr(err, "") // unreadable: exit 1; invalid: exit 2
	}
	return set, nil
}

func loadRules(p string) (*rules.Set, error) { return rules.Load(p) }
