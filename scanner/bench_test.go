//go:build unix

package scanner_test

import (
	"bytes"
	"syscall"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/heldout"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/scanner"
)

// benchInputs are issue 12's two inputs, 8 MB each: dense (`tazala gen`'s
// mix) and typical (one such record, then nine PII-free operational lines).
func benchInputs() []struct {
	name  string
	lines [][]byte
} {
	const size = 8 << 20
	var dense, typical [][]byte
	g := synth.New(1)
	for n := 0; n < size; {
		l := g.Next().Line
		dense = append(dense, l)
		n += len(l) + 1
	}
	g, o := synth.New(1), heldout.NewOps(1)
	for n := 0; n < size; {
		l := g.Next().Line
		typical = append(typical, l)
		n += len(l) + 1
		for k := 0; k < 9; k++ {
			l := bytes.Clone(o.Next())
			typical = append(typical, l)
			n += len(l) + 1
		}
	}
	return []struct {
		name  string
		lines [][]byte
	}{{"dense", contiguous(dense)}, {"typical", contiguous(typical)}}
}

// contiguous copies lines into one buffer, one after another as a file
// reader hands them over (separate allocations would make the first byte
// of every line a cache miss).
func contiguous(lines [][]byte) [][]byte {
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	buf := make([]byte, 0, n)
	out := make([][]byte, len(lines))
	for i, l := range lines {
		buf = append(buf, l...)
		out[i] = buf[len(buf)-len(l) : len(buf) : len(buf)]
		buf = append(buf, '\n')
	}
	return out
}

// BenchmarkScan is the scanner alone, one goroutine, on both inputs; it
// reports MB per CPU-second of the process beside MB/s (steadier on a
// shared machine: run with -cpu 1 and compare the best of several runs).
func BenchmarkScan(b *testing.B) {
	for _, in := range benchInputs() {
		size := 0
		for _, l := range in.lines {
			size += len(l) + 1
		}
		b.Run(in.name, func(b *testing.B) {
			s := scanner.New(scanner.Config{})
			var fs []tazala.Finding
			b.SetBytes(int64(size))
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				for _, l := range in.lines {
					fs = s.Scan(l, fs[:0])
				}
			}
			if cpu := cpuTime() - cpu0; cpu > 0 {
				b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu.Seconds(), "cpu-MB/s")
			}
		})
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
