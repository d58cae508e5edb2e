package chhttp

import (
	"fmt"
	"slices"
	"strings"
)

// Role names what a user may do over the HTTP interface.
type Role string

// The roles. Tables are those of docs/storage-contract.md.
const (
	// RoleAnalyst reads the redacted tables and the analyst views, and
	// nothing else; it writes nothing.
	RoleAnalyst Role = "analyst"
	// RoleDPO (data protection officer) reads what an analyst reads plus
	// the subject tables, the audit log and the quarantine (the token
	// vault without its ciphertext column); it writes nothing: subject-rights commands run
	// as tazala (writer) and record the officer as the actor.
	RoleDPO Role = "dpo"
	// RoleWriter is tazala itself: it reads and writes every table of the
	// store's database, runs the migrations (CREATE … IF NOT EXISTS,
	// ALTER), deletes (retention, erasure) and OPTIMIZE. It never reads
	// token_vault.ciphertext either.
	RoleWriter Role = "writer"
	// RoleVault is tazala's token store when another process owns the
	// store (tazala reveal, erasure): it reads and writes token_vault,
	// ciphertext included, and the audit log, nothing else. It is the one
	// role that reads ciphertexts (useless without Vault's decrypt); give
	// it to no person.
	RoleVault Role = "vault"
)

// The tables of the storage contract the roles name.
const (
	tableRecords   = "redacted_records"
	tableIndex     = "pii_index"
	tableRecordsV  = "records_v"
	tableIndexV    = "pii_index_v"
	tableVault     = "token_vault"
	tableAudit     = "audit_log"
	tableSubjects  = "subject_events"
	tableErasure   = "erasure_ledger"
	tableSchema    = "schema_migrations"
	tableQuarant   = "quarantine"       // masked records and reasons: the DPO's, not analysts'
	tableSupersed  = "superseded_scans" // scan ids pii_index_v hides (no value)
	columnSecret   = "ciphertext"       // of token_vault: nobody reads it over HTTP
	databaseSystem = "system"
)

// grants is what one role may touch.
type grants struct {
	read       map[string]bool // tables of the store database it reads
	allRead    bool            // every table of the store database
	write      map[string]bool // tables it inserts into, alters, deletes from
	allWrite   bool            // every table of the store database
	ddl        bool            // CREATE, ALTER, DELETE, OPTIMIZE (on tables it writes)
	readOnly   bool            // reads only (SELECT, DESCRIBE, SHOW, EXISTS)
	ciphertext bool            // may read token_vault.ciphertext
}

func (g grants) writes(table string) bool { return g.allWrite || g.write[table] }

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

var roleGrants = map[Role]grants{
	RoleAnalyst: {read: set(tableRecords, tableIndex, tableRecordsV, tableIndexV, tableSupersed), readOnly: true},
	RoleDPO: {read: set(tableRecords, tableIndex, tableRecordsV, tableIndexV, tableSupersed,
		tableVault, tableAudit, tableSubjects, tableErasure, tableSchema, tableQuarant), readOnly: true},
	RoleWriter: {allRead: true, allWrite: true, ddl: true},
	RoleVault: {read: set(tableVault, tableAudit, tableSchema), write: set(tableVault, tableAudit),
		ddl: true, ciphertext: true},
}

// systemTables are the system tables every role may read: metadata that
// SQL tools (Grafana, DBeaver, clickhouse-go) browse, never query texts
// (system.query_log, system.processes hold literals) or users.
var systemTables = set("one", "numbers", "numbers_mt", "zeros", "zeros_mt",
	"databases", "tables", "columns", "functions", "data_type_families",
	"table_engines", "formats", "time_zones", "build_options", "settings",
	"information_schema.tables", "information_schema.columns", "information_schema.schemata",
	"information_schema.views", "information_schema.key_column_usage",
	"information_schema.referential_constraints", "information_schema.statistics")

