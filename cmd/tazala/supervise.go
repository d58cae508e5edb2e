package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
)

// Exit codes must mean what the README says whatever happens, and a Go
// runtime crash (an unrecovered panic in any goroutine, a stack overflow,
// concurrent map writes) exits 2, the usage code, from inside the runtime.
// So main runs the command in a child process of its own binary and maps
// how the child ended (issue 10, item 9):
//
//   - the child reports a crash through debug.SetCrashOutput on an extra
//     pipe; a crash becomes exit 1 (failure) with "internal error";
//   - a child killed by a signal gives 128+signal, as a shell does;
//   - otherwise the child's own exit code (0, 1, 2, 3) passes through.
//
// The parent forwards SIGTERM and SIGHUP (a supervisor signals the pid it
// started); SIGINT from a terminal reaches the child directly (same process
// group), so the parent does not forward it twice. If the parent dies, the
// kernel kills the child (Pdeathsig). TAZALA_NO_SUPERVISOR=1 runs the
// command in-process.
//
// The long-running commands (run, serve, dev) are not supervised: their
// pid must be the process that holds the store, the ports and the Kafka
// group, so that a SIGKILL to it frees them at once (a supervised child
// lingers for a moment after its parent is killed); a process manager
// reads any non-zero exit of a daemon as a failure anyway.

const (
	workerEnv       = "TAZALA_SUPERVISED_WORKER"
	noSupervisorEnv = "TAZALA_NO_SUPERVISOR"
	crashFD         = 3 // ExtraFiles[0] in the child
)

// longRunning reports whether args name a daemon-like command.
func longRunning(args []string) bool {
	for _, a := range args[1:] {
		if strings.HasPrefix(a, "-") {
			continue
		}
		return a == "run" || a == "serve" || a == "dev"
	}
	return false
}

// supervise runs cmd (this binary again, as the worker) with the given
// standard streams and returns the exit code to use.
func supervise(cmd *exec.Cmd, stdin io.Reader, stdout, stderr io.Writer) int {
	pr, pw, err := os.Pipe()
	if err != nil {
		fmt.Fprintf(stderr, "tazala: start: %v\n", err)
		return exitFailure
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	cmd.ExtraFiles = []*os.File{pw}
	cmd.Env = append(cmd.Environ(), workerEnv+"=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		pr.Close()
		pw.Close()
		fmt.Fprintf(stderr, "tazala: start: %v\n", err)
		return exitFailure
	}
	pw.Close()
	crashed := make(chan bool, 1)
	go func() {
		n, _ := io.Copy(io.Discard, pr)
		pr.Close()
		crashed <- n > 0
	}()
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sigs:
				if s != os.Interrupt { // SIGINT: the terminal sent it to the child too
					cmd.Process.Signal(s)
				}
			case <-done:
				return
			}
		}
	}()
	cmd.Wait()
	close(done)
	ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if <-crashed {
		fmt.Fprintln(stderr, "tazala: internal error: the Go runtime crashed (report above); this is a bug, please report it")
		return exitFailure
	}
	if ws.Signaled() {
		fmt.Fprintf(stderr, "tazala: killed by signal %v\n", ws.Signal())
		return 128 + int(ws.Signal())
	}
	return cmd.ProcessState.ExitCode()
}

// workerMain runs the command in this process: crash reports also go to
// the supervisor's pipe, SIGINT/SIGTERM cancel the command's context, and
// a second SIGINT (Ctrl-C twice) stops it at once.
func workerMain(args []string) int {
	if os.Getenv(workerEnv) == "1" {
		if f := os.NewFile(crashFD, "crash-report"); f != nil {
			syscall.CloseOnExec(crashFD) // not inherited by programs we start
			if err := debug.SetCrashOutput(f, debug.CrashOptions{}); err == nil {
				f.Close() // SetCrashOutput keeps its own duplicate
			}
		}
	}
	afterWorkerSetup()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		first := <-sigs
		cancel()
		for s := range sigs {
			if s == os.Interrupt && first == os.Interrupt {
				fmt.Fprintln(os.Stderr, "tazala: interrupted twice: stopping now")
				os.Exit(128 + int(syscall.SIGINT))
			}
		}
	}()
	code := run(ctx, args, os.Stdin, os.Stdout, os.Stderr)
	signal.Stop(sigs)
	return code
}

// afterWorkerSetup and commandPanics are test hooks (crash tests).
var (
	afterWorkerSetup = func() {}
	commandPanics    = false
)

// recoverInternal turns a panic of the command's goroutine into exit 1 with
// the place it happened: function names and lines only, never the panic
// value or arguments (they may hold a value being scanned).
func recoverInternal(stderr io.Writer, code *int) {
	r := recover()
	if r == nil {
		return
	}
	pcs := make([]uintptr, 32)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var where []string
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") {
			where = append(where, fmt.Sprintf("%s (%s:%d)", f.Function, f.File, f.Line))
		}
		if !more || len(where) == 8 {
			break
		}
	}
	fmt.Fprintf(stderr, "tazala: internal error (a %T panic); this is a bug, please report it. At:\n  %s\n", r, strings.Join(where, "\n  "))
	*code = exitFailure
}
