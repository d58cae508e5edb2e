package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/rules"
	"github.com/tazala/tazala/tokenize/vault"
	"github.com/urfave/cli/v2"
)

// policyFlags are shared by the commands that act under the privacy
// policy: subject, retention, export.
func policyFlags() []cli.Flag {
	return []cli.Flag{
		storeFlag(),
		&cli.StringFlag{Name: "policy", EnvVars: []string{"TAZALA_POLICY"}, Usage: "policy `FILE` (default: the shipped rules/policy.yaml)"},
		&cli.StringFlag{Name: "actor", Usage: "who acts, recorded in audit_log and subject_events (default $USER)"},
		&cli.StringFlag{Name: "now", Usage: "act as of `TIME` (RFC 3339 or YYYY-MM-DD; default now): for tests and for re-running a missed schedule"},
		&cli.StringFlag{Name: "format", Value: "text", Usage: "output: text (markdown for reports) or json"},
	}
}

func subjectFlags() []cli.Flag {
	return append(policyFlags(),
		&cli.StringFlag{Name: "iin", Usage: "the customer's IIN (`VALUE`, or - to read it from stdin)"},
		&cli.StringFlag{Name: "phone", Usage: "the customer's phone number (`VALUE`, or - for stdin)"},
		&cli.StringFlag{Name: "email", Usage: "the customer's e-mail address (`VALUE`, or - for stdin)"},
		&cli.StringFlag{Name: "request-ref", Usage: "reference of the customer's request (ticket, letter number); required except for a plain report"},
		&cli.StringFlag{Name: "reason", Usage: "why, recorded in the audit log"},
		&cli.StringFlag{Name: "tokenizer", Value: "local", Usage: "tokenizer that computed the store's tokens: local (key file) or vault (VAULT_ADDR, VAULT_TOKEN)"},
		&cli.StringFlag{Name: "key-file", Usage: "local tokenizer key `FILE` (default ~/.config/tazala/local.key)"},
	)
}

func subjectCommand() *cli.Command {
	verb := func(name, usage string, act func(*cli.Context, *policy.Engine, *policy.Subject, policy.Request) (*policy.Outcome, error), extra ...cli.Flag) *cli.Command {
		return &cli.Command{Name: name, Usage: usage, Flags: append(subjectFlags(), extra...),
			Action: func(c *cli.Context) error { return runSubject(c, act) }}
	}
	return &cli.Command{
		Name:  "subject",
		Usage: "answer a customer's request under the privacy policy (§4): report, rectify, block, unblock, erase, revoke-consent, grant-consent",
		Description: "The customer is found by any identifier they give (--iin, --phone, --email; VALUE - reads it from stdin so it\n" +
			"stays out of shell history), tokenized with the store's tokenizer and linked to the other tokens of the same records.\n" +
			"Every action writes subject_events and audit_log rows; nothing prints a value unless a report is --reveal'ed.",
		Subcommands: []*cli.Command{
			{Name: "report", Usage: "what is held (§4.1): categories, purposes, bases, sources, first/last seen, deadlines, recipients",
				Flags: append(subjectFlags(),
					&cli.BoolFlag{Name: "reveal", Usage: "show values (Vault decrypt; needs --reason and --request-ref; audited per token)"},
					&cli.StringFlag{Name: "legal-basis", Usage: "legal basis of revealing values (audit log)"}),
				Action: runReport},
			verb("rectify", "correct a value (§4.2); payment data cannot be changed (§7.1) and stays as it is", rectify,
				&cli.StringFlag{Name: "kind", Usage: "which value is corrected: email, phone, person_name, ..."},
				&cli.StringFlag{Name: "new-value", Usage: "the corrected `VALUE` (or - for stdin)"}),
			verb("block", "freeze the data (§4.3): not revealed, exported, changed or destroyed until unblocked", block),
			verb("unblock", "lift a block", unblock),
			verb("erase", "destroy the data (§4.4, §8); payment data is kept until its statutory deadline", erase),
			verb("revoke-consent", "end the consent-based purposes now (§4.5)", revoke),
			verb("grant-consent", "the customer gives consent again after withdrawing it (§4.5): new records of those purposes are processed as hers again", grant,
				&cli.StringSliceFlag{Name: "purpose", Usage: "a consent-based `PURPOSE` consent is given to (repeat, or comma-separated); default: every purpose kept until consent is withdrawn"}),
		},
	}
}

