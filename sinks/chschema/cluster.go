package chschema

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tazala/tazala"
)

// Cluster describes a ClickHouse cluster to generate DDL for: every table
// becomes a Replicated* table NAME_local on each replica plus a
// Distributed table NAME over them, all created ON CLUSTER, so the SQL
// that tazala runs against a single server (unqualified table names, the
// *_v views) runs unchanged against the cluster.
type Cluster struct {
	// Name is the cluster as defined in the servers' remote_servers.
	Name string
	// Database holds the tables; empty means "default".
	Database string
	// ReplicationPath is the Keeper path of each replicated table; empty
	// means "/clickhouse/tables/{shard}/{database}/{table}" (macros the
	// servers expand).
	ReplicationPath string
	// Replica is the replica name; empty means "{replica}".
	Replica string
}

// LocalSuffix names the replicated tables under the Distributed ones.
const LocalSuffix = "_local"

// shardingKeys keep together the rows a ReplacingMergeTree must see on
// one shard (same sorting key, same shard), and a record with its index
// rows. Tables not listed shard by their whole sorting key (replacing
// engines) or at random (append-only ones).
var shardingKeys = map[string]string{
	TableRecords:       "cityHash64(source, partition, offset)",
	TableIndex:         "cityHash64(source, partition, offset)",
	TableSuperseded:    "cityHash64(source, partition, offset)", // beside the index rows it hides
	TableTokenVault:    "cityHash64(token)",
	TableSubjectEvents: "cityHash64(subject)",
	TableErasure:       "cityHash64(token)",
	TableAudit:         "rand()",
	TableMigrations:    "rand()",
}

func (c Cluster) defaults() (Cluster, error) {
	if c.Name == "" {
		return c, errors.New("chschema: cluster name is empty")
	}
	if strings.ContainsAny(c.Name, "`\\\n") {
		return c, fmt.Errorf("chschema: cluster name %q: backquote, backslash or newline", c.Name)
	}
	if c.Database == "" {
		c.Database = "default"
	}
	if c.ReplicationPath == "" {
		c.ReplicationPath = "/clickhouse/tables/{shard}/{database}/{table}"
	}
	if c.Replica == "" {
		c.Replica = "{replica}"
	}
	return c, nil
}

// replicated turns a MergeTree-family engine into its Replicated form:
// "ReplacingMergeTree(ingest_time)" becomes
// "ReplicatedReplacingMergeTree('<path>', '<replica>', ingest_time)".
func (c Cluster) replicated(engine string) (string, error) {
	name, args, hasArgs := strings.Cut(engine, "(")
	name = strings.TrimSpace(name)
	if !strings.HasSuffix(name, "MergeTree") || strings.HasPrefix(name, "Replicated") {
		return "", fmt.Errorf("chschema: engine %s has no Replicated form", name)
	}
	args = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(args), ")"))
	if hasArgs && !strings.HasSuffix(strings.TrimSpace(engine), ")") {
		return "", fmt.Errorf("chschema: engine %q: unbalanced arguments", engine)
	}
	out := "Replicated" + name + "(" + quote(c.ReplicationPath) + ", " + quote(c.Replica)
	if args != "" {
		out += ", " + args
	}
	return out + ")", nil
}

// qualified returns db.name with both parts quoted.
func (c Cluster) qualified(name string) string { return Ident(c.Database) + "." + Ident(name) }

