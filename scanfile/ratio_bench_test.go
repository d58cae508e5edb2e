package scanfile

import (
	"bufio"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tazala/tazala/internal/heldout"
	"github.com/tazala/tazala/internal/synth"
)

// ratioInputs are the two inputs of issue 12's speed goal: dense (every
// record from `tazala gen`'s mix, several findings per KB) and typical
// (one such record, then nine PII-free operational lines).
var ratioInputs = []struct {
	name string
	goal float64
	gen  func(w *bufio.Writer, size int)
}{
	{"dense", 0.30, func(w *bufio.Writer, size int) {
		g := synth.New(1)
		for n := 0; n < size; {
			l := g.Next().Line
			w.Write(l)
			w.WriteByte('\n')
			n += len(l) + 1
		}
	}},
	{"typical", 0.60, func(w *bufio.Writer, size int) {
		g := synth.New(1)
		o := heldout.NewOps(1)
		for n := 0; n < size; {
			l := g.Next().Line
			w.Write(l)
			w.WriteByte('\n')
			n += len(l) + 1
			for k := 0; k < 9; k++ {
				l := o.Next()
				w.Write(l)
				w.WriteByte('\n')
				n += len(l) + 1
			}
		}
	}},
}

// BenchmarkRatio times the whole `tazala scan` process (GOMAXPROCS=1,
// local HMAC tokens, findings written) and, in the same run, a line-copy
// loop over the same file (split lines, classify every byte, buffered
// copy), and reports both speeds (best of b.N interleaved runs) and their
// ratio per input, on wall time (the goal's measure) and on CPU time
// (user+system of both processes, which a busy machine disturbs less). It
// needs the binary in TAZALA_BIN (`make bench` builds it);
// TAZALA_RATIO_MB sets the input sizes, comma-separated (default 64,128:
// start-up weighs half as much in the larger).
func BenchmarkRatio(b *testing.B) {
	bin := os.Getenv("TAZALA_BIN")
	if bin == "" {
		b.Skip("set TAZALA_BIN to a tazala binary (make bench does)")
	}
	sizes := []int{64, 128}
	if v := os.Getenv("TAZALA_RATIO_MB"); v != "" {
		sizes = nil
		for _, f := range strings.Split(v, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
				sizes = append(sizes, n)
			}
		}
	}
	for _, mb := range sizes {
		ratioRun(b, bin, mb)
	}
}

// ratioRun is BenchmarkRatio on inputs of mb MB.
func ratioRun(b *testing.B, bin string, mb int) {
	dir := b.TempDir()
	key := filepath.Join(dir, "local.key")
	k := make([]byte, 32)
	rand.Read(k)
	if err := os.WriteFile(key, k, 0o600); err != nil {
		b.Fatal(err)
	}
	for _, in := range ratioInputs {
		path := filepath.Join(dir, in.name+".log")
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		in.gen(w, mb<<20)
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		f.Close()
		st, _ := os.Stat(path)
		size := float64(st.Size())
		b.Run(fmt.Sprintf("%s-%dMB", in.name, mb), func(b *testing.B) {
			// the best of b.N interleaved runs of each: the machine may be
			// shared, and the fastest run is the least disturbed one
			copyT, scanT := time.Duration(1<<62), time.Duration(1<<62)
			copyCPU, scanCPU := time.Duration(1<<62), time.Duration(1<<62)
			for i := 0; i < b.N; i++ {
				wall, cpu := lineCopy(b, path)
				copyT, copyCPU = min(copyT, wall), min(copyCPU, cpu)
				wall, cpu = scanProcess(b, bin, path, key, dir)
				scanT, scanCPU = min(scanT, wall), min(scanCPU, cpu)
			}
			copyMBs := size / copyT.Seconds() / 1e6
			scanMBs := size / scanT.Seconds() / 1e6
			b.ReportMetric(copyMBs, "copy-MB/s")
			b.ReportMetric(scanMBs, "scan-MB/s")
			b.ReportMetric(scanMBs/copyMBs, "ratio")
			// the same on CPU time (user+system), which a busy machine
			// disturbs less than wall time
			b.ReportMetric(copyCPU.Seconds()/scanCPU.Seconds(), "cpu-ratio")
			b.ReportMetric(in.goal, "goal")
			b.ReportMetric(0, "ns/op")
			b.Logf("%s, %d MB: tazala scan %.0f MB/s (%.0f MB per CPU-second), line copy %.0f MB/s: ratio %.3f, on CPU time %.3f (goal %.2f)",
				in.name, mb, scanMBs, size/scanCPU.Seconds()/1e6, copyMBs, scanMBs/copyMBs, copyCPU.Seconds()/scanCPU.Seconds(), in.goal)
		})
		os.Remove(path)
	}
}

// byteClass is the line-copy loop's per-byte work: one table look-up.
var byteClass = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = 1
	}
	for _, c := range []byte("+@\"\\%") {
		t[c] = 2
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = 3
	}
	return
}()

// lineCopy reads path line by line, classifies every byte and writes the
// lines through a buffer to /dev/null: the floor any line filter pays.
func lineCopy(b *testing.B, path string) (wall, cpu time.Duration) {
	start, cpu0 := time.Now(), cpuTime()
	in, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer out.Close()
	r := bufio.NewReaderSize(in, 1<<20)
	w := bufio.NewWriterSize(out, 1<<20)
	var counts [4]int
	for {
		line, err := r.ReadSlice('\n')
		for _, c := range line {
			counts[byteClass[c]]++
		}
		w.Write(line)
		if err == io.EOF {
			break
		}
		if err != nil && err != bufio.ErrBufferFull {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if counts[0] < 0 {
		b.Log(counts)
	}
	return time.Since(start), cpuTime() - cpu0
}

// cpuTime is this process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// scanProcess runs `tazala scan` on path as a new process with one core.
func scanProcess(b *testing.B, bin, path, key, dir string) (wall, cpu time.Duration) {
	// the previous run's findings file goes first: truncating it (freeing
	// its cached pages) is no part of scanning
	findings := filepath.Join(dir, "findings.jsonl")
	os.Remove(findings)
	cmd := exec.Command(bin, "scan", "-q", "--key-file", key, "--findings", findings, "--out", os.DevNull, path)
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("tazala scan: %v", err)
	}
	return time.Since(start), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}
