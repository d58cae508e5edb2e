package main

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/tazala/tazala/scanfile"
	"github.com/urfave/cli/v2"
)

// usageErrors makes every flag-parsing problem a usage error (exit 2) with
// a hint, at every level of the command tree: urfave/cli reports an unknown
// flag or a bad flag value of a subcommand through that command's own
// OnUsageError, and without one the error would exit 1 (issue 10, item 9).
// A command with subcommands refuses an unknown one with exit 2 instead of
// cli's "No help topic" (which exits 3, the findings code).
func usageErrors(cmds []*cli.Command, parent string) {
	for _, c := range cmds {
		full := strings.TrimSpace(parent + " " + c.Name)
		if c.OnUsageError == nil {
			c.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
				return usageErr("%s: %v\nTry: tazala %s --help", full, err, full)
			}
		}
		if len(c.Subcommands) > 0 {
			if c.Action == nil {
				c.Action = unknownCommand(full)
			}
			usageErrors(c.Subcommands, full)
		}
	}
}

// unknownCommand is the action of a command (or the app) reached with
// arguments that name no subcommand: a usage error; without arguments it
// shows the help.
func unknownCommand(full string) cli.ActionFunc {
	return func(c *cli.Context) error {
		if c.Args().Present() {
			// the argument is not echoed: it may be a value pasted by mistake
			if full == "" {
				return usageErr("unknown command\nTry: tazala --help")
			}
			return usageErr("%s: unknown command\nTry: tazala %s --help", full, full)
		}
		if full == "" {
			return cli.ShowAppHelp(c)
		}
		return cli.ShowSubcommandHelp(c)
	}
}

// fileErr classifies an error from loading a file named by a flag: a file
// that cannot be read is an I/O failure (exit 1), anything else (the file
// was read but is wrong) a usage error (exit 2).
func fileErr(err error, format string, a ...any) error {
	msg := fmt.Sprintf(format, a...) + err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return cli.Exit(msg, exitFailure)
	}
	return cli.Exit(msg, exitUsage)
}

// Bounds of scan --max-line (issue 10, item 10). Below 64 KiB the 1 KiB of
// context each window carries on both sides becomes a large share of the
// work and common JSON records would be windowed; above 16 MiB memory grows
// past ~2 GB on dense input (see scanfile.MaxMaxLine, measured). Before
// the bound, 2^62 and 2^63-1 panicked and 2^31 reserved 8.6 GB.
const (
	minMaxLine = 64 << 10
	maxMaxLine = scanfile.MaxMaxLine
)

func checkMaxLine(n int) error {
	if n < minMaxLine || n > maxMaxLine {
		return usageErr("scan: --max-line %d is out of range: want %d (64 KiB) to %d (16 MiB); longer records are scanned in overlapping windows, so a larger value is never needed\nTry: tazala scan --max-line 4194304 …", n, minMaxLine, maxMaxLine)
	}
	return nil
}
