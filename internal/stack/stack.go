// Package stack owns the real local stack that integration tests and the
// demo run against, with no Docker and no network beyond loopback: a
// Kafka-protocol broker (kfake), the embedded ClickHouse engine (libchdb)
// and a Vault dev server. Each component starts in seconds, on a free
// loopback port, and is found in the project's git-ignored .cache/ where
// `make stack-deps` puts it.
//
// When a component is missing, tests skip with the command that installs
// it, unless TAZALA_REQUIRE_STACK=1 (set by `make test` and CI), where
// they fail: CI must never pass by skipping.
package stack

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// ModuleRoot returns the directory holding go.mod, searching upwards from
// the working directory.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("stack: go.mod not found above the working directory")
		}
		dir = parent
	}
}

// CachePath returns <module root>/.cache/<elem...>.
func CachePath(elem ...string) string {
	root, err := ModuleRoot()
	if err != nil {
		root = "."
	}
	return filepath.Join(append([]string{root, ".cache"}, elem...)...)
}

// Required reports whether missing components must fail tests.
func Required() bool { return os.Getenv("TAZALA_REQUIRE_STACK") == "1" }

// Missing skips (or, when Required, fails) a test because a component is
// not installed; install names the command that installs it.
func Missing(tb testing.TB, what, install string) {
	tb.Helper()
	msg := fmt.Sprintf("%s not available: run `%s` (TAZALA_REQUIRE_STACK=1 makes this a failure)", what, install)
	if Required() {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
}

// FreeAddr returns a free 127.0.0.1 TCP address.
func FreeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("stack: free port: %w", err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr, nil
}

// WaitTCP waits until addr accepts connections or the deadline passes.
func WaitTCP(addr string, d time.Duration) error {
	deadline := time.Now().Add(d)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("stack: %s not up after %v: %w", addr, d, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