// TableSQL returns the statements that create t on the cluster: the
// replicated local table, then the Distributed table over it.
func (c Cluster) TableSQL(t Table) ([]string, error) {
	c, err := c.defaults()
	if err != nil {
		return nil, err
	}
	engine, err := c.replicated(t.Engine)
	if err != nil {
		return nil, fmt.Errorf("%w (table %s)", err, t.Name)
	}
	local := t
	local.Settings = nil
	for _, s := range t.Settings {
		// replicated tables deduplicate by replicated_deduplication_window
		if strings.HasPrefix(strings.TrimSpace(s), "non_replicated_deduplication_window") {
			s = fmt.Sprintf("replicated_deduplication_window = %d", DedupWindow)
		}
		local.Settings = append(local.Settings, s)
	}
	key, ok := shardingKeys[t.Name]
	if !ok {
		key = "rand()"
		if strings.Contains(t.Engine, "Replacing") || strings.Contains(t.Engine, "Collapsing") {
			key = "cityHash64(" + strings.TrimSuffix(strings.TrimPrefix(t.OrderBy, "("), ")") + ")"
		}
	}
	dist := "CREATE TABLE IF NOT EXISTS " + c.qualified(t.Name) + " ON CLUSTER " + Ident(c.Name) +
		" AS " + c.qualified(t.Name+LocalSuffix) +
		"\nENGINE = Distributed(" + quote(c.Name) + ", " + quote(c.Database) + ", " + quote(t.Name+LocalSuffix) + ", " + key + ")"
	if t.Comment != "" {
		dist += "\nCOMMENT " + quote(t.Comment+" (Distributed over "+t.Name+LocalSuffix+")")
	}
	return []string{local.CreateAs(c.qualified(t.Name+LocalSuffix), c.Name, engine), dist}, nil
}

// ViewSQL returns the statement that creates v on every server of the
// cluster, over the Distributed tables.
func (c Cluster) ViewSQL(v View) (string, error) {
	c, err := c.defaults()
	if err != nil {
		return "", err
	}
	q := v.Query
	if strings.Contains(q, " IN (SELECT") {
		// pii_index and redacted_records are sharded alike (by source,
		// partition, offset), so each shard answers the IN from its own
		// local table rather than the initiator's double-distributed one
		q += "\nSETTINGS distributed_product_mode = 'local'"
	}
	return "CREATE OR REPLACE VIEW " + c.qualified(v.Name) + " ON CLUSTER " + Ident(c.Name) + " AS\n" + q, nil
}

// StatementSQL returns the cluster form of one of a migration's
// statements: "ALTER TABLE name …" runs on the replicated local tables ON
// CLUSTER and, when it changes columns, on the Distributed tables too (a
// projection, index or setting lives in the local tables only). Any other
// statement has no generated cluster form: an error rather than DDL that
// would run on one server only.
func (c Cluster) StatementSQL(stmt string) ([]string, error) {
	c, err := c.defaults()
	if err != nil {
		return nil, err
	}
	rest, ok := strings.CutPrefix(strings.TrimSpace(stmt), "ALTER TABLE ")
	if !ok {
		return nil, fmt.Errorf("chschema: statement %.40q has no cluster form", stmt)
	}
	name, cmd, ok := strings.Cut(rest, " ")
	if !ok || !knownTable(name) {
		return nil, fmt.Errorf("chschema: statement %.40q: not a table of the schema", stmt)
	}
	out := []string{"ALTER TABLE " + c.qualified(name+LocalSuffix) + " ON CLUSTER " + Ident(c.Name) + " " + cmd}
	if strings.Contains(strings.ToUpper(cmd), " COLUMN ") || strings.HasPrefix(strings.ToUpper(cmd), "ADD COLUMN") ||
		strings.HasPrefix(strings.ToUpper(cmd), "DROP COLUMN") || strings.HasPrefix(strings.ToUpper(cmd), "MODIFY COLUMN") ||
		strings.HasPrefix(strings.ToUpper(cmd), "RENAME COLUMN") {
		out = append(out, "ALTER TABLE "+c.qualified(name)+" ON CLUSTER "+Ident(c.Name)+" "+cmd)
	}
	return out, nil
}

// knownTable says whether name is a table of some migration.
func knownTable(name string) bool {
	if name == TableMigrations {
		return true
	}
	for _, m := range Migrations {
		for _, t := range m.Tables {
			if t.Name == name {
				return true
			}
		}
	}
	return false
}

