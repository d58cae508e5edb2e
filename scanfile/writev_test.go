package scanfile

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/tazala/tazala/redact"
)

// TestOutWriter: buffers written with writev to a file and to a pipe (more
// than one call takes, empty ones among them) arrive whole and in order.
func TestOutWriter(t *testing.T) {
	var bufs [][]byte
	var want []byte
	for i := 0; i < 3*iovMax+7; i++ {
		b := fmt.Appendf(nil, "line %d %s\n", i, bytes.Repeat([]byte{'x'}, i%50))
		if i%97 == 0 {
			b = nil
		}
		bufs = append(bufs, b)
		want = append(want, b...)
	}
	var ow outWriter
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := ow.write(f, bufs)
	if err != nil || n != len(want) {
		t.Fatalf("file: %d bytes, %v; want %d", n, err, len(want))
	}
	f.Close()
	if got, _ := os.ReadFile(f.Name()); !bytes.Equal(got, want) {
		t.Error("file: the bytes differ")
	}

	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(pr)
		got <- b
	}()
	n, err = ow.write(pw, bufs) // more than the pipe holds: it waits for the reader
	pw.Close()
	if err != nil || n != len(want) {
		t.Fatalf("pipe: %d bytes, %v; want %d", n, err, len(want))
	}
	if !bytes.Equal(<-got, want) {
		t.Error("pipe: the bytes differ")
	}

	// a closed pipe: the error, and no more bytes than were written
	pr2, pw2, _ := os.Pipe()
	pr2.Close()
	if n, err := ow.write(pw2, bufs); err == nil || n > len(want) {
		t.Errorf("closed pipe: %d bytes, %v", n, err)
	}
	pw2.Close()
}

func TestAdvance(t *testing.T) {
	bufs := [][]byte{[]byte("abc"), []byte("de"), []byte("fgh")}
	for n, want := range []string{"abcdefgh", "bcdefgh", "cdefgh", "defgh", "efgh", "fgh", "gh", "h"} {
		var got []byte
		for _, b := range advance(bufs, n) {
			got = append(got, b...)
		}
		if string(got) != want {
			t.Errorf("advance %d: %q, want %q", n, got, want)
		}
	}
}

// TestRunToFile: output written to a file (vectored, records without
// findings from the input) equals the output written to a buffer.
func TestRunToFile(t *testing.T) {
	var in bytes.Buffer
	w := bufio.NewWriter(&in)
	ratioInputs[1].gen(w, 3<<20) // typical: long runs of clean lines
	w.Flush()
	cfg := Config{Redactor: redact.New(redact.Config{}), Tokenizer: hashTokenizer{}}
	var want bytes.Buffer
	if _, err := Run(context.Background(), bytes.NewReader(in.Bytes()), &want, cfg); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), bytes.NewReader(in.Bytes()), f, cfg); err != nil {
		t.Fatal(err)
	}
	f.Close()
	got, _ := os.ReadFile(f.Name())
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("the file differs from the buffer (%d and %d bytes)", len(got), want.Len())
	}
	if bytes.Equal(got, in.Bytes()) {
		t.Error("nothing was redacted: the test input has no findings")
	}
}
