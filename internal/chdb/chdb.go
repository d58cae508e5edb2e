// Package chdb runs the embedded ClickHouse engine (chDB's libchdb.so) in
// the process, bound with purego: no cgo headers, no server. It is what the
// chdb sink and the policy tests use to run the same SQL as a ClickHouse
// server on a persistent local path.
//
// The library is found through LibPath ($TAZALA_LIBCHDB, else
// .cache/chdb/libchdb.so, put there by `make chdb`).
//
// # Process-wide limits of libchdb
//
// The library is loaded once per process and never unloaded. The engine
// serves one storage path per process at a time: several DBs may be open on
// the same Path, but opening a different Path fails with ErrOtherPath until
// every DB is closed.
//
// # Concurrency
//
// A DB is safe for concurrent use by multiple goroutines. A chDB connection
// runs one statement at a time, so a DB serializes its statements; a
// goroutine waiting for its turn gives up when its context is done. A
// statement that has started runs to completion: the context is not able to
// interrupt the engine.
//
// # Rows
//
// Query returns rows as JSONEachRow, decoded with encoding/json into
// structs (json tags name the columns) or maps. Each DB sets, for its
// session: 64-bit integers as JSON numbers, DateTime output as ISO 8601
// (so time.Time fields decode) and best-effort DateTime input (so
// time.Time values encoded by encoding/json insert).
package chdb

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strings"
	"time"
	"unsafe"
)

// ErrClosed is returned by the methods of a closed DB.
var ErrClosed = errors.New("internal/chdb: database is closed")

// ErrOtherPath is returned by Open when the process already has DBs open on
// another storage path.
var ErrOtherPath = errors.New("internal/chdb: another storage path is open in this process")

// Config configures Open.
type Config struct {
	// LibPath is libchdb.so; empty means LibPath().
	LibPath string
	// Path is the directory holding the databases (created if missing);
	// empty means an in-memory engine that keeps nothing.
	Path string
	// Settings are session settings applied after connecting
	// (name → value as SQL literal, e.g. "max_threads": "2").
	Settings map[string]string
}

// sessionSettings are set on every DB; see the package comment.
var sessionSettings = []string{
	"SET output_format_json_quote_64bit_integers = 0",
	"SET output_format_json_quote_decimals = 0",
	"SET date_time_output_format = 'iso'",
	"SET date_time_input_format = 'best_effort'",
}

// DB is a connection to the embedded engine.
type DB struct {
	lib   *lib
	connp unsafe.Pointer // chdb_connection*
	conn  unsafe.Pointer // chdb_connection
	path  string
	turn  chan struct{} // holds one token: the right to run a statement
}

