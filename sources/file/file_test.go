package file_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/sources/file"
)

func TestBatchesAndAck(t *testing.T) {
	in := strings.Repeat("line\n", 25) + "last"
	s, err := file.New(file.Config{Path: "-", Stdin: strings.NewReader(in), BatchSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int64
	for {
		b, err := s.Next(context.Background())
		if errors.Is(err, tazala.ErrEndOfInput) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range b.Records {
			n++
			if r.Offset != n {
				t.Fatalf("offset %d, want %d", r.Offset, n)
			}
		}
		b.Ack(context.Background())
	}
	if n != 26 || s.Acked() != 26 {
		t.Fatalf("read %d, acked %d; want 26", n, s.Acked())
	}
}

func TestRecordTooLarge(t *testing.T) {
	s, _ := file.New(file.Config{Path: "-", Stdin: strings.NewReader("ok\n" + strings.Repeat("x", 5000) + "\n"), MaxRecord: 1000})
	_, err := s.Next(context.Background())
	if !errors.Is(err, file.ErrRecordTooLarge) || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("err = %v", err)
	}
}
