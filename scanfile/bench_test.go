package scanfile

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"
)

// BenchmarkCorpus scans the file named by TAZALA_BENCH_FILE (skipped when
// unset); `make bench` uses a generated input instead.
func BenchmarkCorpusFile(b *testing.B) {
	p := os.Getenv("TAZALA_BENCH_FILE")
	if p == "" {
		b.Skip("TAZALA_BENCH_FILE not set")
	}
	data, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), bytes.NewReader(data), io.Discard, Config{}); err != nil {
			b.Fatal(err)
		}
	}
}