// tableFunctions are the table functions allowed: generators only. file,
// url, s3, remote, merge, view, input, format, dictionary, ... read data
// that the table checks would not see.
var tableFunctions = set("numbers", "numbers_mt", "zeros", "zeros_mt",
	"generate_series", "generateseries", "null", "values")

// writerTableFunctions are allowed to the roles tazala itself uses
// (writer, vault) on top of tableFunctions: format parses data written in
// the statement (the ClickHouse token store writes its rows with
// format(TSV, …)); people's roles do not get it (a schema-based format
// may read a schema file).
var writerTableFunctions = set("format")

// deniedFunctions are scalar functions that read data outside the tables
// of the statement (files, dictionaries, Join tables, models) or stall the
// engine that every user shares. Compared in lower case, as prefixes.
var deniedFunctions = []string{"file", "dict", "joinget", "catboost", "evalmlmethod",
	"naivebayes", "sleep", "__", "getsubcolumn"}

// inFunctions take a table name as their right-hand argument (x IN t).
var inFunctions = set("in", "notin", "globalin", "globalnotin", "nullin", "notnullin",
	"globalnullin", "globalnotnullin")

// matchers expand to every column of a table.
var matchers = set("Asterisk", "QualifiedAsterisk", "ColumnsRegexpMatcher", "ColumnsListMatcher",
	"QualifiedColumnsRegexpMatcher", "QualifiedColumnsListMatcher")

// stmtClass says what a statement does.
type stmtClass int

const (
	classRead   stmtClass = iota // SELECT, UNION, INTERSECT, EXCEPT
	classMeta                    // DESCRIBE, EXISTS, SHOW TABLES
	classInsert                  // INSERT (with data or SELECT)
	classDDL                     // CREATE, ALTER, DELETE, OPTIMIZE
)

// verdict is the outcome of authorize for an allowed statement.
type verdict struct {
	class       stmtClass
	insertData  bool     // INSERT whose data follows the statement (FORMAT/VALUES)
	insertTable string   // INSERT target
	tables      []string // tables read or changed, for the log
}

// refusal is a statement a role may not run. Reason names tables,
// functions and statement kinds (identifiers), never a literal.
type refusal struct {
	code   int
	reason string
}

func (r *refusal) Error() string { return r.reason }

func refuse(format string, a ...any) *refusal {
	return &refusal{code: codeAccessDenied, reason: fmt.Sprintf(format, a...)}
}

