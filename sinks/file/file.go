// Package file owns the JSONL file sink: redacted records go to one file
// (one line each) and index rows (one per finding, no values; the JSON form
// of package index) to another.
// Every Write is fsynced before it returns, and writes are idempotent per
// (source, partition, offset): a record at or below the last offset
// written for its partition is skipped, and that high-water mark survives
// restarts in a small state file.
package file

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/index"
)

// Config configures a Sink.
type Config struct {
	// Records is the redacted-records file (appended to).
	Records string
	// Index is the findings index file (appended to); empty for none.
	Index string
}

// Sink writes JSONL files.
type Sink struct {
	mu    sync.Mutex
	cfg   Config
	rec   *os.File
	idx   *os.File
	marks map[string]int64 // "source\x00partition" → highest offset written
	buf   []byte
	ibuf  []byte
	rows  []index.Row
}

var _ tazala.Sink = (*Sink)(nil)

// New opens (creating, mode 0600) the files of cfg.
func New(cfg Config) (*Sink, error) {
	if cfg.Records == "" {
		return nil, errors.New("sinks/file: Records path required")
	}
	s := &Sink{cfg: cfg, marks: map[string]int64{}}
	var err error
	if s.rec, err = os.OpenFile(cfg.Records, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err != nil {
		return nil, fmt.Errorf("sinks/file: open records: %w", err)
	}
	if cfg.Index != "" {
		if s.idx, err = os.OpenFile(cfg.Index, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err != nil {
			s.rec.Close()
			return nil, fmt.Errorf("sinks/file: open index: %w", err)
		}
	}
	b, err := os.ReadFile(s.statePath())
	switch {
	case err == nil:
		if err := json.Unmarshal(b, &s.marks); err != nil {
			s.Close()
			return nil, fmt.Errorf("sinks/file: state file %s is corrupt: %w", s.statePath(), err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		s.Close()
		return nil, fmt.Errorf("sinks/file: read state: %w", err)
	}
	return s, nil
}

func (s *Sink) statePath() string { return s.cfg.Records + ".offsets" }

func markKey(r tazala.Record) string {
	return r.Source + "\x00" + strconv.Itoa(int(r.Partition))
}

// Write appends the outputs not yet written, fsyncs, then records the new
// high-water marks.
func (s *Sink) Write(ctx context.Context, outs []tazala.Output) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf, s.ibuf = s.buf[:0], s.ibuf[:0]
	newMarks := map[string]int64{}
	now := time.Now()
	for i := range outs {
		o := &outs[i]
		k := markKey(o.Record)
		hw, ok := newMarks[k]
		if !ok {
			hw, ok = s.marks[k]
			if !ok {
				hw = -1 << 62
			}
		}
		if o.Record.Offset <= hw {
			continue // already written: a replay after a restart
		}
		newMarks[k] = o.Record.Offset
		s.buf = append(s.buf, o.Record.Value...)
		s.buf = append(s.buf, '\n')
		if s.idx != nil {
			s.rows = index.AppendRows(s.rows[:0], &outs[i], now)
			for j := range s.rows {
				s.ibuf = index.AppendJSON(s.ibuf, &s.rows[j])
			}
		}
	}
	if len(newMarks) == 0 {
		return nil
	}
	if _, err := s.rec.Write(s.buf); err != nil {
		return fmt.Errorf("sinks/file: write records: %w: %w", tazala.ErrUnavailable, err)
	}
	if err := s.rec.Sync(); err != nil {
		return fmt.Errorf("sinks/file: sync records: %w: %w", tazala.ErrUnavailable, err)
	}
	if s.idx != nil {
		if _, err := s.idx.Write(s.ibuf); err != nil {
			return fmt.Errorf("sinks/file: write index: %w: %w", tazala.ErrUnavailable, err)
		}
		if err := s.idx.Sync(); err != nil {
			return fmt.Errorf("sinks/file: sync index: %w: %w", tazala.ErrUnavailable, err)
		}
	}
	for k, v := range newMarks {
		s.marks[k] = v
	}
	return s.saveState()
}

// saveState writes the high-water marks atomically (temp file + rename).
func (s *Sink) saveState() error {
	b, _ := json.Marshal(s.marks)
	tmp := s.statePath() + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("sinks/file: write state: %w", err)
	}
	if err := os.Rename(tmp, s.statePath()); err != nil {
		return fmt.Errorf("sinks/file: save state: %w", err)
	}
	return nil
}

// Close closes the files.
func (s *Sink) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	if s.rec != nil {
		errs = append(errs, s.rec.Close())
	}
	if s.idx != nil {
		errs = append(errs, s.idx.Close())
	}
	return errors.Join(errs...)
}
