package main

import (
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/tazala/tazala/chhttp"
	"github.com/tazala/tazala/internal/chdb"
	"github.com/urfave/cli/v2"
)

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "own an embedded store and answer ClickHouse's HTTP protocol on it (curl, Grafana, clickhouse-go, other tazala commands)",
		Description: "Opens the embedded store (one process per data path), brings its schema up to date and serves\n" +
			"ClickHouse's HTTP interface with users and roles (analyst, dpo, writer, vault). Users come from --users\n" +
			"(TOML: [[user]] name, role, password_sha256) and/or the environment (" + chhttp.EnvWriterPassword + ",\n" +
			chhttp.EnvAnalystPassword + ", " + chhttp.EnvDPOPassword + ", " + chhttp.EnvVaultPassword + "\n" +
			"define users writer, analyst, dpo, vault).\n" +
			"Listens on loopback unless told otherwise; any other address needs --tls-cert and --tls-key.\n" +
			"The URL is written to DIR/" + chhttp.AddrFile + " so other tazala commands find it. See docs/clickhouse.md.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "store", EnvVars: []string{"TAZALA_STORE"}, Usage: "embedded store `chdb:DIR` (required)"},
			&cli.StringFlag{Name: "listen", Value: chhttp.DefaultAddr, Usage: "`HOST:PORT` to listen on"},
			&cli.StringFlag{Name: "users", EnvVars: []string{"TAZALA_HTTP_USERS"}, Usage: "users `FILE` (TOML, mode 0600)"},
			&cli.StringFlag{Name: "tls-cert", Usage: "TLS certificate `FILE` (PEM)"},
			&cli.StringFlag{Name: "tls-key", Usage: "TLS key `FILE` (PEM)"},
		},
		Action: runServe,
	}
}

// chdbDir returns DIR of a chdb:DIR store URL.
func chdbDir(store string) (string, bool) {
	dir, ok := strings.CutPrefix(store, "chdb:")
	if !ok || dir == "" {
		return "", false
	}
	return strings.TrimPrefix(dir, "//"), true
}

// loadHTTPUsers reads the users of the HTTP interface from a file and the
// environment.
func loadHTTPUsers(file string) (*chhttp.Users, error) {
	var list []chhttp.User
	if file != "" {
		u, err := chhttp.LoadUsersFile(file)
		if err != nil {
			return nil, err
		}
		list = append(list, u...)
	}
	list = append(list, chhttp.UsersFromEnv(os.LookupEnv)...)
	if len(list) == 0 {
		return nil, fmt.Errorf("no users: give --users FILE or set %s (and %s, %s)",
			chhttp.EnvWriterPassword, chhttp.EnvAnalystPassword, chhttp.EnvDPOPassword)
	}
	return chhttp.NewUsers(list...)
}

func runServe(c *cli.Context) error {
	if c.NArg() > 0 {
		return usageErr("serve: unexpected arguments")
	}
	dir, ok := chdbDir(c.String("store"))
	if !ok {
		return usageErr("serve: --store chdb:DIR is required (serve owns an embedded store; a ClickHouse server has its own HTTP interface)")
	}
	users, err := loadHTTPUsers(c.String("users"))
	if err != nil {
		return usageErr("serve: %v", err)
	}
	if (c.String("tls-cert") == "") != (c.String("tls-key") == "") {
		return usageErr("serve: --tls-cert and --tls-key go together")
	}
	if url, err := chhttp.ReadAddrFile(dir); err == nil {
		// a stale file is harmless, a live owner is not: the engine would
		// refuse the path anyway, this says who holds it
		if pingURL(c.Context, url) == nil {
			return cli.Exit(fmt.Sprintf("serve: the store %s is already served at %s", dir, url), exitFailure)
		}
	}
	ln, err := chhttp.Listen(chhttp.ListenConfig{Addr: c.String("listen"), TLSCert: c.String("tls-cert"), TLSKey: c.String("tls-key")})
	if err != nil {
		return usageErr("serve: %v", err)
	}
	defer ln.Close()

	db, err := chdb.Open(chdb.Config{Path: dir})
	if err != nil {
		return cli.Exit(fmt.Sprintf("serve: open store %s: %v", dir, err), exitFailure)
	}
	defer db.Close()
	if err := migrateServed(c.Context, db); err != nil {
		return cli.Exit(fmt.Sprintf("serve: %v", err), exitFailure)
	}
	log := slog.New(slog.NewTextHandler(c.App.ErrWriter, nil))
	srv, err := chhttp.New(c.Context, chhttp.Config{DB: db, Users: users, Logger: log, Sessions: 2})
	if err != nil {
		return cli.Exit(fmt.Sprintf("serve: %v", err), exitFailure)
	}
	defer srv.Close()
	remove, err := chhttp.WriteAddrFile(dir, ln.URL())
	if err != nil {
		return cli.Exit(fmt.Sprintf("serve: %v", err), exitFailure)
	}
	defer remove()
	fmt.Fprintf(c.App.ErrWriter, "tazala serve: store %s at %s (%d users)\n", dir, ln.URL(), users.Len())
	if err := ln.Serve(c.Context, srv); err != nil {
		return cli.Exit(fmt.Sprintf("serve: %v", err), exitFailure)
	}
	return nil
}
