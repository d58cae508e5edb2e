package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestHelperTazala is not a test: it is the worker process of
// TestSupervisedExitCodes (this test binary run again), which runs tazala
// with the arguments in TAZALA_TEST_ARGS and, with TAZALA_TEST_CRASH set,
// crashes the way the Go runtime crashes.
func TestHelperTazala(t *testing.T) {
	if os.Getenv("TAZALA_TEST_HELPER") != "1" {
		t.Skip("helper process")
	}
	switch os.Getenv("TAZALA_TEST_CRASH") {
	case "goroutine-panic":
		afterWorkerSetup = func() {
			done := make(chan bool)
			go func() { panic("boom") }()
			<-done
		}
	case "stack-overflow":
		//lint:ignore SA4017 the stack overflow is the point
		afterWorkerSetup = func() { recurse(1) }
	case "command-panic":
		afterWorkerSetup = func() { commandPanics = true }
	}
	os.Exit(workerMain(append([]string{"tazala"}, strings.Split(os.Getenv("TAZALA_TEST_ARGS"), "\x1f")...)))
}

// recurse overflows the stack: the crash the supervisor must report.
//
//lint:ignore SA5007 the infinite recursion is the point
func recurse(n int) int { return recurse(n+1) + 1 }

// TestSupervisedExitCodes (issue 10, item 9): a Go runtime crash (an
// unrecovered panic in another goroutine, a stack overflow as the dangling
// key symlink once caused) exits 1 with "internal error", not 2, the usage
// code; a panic of the command itself too; usage, findings and success
// codes pass through the supervisor unchanged.
func TestSupervisedExitCodes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	key := testKey(t)
	for _, tc := range []struct {
		name, crash string
		args        []string
		stdin       string
		want        int
		errHas      string
	}{
		{"ok", "", []string{"scan", "-q", "--key-file", key, "-"}, "ИИН 900101300017\n", exitOK, ""},
		{"findings", "", []string{"scan", "-q", "--key-file", key, "--fail-on-findings", "-"}, "ИИН 900101300017\n", exitFindings, ""},
		{"usage", "", []string{"scan", "--bogus", "-"}, "", exitUsage, "Try:"},
		{"goroutine panic", "goroutine-panic", []string{"scan", "-"}, "", exitFailure, "internal error"},
		{"stack overflow", "stack-overflow", []string{"scan", "-"}, "", exitFailure, "internal error"},
		{"command panic", "command-panic", []string{"scan", "-q", "--key-file", key, "-"}, "x\n", exitFailure, "internal error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperTazala$")
			cmd.Env = append(os.Environ(), "TAZALA_TEST_HELPER=1", "TAZALA_TEST_CRASH="+tc.crash, "TAZALA_TEST_ARGS="+strings.Join(tc.args, "\x1f"))
			var out, errb bytes.Buffer
			code := supervise(cmd, strings.NewReader(tc.stdin), &out, &errb)
			if code != tc.want || !strings.Contains(errb.String(), tc.errHas) {
				t.Errorf("exit %d, want %d; stderr %.300q", code, tc.want, errb.String())
			}
			if strings.Contains(out.String(), "900101300017") {
				t.Error("a value in the output")
			}
		})
	}
}

func TestLongRunningNotSupervised(t *testing.T) {
	for args, want := range map[string]bool{
		"tazala run --store-url x": true, "tazala serve": true, "tazala dev broker": true,
		"tazala scan -": false, "tazala rules lint x": false, "tazala": false, "tazala --help": false,
	} {
		if got := longRunning(strings.Fields(args)); got != want {
			t.Errorf("%s: %v, want %v", args, got, want)
		}
	}
}
