// Package file owns the file source: newline-delimited records from files
// or standard input, handed out in batches. A record's offset is its
// 1-based line number; Ack records how far the consumer got.
package file

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/tazala/tazala"
)

// Config configures a Source.
type Config struct {
	// Path is a file name, or "-" for Stdin.
	Path  string
	Stdin io.Reader
	// BatchSize is the most records per batch (default 1000).
	BatchSize int
	// MaxRecord is the longest record accepted (default 16 MiB); a longer
	// one stops the source with ErrRecordTooLarge rather than being cut.
	MaxRecord int
}

// ErrRecordTooLarge is returned for a record longer than MaxRecord. The
// error names the line, never its content.
var ErrRecordTooLarge = errors.New("record too large")

// Source reads records from one file.
type Source struct {
	cfg   Config
	name  string
	r     *bufio.Reader
	close func() error
	line  int64
	acked atomic.Int64
	eof   bool
}

var _ tazala.Source = (*Source)(nil)

// New opens cfg.Path.
func New(cfg Config) (*Source, error) {
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 1000
	}
	if cfg.MaxRecord <= 0 {
		cfg.MaxRecord = 16 << 20
	}
	s := &Source{cfg: cfg, name: cfg.Path}
	if cfg.Path == "-" {
		if cfg.Stdin == nil {
			cfg.Stdin = os.Stdin
		}
		s.name = "stdin"
		s.r = bufio.NewReaderSize(cfg.Stdin, 1<<20)
		s.close = func() error { return nil }
		return s, nil
	}
	f, err := os.Open(cfg.Path)
	if err != nil {
		return nil, fmt.Errorf("sources/file: %w", err)
	}
	s.r = bufio.NewReaderSize(f, 1<<20)
	s.close = f.Close
	return s, nil
}

// Next returns up to BatchSize records, or tazala.ErrEndOfInput.
func (s *Source) Next(ctx context.Context) (tazala.Batch, error) {
	if err := ctx.Err(); err != nil {
		return tazala.Batch{}, err
	}
	if s.eof {
		return tazala.Batch{}, tazala.ErrEndOfInput
	}
	var recs []tazala.Record
	now := time.Now()
	for len(recs) < s.cfg.BatchSize {
		v, err := s.readLine()
		if err == io.EOF {
			s.eof = true
			if v == nil {
				break
			}
		} else if err != nil {
			return tazala.Batch{}, err
		}
		s.line++
		recs = append(recs, tazala.Record{Source: s.name, Offset: s.line, Value: v, Time: now})
		if s.eof {
			break
		}
	}
	if len(recs) == 0 {
		return tazala.Batch{}, tazala.ErrEndOfInput
	}
	last := recs[len(recs)-1].Offset
	return tazala.Batch{Records: recs, Ack: func(context.Context) error {
		s.acked.Store(last)
		return nil
	}}, nil
}

// readLine returns the next record without its newline (a copy), nil at
// a clean end of input.
func (s *Source) readLine() ([]byte, error) {
	var buf []byte
	for {
		chunk, err := s.r.ReadSlice('\n')
		if len(buf)+len(chunk) > s.cfg.MaxRecord+1 {
			return nil, fmt.Errorf("sources/file: %s line %d: %w (limit %d bytes)", s.name, s.line+1, ErrRecordTooLarge, s.cfg.MaxRecord)
		}
		buf = append(buf, chunk...)
		switch {
		case err == nil:
			return buf[:len(buf)-1], nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF:
			if len(buf) == 0 {
				return nil, io.EOF
			}
			return buf, io.EOF
		default:
			return nil, fmt.Errorf("sources/file: read %s: %w", s.name, err)
		}
	}
}

// Acked returns the last acknowledged line number.
func (s *Source) Acked() int64 { return s.acked.Load() }

// Close closes the file.
func (s *Source) Close() error { return s.close() }
