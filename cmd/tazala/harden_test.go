package main

import (
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala/tokenize/local"
)

// testKey writes a fresh local key file (0600, the test's own) and returns
// its path.
func testKey(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "local.key")
	k := make([]byte, local.KeySize)
	rand.Read(k)
	if err := os.WriteFile(p, k, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestScanKeyFile (issue 10, items 5 and 7): a dangling symlink as
// --key-file fails at once (it used to recurse until the stack overflowed),
// a mistyped --key-file is an error instead of a new key, and --create-key
// creates it.
func TestScanKeyFile(t *testing.T) {
	dir := t.TempDir()
	dangling := filepath.Join(dir, "dangling.key")
	os.Symlink(filepath.Join(dir, "missing", "target.key"), dangling)
	start := time.Now()
	code, _, e := runCLI(t, "x\n", "scan", "-q", "--key-file", dangling, "-")
	if code != exitFailure || !strings.Contains(e, "symlink") {
		t.Errorf("dangling symlink key: exit %d, stderr %q", code, e)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("dangling symlink key took %v", el)
	}
	typo := filepath.Join(dir, "typo.key")
	code, out, e := runCLI(t, "ИИН 900101300017\n", "scan", "-q", "--key-file", typo, "-")
	if code != exitFailure || !strings.Contains(e, "--create-key") || out != "" {
		t.Errorf("missing named key: exit %d, stdout %q, stderr %q", code, out, e)
	}
	if _, err := os.Stat(typo); err == nil {
		t.Error("a missing named key was created")
	}
	if code, _, e := runCLI(t, "x\n", "scan", "-q", "--key-file", typo, "--create-key", "-"); code != 0 {
		t.Errorf("--create-key: exit %d, stderr %q", code, e)
	}
	if st, err := os.Stat(typo); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("--create-key did not create a 0600 key: %v", err)
	}
}
