package chschema_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/sinks/chschema"
)

func TestClusterSQL(t *testing.T) {
	stmts, err := chschema.Cluster{Name: "tazala_cluster", Database: "logs"}.SQL()
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(stmts, ";\n")
	for _, want := range []string{
		// every table: a replicated local table and a Distributed table, ON CLUSTER
		"CREATE TABLE IF NOT EXISTS `logs`.`redacted_records_local` ON CLUSTER `tazala_cluster`",
		"ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', ingest_time)",
		"CREATE TABLE IF NOT EXISTS `logs`.`redacted_records` ON CLUSTER `tazala_cluster` AS `logs`.`redacted_records_local`",
		"ENGINE = Distributed('tazala_cluster', 'logs', 'redacted_records_local', cityHash64(source, partition, offset))",
		"ENGINE = Distributed('tazala_cluster', 'logs', 'pii_index_local', cityHash64(source, partition, offset))",
		"ENGINE = Distributed('tazala_cluster', 'logs', 'token_vault_local', cityHash64(token))",
		"ENGINE = Distributed('tazala_cluster', 'logs', 'audit_log_local', rand())",
		"`logs`.`audit_log_local` ON CLUSTER `tazala_cluster`",
		"ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')",
		// dedup on replicated tables
		"replicated_deduplication_window = 10000",
		// views over the Distributed tables, on every server
		"CREATE OR REPLACE VIEW `logs`.`records_v` ON CLUSTER `tazala_cluster` AS",
		"CREATE OR REPLACE VIEW `logs`.`pii_index_v` ON CLUSTER `tazala_cluster` AS",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("cluster DDL lacks %q", want)
		}
	}
	if strings.Contains(all, "non_replicated_deduplication_window") {
		t.Error("cluster DDL keeps non_replicated_deduplication_window")
	}
	// schema_migrations first, then local before Distributed for every table
	if !strings.Contains(stmts[0], "schema_migrations_local") || !strings.Contains(stmts[1], "Distributed(") {
		t.Errorf("order: %.80q, %.80q", stmts[0], stmts[1])
	}
	for i, s := range stmts {
		if strings.Contains(s, "Distributed(") && !strings.Contains(stmts[i-1], "Replicated") {
			t.Errorf("statement %d: Distributed table not right after its local table", i+1)
		}
	}
}

func TestClusterSQLErrors(t *testing.T) {
	if _, err := (chschema.Cluster{}).SQL(); err == nil {
		t.Error("empty cluster name accepted")
	}
	if _, err := (chschema.Cluster{Name: "a`b"}).SQL(); err == nil {
		t.Error("cluster name with a backquote accepted")
	}
	bad := chschema.Table{Name: "x", Columns: []chschema.Column{{Name: "a", Type: "String"}}, Engine: "Log", OrderBy: "a"}
	if _, err := (chschema.Cluster{Name: "c"}).TableSQL(bad); err == nil {
		t.Error("an engine without a Replicated form accepted")
	}
	if _, err := (chschema.Cluster{Name: "c"}).MigrationSQL(chschema.Migration{Version: 9, Statements: []string{"ALTER TABLE x ADD COLUMN y String"}}); err == nil {
		t.Error("a migration statement without a cluster form accepted")
	}
}

// TestClusterSQLOnEngine runs the generated DDL on the embedded engine as
// far as a single process without a cluster goes: the engine parses every
// statement (formatQuery), and executing each stops only at the missing
// cluster (CLUSTER_DOESNT_EXIST) or the missing local table behind a
// Distributed one, never at its syntax, an engine argument or a setting.
func TestClusterSQLOnEngine(t *testing.T) {
	db := openDB(t)
	useDatabase(t, db, "cluster_ddl")
	ctx := context.Background()
	stmts, err := chschema.Cluster{Name: "tazala_cluster", Database: "cluster_ddl"}.SQL()
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range stmts {
		var out []struct {
			F string `json:"f"`
		}
		if err := db.Select(ctx, &out, "SELECT formatQuery({q:String}) AS f", chschemaParam("q", s)); err != nil {
			t.Fatalf("statement %d does not parse: %v\n%s", i+1, err, s)
		}
		err := db.Exec(ctx, s)
		if err == nil {
			t.Fatalf("statement %d ran without a cluster", i+1)
		}
		// an ALTER … ON CLUSTER stops earlier: the embedded engine has
		// distributed DDL for ALTERs turned off (QUERY_IS_PROHIBITED)
		if msg := err.Error(); !strings.Contains(msg, "CLUSTER_DOESNT_EXIST") && !strings.Contains(msg, "UNKNOWN_TABLE") &&
			!(strings.HasPrefix(s, "ALTER TABLE ") && strings.Contains(msg, "QUERY_IS_PROHIBITED")) {
			t.Errorf("statement %d: %v", i+1, err)
		}
	}
}

func chschemaParam(name string, v any) tazala.Param { return tazala.Param{Name: name, Value: v} }
