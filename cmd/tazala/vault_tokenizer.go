package main

import (
	"github.com/tazala/tazala"
	"github.com/urfave/cli/v2"
)

// openVaultTokenizer is wired once tokenize/vault lands.
func openVaultTokenizer(c *cli.Context) (tazala.Tokenizer, error) {
	return nil, cli.Exit("the vault tokenizer is not built into this binary yet", exitFailure)
}