// authorize decides whether role may run the statement whose AST is root,
// in database db (the store's). get is true for a GET request, which
// ClickHouse treats as read-only.
func authorize(role Role, root *node, db string, get bool) (*verdict, *refusal) {
	g, ok := roleGrants[role]
	if !ok {
		return nil, refuse("unknown role %q", role)
	}
	v := &verdict{}
	insertCols := map[*node]bool{} // the column list of an INSERT: names, not reads
	switch root.kind {
	case "SelectWithUnionQuery", "SelectIntersectExceptQuery", "SelectQuery":
		v.class = classRead
		for _, c := range root.children {
			switch c.kind {
			case "ExpressionList", "Identifier", "Set": // body, FORMAT, SETTINGS
			default: // INTO OUTFILE writes a file on the server
				return nil, refuse("SELECT with %s clause (INTO OUTFILE?) is not allowed", c.kind)
			}
		}
	case "ShowTables", "ShowColumns":
		// names and types only, as system.tables and system.columns give
		// them; SHOW TABLES FROM names a database
		v.class = classMeta
		for _, c := range root.children {
			if c.kind != "Identifier" || (c.name != db && c.name != databaseSystem) {
				return nil, refuse("%s of database %s is not allowed", root.kind, shown(c.name))
			}
		}
	case "DescribeQuery", "ExistsTableQuery", "ShowCreateTableQuery":
		v.class = classMeta
		for _, c := range root.children {
			if c.kind == "Identifier" {
				if r := checkTable(g, db, c.name, false, v); r != nil {
					return nil, r
				}
			}
		}
	case "InsertQuery":
		v.class = classInsert
		if g.readOnly || get {
			return nil, refuse("role %s may not write", role)
		}
		v.insertData = true
		for i, c := range root.children {
			switch {
			case c.kind == "Identifier" && v.insertTable == "":
				t, r := resolve(db, c.name)
				if r != nil {
					return nil, r
				}
				if t.system || !g.writes(t.name) {
					return nil, refuse("role %s may not write %s", role, shown(c.name))
				}
				v.insertTable = t.name
				v.tables = append(v.tables, shown(t.name))
			case c.kind == "ExpressionList" && i > 0:
				for _, col := range c.children {
					insertCols[col] = true
				}
			case c.kind == "SelectWithUnionQuery" || c.kind == "SelectIntersectExceptQuery":
				v.insertData = false
			case c.kind == "Set":
			default: // INSERT INTO FUNCTION, FROM INFILE
				return nil, refuse("INSERT with %s (INTO FUNCTION or FROM INFILE?) is not allowed", c.kind)
			}
		}
		if v.insertTable == "" {
			return nil, refuse("INSERT without a table")
		}
		if id := ciphertextCopy(root, v.insertTable); id != nil {
			insertCols[id] = true
		}
	case "CreateQuery", "AlterQuery", "DeleteQuery", "OptimizeQuery":
		v.class = classDDL
		if !g.ddl || get {
			return nil, refuse("role %s may not run %s", role, root.kind)
		}
		for _, c := range root.children {
			if c.kind == "Identifier" {
				t, r := resolve(db, c.name)
				if r != nil {
					return nil, r
				}
				if t.system || !g.writes(t.name) {
					return nil, refuse("role %s may not run %s on %s", role, root.kind, shown(c.name))
				}
				v.tables = append(v.tables, shown(t.name))
			}
		}
	default:
		return nil, refuse("statement %s is not allowed over HTTP", root.kind)
	}

	var bad *refusal
	readsVault := false
	root.walk(func(n *node) {
		if bad != nil {
			return
		}
		switch n.kind {
		case "TableIdentifier":
			bad = checkTable(g, db, n.name, false, v)
			if t, _ := resolve(db, n.name); t.name == tableVault && !t.system {
				readsVault = true
			}
		case "Function":
			bad = checkFunction(g, db, n, v, &readsVault)
		case "Identifier":
			if insertCols[n] || g.ciphertext || emptinessTest(n) {
				return
			}
			for _, part := range strings.Split(n.name, ".") {
				if part == columnSecret {
					bad = refuse("column %s.%s is never readable over HTTP", tableVault, columnSecret)
				}
			}
		case "Storage":
			// the engine is the first child (then PARTITION BY, ORDER BY, ...)
			if len(n.children) > 0 && n.children[0].kind == "Function" && !allowedEngine(n.children[0].name) {
				bad = refuse("table engine %s is not allowed", shown(n.children[0].name))
			}
		}
		if n.kind == "AlterCommand" {
			// partition moves, attaches and freezes copy whole parts
			// (every column) into another table or outside the store
			for _, w := range []string{"MOVE", "REPLACE", "FETCH", "FREEZE", "ATTACH"} {
				if strings.Contains(n.name, w) {
					bad = refuse("ALTER … %s is not allowed over HTTP", n.name)
				}
			}
		}
		if strings.HasPrefix(n.kind, "Dictionary") {
			bad = refuse("dictionaries are not allowed")
		}
	})
	if bad != nil {
		return nil, bad
	}
	if readsVault && !g.ciphertext {
		// SELECT * (or COLUMNS(...)) over the token vault would include
		// the ciphertext: the columns must be named.
		root.walk(func(n *node) {
			if bad == nil && matchers[n.kind] {
				bad = refuse("%s over %s is not allowed: name the columns (never %s)", n.kind, tableVault, columnSecret)
			}
		})
	}
	if bad != nil {
		return nil, bad
	}
	return v, nil
}

