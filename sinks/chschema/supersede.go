package chschema

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tazala/tazala"
)

// StoredScans are the scans already stored for the records of a batch
// about to be written: every version's scan (scan_id, or the coordinates'
// hash for rows of schema version 1) per record. The ClickHouse sinks
// read them before a write (ReadStoredScans) and, after it, record the
// ones the write replaced (Supersede), so pii_index_v stops showing the
// index rows of an earlier scan of a record whose content changed.
type StoredScans struct {
	byRecord map[recordKey][]uint64
}

type recordKey struct {
	source    string
	partition int32
	offset    int64
}

// maxRangesPerQuery bounds the OR of one statement.
const maxRangesPerQuery = 64

// ScanReader reads the scans stored for the records of a batch before
// a sink writes it (Read). It remembers, per source and partition, the
// highest offset stored (read with one cheap query, newest first by the
// sorting key, at most every MaxAge), and reads the stored scans only of
// the records at or below it: the records of a stream the daemon reads
// for the first time are new, and a read for them (every part's granule
// at a partition boundary matches the key ranges) cost ~20 % of the
// embedded store's insert CPU. A replay (offsets at or below the mark) is
// read. Safe for concurrent use.
type ScanReader struct {
	// MaxAge bounds how long a high-water mark is trusted: another
	// process (a rescan of a topic, another daemon that held the
	// partition) may write above it meanwhile. Zero means 30 s.
	MaxAge time.Duration

	mu  sync.Mutex
	hwm map[sourcePartition]mark
}

type sourcePartition struct {
	source    string
	partition int32
}

type mark struct {
	offset int64 // highest offset stored; -1 << 63 when none
	at     time.Time
}

// Read returns the scans stored for the records of outs (ReadStoredScans,
// skipping the records above the high-water marks), and raises the marks
// to the batch's offsets (a failed write then costs a read on its retry,
// never a missed one).
func (r *ScanReader) Read(ctx context.Context, db tazala.DB, outs []tazala.Output) (StoredScans, error) {
	maxAge := r.MaxAge
	if maxAge <= 0 {
		maxAge = 30 * time.Second
	}
	now := time.Now()
	lo := map[sourcePartition]int64{}
	hi := map[sourcePartition]int64{}
	var order []sourcePartition
	for i := range outs {
		rec := &outs[i].Record
		k := sourcePartition{rec.Source, rec.Partition}
		if _, ok := lo[k]; !ok {
			lo[k], hi[k] = rec.Offset, rec.Offset
			order = append(order, k)
			continue
		}
		lo[k], hi[k] = min(lo[k], rec.Offset), max(hi[k], rec.Offset)
	}
	r.mu.Lock()
	if r.hwm == nil {
		r.hwm = map[sourcePartition]mark{}
	}
	var stale []sourcePartition
	for _, k := range order {
		if m, ok := r.hwm[k]; !ok || now.Sub(m.at) > maxAge {
			stale = append(stale, k)
		}
	}
	r.mu.Unlock()
	fresh, err := highestOffsets(ctx, db, stale)
	if err != nil {
		return StoredScans{}, fmt.Errorf("chschema: read the stored offsets: %w", err)
	}
	r.mu.Lock()
	for _, k := range stale {
		m, ok := fresh[k]
		if !ok {
			m = math.MinInt64
		}
		r.hwm[k] = mark{offset: m, at: now}
	}
	var keys []recordKey
	need := map[sourcePartition]bool{}
	for _, k := range order {
		if lo[k] <= r.hwm[k].offset {
			need[k] = true
		}
		m := r.hwm[k]
		m.offset = max(m.offset, hi[k])
		r.hwm[k] = m
	}
	r.mu.Unlock()
	if len(need) == 0 {
		return StoredScans{}, nil
	}
	for i := range outs {
		rec := &outs[i].Record
		if need[sourcePartition{rec.Source, rec.Partition}] {
			keys = append(keys, recordKey{rec.Source, rec.Partition, rec.Offset})
		}
	}
	return readStoredScans(ctx, db, keys)
}

