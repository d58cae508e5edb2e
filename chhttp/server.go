package chhttp

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tazala/tazala/internal/chdb"
)

// Config configures New.
type Config struct {
	// DB is the embedded engine on the store's data path; the server
	// runs every statement on it. Required.
	DB *chdb.DB
	// Users are the accounts; a request without a valid one is refused.
	Users *Users
	// Database is the database the store's tables live in (the `database`
	// parameter may name it or be empty); empty means "default".
	Database string
	// Sessions, when above 0, is how many engine sessions of their own on
	// DB's data path serve requests, so requests run side by side and
	// never wait for the owner's statements on DB; 0 runs every request
	// on DB. Close closes them.
	Sessions int
	// AllowDatabase, when set, lets requests name other databases on the
	// same data path (each gets its own engine session); nil serves
	// Database only.
	AllowDatabase func(name string) bool
	// MaxBody caps a request body (query plus insert data); 0 means 256 MiB.
	MaxBody int64
	// TempDir holds insert data while the engine reads it (FROM INFILE);
	// empty means tazala-http-insert in the data path.
	TempDir string
	// Logger receives refusals (warn) and failed statements (info),
	// never a statement's text or literals; nil means slog.Default().
	Logger *slog.Logger
}

// Server answers ClickHouse's HTTP protocol over the embedded engine.
type Server struct {
	db       *chdb.DB
	users    *Users
	database string
	maxBody  int64
	log      *slog.Logger
	tz       string
	name     string
	allow    func(string) bool

	mu    sync.Mutex
	conns map[string]*chdb.DB // sessions of other databases
	pool  chan *chdb.DB       // sessions of the store database (Config.Sessions)
	own   []*chdb.DB          // the pool's sessions, closed by Close

	tmpDir string // insert data files
}

// New returns a Server. It asks the engine for its time zone and display
// name once (sent in X-ClickHouse-Timezone and X-ClickHouse-Server-Display-Name).
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.DB == nil {
		return nil, errors.New("chhttp: Config.DB is nil")
	}
	s := &Server{db: cfg.DB, users: cfg.Users, database: cfg.Database, maxBody: cfg.MaxBody, log: cfg.Logger,
		allow: cfg.AllowDatabase, conns: map[string]*chdb.DB{}}
	if s.database == "" {
		s.database = "default"
	}
	if s.maxBody <= 0 {
		s.maxBody = 256 << 20
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.tmpDir = cfg.TempDir
	if s.tmpDir == "" {
		if p := cfg.DB.Path(); p != ":memory:" {
			s.tmpDir = filepath.Join(p, "tazala-http-insert")
		} else {
			s.tmpDir = filepath.Join(os.TempDir(), "tazala-http-insert")
		}
	}
	out, _, err := s.db.Raw(ctx, "SELECT timezone(), displayName()", "TabSeparatedRaw")
	if err != nil {
		return nil, fmt.Errorf("chhttp: engine: %w", err)
	}
	if n := cfg.Sessions; n > 0 && cfg.DB.Path() != ":memory:" {
		s.pool = make(chan *chdb.DB, n)
		for i := 0; i < n; i++ {
			c, err := chdb.Open(chdb.Config{Path: cfg.DB.Path()})
			if err != nil {
				s.Close()
				return nil, fmt.Errorf("chhttp: session %d: %w", i+1, err)
			}
			if s.database != "default" {
				if _, err := c.Exec(ctx, "USE "+s.database); err != nil {
					c.Close()
					s.Close()
					return nil, fmt.Errorf("chhttp: session %d: %w", i+1, err)
				}
			}
			s.own = append(s.own, c)
			s.pool <- c
		}
	}
	s.tz, s.name, _ = strings.Cut(strings.TrimSpace(string(out)), "\t")
	return s, nil
}

// Close closes the sessions the server opened (Config.Sessions, other
// databases), not Config.DB. Call it after the listener stopped.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for name, c := range s.conns {
		c.Close()
		delete(s.conns, name)
	}
	for _, c := range s.own {
		c.Close()
	}
	s.own = nil
	return nil
}