// ciphertextCopy finds, in INSERT INTO token_vault (…, ciphertext, …)
// SELECT …, ciphertext, … FROM token_vault …, the projected identifier
// ciphertext at the same position as the column it is written to: a new
// version of a row (a state change) keeps its ciphertext in its column,
// which reads nothing out. Any other mention of ciphertext stays refused.
func ciphertextCopy(root *node, target string) *node {
	if target != tableVault {
		return nil
	}
	var cols, sel *node
	for i, c := range root.children {
		switch {
		case c.kind == "ExpressionList" && i > 0:
			cols = c
		case c.kind == "SelectWithUnionQuery":
			sel = c
		}
	}
	if cols == nil || sel == nil || len(sel.children) != 1 || len(sel.children[0].children) != 1 {
		return nil
	}
	q := sel.children[0].children[0] // the one SelectQuery (no UNION)
	if q.kind != "SelectQuery" || len(q.children) == 0 || q.children[0].kind != "ExpressionList" {
		return nil
	}
	proj := q.children[0]
	for i, c := range cols.children {
		if c.kind == "Identifier" && c.name == columnSecret && i < len(proj.children) &&
			len(proj.children) == len(cols.children) {
			if p := proj.children[i]; p.kind == "Identifier" && p.name == columnSecret && len(p.children) == 0 {
				return p
			}
		}
	}
	return nil
}

// emptinessTest says whether identifier n is the operand of a test that
// tells only whether it is empty: ciphertext = ”, ciphertext != ”,
// empty(ciphertext), notEmpty(ciphertext) (erasure deletes the rows that
// still hold one; the state column says as much).
func emptinessTest(n *node) bool {
	args := n.parent
	if args == nil || args.kind != "ExpressionList" || args.parent == nil || args.parent.kind != "Function" {
		return false
	}
	switch args.parent.name {
	case "empty", "notEmpty":
		return len(args.children) == 1
	case "equals", "notEquals":
		if len(args.children) != 2 {
			return false
		}
		other := args.children[0]
		if other == n {
			other = args.children[1]
		}
		return other.kind == "Literal" && other.name == "''"
	}
	return false
}

// allowedEngine says whether a CREATE may use a table engine: the
// MergeTree family, views' engines, Distributed and Null. File, URL,
// Executable, S3, ... read or write outside the store.
func allowedEngine(name string) bool {
	return strings.HasSuffix(name, "MergeTree") || name == "Distributed" || name == "Null" || name == "Memory"
}

type tableRef struct {
	system bool
	name   string
}

// resolve splits "db.table" (or "table", in the store database).
func resolve(db, name string) (tableRef, *refusal) {
	d, t, qualified := strings.Cut(name, ".")
	if !qualified {
		return tableRef{name: name}, nil
	}
	switch d {
	case db:
		return tableRef{name: t}, nil
	case databaseSystem:
		return tableRef{system: true, name: t}, nil
	case "information_schema", "INFORMATION_SCHEMA":
		// the SQL-standard views over system.tables and system.columns
		return tableRef{system: true, name: "information_schema." + strings.ToLower(t)}, nil
	}
	return tableRef{}, refuse("database %s is not served (only %s)", shown(d), db)
}

// checkTable refuses a table the role may not read.
func checkTable(g grants, db, name string, _ bool, v *verdict) *refusal {
	t, r := resolve(db, name)
	if r != nil {
		return r
	}
	if t.system {
		if !systemTables[t.name] {
			if strings.HasPrefix(t.name, "information_schema.") {
				return refuse("%s is not readable over HTTP", shown(t.name))
			}
			return refuse("system.%s is not readable over HTTP", shown(t.name))
		}
		return nil
	}
	if !slices.Contains(v.tables, shown(t.name)) {
		v.tables = append(v.tables, shown(t.name))
	}
	if g.allRead || g.read[t.name] {
		return nil
	}
	return refuse("table %s is not readable by this role", shown(t.name))
}

