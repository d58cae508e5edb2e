package main

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tazala/tazala/sinks/chschema"
	sinkch "github.com/tazala/tazala/sinks/clickhouse"
	"github.com/urfave/cli/v2"
)

// clusterFlags are migrate's flags for cluster DDL.
func clusterFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "cluster", Usage: "cluster `NAME` (remote_servers): print the cluster DDL (Replicated* NAME_local tables, Distributed tables, views, ON CLUSTER), or run it with --store clickhouse://… (see docs/clickhouse.md)"},
		&cli.StringFlag{Name: "database", Usage: "`DB` of the cluster tables (default: the store URL's, else default)"},
		&cli.StringFlag{Name: "replication-path", Usage: "Keeper `PATH` of each replicated table (default /clickhouse/tables/{shard}/{database}/{table})"},
		&cli.StringFlag{Name: "replica", Usage: "replica `NAME` (default {replica})"},
		&cli.BoolFlag{Name: "print", Usage: "with --cluster: print the DDL even when --store is set"},
	}
}

// runMigrateCluster prints the cluster DDL, or runs it through one server
// of the cluster when --store names a server.
func runMigrateCluster(c *cli.Context) error {
	cl := chschema.Cluster{Name: c.String("cluster"), Database: c.String("database"),
		ReplicationPath: c.String("replication-path"), Replica: c.String("replica")}
	store := c.String("store")
	if !c.IsSet("store") || c.Bool("print") {
		stmts, err := cl.SQL()
		if err != nil {
			return usageErr("migrate: %v", err)
		}
		fmt.Fprintf(c.App.Writer, "-- tazala schema version %d on cluster %s (tazala migrate --cluster)\n\n", chschema.Version(), cl.Name)
		for _, s := range stmts {
			fmt.Fprintf(c.App.Writer, "%s;\n\n", s)
		}
		return nil
	}
	u, err := url.Parse(store)
	if err != nil || (u.Scheme != "clickhouse" && u.Scheme != "http" && u.Scheme != "https") {
		return usageErr("migrate: --cluster runs through a server: --store clickhouse://host:9000/db or http(s)://host:8123/db")
	}
	if cl.Database == "" {
		cl.Database = strings.Trim(u.Path, "/")
	}
	db, err := sinkch.OpenDB(c.Context, serverConfig(store, false))
	if err != nil {
		return cli.Exit(fmt.Sprintf("migrate: %v", err), exitFailure)
	}
	defer db.Close()
	applied, err := chschema.MigrateCluster(c.Context, db, cl)
	if err != nil {
		return cli.Exit(fmt.Sprintf("migrate: %v", err), exitFailure)
	}
	fmt.Fprintf(c.App.Writer, "cluster %s: applied %v, schema version %d\n", cl.Name, applied, chschema.Version())
	return nil
}
