// Package launch owns the launchers of the real local stack (a
// Kafka-protocol broker on kfake, a Vault dev server with tazala's transit
// keys, the project cache where libchdb and the Vault binary live). It does
// not import testing: `tazala dev`, `make stack-up` and `make demo` use it
// from the production binary. The test helpers (Need*, Main) are in
// internal/stack.
package launch

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
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
