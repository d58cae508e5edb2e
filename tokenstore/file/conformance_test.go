package file_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenstore/file"
	"github.com/tazala/tazala/tokenstore/tokenstoretest"
)

func TestConformance(t *testing.T) {
	tokenstoretest.Run(t, tokenstoretest.Harness{
		Open: func(t *testing.T, dir string) (tazala.TokenStore, func()) {
			s := open(t, filepath.Join(dir, "tokens.jsonl"))
			return s, func() { s.Close() }
		},
		Raw: func(t *testing.T, dir string) string {
			b, err := os.ReadFile(filepath.Join(dir, "tokens.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		},
		OpenAudit: func(t *testing.T, dir string) (tazala.AuditLog, func()) {
			a, err := file.OpenAudit(filepath.Join(dir, "audit.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			return a, func() { a.Close() }
		},
		ReadAudit: func(t *testing.T, dir string) []tazala.AuditEntry {
			rows, err := file.ReadAudit(filepath.Join(dir, "audit.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			return rows
		},
	})
}
