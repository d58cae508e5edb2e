package local_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenize/local"
	"github.com/tazala/tazala/tokenize/tokenizertest"
)

func TestConformance(t *testing.T) {
	key := filepath.Join(t.TempDir(), "local.key")
	tokenizertest.Run(t, func(t *testing.T) tazala.Tokenizer {
		tk, err := local.New(local.Config{KeyPath: key})
		if err != nil {
			t.Fatal(err)
		}
		return tk
	})
}

func TestKeyFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "local.key")
	if _, err := local.New(local.Config{KeyPath: p}); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", st.Mode().Perm())
	}
	os.Chmod(p, 0o644)
	if _, err := local.New(local.Config{KeyPath: p}); err == nil {
		t.Error("a key file readable by others was accepted")
	}
	short := filepath.Join(dir, "short.key")
	os.WriteFile(short, []byte("abc"), 0o600)
	if _, err := local.New(local.Config{KeyPath: short}); err == nil {
		t.Error("a short key was accepted")
	}
}
