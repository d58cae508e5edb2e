// Command tazala keeps personal data out of log pipelines: `tazala scan`
// finds and redacts it in files, `tazala rules` checks user rules, and the
// daemon and policy commands run the pipeline against Kafka, Vault and
// ClickHouse. This package is the one place where concrete adapters are
// chosen and wired.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"

	"github.com/tazala/tazala/internal/initgc"
	"github.com/urfave/cli/v2"
)

// Exit codes, documented in the README.
const (
	exitOK       = 0
	exitFailure  = 1 // runtime failure: I/O, tokenizer or sink unavailable
	exitUsage    = 2 // bad flags or arguments
	exitFindings = 3 // `scan --fail-on-findings` found personal data
)

// init runs after every other package's: the collector, off while they
// initialised (internal/initgc), is turned back on here, in tests too.
func init() { initgc.Restore() }

func main() {
	// the command runs in a child process of this binary so that a Go
	// runtime crash cannot exit 2, the usage code (supervise.go)
	if os.Getenv(workerEnv) == "1" || os.Getenv(noSupervisorEnv) == "1" || longRunning(os.Args) {
		os.Exit(workerMain(os.Args))
	}
	self, err := os.Executable()
	if err != nil {
		os.Exit(workerMain(os.Args))
	}
	os.Exit(supervise(exec.Command(self, os.Args[1:]...), os.Stdin, os.Stdout, os.Stderr))
}

// run builds the app and runs it; tests call it in-process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer recoverInternal(stderr, &code)
	if commandPanics {
		panic("test: a panic of the command")
	}
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, args)
	if err == nil {
		return exitOK
	}
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(stderr, "tazala:", msg)
		}
		return ec.ExitCode()
	}
	fmt.Fprintln(stderr, "tazala:", err)
	return exitFailure
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:      "tazala",
		Usage:     "find, tokenize and redact personal data in payment logs",
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		Commands:  commands(),
		OnUsageError: func(c *cli.Context, err error, isSub bool) error {
			return cli.Exit(fmt.Sprintf("%v\nTry: tazala --help", err), exitUsage)
		},
		ExitErrHandler: func(*cli.Context, error) {}, // run() reports errors
		Action:         unknownCommand(""),
	}
	usageErrors(app.Commands, "")
	return app
}

func usageErr(format string, a ...any) error {
	return cli.Exit(fmt.Sprintf(format, a...), exitUsage)
}