// highestOffsets returns the highest offset stored per source and
// partition (those with none are absent): the newest row by the sorting
// key, so the engine reads the last granule of each part.
func highestOffsets(ctx context.Context, db tazala.DB, sps []sourcePartition) (map[sourcePartition]int64, error) {
	out := map[sourcePartition]int64{}
	for len(sps) > 0 {
		n := min(len(sps), maxRangesPerQuery)
		var parts []string
		for _, k := range sps[:n] {
			parts = append(parts, "(SELECT source, partition, offset FROM "+TableRecords+" WHERE source = "+Quote(k.source)+
				" AND partition = "+strconv.Itoa(int(k.partition))+" ORDER BY source DESC, partition DESC, offset DESC LIMIT 1)")
		}
		sps = sps[n:]
		var rows []struct {
			Source    string `json:"source"`
			Partition int32  `json:"partition"`
			Offset    int64  `json:"offset"`
		}
		if err := db.Select(ctx, &rows, "SELECT source, partition, offset FROM ("+strings.Join(parts, " UNION ALL ")+") SETTINGS max_threads = 1"); err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[sourcePartition{r.Source, r.Partition}] = r.Offset
		}
	}
	return out, nil
}

// ReadStoredScans reads the scans stored for the records of outs, by
// primary-key ranges of redacted_records (per source and partition, from
// the batch's first to its last offset). Every version is read (no
// FINAL): a scan of any older version that differs from the new one is
// superseded too. ScanReader.Read reads only what may be stored.
func ReadStoredScans(ctx context.Context, db tazala.DB, outs []tazala.Output) (StoredScans, error) {
	keys := make([]recordKey, len(outs))
	for i := range outs {
		r := &outs[i].Record
		keys[i] = recordKey{r.Source, r.Partition, r.Offset}
	}
	return readStoredScans(ctx, db, keys)
}

func readStoredScans(ctx context.Context, db tazala.DB, keys []recordKey) (StoredScans, error) {
	st := StoredScans{}
	err := scansIn(ctx, db, keys, false, func(k recordKey, scan uint64) {
		if st.byRecord == nil {
			st.byRecord = map[recordKey][]uint64{}
		}
		st.byRecord[k] = append(st.byRecord[k], scan)
	})
	if err != nil {
		return StoredScans{}, fmt.Errorf("chschema: read the stored scans: %w", err)
	}
	return st, nil
}

// scansIn calls f with the scan of every stored version (final: of the
// latest version, through FINAL) of the records in the primary-key
// ranges that cover keys.
func scansIn(ctx context.Context, db tazala.DB, keys []recordKey, final bool, f func(recordKey, uint64)) error {
	type sp struct {
		source    string
		partition int32
	}
	type rng struct{ lo, hi int64 }
	ranges := map[sp]*rng{}
	var order []sp
	for _, k := range keys {
		g := ranges[sp{k.source, k.partition}]
		if g == nil {
			ranges[sp{k.source, k.partition}] = &rng{k.offset, k.offset}
			order = append(order, sp{k.source, k.partition})
			continue
		}
		g.lo, g.hi = min(g.lo, k.offset), max(g.hi, k.offset)
	}
	from := TableRecords
	if final {
		from += " FINAL"
	}
	for len(order) > 0 {
		n := min(len(order), maxRangesPerQuery)
		var conds []string
		for _, k := range order[:n] {
			g := ranges[k]
			// literals, not parameters: this runs before every write, and
			// binding the parameters cost as much as the read itself
			// (~3 of ~7 ms); Quote escapes the source
			conds = append(conds, "(source = "+Quote(k.source)+" AND partition = "+strconv.Itoa(int(k.partition))+
				" AND offset BETWEEN "+strconv.FormatInt(g.lo, 10)+" AND "+strconv.FormatInt(g.hi, 10)+")")
		}
		order = order[n:]
		var rows []struct {
			Source    string `json:"source"`
			Partition int32  `json:"partition"`
			Offset    int64  `json:"offset"`
			Scan      uint64 `json:"scan"`
		}
		if err := db.Select(ctx, &rows, "SELECT source, partition, offset, "+scanKey+" AS scan FROM "+from+" WHERE "+strings.Join(conds, " OR ")+
			// one thread: the ranges are narrow (most often no row at
			// all), and the query threads' start-up is what a read costs
			" SETTINGS max_threads = 1"); err != nil {
			return err
		}
		for _, r := range rows {
			f(recordKey{r.Source, r.Partition, r.Offset}, r.Scan)
		}
	}
	return nil
}

