// Package file owns the JSONL file sink: redacted records go to one file
// (one line each) and index rows (one per finding, no values; the JSON form
// of package index) to another.
// Every Write is fsynced before it returns, and writes are idempotent per
// (source, partition, offset): a record at or below the last offset
// written for its partition is skipped, and that high-water mark survives
// restarts in a small state file.
//
// Exact under a kill: the state file holds, with the high-water marks,
// the committed length of each file, and it is replaced (write, fsync,
// rename, fsync of the directory) only after the records and index rows
// of a Write are fsynced. Opening the sink cuts each file back to its
// committed length, so records a killed process appended without
// committing them are removed, and the replay that follows writes them
// exactly once.
package file

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
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
	// recAt and idxAt are the files' committed lengths
	recAt, idxAt int64
	buf          []byte
	ibuf         []byte
	rows         []index.Row
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
	if err := s.recover(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Sink) statePath() string { return s.cfg.Records + ".offsets" }

// state is the state file: the high-water marks and the committed length
// of each file. (Version 1 of the file was the marks alone.)
type state struct {
	Version   int              `json:"version"`
	Marks     map[string]int64 `json:"marks"`
	RecordsAt int64            `json:"records_size"`
	IndexAt   int64            `json:"index_size"`
}

// recover reads the state file and cuts the files back to their committed
// lengths. Without a state file (a new sink, or files of an older version
// without lengths), what the files hold now is taken as committed and a
// state file is written at once, so a kill during the first Write is
// recovered too.
func (s *Sink) recover() error {
	b, err := os.ReadFile(s.statePath())
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return s.commitCurrent()
	case err != nil:
		return fmt.Errorf("sinks/file: read state: %w", err)
	}
	var st state
	if json.Unmarshal(b, &st) != nil || st.Version < 2 {
		// version 1: the marks alone
		if err := json.Unmarshal(b, &s.marks); err != nil {
			return fmt.Errorf("sinks/file: state file %s is corrupt: %w", s.statePath(), err)
		}
		return s.commitCurrent()
	}
	if st.Marks != nil {
		s.marks = st.Marks
	}
	if err := cutBack(s.rec, st.RecordsAt, "records"); err != nil {
		return err
	}
	s.recAt = st.RecordsAt
	if s.idx != nil {
		if err := cutBack(s.idx, st.IndexAt, "index"); err != nil {
			return err
		}
		s.idxAt = st.IndexAt
	}
	return nil
}

// commitCurrent takes the files' present lengths as committed.
func (s *Sink) commitCurrent() error {
	var err error
	if s.recAt, err = size(s.rec); err != nil {
		return err
	}
	if s.idx != nil {
		if s.idxAt, err = size(s.idx); err != nil {
			return err
		}
	}
	return s.saveState(s.marks, s.recAt, s.idxAt)
}

func size(f *os.File) (int64, error) {
	st, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("sinks/file: %w", err)
	}
	return st.Size(), nil
}

// cutBack truncates f to its committed length n (what a killed process
// appended after its last commit). A file shorter than n was cut by
// someone else: an error, not something to paper over.
func cutBack(f *os.File, n int64, what string) error {
	cur, err := size(f)
	if err != nil {
		return err
	}
	switch {
	case cur == n:
		return nil
	case cur < n:
		return fmt.Errorf("sinks/file: %s file %s holds %d bytes, fewer than the %d committed: it was changed outside tazala", what, f.Name(), cur, n)
	}
	if err := f.Truncate(n); err != nil {
		return fmt.Errorf("sinks/file: cut %s back to its last commit: %w", what, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sinks/file: cut %s back to its last commit: %w", what, err)
	}
	return nil
}

// crashAt, set by tests only, is called at each step of a Write between
// the appends and the commit (the kill test stops the process there).
var crashAt func(step string)

func crash(step string) {
	if crashAt != nil {
		crashAt(step)
	}
}

func markKey(r tazala.Record) string {
	return r.Source + "\x00" + strconv.Itoa(int(r.Partition))
}

// Write appends the outputs not yet written to the records and index
// files, fsyncs them, then commits the new high-water marks and file
// lengths in the state file. Until that commit nothing counts as written:
// a failure cuts the files back at once, a kill at the next open.
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
	// a failed append leaves bytes past the committed length: cut back
	// before returning, so a retry in this process does not write them
	// twice (a kill is recovered by the next open)
	if err := s.append(s.rec, s.buf, "records"); err != nil {
		return err
	}
	crash("records")
	if s.idx != nil {
		if err := s.append(s.idx, s.ibuf, "index"); err != nil {
			s.rec.Truncate(s.recAt)
			return err
		}
	}
	crash("index")
	recAt, idxAt := s.recAt+int64(len(s.buf)), s.idxAt
	if s.idx != nil {
		idxAt += int64(len(s.ibuf))
	}
	marks := maps.Clone(s.marks)
	for k, v := range newMarks {
		marks[k] = v
	}
	if err := s.saveState(marks, recAt, idxAt); err != nil {
		// not committed: cut the files back, keep the marks
		s.rec.Truncate(s.recAt)
		if s.idx != nil {
			s.idx.Truncate(s.idxAt)
		}
		return fmt.Errorf("%w: %w", err, tazala.ErrUnavailable)
	}
	s.marks = marks
	crash("state")
	s.recAt, s.idxAt = recAt, idxAt
	return nil
}

// append writes b to f and fsyncs it; on failure f is cut back to its
// committed length.
func (s *Sink) append(f *os.File, b []byte, what string) error {
	at := s.recAt
	if f == s.idx {
		at = s.idxAt
	}
	if _, err := f.Write(b); err != nil {
		f.Truncate(at)
		return fmt.Errorf("sinks/file: write %s: %w: %w", what, tazala.ErrUnavailable, err)
	}
	if err := f.Sync(); err != nil {
		f.Truncate(at)
		return fmt.Errorf("sinks/file: sync %s: %w: %w", what, tazala.ErrUnavailable, err)
	}
	return nil
}

// saveState commits the high-water marks and the files' lengths
// atomically: a temp file written and fsynced, renamed over the state
// file, the directory fsynced.
func (s *Sink) saveState(marks map[string]int64, recAt, idxAt int64) error {
	b, _ := json.Marshal(state{Version: 2, Marks: marks, RecordsAt: recAt, IndexAt: idxAt})
	tmp := s.statePath() + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("sinks/file: write state: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("sinks/file: write state: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sinks/file: sync state: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("sinks/file: write state: %w", err)
	}
	if err := os.Rename(tmp, s.statePath()); err != nil {
		return fmt.Errorf("sinks/file: save state: %w", err)
	}
	if d, err := os.Open(filepath.Dir(s.statePath())); err == nil {
		d.Sync()
		d.Close()
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
