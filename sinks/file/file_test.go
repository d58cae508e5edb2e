package file_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/sinks/file"
	"github.com/tazala/tazala/sinks/sinktest"
)

func TestConformance(t *testing.T) {
	sinktest.Run(t, sinktest.Harness{
		Open: func(t *testing.T, dir string) tazala.Sink {
			s, err := file.New(file.Config{Records: filepath.Join(dir, "records.jsonl"), Index: filepath.Join(dir, "index.jsonl")})
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
		Count: func(t *testing.T, dir string) int {
			b, err := os.ReadFile(filepath.Join(dir, "records.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			return bytes.Count(b, []byte("\n"))
		},
	})
}