// Open loads the library (once per process) and connects to the engine on
// cfg.Path.
func Open(cfg Config) (*DB, error) {
	libPath := cfg.LibPath
	if libPath == "" {
		p, err := LibPath()
		if err != nil {
			return nil, err
		}
		libPath = p
	}
	path := cfg.Path
	if path == "" {
		path = ":memory:"
	} else {
		if err := os.MkdirAll(path, 0o755); err != nil {
			return nil, fmt.Errorf("internal/chdb: open: %w", err)
		}
	}

	process.mu.Lock()
	defer process.mu.Unlock()
	l, err := load(libPath)
	if err != nil {
		return nil, err
	}
	if process.conns > 0 && process.path != path {
		return nil, fmt.Errorf("%w: %s is open, %s requested", ErrOtherPath, process.path, path)
	}

	args := []string{"tazala"}
	if path != ":memory:" { // no --path: the engine keeps nothing on disk
		args = append(args, "--path="+path)
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	argv := make([]*byte, len(args)+1)
	for i, a := range args {
		b := append([]byte(a), 0)
		pin.Pin(&b[0])
		argv[i] = &b[0]
	}
	saved := saveSignals()
	connp := l.connect(int32(len(args)), &argv[0])
	saved.restore()
	runtime.KeepAlive(argv)
	if connp == nil {
		return nil, fmt.Errorf("internal/chdb: connect %s: chdb_connect failed", path)
	}
	conn := *(*unsafe.Pointer)(connp)
	if conn == nil {
		l.closeConn(connp)
		return nil, fmt.Errorf("internal/chdb: connect %s: no connection", path)
	}
	db := &DB{lib: l, connp: connp, conn: conn, path: path, turn: make(chan struct{}, 1)}
	db.turn <- struct{}{}
	process.conns++
	process.path = path

	stmts := append([]string(nil), sessionSettings...)
	for k, v := range cfg.Settings {
		stmts = append(stmts, fmt.Sprintf("SET %s = %s", k, v))
	}
	for _, s := range stmts {
		if _, err := db.run(context.Background(), s, "", nil); err != nil {
			db.closeLocked()
			return nil, fmt.Errorf("internal/chdb: open: %w", err)
		}
	}
	return db, nil
}

// Path returns the storage path (":memory:" for an in-memory engine).
func (db *DB) Path() string { return db.path }

// Close closes the connection. Closing twice is harmless.
func (db *DB) Close() error {
	<-db.turn // wait for a running statement
	defer func() { db.turn <- struct{}{} }()
	process.mu.Lock()
	defer process.mu.Unlock()
	db.closeLocked()
	return nil
}

func (db *DB) closeLocked() {
	if db.connp == nil {
		return
	}
	db.lib.closeConn(db.connp)
	db.connp, db.conn = nil, nil
	process.conns--
}

// Param is a named query parameter: the query names it as {name:Type} and
// the engine binds it (no string interpolation). Value is the text form of
// the value in ClickHouse's escaped (TSV) format for Type: a String must
// have backslash, tab and newline escaped. P does that.
type Param struct {
	Name  string
	Value string
}

// P returns a Param whose value is v formatted as ClickHouse reads it:
// strings and []byte escaped, time.Time as "2006-01-02 15:04:05.999999999"
// in UTC (bind as DateTime64(9, 'UTC') or DateTime('UTC')), bools as 1/0,
// others with fmt.
func P(name string, v any) Param {
	switch x := v.(type) {
	case string:
		return Param{name, escape(x)}
	case []byte:
		return Param{name, escape(string(x))}
	case time.Time:
		return Param{name, x.UTC().Format("2006-01-02 15:04:05.999999999")}
	case bool:
		if x {
			return Param{name, "1"}
		}
		return Param{name, "0"}
	}
	return Param{name, fmt.Sprint(v)}
}

var escaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`, "\x00", `\0`, "\b", `\b`, "\f", `\f`)

// escape writes s in ClickHouse's escaped text format.
func escape(s string) string { return escaper.Replace(s) }

// Result summarizes a statement.
type Result struct {
	Elapsed     time.Duration
	RowsRead    uint64
	RowsWritten uint64
}

// Exec runs a statement that returns no rows (DDL, INSERT ... SELECT,
// ALTER, DELETE, OPTIMIZE, ...).
func (db *DB) Exec(ctx context.Context, sql string, params ...Param) (Result, error) {
	res, err := db.run(ctx, sql, "", params)
	if err != nil {
		return Result{}, fmt.Errorf("internal/chdb: exec: %w", err)
	}
	return res.Result, nil
}

// Raw runs a query and returns its output in the given ClickHouse format
// (e.g. "CSV", "TSV", "JSONEachRow", "RowBinary").
func (db *DB) Raw(ctx context.Context, sql, format string, params ...Param) ([]byte, Result, error) {
	res, err := db.run(ctx, sql, format, params)
	if err != nil {
		return nil, Result{}, fmt.Errorf("internal/chdb: query: %w", err)
	}
	return res.data, res.Result, nil
}

// Query runs a query and returns its rows.
func (db *DB) Query(ctx context.Context, sql string, params ...Param) (*Rows, error) {
	res, err := db.run(ctx, sql, "JSONEachRow", params)
	if err != nil {
		return nil, fmt.Errorf("internal/chdb: query: %w", err)
	}
	return &Rows{data: res.data, Result: res.Result}, nil
}

// Select runs a query and decodes every row into a T (a struct with json
// tags naming the columns, or a map[string]any).
func Select[T any](ctx context.Context, db *DB, sql string, params ...Param) ([]T, error) {
	rows, err := db.Query(ctx, sql, params...)
	if err != nil {
		return nil, err
	}
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Value runs a query that returns one row of one column and decodes that
// value into a T; it returns ErrNoRows when the query returns no row.
func Value[T any](ctx context.Context, db *DB, sql string, params ...Param) (T, error) {
	var zero T
	rows, err := db.Query(ctx, sql, params...)
	if err != nil {
		return zero, err
	}
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return zero, err
		}
		return zero, ErrNoRows
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(rows.line, &m); err != nil {
		return zero, fmt.Errorf("internal/chdb: decode row: %w", err)
	}
	if len(m) != 1 {
		return zero, fmt.Errorf("internal/chdb: value: row has %d columns, want 1", len(m))
	}
	for _, raw := range m {
		if err := json.Unmarshal(raw, &zero); err != nil {
			return zero, fmt.Errorf("internal/chdb: decode value: %w", err)
		}
	}
	return zero, nil
}

// ErrNoRows is returned by Value when the query returned no row.
var ErrNoRows = errors.New("internal/chdb: no rows")

// Insert writes rows (a slice of structs with json tags naming the
// columns, or of maps) into table in one INSERT ... FORMAT JSONEachRow.
// Columns missing from a row take their defaults. One call is one insert:
// batch thousands of rows per call, as ClickHouse prefers.
func (db *DB) Insert(ctx context.Context, table string, rows any) (Result, error) {
	v := reflect.ValueOf(rows)
	if v.Kind() != reflect.Slice {
		return Result{}, fmt.Errorf("internal/chdb: insert %s: rows is a %T, want a slice", table, rows)
	}
	if v.Len() == 0 {
		return Result{}, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := 0; i < v.Len(); i++ {
		if err := enc.Encode(v.Index(i).Interface()); err != nil {
			return Result{}, fmt.Errorf("internal/chdb: insert %s: encode row %d: %w", table, i, err)
		}
	}
	return db.InsertJSON(ctx, table, buf.Bytes())
}

// InsertJSON writes data, rows in JSONEachRow (one JSON object per line),
// into table. Table may be "db.table" and may name columns: "t (a, b)".
func (db *DB) InsertJSON(ctx context.Context, table string, data []byte) (Result, error) {
	if err := checkTable(table); err != nil {
		return Result{}, err
	}
	sql := make([]byte, 0, len(table)+len(data)+40)
	sql = append(sql, "INSERT INTO "...)
	sql = append(sql, table...)
	sql = append(sql, " FORMAT JSONEachRow\n"...)
	sql = append(sql, data...)
	res, err := db.run(ctx, unsafe.String(unsafe.SliceData(sql), len(sql)), "", nil)
	if err != nil {
		return Result{}, fmt.Errorf("internal/chdb: insert %s: %w", table, err)
	}
	return res.Result, nil
}

// checkTable refuses table expressions that could carry more than a table
// name and a column list.
func checkTable(table string) error {
	name, cols, hasCols := strings.Cut(table, "(")
	name = strings.TrimSpace(name)
	ok := name != ""
	for _, r := range name {
		if !(r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			ok = false
		}
	}
	if hasCols {
		cols = strings.TrimSpace(cols)
		if !strings.HasSuffix(cols, ")") {
			ok = false
		}
		for _, r := range strings.TrimSuffix(cols, ")") {
			if !(r == '_' || r == ',' || r == ' ' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				ok = false
			}
		}
	}
	if !ok {
		return fmt.Errorf("internal/chdb: insert: bad table expression %q (want name or name (col, ...))", table)
	}
	return nil
}

// Error is a statement the engine rejected. Message is the engine's text
// (for example "Code: 60. DB::Exception: Unknown table ..."); it never
// includes the statement.
type Error struct {
	Message string
}

func (e *Error) Error() string { return e.Message }

type result struct {
	Result
	data []byte
}

// run executes one statement and copies its output out of the library.
func (db *DB) run(ctx context.Context, sql, format string, params []Param) (result, error) {
	if err := ctx.Err(); err != nil {
		return result{}, err
	}
	select {
	case <-db.turn:
	case <-ctx.Done():
		return result{}, ctx.Err()
	}
	defer func() { db.turn <- struct{}{} }()
	if db.conn == nil {
		return result{}, ErrClosed
	}
	l := db.lib
	q := unsafe.StringData(sql)
	if len(sql) == 0 {
		return result{}, errors.New("empty statement")
	}
	var f *byte
	if format != "" {
		f = unsafe.StringData(format)
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	var res unsafe.Pointer
	if len(params) == 0 {
		res = l.queryN(db.conn, q, uintptr(len(sql)), f, uintptr(len(format)))
	} else {
		n := len(params)
		names := make([]*byte, n)
		values := make([]*byte, n)
		nameLens := make([]uintptr, n)
		valueLens := make([]uintptr, n)
		for i, p := range params {
			nb := append([]byte(p.Name), 0)
			vb := append([]byte(p.Value), 0)
			pin.Pin(&nb[0])
			pin.Pin(&vb[0])
			names[i], values[i] = &nb[0], &vb[0]
			nameLens[i], valueLens[i] = uintptr(len(p.Name)), uintptr(len(p.Value))
		}
		res = l.queryWithParamsN(db.conn, q, uintptr(len(sql)), f, uintptr(len(format)),
			&names[0], &nameLens[0], &values[0], &valueLens[0], uintptr(n))
		runtime.KeepAlive(names)
		runtime.KeepAlive(values)
		runtime.KeepAlive(nameLens)
		runtime.KeepAlive(valueLens)
	}
	runtime.KeepAlive(sql)
	runtime.KeepAlive(format)
	if res == nil {
		return result{}, errors.New("engine returned no result")
	}
	defer l.destroyResult(res)
	if e := l.resultError(res); e != nil {
		if msg := cString(e); msg != "" {
			return result{}, &Error{Message: strings.TrimSpace(msg)}
		}
	}
	out := result{Result: Result{
		Elapsed:     time.Duration(l.resultElapsed(res) * float64(time.Second)),
		RowsRead:    l.resultRows(res),
		RowsWritten: l.resultWritten(res),
	}}
	if n := l.resultLength(res); n > 0 {
		if buf := l.resultBuffer(res); buf != nil {
			out.data = bytes.Clone(unsafe.Slice((*byte)(buf), n))
		}
	}
	return out, nil
}

// cString copies a NUL-terminated C string.
func cString(p unsafe.Pointer) string {
	if p == nil {
		return ""
	}
	n := 0
	for *(*byte)(unsafe.Add(p, n)) != 0 {
		n++
	}
	return string(unsafe.Slice((*byte)(p), n))
}

// Rows is the result of Query: one JSON object per row.
type Rows struct {
	Result
	data []byte
	line []byte
	err  error
}

// Next advances to the next row.
func (r *Rows) Next() bool {
	if r.err != nil {
		return false
	}
	for len(r.data) > 0 {
		line, rest, _ := bytes.Cut(r.data, []byte{'\n'})
		r.data = rest
		if len(bytes.TrimSpace(line)) > 0 {
			r.line = line
			return true
		}
	}
	r.line = nil
	return false
}

// Scan decodes the current row into dst: a pointer to a struct (json tags
// name the columns) or to a map[string]any (numbers decode as json.Number,
// so 64-bit integers keep every digit).
func (r *Rows) Scan(dst any) error {
	if r.line == nil {
		return errors.New("internal/chdb: Scan called without a row (call Next first)")
	}
	dec := json.NewDecoder(bytes.NewReader(r.line))
	if m, ok := dst.(*map[string]any); ok {
		dec.UseNumber()
		if *m == nil {
			*m = map[string]any{}
		}
	}
	if err := dec.Decode(dst); err != nil {
		r.err = fmt.Errorf("internal/chdb: decode row: %w", err)
		return r.err
	}
	return nil
}

// Raw returns the current row's JSON.
func (r *Rows) Raw() json.RawMessage { return json.RawMessage(r.line) }

// Err returns the first decoding error.
func (r *Rows) Err() error { return r.err }
