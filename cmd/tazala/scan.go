package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"sort"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/redact"
	"github.com/tazala/tazala/scanfile"
	"github.com/tazala/tazala/scanner"
	"github.com/tazala/tazala/tokenize/local"
	"github.com/tazala/tazala/tokenize/vault"
	tsfile "github.com/tazala/tazala/tokenstore/file"
	"github.com/urfave/cli/v2"
	"golang.org/x/sys/unix"
)

func scanCommand() *cli.Command {
	return &cli.Command{
		Name:      "scan",
		Usage:     "find and redact personal data in files (or stdin), line by line",
		ArgsUsage: "INPUT... | -",
		Description: "Reads newline-delimited records (JSON or plain text), writes them redacted to --out\n" +
			"and, with --findings, one JSON object per finding (never the value itself).\n" +
			"Exit codes: 0 ok, 1 failure (or, with --fail-on-findings, a user rule timed out), 2 usage, 3 findings with --fail-on-findings.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "-", Usage: "redacted output `FILE` (- for stdout)"},
			&cli.StringFlag{Name: "findings", Aliases: []string{"f"}, Usage: "write findings as JSON lines to `FILE` (- for stdout)"},
			&cli.StringFlag{Name: "mode", Value: "token", Usage: "redaction mode: token, mask or last4 (PAN as first6/last4 + token)"},
			&cli.StringSliceFlag{Name: "mode-for", Usage: "per-kind mode, e.g. card_pan=last4 (repeatable)"},
			&cli.StringFlag{Name: "tokenizer", Value: "local", Usage: "tokenizer: local (key file) or vault (VAULT_ADDR, VAULT_TOKEN)"},
			&cli.StringFlag{Name: "token-store", EnvVars: []string{"TAZALA_TOKEN_STORE"}, Usage: "token vault `FILE` for reversible copies (vault tokenizer; default tazala-tokens.jsonl)"},
			&cli.StringFlag{Name: "key-file", Usage: "local tokenizer key `FILE` (default ~/.config/tazala/local.key, created 0600 when missing); a named key must exist"},
			&cli.BoolFlag{Name: "create-key", Usage: "create the --key-file when it does not exist (a new key: its tokens join with no earlier output)"},
			&cli.StringFlag{Name: "rules", Usage: "user rules `FILE` (TOML) run after the built-in detectors"},
			&cli.IntFlag{Name: "max-line", Value: scanfile.DefaultMaxLine, Usage: "longest record scanned in one piece, 65536 (64 KiB) to 16777216 (16 MiB); longer ones are scanned in overlapping windows"},
			&cli.BoolFlag{Name: "paths", Usage: "add the JSON path of each finding to --findings (costs about a tenth of the speed)"},
			&cli.BoolFlag{Name: "fail-on-findings", Usage: "exit 3 when anything was found"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no summary on stderr"},
			&cli.StringFlag{Name: "cpuprofile", Hidden: true, Usage: "write a CPU profile to `FILE`"},
			scanStoreFlag(),
		},
		Action: runScan,
	}
}

