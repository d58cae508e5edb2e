package scanner

import (
	"bufio"
	"bytes"
	"os"
	"testing"

	"github.com/tazala/tazala"
)

// BenchmarkScanFile scans the lines of TAZALA_BENCH_FILE (skipped when unset).
func BenchmarkScanFile(b *testing.B) {
	p := os.Getenv("TAZALA_BENCH_FILE")
	if p == "" {
		b.Skip("TAZALA_BENCH_FILE not set")
	}
	data, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	benchLines(b, data)
}

func benchLines(b *testing.B, data []byte) {
	var lines [][]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		lines = append(lines, append([]byte(nil), sc.Bytes()...))
	}
	s := New(Config{})
	var fs []tazala.Finding
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			fs = s.Scan(l, fs[:0])
		}
	}
}
