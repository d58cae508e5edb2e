package main

import (
	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenize/local"
	"github.com/urfave/cli/v2"
)

// openTokenizer returns the tokenizer chosen by --tokenizer: the one place
// where a concrete tokenizer is picked.
func openTokenizer(c *cli.Context) (tazala.Tokenizer, error) {
	switch name := c.String("tokenizer"); name {
	case "local":
		// only the default key is created implicitly: a mistyped named key
		// must not silently start a new one
		tk, err := local.New(local.Config{KeyPath: c.String("key-file"), Create: c.Bool("create-key")})
		if err != nil {
			return nil, cli.Exit(err.Error(), exitFailure)
		}
		return tk, nil
	case "vault":
		return openVaultTokenizer(c)
	default:
		return nil, usageErr("unknown --tokenizer %q (want local or vault)", name)
	}
}