func runScan(c *cli.Context) error {
	if p := c.String("cpuprofile"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			return cli.Exit(fmt.Sprintf("scan: %v", err), exitFailure)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return cli.Exit(fmt.Sprintf("scan: cpu profile: %v", err), exitFailure)
		}
		defer pprof.StopCPUProfile()
	}
	inputs := c.Args().Slice()
	if len(inputs) == 0 {
		return usageErr("scan: no input given\nTry: tazala scan --out redacted.jsonl input.jsonl   (or - for stdin)")
	}
	if err := checkMaxLine(c.Int("max-line")); err != nil {
		return err
	}
	rcfg, err := redactConfig(c.String("mode"), c.StringSlice("mode-for"))
	if err != nil {
		return usageErr("scan: %v", err)
	}
	red := redact.New(rcfg)
	scfg := scanner.Config{Paths: c.Bool("paths")}
	if p := c.String("rules"); p != "" {
		set, err := loadRules(p)
		if err != nil {
			return fileErr(err, "scan: ") // unreadable: exit 1; invalid: exit 2
		}
		scfg.Rules = set
	}
	tok, err := openTokenizer(c)
	if err != nil {
		return err
	}
	if tok != nil {
		defer tok.Close()
	}
	if c.IsSet("store") {
		return scanToStore(c, inputs, scfg, red, tok)
	}
	var store *tsfile.Store
	if c.String("tokenizer") == "vault" {
		p := c.String("token-store")
		if p == "" {
			p = "tazala-tokens.jsonl"
		}
		if store, err = tsfile.Open(p); err != nil {
			return cli.Exit(err.Error(), exitFailure)
		}
		defer store.Close()
		if !c.Bool("quiet") {
			fmt.Fprintf(c.App.ErrWriter, "token vault (reversible copies for tazala reveal): %s\n", p)
		}
	}
	stdout := c.App.Writer
	if err := checkDistinct(inputs, c.App.Reader, c.String("out"), c.String("findings"), stdout, scanProtected(c)...); err != nil {
		return err
	}
	out, closeOut, err := openOutput(c.Context, c.String("out"), stdout)
	if err != nil {
		return err
	}
	defer closeOut()
	// findings are written a block at a time, unbuffered, so a failed write
	// is known exactly (scanfile.WriteError)
	var fw io.Writer
	if p := c.String("findings"); p != "" {
		w, closeF, err := openOutput(c.Context, p, stdout)
		if err != nil {
			return err
		}
		defer closeF()
		fw = w
	}
	progress := !c.Bool("quiet") && isTerminal(c.App.ErrWriter)
	start := time.Now()
	var total scanfile.Stats
	var infos []*inputInfo
	for _, in := range inputs {
		r, info, closeIn, err := openInput(c.Context, in, c.App.Reader)
		if err != nil {
			return err
		}
		if info.binary != "" && c.Bool("fail-on-findings") {
			closeIn()
			return cli.Exit(fmt.Sprintf("scan %s: input looks binary (%s): cannot tell whether it holds personal data", info.name, info.binary), exitFailure)
		}
		infos = append(infos, info)
		cfg := scanfile.Config{Scanner: scfg, Redactor: red, Tokenizer: tok, MaxLine: c.Int("max-line")}
		if store != nil {
			cfg.TokenStore = store
		}
		if fw != nil {
			cfg.Findings = fw
			if len(inputs) > 1 {
				cfg.File = in
			}
		}
		if progress {
			base := total
			cfg.Progress = func(s scanfile.Stats) {
				s.Add(base)
				el := time.Since(start).Seconds()
				fmt.Fprintf(c.App.ErrWriter, "\r%s: %d lines, %.1f MB, %d findings, %.0f MB/s ", in, s.Lines, float64(s.Bytes)/1e6, s.Findings, float64(s.Bytes)/1e6/el)
			}
		}
		st, err := scanfile.Run(c.Context, r, out, cfg)
		closeIn()
		total.Add(st)
		if err != nil {
			return scanRunErr(c.Context, displayName(in), err, total.Lines-st.Lines, outTarget{out, c.String("out")}, outTarget{fw, c.String("findings")})
		}
	}
	if err := flushOut(out); err != nil {
		return cli.Exit(fmt.Sprintf("scan: write output: %v", err), exitFailure)
	}
	if progress {
		fmt.Fprintln(c.App.ErrWriter)
	}
	if !c.Bool("quiet") {
		printSummary(c.App.ErrWriter, total, time.Since(start))
		for _, info := range infos {
			printInputNotes(c.App.ErrWriter, info)
		}
		printTokenizerStats(c.App.ErrWriter, tok)
	}
	if total.Incomplete > 0 {
		// not behind --quiet: these records are not known clean
		fmt.Fprintf(c.App.ErrWriter, "scan: a user rule timed out on %d records: they were not fully scanned\n", total.Incomplete)
		if c.Bool("fail-on-findings") {
			return cli.Exit("", exitFailure)
		}
	}
	if c.Bool("fail-on-findings") && total.Findings > 0 {
		return cli.Exit("", exitFindings)
	}
	return nil
}

