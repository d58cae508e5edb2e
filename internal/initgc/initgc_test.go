package initgc

import (
	"os"
	"runtime/debug"
	"strconv"
	"testing"
)

// TestRestore: init turned the collector off; Restore brings back the
// setting GOGC asked for.
func TestRestore(t *testing.T) {
	want := 100
	if v, err := strconv.Atoi(os.Getenv("GOGC")); err == nil {
		want = v
	} else if os.Getenv("GOGC") == "off" {
		want = -1
	}
	if percent != int32(want) {
		t.Fatalf("setting before init: %d, want %d", percent, want)
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Fatalf("during init the collector was on (%d)", got)
	}
	Restore()
	if got := debug.SetGCPercent(want); got != want {
		t.Fatalf("after Restore: %d, want %d", got, want)
	}
}
