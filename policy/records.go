package policy

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tazala/tazala"
)

// recRow is one record of a subject, as redacted_records holds it.
type recRow struct {
	Source         string `json:"source"`
	Partition      int32  `json:"partition"`
	Offset         count  `json:"offset"`
	Subject        string `json:"subject"`
	Purpose        string `json:"purpose"`
	LegalBasis     string `json:"legal_basis"`
	EventTime      chTime `json:"event_time"`
	RetentionUntil chTime `json:"retention_until"`
}

func (r recRow) key() recordKey { return recordKey{r.Source, r.Partition, r.Offset} }

// records returns the records holding any of the tokens in their latest
// scan (or whose subject is one of them).
func (e *Engine) records(ctx context.Context, toks []string) ([]recRow, error) {
	idx, err := e.latestIndex(ctx)
	if err != nil {
		return nil, err
	}
	var rows []recRow
	err = e.db.Select(ctx, &rows, `SELECT source, partition, offset, subject, purpose, legal_basis, event_time, retention_until
		FROM redacted_records FINAL
		WHERE `+inList("subject", "toks")+` OR (source, partition, offset) IN
			(SELECT source, partition, offset FROM `+idx+` WHERE `+inList("token", "toks")+`)
		ORDER BY event_time, source, partition, offset`, parr("toks", toks))
	if err != nil {
		return nil, fmt.Errorf("policy: read the subject's records: %w", err)
	}
	return rows, nil
}

// held reports whether a record is under a statutory hold at now: its
// purpose's statutory period from the event has not passed, whatever its
// retention_until says (consent withdrawal and erasure never shorten it).
func (e *Engine) held(r recRow, now time.Time) (bool, time.Time) {
	p := e.p.Purpose(r.Purpose)
	if p == nil || !p.Retention.Statutory {
		return false, time.Time{}
	}
	until := p.Retention.Until(r.EventTime.Time)
	return until.After(now), until
}

// holdCond is the SQL condition "the row is under a statutory hold at the
// time in {param}" over a table with purpose and event_time.
func (e *Engine) holdCond(now time.Time) (string, []tazala.Param) {
	var parts []string
	var ps []tazala.Param
	for i, p := range e.p.Purposes {
		if !p.Retention.Statutory {
			continue
		}
		pn, fn := "hold_p"+strconv.Itoa(i), "hold_f"+strconv.Itoa(i)
		parts = append(parts, fmt.Sprintf("(purpose = {%s:String} AND event_time > %s)", pn, ts(fn)))
		ps = append(ps, pstr(pn, p.ID), pms(fn, p.Retention.Period.SubFrom(now)))
	}
	if len(parts) == 0 {
		return "0", nil
	}
	return "(" + strings.Join(parts, " OR ") + ")", ps
}

// keysCond is the SQL condition "the row's record is one of {param}"
// (keys joined by joinKeys).
func keysCond(param string) string {
	return `has(splitByChar('\x1e', {` + param + `:String}), concat(source, '\x1f', toString(partition), '\x1f', toString(offset)))`
}

func joinKeys(keys []recordKey) string {
	if len(keys) == 0 {
		return none
	}
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(0x1e)
		}
		b.WriteString(k.Source)
		b.WriteByte(0x1f)
		b.WriteString(strconv.Itoa(int(k.Partition)))
		b.WriteByte(0x1f)
		b.WriteString(strconv.FormatInt(int64(k.Offset), 10))
	}
	return b.String()
}

// keyPrefilterCond narrows a statement on record keys to the keys'
// sources and offsets first, so the engine can skip granules by the
// tables' sort keys before the exact key test.
const keyPrefilterCond = `source IN {k_src:Array(String)} AND offset IN {k_off:Array(Int64)}`

func keyPrefilter(keys []recordKey) []tazala.Param {
	srcs := map[string]bool{}
	var ss []string
	offs := make([]int64, 0, len(keys))
	for _, k := range keys {
		if !srcs[k.Source] {
			srcs[k.Source] = true
			ss = append(ss, k.Source)
		}
		offs = append(offs, int64(k.Offset))
	}
	return []tazala.Param{{Name: "k_src", Value: ss}, {Name: "k_off", Value: offs}}
}

// deleteChunk bounds the keys of one DELETE statement.
const deleteChunk = 5000

// deleteRecords deletes the records and their index rows (lightweight
// DELETE: the rows disappear from every query at once and from disk at
// the next merge).
func (e *Engine) deleteRecords(ctx context.Context, keys []recordKey) error {
	for len(keys) > 0 {
		n := min(len(keys), deleteChunk)
		ps := append([]tazala.Param{pstr("keys", joinKeys(keys[:n]))}, keyPrefilter(keys[:n])...)
		for _, table := range []string{"redacted_records", "pii_index"} {
			if err := e.db.Exec(ctx, `DELETE FROM `+table+` WHERE `+keyPrefilterCond+` AND `+keysCond("keys"), ps...); err != nil {
				return fmt.Errorf("policy: delete from %s: %w", table, err)
			}
		}
		keys = keys[n:]
	}
	return nil
}

