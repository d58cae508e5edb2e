package chdb

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"unsafe"

	"github.com/ebitengine/purego"
)

// EnvLib names the environment variable that points at libchdb.so.
const EnvLib = "TAZALA_LIBCHDB"

// ErrLibNotFound is returned by LibPath and Open when libchdb.so cannot be
// found. Its message says how to install it.
var ErrLibNotFound = errors.New("internal/chdb: libchdb.so not found: run `make chdb` (or `make stack-deps`), or set " + EnvLib)

// LibPath locates libchdb.so: $TAZALA_LIBCHDB if set, else
// .cache/chdb/libchdb.so under the nearest directory above the working
// directory that holds go.mod (where `make chdb` puts it).
func LibPath() (string, error) {
	if p := os.Getenv(EnvLib); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%w (%s=%s: %v)", ErrLibNotFound, EnvLib, p, err)
		}
		return p, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("internal/chdb: locate library: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, ".cache", "chdb", "libchdb.so")
			if _, err := os.Stat(p); err != nil {
				return "", fmt.Errorf("%w (looked for %s)", ErrLibNotFound, p)
			}
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrLibNotFound
		}
		dir = parent
	}
}

// lib holds the C API of libchdb.so, bound with purego (no cgo, no header:
// the npm package ships the library alone). Signatures follow chdb.h of
// chDB 26.x; a chdb_connection is an opaque pointer, chdb_connect returns a
// pointer to one.
type lib struct {
	path string

	setSignalHandlersEnabled func(enabled int32)
	connect                  func(argc int32, argv **byte) unsafe.Pointer // chdb_connection*
	closeConn                func(connp unsafe.Pointer)
	queryN                   func(conn unsafe.Pointer, query *byte, queryLen uintptr, format *byte, formatLen uintptr) unsafe.Pointer
	queryWithParamsN         func(conn unsafe.Pointer, query *byte, queryLen uintptr, format *byte, formatLen uintptr,
		names **byte, nameLens *uintptr, values **byte, valueLens *uintptr, count uintptr) unsafe.Pointer
	destroyResult func(res unsafe.Pointer)
	resultBuffer  func(res unsafe.Pointer) unsafe.Pointer
	resultLength  func(res unsafe.Pointer) uintptr
	resultError   func(res unsafe.Pointer) unsafe.Pointer
	resultElapsed func(res unsafe.Pointer) float64
	resultRows    func(res unsafe.Pointer) uint64
	resultWritten func(res unsafe.Pointer) uint64
}

// process holds what libchdb allows once per process: the library is
// loaded once and never unloaded (ClickHouse keeps global state and
// threads), and the engine serves one storage path at a time.
var process struct {
	mu    sync.Mutex
	lib   *lib
	path  string // storage path of the open connections
	conns int    // open connections
}

// load binds the library at path, once per process.
func load(path string) (*lib, error) {
	if process.lib != nil {
		if process.lib.path != path {
			return nil, fmt.Errorf("internal/chdb: load %s: %s is already loaded in this process", path, process.lib.path)
		}
		return process.lib, nil
	}
	h, err := purego.Dlopen(path, purego.RTLD_NOW|purego.RTLD_LOCAL)
	if err != nil {
		return nil, fmt.Errorf("internal/chdb: load %s: %w", path, err)
	}
	l := &lib{path: path}
	for _, s := range []struct {
		fptr any
		name string
	}{
		{&l.setSignalHandlersEnabled, "chdb_set_signal_handlers_enabled"},
		{&l.connect, "chdb_connect"},
		{&l.closeConn, "chdb_close_conn"},
		{&l.queryN, "chdb_query_n"},
		{&l.queryWithParamsN, "chdb_query_with_params_n"},
		{&l.destroyResult, "chdb_destroy_query_result"},
		{&l.resultBuffer, "chdb_result_buffer"},
		{&l.resultLength, "chdb_result_length"},
		{&l.resultError, "chdb_result_error"},
		{&l.resultElapsed, "chdb_result_elapsed"},
		{&l.resultRows, "chdb_result_rows_read"},
		{&l.resultWritten, "chdb_result_rows_written"},
	} {
		sym, err := purego.Dlsym(h, s.name)
		if err != nil {
			return nil, fmt.Errorf("internal/chdb: load %s: symbol %s: %w (chDB 26.x or newer needed)", path, s.name, err)
		}
		purego.RegisterFunc(s.fptr, sym)
	}
	// ClickHouse installs its own handlers for SIGSEGV, SIGBUS, ... which
	// would take them from the Go runtime (nil dereferences become
	// crashes, preemption signals get lost). Tell it to leave signals
	// alone; that call resets them to SIG_DFL, so put Go's handlers back.
	saved := saveSignals()
	l.setSignalHandlersEnabled(0)
	saved.restore()
	process.lib = l
	return l, nil
}
