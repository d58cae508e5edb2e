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
	"strings"
	"sync"
	"sync/atomic"
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
	id   string // names this Store's insert files
	rec  *block
	idx  *block
	rows []index.Row
	// scans reads the scans a write may supersede (pii_index_v)
	scans chschema.ScanReader
	hr    hash.Hash
	hi    hash.Hash
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
	if got := strings.Join(chschema.Records.ColumnNames(), " "); got != recordCols {
		return nil, fmt.Errorf("sinks/chdb: encoder out of step with the schema of %s: %s", chschema.TableRecords, got)
	}
	if got := strings.Join(chschema.Index.ColumnNames(), " "); got != indexCols {
		return nil, fmt.Errorf("sinks/chdb: encoder out of step with the schema of %s: %s", chschema.TableIndex, got)
	}
	if err := chschema.Migrate(ctx, db); err != nil {
		return nil, fmt.Errorf("sinks/chdb: %w", err)
	}
	for _, q := range chschema.EmbeddedTuning {
		if err := db.Exec(ctx, q); err != nil {
			return nil, fmt.Errorf("sinks/chdb: tune the schema: %w", err)
		}
	}
	id := strconv.Itoa(os.Getpid()) + "-" + strconv.FormatInt(stores.Add(1), 10)
	return &Store{DB: db, cfg: cfg, tmpDir: tmp, id: id, hr: sha256.New(), hi: sha256.New(),
		rec: newBlock(chschema.Records), idx: newBlock(chschema.Index)}, nil
}

// Write inserts the outputs' records into redacted_records and one row
// per finding into pii_index, each as one insert in Native format with a
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
	// the scans stored for these records: a rescan that found other
	// values supersedes them (pii_index_v stops showing their rows)
	stored, err := s.scans.Read(ctx, s.DB, outs)
	if err != nil {
		return fmt.Errorf("sinks/chdb: %w: %w", tazala.ErrUnavailable, err)
	}
	s.encode(outs, ingest)
	if s.idx.rows > 0 {
		if err := s.insert(ctx, chschema.TableIndex, s.idx, s.hi); err != nil {
			return err
		}
	}
	if err := s.insert(ctx, chschema.TableRecords, s.rec, s.hr); err != nil {
		return err
	}
	if err := stored.Supersede(ctx, s.DB, outs); err != nil {
		return fmt.Errorf("sinks/chdb: %w: %w", tazala.ErrUnavailable, err)
	}
	return nil
}

// recordCols and indexCols are the column orders encode writes; New
// checks them against the schema.
var (
	recordCols = "source partition offset key event_time ingest_time purpose legal_basis subject payload findings scanner_version retention_until scan_id"
	indexCols  = "subject token kind category source partition offset ordinal path start end detector confidence event_time purpose legal_basis retention_until ingest_time scan_id"
)

// Column positions in the blocks (chschema.Records, chschema.Index).
const (
	recIngest = 5  // redacted_records.ingest_time
	idxIngest = 17 // pii_index.ingest_time
)

