package chdb

import (
	"syscall"
	"unsafe"
)

// sigactions is a snapshot of the process's signal dispositions.
type sigactions [65][4]uint64 // [signal]kernel struct sigaction (32 bytes on amd64 and arm64)

// saveSignals records the disposition of every signal. libchdb resets
// SIGSEGV, SIGBUS, ... to their defaults when told to leave signals alone,
// and the ClickHouse engine may install handlers while it starts; the Go
// runtime needs its own handlers back afterwards (nil dereferences turn
// into panics, goroutine preemption uses SIGURG).
func saveSignals() *sigactions {
	var s sigactions
	for sig := 1; sig < len(s); sig++ {
		if sig == int(syscall.SIGKILL) || sig == int(syscall.SIGSTOP) {
			continue
		}
		syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(sig), 0, uintptr(unsafe.Pointer(&s[sig])), 8, 0, 0)
	}
	return &s
}

// restore puts back the dispositions recorded by saveSignals.
func (s *sigactions) restore() {
	for sig := 1; sig < len(s); sig++ {
		if sig == int(syscall.SIGKILL) || sig == int(syscall.SIGSTOP) {
			continue
		}
		syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(&s[sig])), 0, 8, 0, 0)
	}
}
