package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenize/vault"
	tsfile "github.com/tazala/tazala/tokenstore/file"
	"github.com/urfave/cli/v2"
)

func revealCommand() *cli.Command {
	return &cli.Command{
		Name:  "reveal",
		Usage: "re-identify one token for an authorized request: audited, Vault decrypt, refused for blocked or erased subjects",
		Description: "Looks the token up in the token vault, writes an audit row (who, when, why, request reference;\n" +
			"never the value) and only then decrypts the reversible copy through Vault transit and prints it.\n" +
			"Needs VAULT_ADDR and a token whose policy allows decrypt on the encryption key.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "token", Required: true, Usage: "the token, as tk_… or [KIND:tk_…]"},
			&cli.StringFlag{Name: "reason", Required: true, Usage: "why the value is needed (recorded in the audit log)"},
			&cli.StringFlag{Name: "request-ref", Required: true, Usage: "reference of the authorizing request (ticket, court order, DSAR id)"},
			&cli.StringFlag{Name: "store", Value: "tazala-tokens.jsonl", EnvVars: []string{"TAZALA_TOKEN_STORE"}, Usage: "token vault `FILE`"},
			&cli.StringFlag{Name: "audit", EnvVars: []string{"TAZALA_AUDIT_LOG"}, Usage: "audit log `FILE` (default: the store file + .audit.jsonl)"},
			&cli.StringFlag{Name: "actor", Usage: "who asks (default: the Vault token's display name, else $USER)"},
		},
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
	id := parseTokenArg(c.String("token"))
	if !strings.HasPrefix(id, tazala.TokenPrefix) {
		return usageErr("reveal: %q is not a token (want tk_…)", c.String("token"))
	}
	reason, ref := strings.TrimSpace(c.String("reason")), strings.TrimSpace(c.String("request-ref"))
	if len(reason) < 5 || ref == "" {
		return usageErr("reveal: --reason must say why (at least 5 characters) and --request-ref must name the request")
	}
	store, err := tsfile.Open(c.String("store"))
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	defer store.Close()
	auditPath := c.String("audit")
	if auditPath == "" {
		auditPath = c.String("store") + ".audit.jsonl"
	}
	audit, err := tsfile.OpenAudit(auditPath)
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	defer audit.Close()

	entry, err := store.Get(c.Context, id)
	if errors.Is(err, tazala.ErrNotFound) {
		return cli.Exit(fmt.Sprintf("reveal: token %s is not in the token vault %s", id, c.String("store")), exitFailure)
	}
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	vt, err := vault.New(c.Context, vault.ConfigFromEnv())
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	defer vt.Close()
	actor := c.String("actor")
	if actor == "" {
		if actor, err = vt.Whoami(c.Context); err != nil {
			return cli.Exit(err.Error(), exitFailure)
		}
		if u := os.Getenv("USER"); u != "" {
			actor += " (" + u + ")"
		}
	}
	row := tazala.AuditEntry{Time: time.Now(), Actor: actor, Action: "reveal", TokenID: id, Kind: entry.Kind, Reason: reason, RequestRef: ref}
	if entry.State != tazala.TokenActive || entry.Ciphertext == "" {
		row.Outcome = "refused: " + entry.State.String()
		if err := audit.Append(c.Context, row); err != nil {
			return cli.Exit(err.Error(), exitFailure)
		}
		return cli.Exit(fmt.Sprintf("reveal: token %s refused: the subject is %s", id, entry.State), exitFailure)
	}
	// the audit row is durable before the value exists anywhere
	row.Outcome = "granted"
	if err := audit.Append(c.Context, row); err != nil {
		return cli.Exit(fmt.Sprintf("reveal: not revealed: %v", err), exitFailure)
	}
	v, err := vt.Decrypt(c.Context, entry.Ciphertext)
	if err != nil {
		return cli.Exit(fmt.Sprintf("reveal: %v", err), exitFailure)
	}
	fmt.Fprintf(c.App.Writer, "%s\n", v)
	return nil
}
