package main

import (
	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenize/vault"
	"github.com/urfave/cli/v2"
)

// openVaultTokenizer connects to Vault with the standard VAULT_*
// environment (see tokenize/vault.ConfigFromEnv).
func openVaultTokenizer(c *cli.Context) (tazala.Tokenizer, error) {
	tk, err := vault.New(c.Context, vault.ConfigFromEnv())
	if err != nil {
		return nil, cli.Exit(err.Error(), exitFailure)
	}
	// a bad address, token or missing key fails now, not on the first block
	if err := tk.Ping(c.Context); err != nil {
		tk.Close()
		return nil, cli.Exit(err.Error(), exitFailure)
	}
	return tk, nil
}
