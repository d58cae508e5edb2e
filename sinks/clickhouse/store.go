package clickhouse

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"log/slog"
	"math"
	"net"
	"strings"
	"sync"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/tazala/tazala"
	"github.com/tazala/tazala/index"
	"github.com/tazala/tazala/sinks/chschema"
)

// Store is tazala's store on a ClickHouse server: a tazala.Sink writing
// redacted_records and pii_index, and tazala.DB for everything else. It is
// safe for concurrent use; writes are serialized.
type Store struct {
	*DB
	cfg Config
	log *slog.Logger

	mu   sync.Mutex
	recs []recordRow
	idx  []indexRow
	rows []index.Row
	// scans reads the scans a write may supersede (pii_index_v)
	scans chschema.ScanReader
}

var (
	_ tazala.Sink = (*Store)(nil)
	_ tazala.DB   = (*Store)(nil)
)

// Open connects to the server and migrates the schema (chschema.Migrate)
// unless cfg.NoMigrate.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.BatchRows <= 0 {
		cfg.BatchRows = 50_000
	}
	if cfg.Retries <= 0 {
		cfg.Retries = 4
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = 250 * time.Millisecond
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	db, err := OpenDB(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if !cfg.NoMigrate {
		if err := chschema.Migrate(ctx, db); err != nil {
			db.Close()
			return nil, fmt.Errorf("sinks/clickhouse: %s: %w", db.desc, err)
		}
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Store{DB: db, cfg: cfg, log: log}, nil
}

// recordRow is one row of redacted_records, in the table's column order.
type recordRow struct {
	source         string
	partition      int32
	offset         int64
	key            string
	eventTime      time.Time
	ingestTime     time.Time
	purpose        string
	legalBasis     string
	subject        string
	payload        string
	findings       uint16
	scannerVersion string
	retentionUntil time.Time
	scanID         uint64
}

func (r *recordRow) values() []any {
	return []any{r.source, r.partition, r.offset, r.key, r.eventTime, r.ingestTime, r.purpose, r.legalBasis,
		r.subject, r.payload, r.findings, r.scannerVersion, r.retentionUntil, r.scanID}
}

// indexRow is one row of pii_index, in the table's column order.
type indexRow struct {
	subject, token, kind, category, source string
	partition                              int32
	offset                                 int64
	ordinal                                uint16
	path                                   string
	start, end                             uint32
	detector                               string
	confidence                             float32
	eventTime                              time.Time
	purpose, legalBasis                    string
	retentionUntil, ingestTime             time.Time
	scanID                                 uint64
}

func (r *indexRow) values() []any {
	return []any{r.subject, r.token, r.kind, r.category, r.source, r.partition, r.offset, r.ordinal, r.path,
		r.start, r.end, r.detector, r.confidence, r.eventTime, r.purpose, r.legalBasis, r.retentionUntil, r.ingestTime, r.scanID}
}

var (
	recordsInsert = "INSERT INTO " + chschema.TableRecords + " (" + strings.Join(chschema.Records.ColumnNames(), ", ") + ")"
	indexInsert   = "INSERT INTO " + chschema.TableIndex + " (" + strings.Join(chschema.Index.ColumnNames(), ", ") + ")"
)

// Write inserts the outputs' records into redacted_records and one row
// per finding into pii_index, at most BatchRows records per INSERT, each
// INSERT with a deduplication token derived from its rows' contents
// (everything but the ingest time): a batch written again is dropped by
// the server, and a replay cut into other batches is replaced by its key
// (read through FINAL or the *_v views). A zero RetainUntil is written as
// tazala.ForeverUntilWithdrawn, a zero event time as the ingest time.
// Failures that a retry may cure wrap tazala.ErrUnavailable.
func (s *Store) Write(ctx context.Context, outs []tazala.Output) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(outs) > 0 {
		n := min(len(outs), s.cfg.BatchRows)
		if err := s.write(ctx, outs[:n]); err != nil {
			return err
		}
		outs = outs[n:]
	}
	return nil
}

func (s *Store) write(ctx context.Context, outs []tazala.Output) error {
	ingest := s.cfg.Now().UTC()
	// the scans stored for these records: a rescan that found other
	// values supersedes them (pii_index_v stops showing their rows)
	stored, err := s.scans.Read(ctx, s.DB, outs)
	if err != nil {
		return fmt.Errorf("sinks/clickhouse: %w", err)
	}
	s.recs, s.idx = s.recs[:0], s.idx[:0]
	hr, hi := newRowHash(), newRowHash()
	for i := range outs {
		o := &outs[i]
		r := &o.Record
		ev, until := chschema.RowTimes(o, ingest)
		rec := recordRow{source: r.Source, partition: r.Partition, offset: r.Offset, key: string(r.Key),
			eventTime: ev.UTC(), ingestTime: ingest, purpose: o.Purpose.Name, legalBasis: o.Purpose.LegalBasis,
			subject: o.Subject, payload: string(r.Value), findings: uint16(min(len(o.Findings), 0xffff)),
			scannerVersion: s.cfg.ScannerVersion, retentionUntil: until.UTC().Truncate(time.Second), scanID: chschema.ScanID(o)}
		s.recs = append(s.recs, rec)
		hr.str(rec.source).i64(int64(rec.partition)).i64(rec.offset).str(rec.key).i64(rec.eventTime.UnixMilli()).
			str(rec.purpose).str(rec.legalBasis).str(rec.subject).str(rec.payload).i64(int64(rec.findings)).
			str(rec.scannerVersion).i64(rec.retentionUntil.Unix()).i64(int64(rec.scanID))

		s.rows = index.AppendRows(s.rows[:0], o, ingest)
		for j := range s.rows {
			x := &s.rows[j]
			row := indexRow{subject: x.Subject, token: x.Token, kind: x.Kind.String(), category: index.Category(x.Kind),
				source: x.Source, partition: x.Partition, offset: x.Offset, ordinal: x.Ordinal, path: x.Path,
				start: clampU32(x.Start), end: clampU32(x.End), detector: x.Detector, confidence: x.Confidence,
				eventTime: ev.UTC(), purpose: x.Purpose.Name, legalBasis: x.Purpose.LegalBasis,
				retentionUntil: rec.retentionUntil, ingestTime: ingest, scanID: rec.scanID}
			s.idx = append(s.idx, row)
			hi.str(row.subject).str(row.token).str(row.kind).str(row.category).str(row.source).
				i64(int64(row.partition)).i64(row.offset).i64(int64(row.ordinal)).str(row.path).
				i64(int64(row.start)).i64(int64(row.end)).str(row.detector).i64(int64(math.Float32bits(row.confidence))).
				i64(row.eventTime.UnixMilli()).str(row.purpose).str(row.legalBasis).i64(row.retentionUntil.Unix()).i64(int64(row.scanID))
		}
	}
	// the index rows' token covers the records' too: they are dropped as
	// a repeat only when the whole batch is one
	hi.str(hr.token())
	if len(s.idx) > 0 {
		err := s.send(ctx, chschema.TableIndex, indexInsert, hi.token(), len(s.idx), func(i int) []any { return s.idx[i].values() })
		if err != nil {
			return err
		}
	}
	if err := s.send(ctx, chschema.TableRecords, recordsInsert, hr.token(), len(s.recs), func(i int) []any { return s.recs[i].values() }); err != nil {
		return err
	}
	if err := stored.Supersede(ctx, s.DB, outs); err != nil {
		return fmt.Errorf("sinks/clickhouse: %w", err)
	}
	return nil
}

func clampU32(v int64) uint32 { return uint32(max(0, min(v, math.MaxUint32))) }

// send inserts n rows (row(i) gives the values of row i) in one batch. A
// failed attempt is rebuilt from the rows and sent again, with the same
// deduplication token, after a doubling backoff.
func (s *Store) send(ctx context.Context, table, insert, token string, n int, row func(int) []any) error {
	settings := ch.Settings{"insert_deduplication_token": token, "insert_deduplicate": 1}
	if s.cfg.AsyncInsert {
		settings["async_insert"] = 1
		settings["wait_for_async_insert"] = 1
		settings["async_insert_deduplicate"] = 1
	} else {
		settings["async_insert"] = 0
	}
	bctx := ch.Context(ctx, ch.WithSettings(settings))
	wait := s.cfg.Backoff
	var err error
	for attempt := 0; ; attempt++ {
		if err = s.sendOnce(bctx, insert, n, row); err == nil {
			return nil
		}
		err = classify(err)
		if !isUnavailable(err) || attempt >= s.cfg.Retries || ctx.Err() != nil {
			break
		}
		s.log.Warn("sinks/clickhouse: insert failed, sending it again", "table", table, "store", s.desc,
			"attempt", attempt+1, "code", errCode(err), "wait", wait)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
		}
		wait *= 2
	}
	return fmt.Errorf("sinks/clickhouse: insert %s into %s: %w", table, s.desc, err)
}

