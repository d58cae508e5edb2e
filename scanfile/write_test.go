package scanfile

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// limitWriter accepts up to n bytes, then fails like a file at its size
// limit: a short write and an error.
type limitWriter struct {
	buf bytes.Buffer
	n   int
}

var errTooLarge = errors.New("file too large")

func (w *limitWriter) Write(p []byte) (int, error) {
	if room := w.n - w.buf.Len(); len(p) > room {
		w.buf.Write(p[:max(room, 0)])
		return max(room, 0), errTooLarge
	}
	return w.buf.Write(p)
}

// TestWriteErrorSaysWhatWasWritten (issue 10, item 12): when the output
// fails mid-block, the WriteError says how many records were written whole
// and how many bytes follow them, for blocks of whole records and for the
// windows of an over-long record, so the caller can cut the output back to
// a whole record.
func TestWriteErrorSaysWhatWasWritten(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 3<<20; i++ {
		b.WriteString("ИИН 900101300017 some log text to make the line longer\n")
	}
	short := b.String()
	long := "head line a@b.kz\n" + strings.Repeat("x a@b.kz ", 50000) + "\ntail\n"
	for _, tc := range []struct {
		name    string
		in      string
		maxLine int
		limit   int
	}{
		{"blocks", short, 0, 2 << 20},
		{"first block", short, 0, 1000},
		{"windows", long, 4096, 200000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := &limitWriter{n: tc.limit}
			_, err := Run(context.Background(), strings.NewReader(tc.in), w, Config{Tokenizer: stubTokenizer{}, MaxLine: tc.maxLine, Workers: 2})
			var we *WriteError
			if !errors.As(err, &we) || !errors.Is(err, errTooLarge) || we.Stream != "output" {
				t.Fatalf("err = %v, want a WriteError of the output", err)
			}
			got := w.buf.Bytes()
			if int64(len(got)) < we.Cut {
				t.Fatalf("cut %d > written %d", we.Cut, len(got))
			}
			whole := got[:int64(len(got))-we.Cut]
			if n := int64(bytes.Count(whole, []byte("\n"))); n != we.Lines || (len(whole) > 0 && whole[len(whole)-1] != '\n') {
				t.Errorf("after cutting %d bytes: %d lines (ends with newline: %v), WriteError says %d", we.Cut, n, len(whole) > 0 && whole[len(whole)-1] == '\n', we.Lines)
			}
			if we.Cut == 0 {
				t.Error("the failed write wrote part of a block: Cut should say so")
			}
		})
	}
}

// TestMaxLineBound: a MaxLine above MaxMaxLine is an error, not a panic
// or a multi-gigabyte buffer.
func TestMaxLineBound(t *testing.T) {
	for _, ml := range []int{MaxMaxLine + 1, 1 << 31, 1 << 62, int(^uint(0) >> 1)} {
		if _, err := Run(context.Background(), strings.NewReader("x\n"), &bytes.Buffer{}, Config{MaxLine: ml}); !errors.Is(err, ErrMaxLine) {
			t.Errorf("MaxLine %d: err = %v", ml, err)
		}
	}
}
