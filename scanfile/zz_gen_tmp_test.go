package scanfile

import (
	"bufio"
	"os"
	"path/filepath"
	"testing"
)

func TestZZWriteRatioInputs(t *testing.T) {
	dir := os.Getenv("ZZ_GEN_DIR")
	if dir == "" {
		t.Skip()
	}
	for _, mb := range []int{64, 128} {
		for _, in := range ratioInputs {
			f, _ := os.Create(filepath.Join(dir, in.name+itoa(mb)+".log"))
			w := bufio.NewWriterSize(f, 1<<20)
			in.gen(w, mb<<20)
			w.Flush()
			f.Close()
		}
	}
}

func itoa(n int) string {
	if n == 64 {
		return "64"
	}
	return "128"
}