// checkFunction refuses table functions other than generators, scalar
// functions that read outside the statement's tables, and checks the
// table named on the right of IN.
func checkFunction(g grants, db string, n *node, v *verdict, readsVault *bool) *refusal {
	name := strings.ToLower(n.name)
	if n.parent != nil && (n.parent.kind == "TableExpression") {
		if !tableFunctions[name] && !(writerTableFunctions[name] && (g.allWrite || g.ciphertext)) {
			return refuse("table function %s is not allowed", shown(n.name))
		}
		return nil
	}
	if n.parent != nil && n.parent.kind == "Storage" && n.parent.children[0] == n {
		return nil // the engine, checked by allowedEngine
	}
	for _, p := range deniedFunctions {
		if strings.HasPrefix(name, p) {
			return refuse("function %s is not allowed", shownPrefix(n.name, p))
		}
	}
	if inFunctions[name] && len(n.children) == 1 && len(n.children[0].children) == 2 {
		if rhs := n.children[0].children[1]; rhs.kind == "Identifier" {
			if t, _ := resolve(db, rhs.name); t.name == tableVault && !t.system {
				*readsVault = true
				return refuse("IN %s is not allowed", tableVault)
			}
			return checkTable(g, db, rhs.name, false, v)
		}
	}
	return nil
}

// knownNames are the identifiers a refusal may name (it goes to the log):
// the store's tables and views, system tables, table functions, engines
// and databases tazala knows. Any other identifier in a statement is
// withheld: a careless user may write anything, a value too, as an
// identifier, and errors say where, never what.
var knownNames = set(tableRecords, tableIndex, tableRecordsV, tableIndexV, tableSupersed, tableVault, tableAudit,
	tableSubjects, tableErasure, tableSchema, "default", databaseSystem,
	// system tables (allowed or not)
	"information_schema.tables", "information_schema.columns",
	"one", "numbers", "numbers_mt", "zeros", "zeros_mt", "databases", "tables", "columns", "functions",
	"data_type_families", "table_engines", "formats", "time_zones", "build_options", "settings",
	"query_log", "query_thread_log", "processes", "users", "roles", "grants", "parts", "parts_columns",
	"mutations", "merges", "part_log", "text_log", "trace_log", "metric_log", "asynchronous_metric_log",
	"session_log", "crash_log", "errors", "events", "metrics", "clusters", "macros", "disks",
	"storage_policies", "dictionaries", "replicas", "zookeeper", "quotas", "row_policies",
	"settings_profiles", "user_directories", "filesystem_cache", "stack_trace", "licenses",
	// table functions
	"file", "url", "s3", "s3Cluster", "remote", "remoteSecure", "cluster", "clusterAllReplicas", "merge",
	"view", "input", "format", "mysql", "postgresql", "jdbc", "odbc", "hdfs", "azureBlobStorage",
	"executable", "generateRandom", "dictionary", "loop", "mergeTreeIndex", "mergeTreeProjection",
	"fileCluster", "urlCluster", "iceberg", "icebergS3", "deltaLake", "hudi", "sqlite", "mongodb",
	"redis", "null", "values", "gcs", "viewIfPermitted", "viewExplain", "generate_series",
	// engines
	"MergeTree", "ReplacingMergeTree", "File", "URL", "S3", "Executable", "ExecutablePool", "Log",
	"TinyLog", "StripeLog", "Memory", "Buffer", "Set", "Join", "Dictionary", "Merge", "Distributed",
	"MySQL", "PostgreSQL", "MongoDB", "Kafka", "RabbitMQ", "NATS", "HDFS", "SQLite", "Null",
	"Filesystem", "Atomic", "Lazy", "Replicated", "MaterializedPostgreSQL")

// shown returns name when tazala knows it, else a placeholder.
func shown(name string) string {
	if knownNames[name] {
		return name
	}
	if d, t, ok := strings.Cut(name, "."); ok && knownNames[d] && knownNames[t] {
		return name
	}
	return "(a name withheld from the log)"
}

// shownPrefix names a denied function by the deny-list entry it matched.
func shownPrefix(name, prefix string) string {
	if knownNames[name] {
		return name
	}
	if len(prefix) < len(name) {
		return name[:len(prefix)] + "…"
	}
	return name
}