// session returns the engine session of a database.
func (s *Server) session(ctx context.Context, name string) (*chdb.DB, func(), *chError) {
	if name == "" || name == s.database {
		if s.pool == nil {
			return s.db, func() {}, nil
		}
		select {
		case c := <-s.pool:
			return c, func() { s.pool <- c }, nil
		case <-ctx.Done():
			return nil, nil, newError(codeTimeoutExceeded, "request cancelled while waiting for a session")
		}
	}
	if s.allow == nil || !nameRE.MatchString(name) || name == databaseSystem || !s.allow(name) {
		return nil, nil, newError(codeUnknownDatabase, "Database "+shown(name)+" is not served here (this store serves "+s.database+")")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.conns[name]; c != nil {
		return c, func() {}, nil
	}
	c, err := chdb.Open(chdb.Config{Path: s.db.Path()})
	if err != nil {
		return nil, nil, newError(codeUnknownException, "open a session: "+err.Error())
	}
	if _, err := c.Exec(ctx, "USE "+name); err != nil {
		c.Close()
		return nil, nil, fromEngine(err)
	}
	s.conns[name] = c
	return c, func() {}, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/ping":
		io.WriteString(w, "Ok.\n")
	case "/replicas_status":
		io.WriteString(w, "Ok.\n") // no replicated tables, so never behind
	case "/", "/query":
		if r.Method == http.MethodGet && r.URL.RawQuery == "" {
			io.WriteString(w, "Ok.\n")
			return
		}
		s.query(w, r)
	default:
		s.fail(w, "", newError(codeUnknownException, fmt.Sprintf("There is no handle %s. Use / or /ping or /replicas_status", r.URL.Path)), http.StatusNotFound)
	}
}

// request is one query as the handler sees it.
type request struct {
	conn     *chdb.DB // the session of the request's database
	database string
	user     User
	queryID  string
	format   string // output format: FORMAT clause, else default_format, else TabSeparated
	params   []chdb.Param
	settings [][2]string // insert settings from the URL, merged into the INSERT
}

var (
	nameRE      = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	settingVal  = regexp.MustCompile(`^[A-Za-z0-9_.:/@+=,-]*$`)
	formatLine  = regexp.MustCompile(`(?:^|\s)FORMAT ([A-Za-z0-9_]+)\s*\z`)
	queryIDSafe = regexp.MustCompile(`^[A-Za-z0-9_.:-]{1,128}$`)
)

// ignoredParams are URL parameters of the protocol (not settings) or
// settings this interface can ignore without changing a result.
var ignoredParams = set("query", "database", "default_format", "user", "password", "query_id",
	"session_id", "session_timeout", "session_check", "compress", "decompress",
	"enable_http_compression", "http_zlib_compression_level", "buffer_size", "wait_end_of_query",
	"client_protocol_version", "quota_key", "send_progress_in_http_headers",
	"http_headers_progress_interval_ms", "http_wait_end_of_query", "add_http_cors_header",
	"readonly", "max_execution_time", "max_result_rows", "max_result_bytes", "result_overflow_mode",
	"output_format_json_quote_64bit_integers", "date_time_output_format", "max_query_size",
	"async_insert", "wait_for_async_insert", "async_insert_busy_timeout_ms", "async_insert_max_data_size",
	"async_insert_deduplicate", "network_compression_method", "network_zstd_compression_level")

// insertSettings are settings applied to an INSERT (merged into its
// SETTINGS clause).
var insertSettings = set("insert_deduplication_token", "insert_deduplicate",
	"input_format_skip_unknown_fields", "input_format_null_as_default",
	"input_format_defaults_for_omitted_fields", "date_time_input_format",
	"input_format_allow_errors_num", "input_format_allow_errors_ratio")