// MigrationSQL returns the cluster statements of one migration: its
// tables, its other statements (StatementSQL), then its views.
func (c Cluster) MigrationSQL(m Migration) ([]string, error) {
	var out []string
	for _, t := range m.Tables {
		s, err := c.TableSQL(t)
		if err != nil {
			return nil, err
		}
		out = append(out, s...)
	}
	for _, st := range m.Statements {
		s, err := c.StatementSQL(st)
		if err != nil {
			return nil, fmt.Errorf("%w (migration %d)", err, m.Version)
		}
		out = append(out, s...)
	}
	if len(m.Backfill) > 0 {
		var err error
		if c, err = c.defaults(); err != nil {
			return nil, err
		}
	}
	for _, b := range m.Backfill {
		// through the Distributed tables; pii_index and redacted_records
		// are sharded alike, so each shard answers the IN locally
		for _, name := range []string{TableSuperseded, TableIndex, TableRecords} {
			b = strings.ReplaceAll(b, "INTO "+name+" ", "INTO "+c.qualified(name)+" ")
			b = strings.ReplaceAll(b, "FROM "+name+"\n", "FROM "+c.qualified(name)+"\n")
			b = strings.ReplaceAll(b, "FROM "+name+")", "FROM "+c.qualified(name)+")")
			b = strings.ReplaceAll(b, "FROM "+name+" FINAL", "FROM "+c.qualified(name)+" FINAL")
		}
		out = append(out, b+"\nSETTINGS distributed_product_mode = 'local', distributed_foreground_insert = 1")
	}
	for _, v := range m.Views {
		s, err := c.ViewSQL(v)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// SQL returns every statement that creates the current schema on the
// cluster: schema_migrations first, then each migration in order.
func (c Cluster) SQL() ([]string, error) {
	out, err := c.TableSQL(SchemaMigrations)
	if err != nil {
		return nil, err
	}
	for _, m := range Migrations {
		s, err := c.MigrationSQL(m)
		if err != nil {
			return nil, err
		}
		out = append(out, s...)
	}
	return out, nil
}

// MigrateCluster brings the schema on the cluster up to date through db,
// a connection to one of its servers: it runs the cluster statements of
// every migration not yet recorded in schema_migrations (a Distributed
// table, so every server sees the record) and records each. Like
// Migrate, it is idempotent.
func MigrateCluster(ctx context.Context, db tazala.DB, c Cluster) ([]uint32, error) {
	c, err := c.defaults()
	if err != nil {
		return nil, err
	}
	first, err := c.TableSQL(SchemaMigrations)
	if err != nil {
		return nil, err
	}
	for _, s := range first {
		if err := db.Exec(ctx, s); err != nil {
			return nil, fmt.Errorf("chschema: cluster %s: create %s: %w", c.Name, TableMigrations, err)
		}
	}
	var rows []struct {
		Version uint32 `json:"version"`
	}
	if err := db.Select(ctx, &rows, "SELECT DISTINCT version FROM "+c.qualified(TableMigrations)); err != nil {
		return nil, fmt.Errorf("chschema: cluster %s: read %s: %w", c.Name, TableMigrations, err)
	}
	done := map[uint32]bool{}
	for _, r := range rows {
		done[r.Version] = true
	}
	var applied []uint32
	for _, m := range Migrations {
		if done[m.Version] {
			continue
		}
		stmts, err := c.MigrationSQL(m)
		if err != nil {
			return applied, err
		}
		for i, s := range stmts {
			if err := db.Exec(ctx, s); err != nil {
				return applied, fmt.Errorf("chschema: cluster %s: migration %d, statement %d: %w", c.Name, m.Version, i+1, err)
			}
		}
		if err := db.Exec(ctx, "INSERT INTO "+c.qualified(TableMigrations)+" (version, applied_at, description) SETTINGS distributed_foreground_insert = 1 VALUES ({v:UInt32}, {t:DateTime64(3, 'UTC')}, {d:String})",
			tazala.Param{Name: "v", Value: m.Version}, tazala.Param{Name: "t", Value: time.Now().UTC()},
			tazala.Param{Name: "d", Value: m.Description + " (cluster " + c.Name + ")"}); err != nil {
			return applied, fmt.Errorf("chschema: cluster %s: record migration %d: %w", c.Name, m.Version, err)
		}
		applied = append(applied, m.Version)
	}
	return applied, nil
}