func (s *Store) sendOnce(ctx context.Context, insert string, n int, row func(int) []any) error {
	b, err := s.conn.PrepareBatch(ctx, insert)
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if err := b.Append(row(i)...); err != nil {
			b.Abort()
			return err
		}
	}
	return b.Send()
}

func isUnavailable(err error) bool { return errors.Is(err, tazala.ErrUnavailable) }

// errCode names an error for the log without its text (a server's message
// may quote the data): the ClickHouse code, or the error's type.
func errCode(err error) string {
	var ex *ch.Exception
	if errors.As(err, &ex) {
		return fmt.Sprintf("%d (%s)", ex.Code, ex.Name)
	}
	var ne net.Error
	if errors.As(err, &ne) {
		if ne.Timeout() {
			return "network timeout"
		}
		return "network error"
	}
	return fmt.Sprintf("%T", errors.Unwrap(err))
}

// rowHash hashes rows field by field (length-prefixed) into a
// deduplication token.
type rowHash struct {
	h   hash.Hash
	buf [binary.MaxVarintLen64]byte
}

func newRowHash() *rowHash { return &rowHash{h: sha256.New()} }

func (r *rowHash) str(s string) *rowHash {
	r.h.Write(binary.AppendUvarint(r.buf[:0], uint64(len(s))))
	r.h.Write([]byte(s))
	return r
}

func (r *rowHash) i64(v int64) *rowHash {
	r.h.Write(binary.LittleEndian.AppendUint64(r.buf[:0], uint64(v)))
	return r
}

func (r *rowHash) token() string { return hex.EncodeToString(r.h.Sum(nil)[:16]) }

// Close closes the connection.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.DB.Close()
}