func (s *Server) query(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	q := r.URL.Query()
	req := request{queryID: q.Get("query_id"), format: q.Get("default_format")}
	if req.queryID == "" || !queryIDSafe.MatchString(req.queryID) {
		var b [16]byte
		rand.Read(b[:])
		req.queryID = hex.EncodeToString(b[:])
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		s.fail(w, req.queryID, newError(codeUnsupportedMethod, "method "+r.Method+" is not supported"), 0)
		return
	}

	user, ok := s.auth(w, r, q, req.queryID)
	if !ok {
		return
	}
	req.user = user

	conn, release, cerr := s.session(r.Context(), q.Get("database"))
	if cerr != nil {
		s.fail(w, req.queryID, cerr, 0)
		return
	}
	defer release()
	req.conn, req.database = conn, s.database
	if d := q.Get("database"); d != "" {
		req.database = d
	}
	if req.format == "" {
		req.format = "TabSeparated"
	}
	if !nameRE.MatchString(req.format) {
		s.fail(w, req.queryID, newError(codeUnknownFormat, "Unknown output format"), 0)
		return
	}
	for k, vs := range q {
		switch {
		case strings.HasPrefix(k, "param_"):
			if !nameRE.MatchString(k[6:]) {
				s.fail(w, req.queryID, newError(codeBadArguments, "bad query parameter name"), 0)
				return
			}
			req.params = append(req.params, chdb.Param{Name: k[6:], Value: vs[0]})
		case ignoredParams[k]:
		case insertSettings[k]:
			if !settingVal.MatchString(vs[0]) {
				s.fail(w, req.queryID, newError(codeBadArguments, "setting "+k+": value has characters this interface does not pass (letters, digits and _.:/@+=,- only)"), 0)
				return
			}
			req.settings = append(req.settings, [2]string{k, vs[0]})
		case strings.HasSuffix(k, "_format") || strings.HasSuffix(k, "_structure") || strings.HasSuffix(k, "_types"):
			s.fail(w, req.queryID, newError(codeNotImplemented, "external tables are not supported by tazala's HTTP interface"), 0)
			return
		default:
			if !nameRE.MatchString(k) {
				s.fail(w, req.queryID, newError(codeUnknownSetting, "Unknown setting"), 0)
				return
			}
			s.fail(w, req.queryID, newError(codeUnknownSetting, "Setting "+k+" in the URL is not supported by tazala's HTTP interface; put it in the query's SETTINGS clause"), 0)
			return
		}
	}

	var body []byte
	if r.Method == http.MethodPost {
		b, cerr := s.readBody(r)
		if cerr != nil {
			s.fail(w, req.queryID, cerr, 0)
			return
		}
		if q.Get("decompress") == "1" && len(b) > 0 {
			if b, cerr = decompressBody(b, s.maxBody); cerr != nil {
				s.fail(w, req.queryID, cerr, 0)
				return
			}
		}
		body = b
	}
	urlQuery := q.Get("query")
	if urlQuery == "" && len(bytes.TrimSpace(body)) == 0 {
		s.fail(w, req.queryID, newError(codeSyntaxError, "Empty query"), 0)
		return
	}
	get := r.Method == http.MethodGet

	var (
		text    string // the statement that runs
		data    []byte // insert data sent after it
		verdict *verdict
	)
	if urlQuery != "" && len(body) > 0 {
		// The body follows the URL's query. When that query is an INSERT
		// expecting data (… FORMAT X, … VALUES), the body is data;
		// otherwise the two together are the statement, as ClickHouse
		// reads them.
		if c, err := s.canonical(r.Context(), req.conn, urlQuery); err == nil && c.dataInsert() {
			text, verdict, cerr = s.check(r.Context(), urlQuery, c, &req, get, true)
			if cerr != nil {
				s.fail(w, req.queryID, cerr, 0)
				return
			}
			data = body
		}
	}
	if verdict == nil {
		whole := urlQuery
		if len(body) > 0 {
			if whole != "" {
				whole += "\n"
			}
			whole += string(body)
		}
		c, err := s.canonical(r.Context(), req.conn, whole)
		if err != nil {
			s.fail(w, req.queryID, s.syntax(err, &req), 0)
			return
		}
		dataMode := false
		if c.dataInsert() {
			// inline data: cut it from the statement (it is sent apart,
			// never as SQL text)
			head, inline, ok := s.splitInline(r.Context(), req.conn, whole, c)
			if !ok {
				s.fail(w, req.queryID, newError(codeSyntaxError, "cannot tell where the INSERT's data starts: send the INSERT in the URL (?query=) and the data in the body"), 0)
				return
			}
			whole, data, dataMode = head, []byte(inline), true
		}
		text, verdict, cerr = s.check(r.Context(), whole, c, &req, get, dataMode)
		if cerr != nil {
			s.fail(w, req.queryID, cerr, 0)
			return
		}
	}
	if data != nil && (verdict.class != classInsert || !verdict.insertData) {
		s.fail(w, req.queryID, newError(codeSyntaxError, "only an INSERT … FORMAT or … VALUES takes data"), 0)
		return
	}

	if rev, ok := isHello(text, req.format, q.Get("client_protocol_version")); ok && data == nil {
		out, _, err := req.conn.Raw(r.Context(), "SELECT version()", "TabSeparatedRaw")
		if err != nil {
			s.fail(w, req.queryID, fromEngine(err), 0)
			return
		}
		w.Header().Set("X-ClickHouse-Format", "Native")
		w.Header().Set("Content-Type", contentType("Native"))
		body, enc, cerr := compressResponse(r, q, helloNative(rev, s.name, strings.TrimSpace(string(out)), s.tz))
		if cerr != nil {
			s.fail(w, req.queryID, cerr, 0)
			return
		}
		if enc != "" {
			w.Header().Set("Content-Encoding", enc)
		}
		w.Write(body)
		return
	}
	run := text
	if data != nil {
		// The data goes to a file the engine reads with FROM INFILE: inline
		// data would end at an empty line, after which libchdb runs the rest
		// of the text as SQL.
		path, remove, cerr := s.dataFile(data)
		if cerr != nil {
			s.fail(w, req.queryID, cerr, 0)
			return
		}
		defer remove()
		run = withInfile(text, path)
		if cerr := s.checkInfile(r.Context(), &req, run); cerr != nil {
			s.fail(w, req.queryID, cerr, 0)
			return
		}
	}
	out, res, err := req.conn.Raw(r.Context(), run, req.format, req.params...)
	if err != nil {
		ce := fromEngine(err)
		s.log.Info("chhttp: statement failed", "user", req.user.Name, "role", req.user.Role,
			"query_id", req.queryID, "code", ce.code, "error", ce.name, "tables", verdict.tables)
		s.fail(w, req.queryID, ce, 0)
		return
	}
	h := w.Header()
	h.Set("X-ClickHouse-Query-Id", req.queryID)
	h.Set("X-ClickHouse-Format", req.format)
	h.Set("X-ClickHouse-Timezone", s.tz)
	h.Set("X-ClickHouse-Server-Display-Name", s.name)
	h.Set("Content-Type", contentType(req.format))
	summary, _ := json.Marshal(map[string]string{
		"read_rows": strconv.FormatUint(res.RowsRead, 10), "read_bytes": "0",
		"written_rows": strconv.FormatUint(res.RowsWritten, 10), "written_bytes": "0",
		"total_rows_to_read": "0", "result_rows": "0", "result_bytes": strconv.Itoa(len(out)),
		"elapsed_ns": strconv.FormatInt(time.Since(start).Nanoseconds(), 10),
	})
	h.Set("X-ClickHouse-Summary", string(summary))
	if verdict.class == classRead || verdict.class == classMeta {
		body, enc, cerr := compressResponse(r, q, out)
		if cerr != nil {
			s.fail(w, req.queryID, cerr, 0)
			return
		}
		if enc != "" {
			h.Set("Content-Encoding", enc)
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}
}

// dataFile writes insert data to a new file (mode 0600) in the insert
// directory and returns its path and a function that removes it.
func (s *Server) dataFile(data []byte) (string, func(), *chError) {
	if err := os.MkdirAll(s.tmpDir, 0o700); err != nil {
		return "", nil, newError(codeUnknownException, "insert directory: "+err.Error())
	}
	f, err := os.CreateTemp(s.tmpDir, "insert-*.data")
	if err != nil {
		return "", nil, newError(codeUnknownException, "insert file: "+err.Error())
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	remove := func() { os.Remove(f.Name()) }
	if werr != nil || cerr != nil {
		remove()
		return "", nil, newError(codeUnknownException, "insert file: write failed")
	}
	return f.Name(), remove, nil
}

// withInfile puts "FROM INFILE 'path'" into an INSERT rendered by the
// engine, before its SETTINGS and FORMAT clauses.
func withInfile(head, path string) string {
	lit := "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(path) + "'"
	loc := formatLine.FindStringIndex(head)
	cut := loc[0]
	if i := strings.LastIndex(head[:cut], " SETTINGS "); i >= 0 {
		cut = i
	} else if i := strings.LastIndex(head[:cut], "\nSETTINGS "); i >= 0 {
		cut = i
	}
	return head[:cut] + " FROM INFILE " + lit + head[cut:]
}

// checkInfile makes sure the engine reads withInfile's statement as an
// INSERT FROM INFILE (the clause did not land inside a quoted name).
func (s *Server) checkInfile(ctx context.Context, req *request, run string) *chError {
	astText, _, err := req.conn.Raw(ctx, "EXPLAIN AST "+run, "TabSeparatedRaw", req.params...)
	if err != nil {
		return s.syntax(err, req)
	}
	root, perr := parseAST(string(astText))
	if perr == nil && root.kind == "InsertQuery" {
		for _, c := range root.children {
			if c.kind == "Literal" {
				return nil
			}
		}
	}
	return newError(codeSyntaxError, "cannot send this INSERT's data apart from it (a quoted name holding SETTINGS?)")
}

// splitInline cuts text, an INSERT with its data inline (… FORMAT X data
// or … VALUES data), into the statement and the data: the statement is
// the shortest prefix ending at FORMAT X (or at VALUES, read as FORMAT
// Values) that the engine renders exactly as the whole text.
func (s *Server) splitInline(ctx context.Context, conn *chdb.DB, text string, c canon) (string, string, bool) {
	var re *regexp.Regexp
	values := strings.EqualFold(c.format, "Values")
	if values {
		re = regexp.MustCompile(`(?i)\b(?:VALUES|FORMAT\s+Values)\b`)
	} else {
		re = regexp.MustCompile(`(?i)\bFORMAT\s+` + regexp.QuoteMeta(c.format) + `\b`)
	}
	for _, loc := range re.FindAllStringIndex(text, 8) {
		head := text[:loc[1]]
		if values && strings.EqualFold(text[loc[0]:loc[1]], "VALUES") {
			head = text[:loc[0]] + "FORMAT Values"
		}
		hc, err := s.canonical(ctx, conn, head)
		if err != nil || hc.text != c.text {
			continue
		}
		data := text[loc[1]:]
		data = strings.TrimLeft(data, " \t")
		data = strings.TrimPrefix(strings.TrimPrefix(data, "\r"), "\n")
		return head, data, true
	}
	return "", "", false
}

// canon is a statement as the engine renders it.
type canon struct {
	text   string // formatQuery's rendering: one statement, no insert data
	format string // its FORMAT clause, if any
	insert bool
}

// dataInsert says whether the statement is an INSERT whose data follows it.
func (c canon) dataInsert() bool { return c.insert && c.format != "" }

// canonical asks the engine to render text (formatQuery), which fails
// unless text is exactly one statement. The text is bound as a parameter:
// nothing of it runs here.
func (s *Server) canonical(ctx context.Context, conn *chdb.DB, text string) (canon, error) {
	out, _, err := conn.Raw(ctx, "SELECT formatQuery({q:String})", "TabSeparatedRaw", chdb.P("q", text))
	if err != nil {
		return canon{}, err
	}
	c := canon{text: strings.TrimRight(string(out), "\n")}
	if m := formatLine.FindStringSubmatch(c.text); m != nil {
		c.format = m[1]
	}
	c.insert = strings.HasPrefix(c.text, "INSERT ")
	return c, nil
}

// check authorizes one statement: the engine dumps its AST (the same
// parser that will run it) and authorize decides. It returns the text to
// run: the statement as sent or, for an INSERT whose data comes apart
// (dataMode), the engine's rendering of it with the URL's insert settings
// merged in.
func (s *Server) check(ctx context.Context, text string, c canon, req *request, get, dataMode bool) (string, *verdict, *chError) {
	explain := text
	switch {
	case c.dataInsert():
		// explain the engine's rendering, which ends at FORMAT and
		// carries no data
		explain = mergeSettings(c.text, req.settings)
		if dataMode {
			text = explain
		} else if len(req.settings) > 0 {
			return "", nil, newError(codeUnknownSetting, "insert settings in the URL need the data in the body, apart from the query")
		}
	case c.format != "":
		req.format = c.format
	}
	// insert settings on any other statement change nothing (clickhouse-go
	// sends a batch's settings with its DESCRIBE TABLE too)
	astText, _, err := req.conn.Raw(ctx, "EXPLAIN AST "+explain, "TabSeparatedRaw", req.params...)
	if err != nil {
		return "", nil, s.syntax(err, req)
	}
	root, perr := parseAST(string(astText))
	if perr != nil {
		s.refused(req, "unreadable statement: "+perr.Error())
		return "", nil, newError(codeAccessDenied, "statement refused: "+perr.Error())
	}
	v, ref := authorize(req.user.Role, root, req.database, get)
	if ref != nil {
		s.refused(req, ref.reason)
		code := ref.code
		if get && v == nil && root.kind == "InsertQuery" {
			code = codeReadonly
		}
		return "", nil, newError(code, req.user.Name+": Not enough privileges: "+ref.reason)
	}
	return text, v, nil
}

// syntax turns an engine error about the statement into the client's
// error; it is the client's own text, so it is returned as is.
func (s *Server) syntax(err error, req *request) *chError {
	ce := fromEngine(err)
	s.log.Info("chhttp: statement rejected by the engine", "user", req.user.Name, "role", req.user.Role,
		"query_id", req.queryID, "code", ce.code, "error", ce.name)
	return ce
}

// mergeSettings adds URL insert settings to an INSERT rendered by the
// engine ("INSERT INTO t (a, b) SETTINGS x = 1 FORMAT JSONEachRow", on one
// or several lines), before its FORMAT clause.
func mergeSettings(canonical string, settings [][2]string) string {
	if len(settings) == 0 {
		return canonical
	}
	var clause []string
	for _, kv := range settings {
		clause = append(clause, kv[0]+" = '"+kv[1]+"'")
	}
	loc := formatLine.FindStringIndex(canonical)
	if loc == nil {
		return canonical
	}
	head, tail := canonical[:loc[0]], canonical[loc[0]:]
	if strings.Contains(head, "SETTINGS ") {
		return head + ", " + strings.Join(clause, ", ") + tail
	}
	return head + " SETTINGS " + strings.Join(clause, ", ") + tail
}

// auth finds the user of a request: X-ClickHouse-User/Key headers, basic
// auth, or user/password URL parameters, as ClickHouse accepts them.
func (s *Server) auth(w http.ResponseWriter, r *http.Request, q map[string][]string, queryID string) (User, bool) {
	name, key := r.Header.Get("X-ClickHouse-User"), r.Header.Get("X-ClickHouse-Key")
	how := "headers"
	if name == "" {
		if u, p, ok := r.BasicAuth(); ok {
			name, key, how = u, p, "basic"
		}
	}
	if name == "" {
		if u := first(q["user"]); u != "" {
			name, key, how = u, first(q["password"]), "url"
		}
	}
	if name == "" {
		s.log.Warn("chhttp: refused", "reason", "no credentials", "remote", r.RemoteAddr, "query_id", queryID)
		w.Header().Set("WWW-Authenticate", `Basic realm="tazala"`)
		s.fail(w, queryID, newError(codeRequiredPassword, "Credentials are required (X-ClickHouse-User/X-ClickHouse-Key or basic auth)"), 0)
		return User{}, false
	}
	u, ok := s.users.authenticate(name, key)
	if !ok {
		logged := "(not a user)" // whatever was typed as a name stays out of the log
		if s.users != nil {
			if _, known := s.users.byName[name]; known {
				logged = name
			}
		}
		s.log.Warn("chhttp: refused", "reason", "authentication failed", "user", logged, "via", how, "remote", r.RemoteAddr, "query_id", queryID)
		s.fail(w, queryID, newError(codeAuthenticationFail, name+": Authentication failed: password is incorrect, or there is no user with such name"), 0)
		return User{}, false
	}
	return u, true
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

// refused logs a refused statement: who, and why in terms of tables,
// functions and statement kinds, never the statement's text or literals.
func (s *Server) refused(req *request, reason string) {
	s.log.Warn("chhttp: refused", "user", req.user.Name, "role", req.user.Role, "query_id", req.queryID,
		"reason", reason)
}

// readBody reads a request body, decompressing gzip or deflate.
func (s *Server) readBody(r *http.Request) ([]byte, *chError) {
	var rd io.Reader = http.MaxBytesReader(nil, r.Body, s.maxBody)
	switch enc := strings.ToLower(r.Header.Get("Content-Encoding")); enc {
	case "", "identity":
	case "gzip":
		z, err := gzip.NewReader(rd)
		if err != nil {
			return nil, newError(codeCannotParseInput, "gzip body: "+err.Error())
		}
		rd = io.LimitReader(z, s.maxBody+1)
	case "deflate": // zlib-wrapped, as HTTP defines it
		z, err := zlib.NewReader(rd)
		if err != nil {
			return nil, newError(codeCannotParseInput, "deflate body: "+err.Error())
		}
		rd = io.LimitReader(z, s.maxBody+1)
	default:
		return nil, newError(codeNotImplemented, "Content-Encoding "+enc+" is not supported (gzip, deflate)")
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, newError(codeTooLargeRequestBody, fmt.Sprintf("request body over %d bytes", s.maxBody))
		}
		return nil, newError(codeCannotParseInput, "read body: "+err.Error())
	}
	if int64(len(b)) > s.maxBody {
		return nil, newError(codeTooLargeRequestBody, fmt.Sprintf("request body over %d bytes", s.maxBody))
	}
	return b, nil
}

// fail writes a ClickHouse exception: the code in
// X-ClickHouse-Exception-Code, the text in the body.
func (s *Server) fail(w http.ResponseWriter, queryID string, e *chError, st int) {
	h := w.Header()
	if queryID != "" {
		h.Set("X-ClickHouse-Query-Id", queryID)
	}
	h.Set("X-ClickHouse-Exception-Code", strconv.Itoa(e.code))
	if e.name != "" {
		h.Set("X-ClickHouse-Exception-Name", e.name)
	}
	h.Set("Content-Type", "text/plain; charset=UTF-8")
	if st == 0 {
		st = status(e.code)
	}
	w.WriteHeader(st)
	msg := e.msg
	if !strings.HasSuffix(msg, "\n") {
		msg += "\n"
	}
	io.WriteString(w, msg)
}

func contentType(format string) string {
	switch f := strings.ToLower(format); {
	case strings.HasPrefix(f, "json"):
		if strings.Contains(f, "eachrow") || strings.Contains(f, "lines") {
			return "application/x-ndjson; charset=UTF-8"
		}
		return "application/json; charset=UTF-8"
	case strings.HasPrefix(f, "tabseparated") || strings.HasPrefix(f, "tsv"):
		return "text/tab-separated-values; charset=UTF-8"
	case strings.HasPrefix(f, "csv"):
		return "text/csv; charset=UTF-8"
	case f == "native" || strings.HasPrefix(f, "rowbinary") || f == "parquet" || f == "arrow" || f == "arrowstream" || f == "orc" || f == "avro":
		return "application/octet-stream"
	}
	return "text/plain; charset=UTF-8"
}
