package policy_test

import (
	"os"
	"testing"

	"github.com/tazala/tazala/internal/stack"
)

var pkgStorePath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tazala-policy-test-")
	if err != nil {
		panic(err)
	}
	pkgStorePath = dir
	code := func() int { defer stack.Shutdown(); return m.Run() }()
	os.RemoveAll(dir)
	os.Exit(code)
}

// storePath is the package's one embedded-engine path (libchdb serves one
// path per process); each test gets its own database on it.
func storePath(*testing.T) string { return pkgStorePath }
