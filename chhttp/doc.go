// Package chhttp serves ClickHouse's HTTP protocol from the process that
// owns an embedded store (internal/chdb allows one process per data path),
// so curl, Grafana's ClickHouse data source, clickhouse-go/v2 with its HTTP
// protocol and other tazala commands reach the store while the daemon or
// `tazala serve` holds it.
//
// # Protocol
//
// The query comes in the URL (?query=) or the body (POST), or both (the
// body follows the URL's query); an INSERT … FORMAT X (or … VALUES) in the
// URL takes its data from the body. FORMAT clauses and default_format pick
// the output format; param_NAME values are bound by the engine to
// {NAME:Type} placeholders, never interpolated; database must be empty or
// the store's. Errors carry ClickHouse's codes (body "Code: N.
// DB::Exception: …", X-ClickHouse-Exception-Code); answers carry
// X-ClickHouse-Summary, X-ClickHouse-Format and X-ClickHouse-Query-Id.
// /ping and /replicas_status answer "Ok.".
//
// # Users and roles
//
// Every request needs a user (X-ClickHouse-User/X-ClickHouse-Key headers,
// basic auth, or user/password parameters) with one of four roles:
// analyst (reads the redacted tables and the analyst views), dpo (also the
// subject tables, the audit log and the token vault without ciphertexts),
// writer (tazala itself; never reads ciphertexts either) and vault
// (tazala's token store when another process owns the store: token_vault
// with ciphertexts and the audit log, nothing else; for no person).
//
// # How roles are enforced, and why this way
//
// The embedded engine runs every statement as its one built-in user:
// libchdb ignores --user per connection and clickhouse-local leaves
// EXECUTE AS (impersonation) disabled, so ClickHouse's own GRANTs cannot
// be used. Instead each statement is checked with the engine's own parser,
// so there is no second parser to disagree with it:
//
//  1. SELECT formatQuery({q:String}), with the statement bound as a
//     parameter: fails unless the text is exactly one statement (libchdb
//     otherwise runs every statement of a multi-statement text), and gives
//     the engine's rendering (FORMAT clause, INSERT without its data).
//  2. EXPLAIN AST of that statement: the tree the engine will execute.
//  3. authorize walks the tree: allowed statement kinds per role (SELECT,
//     DESCRIBE, SHOW, EXISTS for readers; INSERT, CREATE, ALTER, DELETE,
//     OPTIMIZE for the writer; never SET, SYSTEM, DROP, KILL, GRANT, …),
//     every table (also the right side of IN) against the role's tables,
//     system tables against a metadata allowlist (never query_log or
//     processes, which hold literals), table functions against generators
//     only (numbers, zeros, …: file, url, remote, merge, view read what
//     the table checks do not see), a deny list of scalar functions that
//     read outside the statement (file, dict*, joinGet, models), no INTO
//     OUTFILE / FROM INFILE / INTO FUNCTION, table engines of the MergeTree
//     family, and no identifier naming ciphertext (but an emptiness test,
//     or a new token_vault version keeping its ciphertext in its column)
//     nor a * or COLUMNS() over a statement that reads the token vault.
//
// Insert data never travels as SQL text: libchdb ends inline INSERT data at
// an empty line (VALUES data at a ';') and runs the rest as statements, so
// the data is written to a file the engine reads with FROM INFILE. Every
// refusal is logged (slog, warn) with the user, role, query id and the
// reason in terms of tables, functions and statement kinds, never the
// statement or its literals; identifiers tazala does not know are withheld.
//
// With Config.Sessions the server runs requests on engine sessions of its
// own, side by side and apart from the owner's statements. ClickHouse's
// block compression (compress=1, decompress=1) and HTTP gzip/deflate work
// both ways.
package chhttp
