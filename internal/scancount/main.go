// Command scancount runs the scanner over the records of a file, for
// counting its instructions under valgrind (deterministic where timings on
// a shared machine are not) or timing it alone (docs/scanner.md, "Speed"):
//
//	CGO_ENABLED=0 go build -o /tmp/scancount ./internal/scancount  # valgrind runs no cgo binary
//	GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind \
//	  --branch-sim=yes --toggle-collect='main.scanAll' /tmp/scancount FILE 2000000
//	/tmp/scancount FILE 8000000 40   # best of 40 passes, MB/s
//
// Arguments: the file, the bytes of it to read (default all, cut at a line
// end), and the passes to time (default none: one counted pass, after a
// warm-up over the first thousand records).
package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/scanner"
)

func main() {
	runtime.LockOSThread() // callgrind counts per thread: the goroutine must not move
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: scancount FILE [BYTES [PASSES]]")
		os.Exit(2)
	}
	b, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "scancount:", err)
		os.Exit(1)
	}
	lim, passes := len(b), 0
	if len(os.Args) > 2 {
		lim, _ = strconv.Atoi(os.Args[2])
	}
	if len(os.Args) > 3 {
		passes, _ = strconv.Atoi(os.Args[3])
	}
	if lim > 0 && lim < len(b) {
		b = b[:bytes.LastIndexByte(b[:lim], '\n')+1]
	}
	lines := bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))
	s := scanner.New(scanner.Config{})
	if passes == 0 {
		scanWarm(s, lines[:min(len(lines), 1000)]) // lexicon, memo tables: not counted
		fmt.Println(scanAll(s, lines), "findings")
		return
	}
	scanWarm(s, lines)
	best := time.Duration(1 << 62)
	for range passes {
		t0 := time.Now()
		scanWarm(s, lines)
		best = min(best, time.Since(t0))
	}
	fmt.Printf("%.1f MB/s\n", float64(len(b))/best.Seconds()/1e6)
}

//go:noinline
func scanAll(s *scanner.Scanner, lines [][]byte) int {
	var fs []tazala.Finding
	n := 0
	for _, l := range lines {
		fs = s.Scan(l, fs[:0])
		n += len(fs)
	}
	return n
}

//go:noinline
func scanWarm(s *scanner.Scanner, lines [][]byte) {
	var fs []tazala.Finding
	for _, l := range lines {
		fs = s.Scan(l, fs[:0])
	}
}
