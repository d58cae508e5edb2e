package main

import (
	"github.com/tazala/tazala"
	"github.com/urfave/cli/v2"
)

// openTokenizer returns the tokenizer chosen by --tokenizer.
func openTokenizer(c *cli.Context) (tazala.Tokenizer, error) {
	switch c.String("tokenizer") {
	case "local", "none":
		return nil, nil
	}
	return nil, usageErr("scan: unknown --tokenizer %q (want local or vault)", c.String("tokenizer"))
}