func block(c *cli.Context, e *policy.Engine, s *policy.Subject, r policy.Request) (*policy.Outcome, error) {
	return e.Block(c.Context, s, r)
}
func unblock(c *cli.Context, e *policy.Engine, s *policy.Subject, r policy.Request) (*policy.Outcome, error) {
	return e.Unblock(c.Context, s, r)
}
func erase(c *cli.Context, e *policy.Engine, s *policy.Subject, r policy.Request) (*policy.Outcome, error) {
	return e.Erase(c.Context, s, r)
}
func revoke(c *cli.Context, e *policy.Engine, s *policy.Subject, r policy.Request) (*policy.Outcome, error) {
	return e.RevokeConsent(c.Context, s, r)
}
func grant(c *cli.Context, e *policy.Engine, s *policy.Subject, r policy.Request) (*policy.Outcome, error) {
	var ps []string
	for _, p := range c.StringSlice("purpose") {
		for _, x := range strings.Split(p, ",") {
			if x = strings.TrimSpace(x); x != "" {
				ps = append(ps, x)
			}
		}
	}
	o, err := e.GrantConsent(c.Context, s, r, ps)
	if errors.Is(err, policy.ErrNotConsentBased) {
		return nil, usageErr("subject grant-consent: --purpose: %v", err)
	}
	return o, err
}
func rectify(c *cli.Context, e *policy.Engine, s *policy.Subject, r policy.Request) (*policy.Outcome, error) {
	k, err := tazala.ParseKind(c.String("kind"))
	if err != nil {
		return nil, usageErr("subject rectify: --kind: %v", err)
	}
	v, err := flagValue(c, "new-value")
	if err != nil {
		return nil, err
	}
	if len(v) == 0 {
		return nil, usageErr("subject rectify: --new-value is required")
	}
	defer clear(v)
	return e.Rectify(c.Context, s, r, k, v)
}

// stdinUsed makes sure only one flag reads stdin.
type stdinValue struct {
	used bool
}

// flagValue returns a flag's value, reading one line from stdin for "-".
func flagValue(c *cli.Context, name string) ([]byte, error) {
	v := c.String(name)
	if v != "-" {
		return []byte(strings.TrimSpace(v)), nil
	}
	st, _ := c.App.Metadata["stdin"].(*stdinValue)
	if st == nil {
		st = &stdinValue{}
		if c.App.Metadata == nil {
			c.App.Metadata = map[string]any{}
		}
		c.App.Metadata["stdin"] = st
	}
	if st.used {
		return nil, usageErr("only one flag can read its value from stdin (-)")
	}
	st.used = true
	line, err := bufio.NewReader(io.LimitReader(c.App.Reader, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read --%s from stdin: %w", name, err)
	}
	return []byte(strings.TrimSpace(line)), nil
}

func parseNow(c *cli.Context) (func() time.Time, error) {
	s := strings.TrimSpace(c.String("now"))
	if s == "" {
		return time.Now, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return func() time.Time { return t }, nil
		}
	}
	return nil, usageErr("--now %q: want RFC 3339 (2031-05-21T00:00:00Z) or YYYY-MM-DD", s)
}

func actor(c *cli.Context) string {
	a := strings.TrimSpace(c.String("actor"))
	if a == "" {
		a = os.Getenv("USER")
	}
	if a == "" {
		a = "unknown"
	}
	return a
}

// policyEngine opens the store and builds the engine; withTokenizer adds
// the tokenizer (and, for vault, the decrypter) subject commands need.
func policyEngine(c *cli.Context, withTokenizer bool) (*policy.Engine, func(), error) {
	url := c.String("store")
	if url == "" {
		return nil, nil, usageErr("%s: --store is required (or TAZALA_STORE)", c.Command.FullName())
	}
	now, err := parseNow(c)
	if err != nil {
		return nil, nil, err
	}
	pol, err := rules.LoadPolicy(c.String("policy"))
	if err != nil {
		return nil, nil, cli.Exit(err.Error(), exitUsage)
	}
	cfg := policy.Config{Policy: pol, Actor: actor(c), Now: now}
	var closers []func()
	cleanup := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	if withTokenizer {
		tk, err := openTokenizer(c)
		if err != nil {
			return nil, nil, err
		}
		closers = append(closers, func() { tk.Close() })
		cfg.Tokenizer = tk
		if vt, ok := tk.(*vault.Tokenizer); ok {
			cfg.Revealer = vt
		}
	}
	stores, err := openPolicyStores(c.Context, url)
	if err != nil {
		cleanup()
		var ec cli.ExitCoder
		if errors.As(err, &ec) {
			return nil, nil, err
		}
		return nil, nil, cli.Exit(err.Error(), exitFailure)
	}
	closers = append(closers, func() { stores.Close() })
	cfg.DB, cfg.Vault = stores.DB, stores.Vault
	e, err := policy.New(cfg)
	if err != nil {
		cleanup()
		return nil, nil, cli.Exit(err.Error(), exitFailure)
	}
	return e, cleanup, nil
}

