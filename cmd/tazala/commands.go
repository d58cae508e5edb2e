package main

import "github.com/urfave/cli/v2"

// commands lists every subcommand: the one explicit registry.
func commands() []*cli.Command {
	return []*cli.Command{
		scanCommand(),
		rulesCommand(),
		genCommand(),
		revealCommand(),
		devCommand(),
		runCommand(),
		subjectCommand(),
		retentionCommand(),
		exportCommand(),
		rescanCommand(),
		serveCommand(),
		migrateCommand(),
		queryCommand(),
	}
}
