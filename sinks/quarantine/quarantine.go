// Package quarantine owns the quarantine file: records the processing step
// failed on, masked (pipeline.MaskRecord), one JSON object per line with
// the record's coordinates and the reason. Writes are fsynced and
// idempotent per (source, partition, offset) within and across runs.
package quarantine

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/pipeline"
)

// File is a JSONL quarantine.
type File struct {
	mu   sync.Mutex
	f    *os.File
	seen map[key]bool
}

type key struct {
	src  string
	part int32
	off  int64
}

type line struct {
	Source    string    `json:"source"`
	Partition int32     `json:"partition"`
	Offset    int64     `json:"offset"`
	Time      time.Time `json:"event_time"`
	Reason    string    `json:"reason"`
	Masked    string    `json:"masked"`
	At        time.Time `json:"quarantined_at"`
}

var _ pipeline.Quarantine = (*File)(nil)

// Open opens (creating, mode 0600) the quarantine file at path.
func Open(path string) (*File, error) {
	q := &File{seen: map[key]bool{}}
	if f, err := os.Open(path); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			var l line
			if json.Unmarshal(sc.Bytes(), &l) == nil {
				q.seen[key{l.Source, l.Partition, l.Offset}] = true
			}
		}
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("sinks/quarantine: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("sinks/quarantine: %w", err)
	}
	q.f = f
	return q, nil
}

// Quarantine appends the records not yet in the file and fsyncs.
func (q *File) Quarantine(ctx context.Context, recs []pipeline.Quarantined) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	var buf []byte
	var keys []key
	now := time.Now().UTC()
	for _, r := range recs {
		k := key{r.Source, r.Partition, r.Offset}
		if q.seen[k] {
			continue
		}
		b, _ := json.Marshal(line{Source: r.Source, Partition: r.Partition, Offset: r.Offset, Time: r.Time.UTC(), Reason: r.Reason, Masked: string(r.Masked), At: now})
		buf = append(append(buf, b...), '\n')
		keys = append(keys, k)
	}
	if len(buf) == 0 {
		return nil
	}
	if _, err := q.f.Write(buf); err != nil {
		return fmt.Errorf("sinks/quarantine: write: %w: %w", tazala.ErrUnavailable, err)
	}
	if err := q.f.Sync(); err != nil {
		return fmt.Errorf("sinks/quarantine: sync: %w: %w", tazala.ErrUnavailable, err)
	}
	for _, k := range keys {
		q.seen[k] = true
	}
	return nil
}

// Close closes the file.
func (q *File) Close() error { return q.f.Close() }
