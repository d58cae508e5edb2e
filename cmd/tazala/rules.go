package main

import (
	"fmt"

	"github.com/tazala/tazala/rules"
	"github.com/urfave/cli/v2"
)

func rulesCommand() *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "check user rule files",
	}
}

func loadRules(p string) (*rules.Set, error) {
	return nil, fmt.Errorf("rules not supported yet")
}
