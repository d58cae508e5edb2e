package policy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/tazala/tazala"
)

// SQL helpers. Every query binds its values as {name:Type} parameters:
// strings, Int64 (times travel as Unix milliseconds) and Array(String)/
// Array(Int64) lists, which the store adapters bind; nothing is
// interpolated into SQL text.

// The index the commands read. pii_index_v shows each record's latest
// scan only (an index row of an earlier scan of a record whose content
// changed is hidden: docs/store.md); reports, blocks, rectification and
// the subject's resolution read it, so they count what the records hold
// now. Erasure reads pii_index as well: it deletes the subject's rows of
// every scan.
const (
	indexLatest = "pii_index_v"
	indexAll    = "pii_index"
)

// staleCond is the SQL condition "the pii_index row is of a scan that is
// no longer its record's latest" (superseded_scans: docs/store.md).
const staleCond = `if(scan_id != 0, scan_id, cityHash64(source, partition, offset)) IN (SELECT scan FROM superseded_scans FINAL WHERE superseded = 1)`

// latestIndex returns the index that holds each record's latest scan:
// pii_index_v, or pii_index itself while no scan of the store was ever
// superseded (the same rows, without the view's filter; the count is
// read from the table's metadata).
func (e *Engine) latestIndex(ctx context.Context) (string, error) {
	var rows []struct {
		N count `json:"n"`
	}
	if err := e.db.Select(ctx, &rows, `SELECT count() AS n FROM superseded_scans`); err != nil {
		return "", fmt.Errorf("policy: read superseded_scans: %w", err)
	}
	if len(rows) == 1 && rows[0].N == 0 {
		return indexAll, nil
	}
	return indexLatest, nil
}

// final is idx read with its replaced rows dropped: pii_index FINAL (the
// view already reads through FINAL).
func final(idx string) string {
	if idx == indexAll {
		return indexAll + " FINAL"
	}
	return idx
}

// none stands for an empty key list: no record key equals it.
const none = "-"

// inList is the SQL condition "col is one of the ids in {param}" (an
// Array(String) parameter: the sort keys can use it).
func inList(col, param string) string {
	return fmt.Sprintf("%s IN {%s:Array(String)}", col, param)
}

// parr binds a list for inList (never nil: an empty list matches nothing).
func parr(name string, ids []string) tazala.Param {
	if ids == nil {
		ids = []string{}
	}
	return tazala.Param{Name: name, Value: ids}
}

// ts is the SQL expression of the time in {param} (Unix ms).
func ts(param string) string {
	return fmt.Sprintf("fromUnixTimestamp64Milli({%s:Int64}, 'UTC')", param)
}

func pstr(name, v string) tazala.Param { return tazala.Param{Name: name, Value: v} }
func pms(name string, t time.Time) tazala.Param {
	return tazala.Param{Name: name, Value: t.UnixMilli()}
}

// count decodes a ClickHouse integer whether the adapter writes 64-bit
// integers as JSON numbers or as strings.
type count int64

func (c *count) UnmarshalJSON(b []byte) error {
	b = bytes.Trim(b, `"`)
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return fmt.Errorf("policy: decode count: %w", err)
	}
	*c = count(n)
	return nil
}

// chTime decodes a DateTime or DateTime64 written as ISO 8601 or as
// ClickHouse's simple "2006-01-02 15:04:05[.fff]" (UTC).
type chTime struct{ time.Time }

func (t *chTime) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("policy: decode time: %w", err)
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05"} {
		if v, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			t.Time = v.UTC()
			return nil
		}
	}
	return fmt.Errorf("policy: decode time: unknown layout")
}

func (t chTime) MarshalJSON() ([]byte, error) { return json.Marshal(t.Time) }

// recordKey names one record: source, partition, offset.
type recordKey struct {
	Source    string `json:"source"`
	Partition int32  `json:"partition"`
	Offset    count  `json:"offset"`
}

func (k recordKey) String() string { return fmt.Sprintf("%s/%d/%d", k.Source, k.Partition, k.Offset) }

// audit appends one audit_log row.
func (e *Engine) audit(ctx context.Context, a tazala.AuditEntry, detail string) error {
	kind := ""
	if a.Kind.Valid() {
		kind = a.Kind.String()
	}
	if a.Actor == "" {
		a.Actor = e.actor
	}
	err := e.db.Exec(ctx, `INSERT INTO audit_log (time, actor, action, token, kind, reason, legal_basis, request_ref, outcome, detail)
		SELECT `+ts("t")+`, {actor:String}, {action:String}, {token:String}, {kind:String}, {reason:String},
		{basis:String}, {ref:String}, {outcome:String}, {detail:String}`,
		pms("t", e.stamp()), pstr("actor", a.Actor), pstr("action", a.Action), pstr("token", a.TokenID),
		pstr("kind", kind), pstr("reason", a.Reason), pstr("basis", a.LegalBasis), pstr("ref", a.RequestRef),
		pstr("outcome", a.Outcome), pstr("detail", detail))
	if err != nil {
		return fmt.Errorf("policy: write audit_log: %w", err)
	}
	return nil
}

// event appends one subject_events row.
func (e *Engine) event(ctx context.Context, subject, ev, purpose string, req Request, detail string) error {
	err := e.db.Exec(ctx, `INSERT INTO subject_events (time, subject, event, purpose, actor, request_ref, detail)
		SELECT `+ts("t")+`, {subject:String}, {event:String}, {purpose:String}, {actor:String}, {ref:String}, {detail:String}`,
		pms("t", e.stamp()), pstr("subject", subject), pstr("event", ev), pstr("purpose", purpose),
		pstr("actor", e.actor), pstr("ref", req.Ref), pstr("detail", detail))
	if err != nil {
		return fmt.Errorf("policy: write subject_events: %w", err)
	}
	return nil
}

// eventPerToken appends one subject_events row per token of the subject
// (the subject's main token among them), all with the same time, so the
// report shows them as one event and ingest finds the event by any token.
func (e *Engine) eventPerToken(ctx context.Context, s *Subject, ev, purpose string, req Request, detail string) error {
	toks := s.IDs()
	if len(toks) == 0 || !slices.Contains(toks, s.ID) {
		toks = append(toks, s.ID)
	}
	err := e.db.Exec(ctx, `INSERT INTO subject_events (time, subject, event, purpose, actor, request_ref, detail)
		SELECT `+ts("t")+`, arrayJoin({toks:Array(String)}), {event:String}, {purpose:String}, {actor:String}, {ref:String}, {detail:String}`,
		pms("t", e.stamp()), parr("toks", toks), pstr("event", ev), pstr("purpose", purpose),
		pstr("actor", e.actor), pstr("ref", req.Ref), pstr("detail", detail))
	if err != nil {
		return fmt.Errorf("policy: write subject_events: %w", err)
	}
	return nil
}