// deleteIndexRows deletes the index rows of earlier scans of the tokens
// (as the value or as the record's subject) that no statutory hold keeps
// at now: a rescan may have left rows of the subject in records that no
// longer hold their values (pii_index_v hides them, pii_index keeps them
// until deleted). The rows of the latest scans are in the records the
// subject's records are (deleteRecords deleted them, or a hold keeps
// them).
func (e *Engine) deleteIndexRows(ctx context.Context, toks []string, now time.Time) error {
	hold, ps := e.holdCond(now)
	return e.deleteIndexRowsWhere(ctx, toks, "NOT "+hold, ps...)
}

// deleteIndexRowsWhere deletes the index rows of earlier scans of the
// tokens (as the value or as the record's subject) that meet cond.
func (e *Engine) deleteIndexRowsWhere(ctx context.Context, toks []string, cond string, ps ...tazala.Param) error {
	if len(toks) == 0 {
		return nil
	}
	if idx, err := e.latestIndex(ctx); err != nil || idx == indexAll {
		return err // no scan superseded: no earlier scan's rows
	}
	where := `(` + inList("token", "toks") + ` OR ` + inList("subject", "toks") + `) AND ` + staleCond + ` AND ` + cond
	ps = append(ps, parr("toks", toks))
	// a lightweight DELETE costs a mutation over every part even when
	// nothing matches (most subjects have no rows of earlier scans)
	var rows []struct {
		N count `json:"n"`
	}
	if err := e.db.Select(ctx, &rows, `SELECT count() AS n FROM pii_index WHERE `+where, ps...); err != nil {
		return fmt.Errorf("policy: count in pii_index: %w", err)
	}
	if len(rows) == 1 && rows[0].N == 0 {
		return nil
	}
	if err := e.db.Exec(ctx, `DELETE FROM pii_index WHERE `+where, ps...); err != nil {
		return fmt.Errorf("policy: delete from pii_index: %w", err)
	}
	return nil
}

// blockedTokens returns the tokens whose latest block event is "blocked".
func (e *Engine) blockedTokens(ctx context.Context) ([]string, error) {
	var rows []struct {
		Subject string `json:"subject"`
	}
	err := e.db.Select(ctx, &rows, `SELECT subject FROM subject_events WHERE event IN ('blocked', 'unblocked')
		GROUP BY subject HAVING argMax(event, time) = 'blocked' ORDER BY subject`)
	if err != nil {
		return nil, fmt.Errorf("policy: read blocks: %w", err)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Subject
	}
	return out, nil
}

// isBlocked reports whether any of the subject's tokens is blocked.
func (e *Engine) isBlocked(ctx context.Context, s *Subject) (bool, error) {
	b, err := e.blockedTokens(ctx)
	if err != nil {
		return false, err
	}
	set := map[string]bool{}
	for _, t := range b {
		set[t] = true
	}
	for _, t := range s.Tokens {
		if set[t.Token] {
			return true, nil
		}
	}
	return false, nil
}

// erasedVersion is the `updated` of an erased token_vault row: the largest
// DateTime64(9), so no later Put or state change (versioned by wall-clock
// time) replaces an erasure (the storage contract's ForeverVersion).
const erasedVersion = "toDateTime64('2262-04-01 00:00:00', 9, 'UTC')"

// setVaultState writes a new version of the token-vault rows of toks in
// state from → to. Erasing also empties the ciphertext and deletes the
// older versions that still hold it.
func (e *Engine) setVaultState(ctx context.Context, toks []string, from []string, to string) (int64, error) {
	var n []struct {
		N count `json:"n"`
	}
	cond := inList("token", "toks") + ` AND ` + inList("toString(state)", "from")
	if err := e.vdb.Select(ctx, &n, `SELECT count() AS n FROM token_vault FINAL WHERE `+cond,
		parr("toks", toks), parr("from", from)); err != nil {
		return 0, fmt.Errorf("policy: read token_vault: %w", err)
	}
	if len(n) == 0 || n[0].N == 0 {
		return 0, nil
	}
	ct, version := "ciphertext", "now64(9, 'UTC')"
	if to == "erased" {
		ct, version = "''", erasedVersion
	}
	err := e.vdb.Exec(ctx, `INSERT INTO token_vault (token, kind, ciphertext, subject, first_seen, last_seen, state, updated)
		SELECT token, kind, `+ct+`, subject, first_seen, last_seen, {to:String}, `+version+`
		FROM token_vault FINAL WHERE `+cond,
		parr("toks", toks), parr("from", from), pstr("to", to))
	if err != nil {
		return 0, fmt.Errorf("policy: update token_vault: %w", err)
	}
	if to == "erased" {
		if err := e.vdb.Exec(ctx, `DELETE FROM token_vault WHERE `+inList("token", "toks")+` AND ciphertext != ''`,
			parr("toks", toks)); err != nil {
			return 0, fmt.Errorf("policy: erase token_vault ciphertexts: %w", err)
		}
	}
	return int64(n[0].N), nil
}

// TokenState says whether a token may be revealed under the policy: its
// subject is erased (erasure ledger) or blocked (subject_events). Reveal
// paths call it next to the token vault's own state.
func (e *Engine) TokenState(ctx context.Context, token string) (tazala.TokenState, error) {
	erased, err := erasedSet(ctx, e.db, []string{token})
	if err != nil {
		return 0, err
	}
	if erased[token] {
		return tazala.TokenErased, nil
	}
	blocked, err := e.blockedTokens(ctx)
	if err != nil {
		return 0, err
	}
	for _, b := range blocked {
		if b == token {
			return tazala.TokenBlocked, nil
		}
	}
	return tazala.TokenActive, nil
}
