package quarantine

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/sinks/chschema"
)

// Table is the quarantine as the store's quarantine table
// (chschema.Quarantine), over any tazala.DB: the embedded store, a
// server, or the owner's HTTP interface (as the writer). Each call is one
// INSERT with a deduplication token derived from its rows' contents, on a
// ReplacingMergeTree keyed by (source, partition, offset): a repeated
// call is dropped by the engine and a replay is one row through FINAL,
// like the records the sinks write.
type Table struct {
	db tazala.DB
}

var _ pipeline.Quarantine = (*Table)(nil)

// NewTable returns the quarantine table of db (whose schema is migrated:
// chschema.Migrate).
func NewTable(db tazala.DB) *Table { return &Table{db: db} }

const tableInsert = "INSERT INTO " + chschema.TableQuarantine + ` (source, partition, offset, event_time, quarantined_at, reason, masked)
SELECT r.1, r.2, r.3, fromUnixTimestamp64Milli(r.4, 'UTC'), now64(3, 'UTC'), r.5, r.6
FROM (SELECT arrayJoin(arrayZip({s:Array(String)}, {p:Array(Int32)}, {o:Array(Int64)}, {e:Array(Int64)}, {r:Array(String)}, {m:Array(String)})) AS r)`

// Quarantine inserts recs (once per (source, partition, offset) of the
// call). Failures wrap tazala.ErrUnavailable: the runner holds the batch
// and retries, as with a sink.
func (q *Table) Quarantine(ctx context.Context, recs []pipeline.Quarantined) error {
	if len(recs) == 0 {
		return nil
	}
	type k struct {
		s string
		p int32
		o int64
	}
	seen := make(map[k]bool, len(recs))
	var src, reason, masked []string
	var part []int32
	var off, ev []int64
	h := sha256.New()
	var n [8]byte
	str := func(s string) {
		h.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(len(s))))
		h.Write([]byte(s))
	}
	for _, r := range recs {
		if seen[k{r.Source, r.Partition, r.Offset}] {
			continue
		}
		seen[k{r.Source, r.Partition, r.Offset}] = true
		t := r.Time
		if t.IsZero() {
			t = time.Unix(0, 0) // no event time: the epoch
		}
		src, part, off, ev = append(src, r.Source), append(part, r.Partition), append(off, r.Offset), append(ev, t.UnixMilli())
		reason, masked = append(reason, r.Reason), append(masked, string(r.Masked))
		str(r.Source)
		str(r.Reason)
		str(string(r.Masked))
		h.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(r.Partition)))
		h.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(r.Offset)))
		h.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(t.UnixMilli())))
	}
	// the token is hex, safe as a literal (the engine binds no parameter
	// in SETTINGS)
	token := hex.EncodeToString(h.Sum(nil)[:16])
	err := q.db.Exec(ctx, tableInsert+"\nSETTINGS insert_deduplication_token = '"+token+"', insert_deduplicate = 1",
		tazala.Param{Name: "s", Value: src}, tazala.Param{Name: "p", Value: part}, tazala.Param{Name: "o", Value: off},
		tazala.Param{Name: "e", Value: ev}, tazala.Param{Name: "r", Value: reason}, tazala.Param{Name: "m", Value: masked})
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("sinks/quarantine: insert %s: %w", chschema.TableQuarantine, err)
		}
		return fmt.Errorf("sinks/quarantine: insert %s: %w: %w", chschema.TableQuarantine, tazala.ErrUnavailable, err)
	}
	return nil
}