func redactConfig(mode string, perKind []string) (redact.Config, error) {
	m, err := redact.ParseMode(mode)
	if err != nil {
		return redact.Config{}, err
	}
	cfg := redact.Config{Default: m, PerKind: map[tazala.Kind]redact.Mode{}}
	for _, kv := range perKind {
		var k, v string
		for i := 0; i < len(kv); i++ {
			if kv[i] == '=' {
				k, v = kv[:i], kv[i+1:]
				break
			}
		}
		if k == "" {
			return cfg, fmt.Errorf("--mode-for %q: want KIND=MODE, e.g. card_pan=last4", kv)
		}
		kind, err := tazala.ParseKind(k)
		if err != nil {
			return cfg, fmt.Errorf("--mode-for: %w", err)
		}
		mm, err := redact.ParseMode(v)
		if err != nil {
			return cfg, fmt.Errorf("--mode-for: %w", err)
		}
		cfg.PerKind[kind] = mm
	}
	return cfg, nil
}

func printSummary(w io.Writer, s scanfile.Stats, el time.Duration) {
	fmt.Fprintf(w, "scanned %d lines, %.1f MB in %.2fs (%.0f MB/s): %d findings\n",
		s.Lines, float64(s.Bytes)/1e6, el.Seconds(), float64(s.Bytes)/1e6/el.Seconds(), s.Findings)
	type kc struct {
		k tazala.Kind
		n int64
	}
	var ks []kc
	for _, k := range tazala.Kinds {
		if n := s.ByKind[k]; n > 0 {
			ks = append(ks, kc{k, n})
		}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].n > ks[j].n })
	for _, x := range ks {
		fmt.Fprintf(w, "  %-12s %d\n", x.k, x.n)
	}
	if s.InvalidUTF8 > 0 {
		fmt.Fprintf(w, "  note: %d lines were not valid UTF-8; they were scanned as bytes\n", s.InvalidUTF8)
	}
	if s.LongLines > 0 {
		fmt.Fprintf(w, "  note: %d lines were longer than --max-line; they were scanned in overlapping windows\n", s.LongLines)
	}
}

// printTokenizerStats reports the token cache and, for Vault, the round
// trips: how much the tokenizer cost.
func printTokenizerStats(w io.Writer, tok tazala.Tokenizer) {
	switch t := tok.(type) {
	case *vault.Tokenizer:
		st := t.Stats()
		if n := st.Hits + st.Misses; n > 0 {
			fmt.Fprintf(w, "  tokens: %d, cache hit ratio %.1f%%, %d Vault round trips\n", n, 100*float64(st.Hits)/float64(n), st.RoundTrips)
		}
	case *local.Tokenizer:
		h, m := t.Stats()
		if n := h + m; n > 0 {
			fmt.Fprintf(w, "  tokens: %d, cache hit ratio %.1f%%\n", n, 100*float64(h)/float64(n))
		}
	}
}

func displayName(in string) string {
	if in == "-" {
		return "stdin"
	}
	return in
}

func flushOut(w io.Writer) error {
	if f, ok := w.(*os.File); ok && f != os.Stdout {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			return f.Sync()
		}
	}
	return nil
}

// isTerminal reports whether w is a terminal (not merely a character
// device such as /dev/null, which takes no progress line).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	rc, err := f.SyscallConn()
	if err != nil {
		return false
	}
	tty := false
	rc.Control(func(fd uintptr) {
		_, err := unix.IoctlGetTermios(int(fd), unix.TCGETS)
		tty = err == nil
	})
	return tty
}
