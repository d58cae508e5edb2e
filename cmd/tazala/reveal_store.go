package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/policy"
	"github.com/urfave/cli/v2"
)

// revealPolicyFlags are reveal's flags for who asks (§10).
func revealPolicyFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "requester", Usage: "who asks: customer, bank, state-body or internal; a state body (§10) also needs --authorized-by and --legal-basis"},
		&cli.StringFlag{Name: "authorized-by", Usage: "the authorized official who sanctioned a state body's request (§10)"},
	}
}

func revealRequest(c *cli.Context, reason, ref string) policy.RevealRequest {
	return policy.RevealRequest{
		Reveal:       policy.Reveal{Request: policy.Request{Ref: ref, Reason: reason}, LegalBasis: strings.TrimSpace(c.String("legal-basis"))},
		Requester:    strings.TrimSpace(c.String("requester")),
		AuthorizedBy: strings.TrimSpace(c.String("authorized-by")),
	}
}

// runRevealStore reveals a token from the ClickHouse token vault: refused
// for blocked or erased subjects (token_vault state, erasure ledger,
// subject_events), audited in audit_log before any value is decrypted.
func runRevealStore(c *cli.Context, id string) error {
	if c.IsSet("audit") {
		return usageErr("reveal: --audit is for a token vault file; a store keeps its audit log in audit_log")
	}
	rq := revealRequest(c, strings.TrimSpace(c.String("reason")), strings.TrimSpace(c.String("request-ref")))
	if err := rq.Check(); err != nil {
		return usageErr("reveal: %v", strings.TrimPrefix(err.Error(), "policy: reveal: "))
	}
	vt, who, err := openRevealVault(c)
	if err != nil {
		return err
	}
	defer vt.Close()
	stores, err := openPolicyStores(c.Context, c.String("store"))
	if err != nil {
		var ec cli.ExitCoder
		if errors.As(err, &ec) {
			return err
		}
		return cli.Exit(err.Error(), exitFailure)
	}
	defer stores.Close()
	e, err := policy.New(policy.Config{DB: stores.DB, Vault: stores.Vault, Revealer: vt, Actor: actor(c) + " (vault: " + who + ")"})
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	v, _, err := e.RevealToken(c.Context, id, rq)
	if err != nil {
		if errors.Is(err, tazala.ErrBlocked) || errors.Is(err, tazala.ErrNotFound) {
			return cli.Exit(fmt.Sprintf("reveal: token %s refused: %v", id, err), exitFailure)
		}
		return cli.Exit(err.Error(), exitFailure)
	}
	defer clear(v)
	fmt.Fprintf(c.App.Writer, "%s\n", v)
	return nil
}
