package chdb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/index"
	"github.com/tazala/tazala/sinks/chschema"
)

// Config configures a Store.
type Config struct {
	// Dir is the engine's data path (created if missing). The engine
	// serves one data path per process.
	Dir string
	// ScannerVersion is written in redacted_records.scanner_version.
	ScannerVersion string
	// Now returns the ingest time; nil means time.Now.
	Now func() time.Time
}

// Store is the embedded ClickHouse store: a tazala.Sink writing
// redacted_records and pii_index in one Write, and tazala.DB for every
// other reader and writer (policy, query, the token vault). It is safe
// for concurrent use; writes are serialized.
type Store struct {
	*DB
	cfg    Config
	tmpDir string

	mu   sync.Mutex
	seq  int
	rec  []byte
	idx  []byte
	rows []index.Row
	hr   hash.Hash
	hi   hash.Hash
}

var (
	_ tazala.Sink = (*Store)(nil)
	_ tazala.DB   = (*Store)(nil)
)

// Open opens the embedded engine on cfg.Dir and migrates the schema.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Dir == "" {
		return nil, errors.New("sinks/chdb: Dir required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	db, err := OpenDB(cfg.Dir)
	if err != nil {
		return nil, err
	}
	s, err := New(ctx, db, cfg)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// New returns a Store over an open DB (its Dir is where insert files go)
// and migrates the schema.
func New(ctx context.Context, db *DB, cfg Config) (*Store, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	dir := cfg.Dir
	if dir == "" {
		dir = db.Engine().Path()
	}
	if dir == ":memory:" {
		dir = os.TempDir()
	}
	tmp := filepath.Join(dir, "tazala-insert")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return nil, fmt.Errorf("sinks/chdb: %w", err)
	}
	if err := chschema.Migrate(ctx, db); err != nil {
		return nil, fmt.Errorf("sinks/chdb: %w", err)
	}
	return &Store{DB: db, cfg: cfg, tmpDir: tmp, hr: sha256.New(), hi: sha256.New()}, nil
}

var (
	recordsStructure = chschema.Records.Structure()
	indexStructure   = chschema.Index.Structure()
)

// Write inserts the outputs' records into redacted_records and one row
// per finding into pii_index, each as one RowBinary insert with a
// deduplication token derived from the rows' contents (everything but
// the ingest time): a batch written again is dropped by the engine, and
// a replay cut into other batches is replaced by its key (read through
// FINAL or the *_v views). A zero Purpose.RetainUntil is written as
// tazala.ForeverUntilWithdrawn (no deadline known: never deleted
// silently); a zero event time as the ingest time. Failures wrap
// tazala.ErrUnavailable.
func (s *Store) Write(ctx context.Context, outs []tazala.Output) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(outs) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ingest := s.cfg.Now().UTC()
	s.encode(outs, ingest)
	if len(s.idx) > 0 {
		if err := s.insert(ctx, chschema.TableIndex, indexStructure, s.idx, s.hi); err != nil {
			return err
		}
	}
	return s.insert(ctx, chschema.TableRecords, recordsStructure, s.rec, s.hr)
}

// encode fills s.rec and s.idx with RowBinary rows and the content
// hashes s.hr and s.hi (rows without their ingest time).
func (s *Store) encode(outs []tazala.Output, ingest time.Time) {
	s.rec, s.idx = s.rec[:0], s.idx[:0]
	s.hr.Reset()
	s.hi.Reset()
	for i := range outs {
		o := &outs[i]
		r := &o.Record
		ev := r.Time
		if ev.IsZero() {
			ev = ingest
		}
		until := o.Purpose.RetainUntil
		if until.IsZero() {
			until = tazala.ForeverUntilWithdrawn
		}
		a := len(s.rec)
		b := s.rec
		b = appendString(b, r.Source)
		b = appendInt32(b, r.Partition)
		b = appendInt64(b, r.Offset)
		b = appendBytes(b, r.Key)
		b = appendTime64ms(b, ev)
		m := len(b)
		b = appendTime64ms(b, ingest)
		n := len(b)
		b = appendString(b, o.Purpose.Name)
		b = appendString(b, o.Purpose.LegalBasis)
		b = appendString(b, o.Subject)
		b = appendBytes(b, r.Value)
		b = appendUint16(b, uint16(min(len(o.Findings), 0xffff)))
		b = appendString(b, s.cfg.ScannerVersion)
		b = appendDateTime(b, until)
		s.rec = b
		s.hr.Write(b[a:m])
		s.hr.Write(b[n:])

		if len(o.Findings) == 0 {
			continue
		}
		s.rows = index.AppendRows(s.rows[:0], o, ingest)
		for j := range s.rows {
			row := &s.rows[j]
			a := len(s.idx)
			b := s.idx
			b = appendString(b, row.Subject)
			b = appendString(b, row.Token)
			b = appendString(b, row.Kind.String())
			b = appendString(b, index.Category(row.Kind))
			b = appendString(b, row.Source)
			b = appendInt32(b, row.Partition)
			b = appendInt64(b, row.Offset)
			b = appendUint16(b, row.Ordinal)
			b = appendString(b, row.Path)
			b = appendUint32(b, uint32(max(0, min(row.Start, 1<<32-1))))
			b = appendUint32(b, uint32(max(0, min(row.End, 1<<32-1))))
			b = appendString(b, row.Detector)
			b = appendFloat32(b, row.Confidence)
			b = appendTime64ms(b, ev)
			b = appendString(b, row.Purpose.Name)
			b = appendString(b, row.Purpose.LegalBasis)
			b = appendDateTime(b, until)
			m := len(b)
			b = appendTime64ms(b, ingest)
			s.idx = b
			s.hi.Write(b[a:m])
		}
	}
}

// insert writes data to a file in the store's insert directory and has
// the engine read it into table in one INSERT … SELECT … FROM file(…,
// RowBinary, …). The file is removed afterwards.
func (s *Store) insert(ctx context.Context, table, structure string, data []byte, h hash.Hash) error {
	s.seq++
	f := filepath.Join(s.tmpDir, table+"-"+strconv.Itoa(os.Getpid())+"-"+strconv.Itoa(s.seq)+".bin")
	if err := os.WriteFile(f, data, 0o600); err != nil {
		return fmt.Errorf("sinks/chdb: insert %s: %w: %w", table, tazala.ErrUnavailable, err)
	}
	defer os.Remove(f)
	// the token is hex, safe as a literal (the engine binds no parameter
	// in SETTINGS)
	token := hex.EncodeToString(h.Sum(nil)[:16])
	q := "INSERT INTO " + table + " SELECT * FROM file({f:String}, RowBinary, {s:String}) SETTINGS insert_deduplication_token = '" + token + "', insert_deduplicate = 1"
	if err := s.DB.Exec(ctx, q, tazala.Param{Name: "f", Value: f}, tazala.Param{Name: "s", Value: structure}); err != nil {
		return fmt.Errorf("sinks/chdb: insert %s: %w: %w", table, tazala.ErrUnavailable, err)
	}
	return nil
}

// Close closes the engine connection (if the Store opened it).
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.DB.Close()
}
