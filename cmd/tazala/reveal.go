package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenize/vault"
	"github.com/urfave/cli/v2"
)

func revealCommand() *cli.Command {
	return &cli.Command{
		Name:  "reveal",
		Usage: "re-identify one token for an authorized request: audited, Vault decrypt, refused for blocked or erased subjects",
		Description: "Looks the token up in the token vault, writes an audit row (who, when, why, request reference;\n" +
			"never the value) and only then decrypts the reversible copy through Vault transit and prints it.\n" +
			"Needs VAULT_ADDR and a token whose policy allows decrypt on the encryption key (tazala-dpo,\n" +
			"scripts/vault/). These checks run in the client; the guarantees are Vault's decrypt policy and\n" +
			"Vault's own audit device (docs/tokens.md, \"What actually guarantees what\").",
		Flags: append([]cli.Flag{
			// required, checked in runReveal so that a missing one is a usage error (exit 2)
			&cli.StringFlag{Name: "token", Usage: "the token, as tk_… or [KIND:tk_…] (required)"},
			&cli.StringFlag{Name: "reason", Usage: "why the value is needed, recorded in the audit log (required)"},
			&cli.StringFlag{Name: "request-ref", Usage: "reference of the authorizing request: ticket, court order, DSAR id (required)"},
			&cli.StringFlag{Name: "legal-basis", Usage: "the legal basis of the disclosure (recorded in the audit log)"},
			&cli.StringFlag{Name: "store", Value: "tazala-tokens.jsonl", EnvVars: []string{"TAZALA_TOKEN_STORE"}, Usage: "token vault `FILE`, or a store URL (chdb:DIR: its token_vault and audit_log tables)"},
			&cli.StringFlag{Name: "audit", EnvVars: []string{"TAZALA_AUDIT_LOG"}, Usage: "audit log `FILE` (default: the store file + .audit.jsonl)"},
			&cli.StringFlag{Name: "actor", Usage: "who asks (default $USER); the audit row adds the Vault token's display name"},
		}, revealPolicyFlags()...),
		Action: runReveal,
	}
}

func parseTokenArg(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		s = s[1 : len(s)-1]
		if i := strings.LastIndexByte(s, ':'); i >= 0 {
			s = s[i+1:]
		}
	}
	return s
}

func runReveal(c *cli.Context) error {
	if c.NArg() > 0 {
		return usageErr("reveal: unexpected arguments (pass the token with --token)")
	}
	id := parseTokenArg(c.String("token"))
	if id == "" {
		return usageErr("reveal: --token is required")
	}
	if !strings.HasPrefix(id, tazala.TokenPrefix) {
		// not echoed: it may be the value itself, pasted by mistake
		return usageErr("reveal: --token is not a token (want tk_… or [KIND:tk_…])")
	}
	if isStoreURL(c.String("store")) { // the ClickHouse token vault, under the policy (reveal_store.go)
		return runRevealStore(c, id)
	}
	reason, ref := strings.TrimSpace(c.String("reason")), strings.TrimSpace(c.String("request-ref"))
	if len(reason) < 5 || ref == "" {
		return usageErr("reveal: --reason must say why (at least 5 characters) and --request-ref must name the request")
	}
	store, audit, closeStores, err := openRevealFiles(c)
	if err != nil {
		return err
	}
	defer closeStores()

	// who: the person (--actor, else $USER) and the Vault identity used
	vt, who, err := openRevealVault(c)
	if err != nil {
		return err
	}
	defer vt.Close()
	actor := strings.TrimSpace(c.String("actor"))
	if actor == "" {
		actor = os.Getenv("USER")
	}
	if actor == "" {
		actor = "unknown"
	}
	row := tazala.AuditEntry{Time: time.Now(), Actor: actor + " (vault: " + who + ")", Action: "reveal", TokenID: id,
		Reason: reason, LegalBasis: strings.TrimSpace(c.String("legal-basis")), RequestRef: ref}

	entry, err := store.Get(c.Context, id)
	if errors.Is(err, tazala.ErrNotFound) {
		row.Outcome = "refused: unknown token"
		if err := audit.Append(c.Context, row); err != nil {
			return cli.Exit(err.Error(), exitFailure)
		}
		return cli.Exit(fmt.Sprintf("reveal: token %s is not in the token vault %s", id, c.String("store")), exitFailure)
	}
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	row.Kind = entry.Kind
	if entry.State != tazala.TokenActive || entry.Ciphertext == "" {
		row.Outcome = "refused: " + entry.State.String()
		if err := audit.Append(c.Context, row); err != nil {
			return cli.Exit(err.Error(), exitFailure)
		}
		return cli.Exit(fmt.Sprintf("reveal: token %s refused: %v (state %s)", id, tazala.ErrBlocked, entry.State), exitFailure)
	}
	// the audit row is durable before the value exists anywhere
	row.Outcome = "granted"
	if err := audit.Append(c.Context, row); err != nil {
		return cli.Exit(fmt.Sprintf("reveal: not revealed: %v", err), exitFailure)
	}
	v, err := vt.Decrypt(c.Context, entry.Ciphertext)
	if err != nil {
		// the granted row stands; this one records that nothing was shown
		row.Time, row.Outcome = time.Now(), "failed: decrypt"
		if errors.Is(err, tazala.ErrDenied) {
			row.Outcome = "failed: decrypt denied"
		}
		audit.Append(c.Context, row)
		return cli.Exit(fmt.Sprintf("reveal: %v", err), exitFailure)
	}
	defer clear(v)
	fmt.Fprintf(c.App.Writer, "%s\n", v)
	return nil
}

// openRevealVault connects to Vault (VAULT_* environment) and asks who the
// token is: reveal records that identity beside the person acting.
func openRevealVault(c *cli.Context) (*vault.Tokenizer, string, error) {
	vt, err := vault.New(c.Context, vault.ConfigFromEnv())
	if err != nil {
		return nil, "", cli.Exit(err.Error(), exitFailure)
	}
	who, err := vt.Whoami(c.Context)
	if err != nil {
		vt.Close()
		return nil, "", cli.Exit(fmt.Sprintf("reveal: not revealed: %v", err), exitFailure)
	}
	return vt, who, nil
}