// Supersede records in superseded_scans, after outs were written, the
// scans of their records that are no longer the latest. Nothing is read
// or written when every record had no scan stored or the same one as now
// (new records, replays): the common case costs nothing. Otherwise the
// records' latest versions are read back (FINAL), and every scan of those
// records other than the latest — stored before, or just written but
// dropped by the engine as a repeated batch — is marked superseded, the
// latest marked current (it may have been superseded before: a record
// changed and changed back). Run it after the records' insert: a failure
// in between leaves the earlier scan visible beside the new one until the
// batch is written again (a replay reads both and supersedes the
// earlier). The rows' version is the wall-clock time of the call.
func (s StoredScans) Supersede(ctx context.Context, db tazala.DB, outs []tazala.Output) error {
	if len(s.byRecord) == 0 {
		return nil
	}
	candidates := map[recordKey][]uint64{}
	var changed []recordKey
	for i := range outs {
		o := &outs[i]
		k := recordKey{o.Record.Source, o.Record.Partition, o.Record.Offset}
		stored := s.byRecord[k]
		cur := ScanID(o)
		for _, old := range stored {
			if old != cur {
				if candidates[k] == nil {
					changed = append(changed, k)
				}
				candidates[k] = append(slices.Clone(stored), cur)
				break
			}
		}
	}
	if len(changed) == 0 {
		return nil
	}
	latest := make(map[recordKey]uint64, len(changed))
	if err := scansIn(ctx, db, changed, true, func(k recordKey, scan uint64) { latest[k] = scan }); err != nil {
		return fmt.Errorf("chschema: read the latest scans: %w", err)
	}
	var scans []uint64
	var sources []string
	var parts []int32
	var offsets []int64
	var flags []uint16 // not []uint8: a []byte parameter is a string
	add := func(k recordKey, scan uint64, superseded uint16) {
		scans = append(scans, scan)
		sources = append(sources, k.source)
		parts = append(parts, k.partition)
		offsets = append(offsets, k.offset)
		flags = append(flags, superseded)
	}
	for _, k := range changed {
		l, ok := latest[k]
		if !ok {
			continue // deleted meanwhile
		}
		seen := map[uint64]bool{l: true}
		add(k, l, 0)
		for _, sc := range candidates[k] {
			if !seen[sc] {
				seen[sc] = true
				add(k, sc, 1)
			}
		}
	}
	if len(scans) == 0 {
		return nil
	}
	err := db.Exec(ctx, "INSERT INTO "+TableSuperseded+" (scan, source, partition, offset, superseded, time)\n"+
		"SELECT t.1, t.2, t.3, t.4, toUInt8(t.5), {now:DateTime64(3, 'UTC')} FROM (SELECT arrayJoin(arrayZip({scans:Array(UInt64)}, {sources:Array(String)}, {parts:Array(Int32)}, {offsets:Array(Int64)}, {flags:Array(UInt16)})) AS t)",
		// the wall clock, not a sink's: the version must grow from one
		// write to the next
		tazala.Param{Name: "now", Value: time.Now().UTC()},
		tazala.Param{Name: "scans", Value: scans}, tazala.Param{Name: "sources", Value: sources},
		tazala.Param{Name: "parts", Value: parts}, tazala.Param{Name: "offsets", Value: offsets},
		tazala.Param{Name: "flags", Value: flags})
	if err != nil {
		return fmt.Errorf("chschema: record the superseded scans: %w", err)
	}
	return nil
}