// encode fills s.rec and s.idx, and the content hashes s.hr and s.hi
// (every column but the ingest time).
func (s *Store) encode(outs []tazala.Output, ingest time.Time) {
	s.rec.reset()
	s.idx.reset()
	rc, ic := s.rec.cols, s.idx.cols
	for i := range outs {
		o := &outs[i]
		r := &o.Record
		ev, until := chschema.RowTimes(o, ingest)
		rc[0].buf = appendString(rc[0].buf, r.Source)
		rc[1].buf = appendInt32(rc[1].buf, r.Partition)
		rc[2].buf = appendInt64(rc[2].buf, r.Offset)
		rc[3].buf = appendBytes(rc[3].buf, r.Key)
		rc[4].buf = appendTime64ms(rc[4].buf, ev)
		rc[5].buf = appendTime64ms(rc[5].buf, ingest)
		rc[6].buf = appendString(rc[6].buf, o.Purpose.Name)
		rc[7].buf = appendString(rc[7].buf, o.Purpose.LegalBasis)
		rc[8].buf = appendString(rc[8].buf, o.Subject)
		rc[9].buf = appendBytes(rc[9].buf, r.Value)
		rc[10].buf = appendUint16(rc[10].buf, uint16(min(len(o.Findings), 0xffff)))
		rc[11].buf = appendString(rc[11].buf, s.cfg.ScannerVersion)
		rc[12].buf = appendDateTime(rc[12].buf, until)
		scan := chschema.ScanID(o)
		rc[13].buf = appendUint64(rc[13].buf, scan)
		s.rec.rows++

		if len(o.Findings) == 0 {
			continue
		}
		s.rows = index.AppendRows(s.rows[:0], o, ingest)
		for j := range s.rows {
			row := &s.rows[j]
			ic[0].buf = appendString(ic[0].buf, row.Subject)
			ic[1].buf = appendString(ic[1].buf, row.Token)
			ic[2].buf = appendString(ic[2].buf, row.Kind.String())
			ic[3].buf = appendString(ic[3].buf, index.Category(row.Kind))
			ic[4].buf = appendString(ic[4].buf, row.Source)
			ic[5].buf = appendInt32(ic[5].buf, row.Partition)
			ic[6].buf = appendInt64(ic[6].buf, row.Offset)
			ic[7].buf = appendUint16(ic[7].buf, row.Ordinal)
			ic[8].buf = appendString(ic[8].buf, row.Path)
			ic[9].buf = appendUint32(ic[9].buf, uint32(max(0, min(row.Start, 1<<32-1))))
			ic[10].buf = appendUint32(ic[10].buf, uint32(max(0, min(row.End, 1<<32-1))))
			ic[11].buf = appendString(ic[11].buf, row.Detector)
			ic[12].buf = appendFloat32(ic[12].buf, row.Confidence)
			ic[13].buf = appendTime64ms(ic[13].buf, ev)
			ic[14].buf = appendString(ic[14].buf, row.Purpose.Name)
			ic[15].buf = appendString(ic[15].buf, row.Purpose.LegalBasis)
			ic[16].buf = appendDateTime(ic[16].buf, until)
			ic[17].buf = appendTime64ms(ic[17].buf, ingest)
			ic[18].buf = appendUint64(ic[18].buf, scan)
			s.idx.rows++
		}
	}
	s.hr.Reset()
	s.rec.hash(s.hr, recIngest)
	s.hi.Reset()
	s.idx.hash(s.hi, idxIngest)
	// the index block's token covers the records' too: the index rows
	// are dropped as a repeat only when the whole batch is one
	s.hi.Write(s.hr.Sum(nil))
}

// stores numbers the Stores of the process, for their insert files.
var stores atomic.Int64

// insertFile is the file the Store writes table's blocks to.
func (s *Store) insertFile(table string) string {
	return filepath.Join(s.tmpDir, table+"-"+s.id+".native")
}

// insert writes b to the Store's file for table in the insert directory
// and has the engine read it into table in one INSERT … SELECT … FROM
// file(…, Native). The file is truncated and written again by the next
// insert (rewriting a file costs the file system less than creating and
// removing one per insert) and removed by Close.
func (s *Store) insert(ctx context.Context, table string, b *block, h hash.Hash) error {
	f := s.insertFile(table)
	if err := writeFile(f, b); err != nil {
		return fmt.Errorf("sinks/chdb: insert %s: %w: %w", table, tazala.ErrUnavailable, err)
	}
	// the token is hex, safe as a literal (the engine binds no parameter
	// in SETTINGS)
	token := hex.EncodeToString(h.Sum(nil)[:16])
	// max_threads = 1: the insert reads one block and writes one part;
	// more threads only cost their start-up (~10 % more CPU per record
	// measured with make bench-store)
	q := "INSERT INTO " + table + " SELECT * FROM file({f:String}, Native) SETTINGS insert_deduplication_token = '" + token + "', insert_deduplicate = 1, optimize_on_insert = 0, max_threads = 1"
	if err := s.DB.Exec(ctx, q, tazala.Param{Name: "f", Value: f}); err != nil {
		return fmt.Errorf("sinks/chdb: insert %s: %w: %w", table, tazala.ErrUnavailable, err)
	}
	return nil
}

func writeFile(name string, b *block) error {
	f, err := os.OpenFile(name, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if err := b.writeTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Close closes the engine connection (if the Store opened it).
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range []string{chschema.TableRecords, chschema.TableIndex} {
		os.Remove(s.insertFile(t))
	}
	return s.DB.Close()
}