// subjectOf reads the identifiers and resolves the subject.
func subjectOf(c *cli.Context, e *policy.Engine) (*policy.Subject, error) {
	var ids []policy.Identifier
	for _, f := range []struct {
		flag string
		kind tazala.Kind
	}{{"iin", tazala.KindIIN}, {"phone", tazala.KindPhone}, {"email", tazala.KindEmail}} {
		if !c.IsSet(f.flag) {
			continue
		}
		v, err := flagValue(c, f.flag)
		if err != nil {
			return nil, err
		}
		if len(v) == 0 {
			return nil, usageErr("%s: --%s is empty", c.Command.FullName(), f.flag)
		}
		ids = append(ids, policy.Identifier{Kind: f.kind, Value: v})
	}
	if len(ids) == 0 {
		return nil, usageErr("%s: give the customer's --iin, --phone or --email (VALUE, or - to read it from stdin)", c.Command.FullName())
	}
	s, err := e.Resolve(c.Context, ids)
	for _, id := range ids {
		clear(id.Value)
	}
	if err != nil {
		return nil, cli.Exit(err.Error(), exitFailure)
	}
	return s, nil
}

func request(c *cli.Context, required bool) (policy.Request, error) {
	r := policy.Request{Ref: strings.TrimSpace(c.String("request-ref")), Reason: strings.TrimSpace(c.String("reason"))}
	if required && r.Ref == "" {
		return r, usageErr("%s: --request-ref is required (the customer's request, ticket or letter number)", c.Command.FullName())
	}
	return r, nil
}

func runSubject(c *cli.Context, act func(*cli.Context, *policy.Engine, *policy.Subject, policy.Request) (*policy.Outcome, error)) error {
	if c.NArg() > 0 {
		return usageErr("%s: unexpected arguments (identifiers go in --iin, --phone, --email)", c.Command.FullName())
	}
	req, err := request(c, true)
	if err != nil {
		return err
	}
	e, cleanup, err := policyEngine(c, true)
	if err != nil {
		return err
	}
	defer cleanup()
	s, err := subjectOf(c, e)
	if err != nil {
		return err
	}
	out, err := act(c, e, s, req)
	if out != nil {
		if werr := writeOutcome(c, out); werr != nil {
			return werr
		}
	}
	if err != nil {
		var ec cli.ExitCoder
		if errors.As(err, &ec) {
			return err
		}
		return cli.Exit(err.Error(), exitFailure)
	}
	return nil
}

func writeOutcome(c *cli.Context, o *policy.Outcome) error {
	w := c.App.Writer
	if c.String("format") == "json" {
		return printJSON(w, o)
	}
	fmt.Fprintf(w, "%s: subject %s (%s)\n", o.Action, o.Subject, o.Time.Format("2006-01-02 15:04 MST"))
	if o.Refused != "" {
		fmt.Fprintf(w, "refused: %s\n", o.Refused)
	}
	for _, d := range o.Done {
		fmt.Fprintf(w, "  done: %s\n", d)
	}
	for _, k := range o.Kept {
		fmt.Fprintf(w, "  kept: %s: %d records until %s: %s\n", k.Purpose, k.Records, k.Until.Format("2006-01-02"), k.Reason)
	}
	return nil
}

func runReport(c *cli.Context) error {
	if c.NArg() > 0 {
		return usageErr("subject report: unexpected arguments (identifiers go in --iin, --phone, --email)")
	}
	reveal := c.Bool("reveal")
	req, err := request(c, reveal)
	if err != nil {
		return err
	}
	if reveal && len(req.Reason) < 5 {
		return usageErr("subject report: --reveal needs --reason (at least 5 characters) and --request-ref")
	}
	e, cleanup, err := policyEngine(c, true)
	if err != nil {
		return err
	}
	defer cleanup()
	s, err := subjectOf(c, e)
	if err != nil {
		return err
	}
	var rv *policy.Reveal
	if reveal {
		rv = &policy.Reveal{Request: req, LegalBasis: c.String("legal-basis")}
	}
	rep, err := e.Report(c.Context, s, req, rv)
	if err != nil {
		return cli.Exit(err.Error(), exitFailure)
	}
	if c.String("format") == "json" {
		return rep.WriteJSON(c.App.Writer)
	}
	return rep.WriteMarkdown(c.App.Writer)
}
