package policy

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"time"

	"github.com/tazala/tazala"
)

// EnforceResult says what retention enforcement deleted, what it skipped
// and why.
type EnforceResult struct {
	Now    time.Time `json:"now"`
	DryRun bool      `json:"dry_run"`
	// Purposes counts what was (or, in a dry run, would be) deleted.
	Purposes []PurposeCount `json:"purposes"`
	// Blocked lists blocked subjects whose due records were kept.
	Blocked []BlockedCount `json:"blocked,omitempty"`
	// Held counts records whose retention_until has passed but whose
	// statutory hold has not (e.g. a payment's five years): kept.
	Held []PurposeCount `json:"held,omitempty"`
}

// PurposeCount counts records and index rows of one purpose.
type PurposeCount struct {
	Purpose           string `json:"purpose"`
	Records           int64  `json:"records"`
	IndexRows         int64  `json:"index_rows"`
	PartitionsDropped int    `json:"partitions_dropped,omitempty"`
}

// BlockedCount counts a blocked subject's records that were due.
type BlockedCount struct {
	Token   string `json:"token"`
	Records int64  `json:"records"`
}

var partitionIDRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)

// Enforce deletes every record (and its index rows) whose retention
// deadline is at or before now, by explicit deletes that work on the
// embedded engine as on servers (no TTL merges needed): a partition whose
// rows are all due is dropped whole, the rest goes by lightweight DELETE.
// It never deletes a blocked subject's records (they are counted and an
// audit row says so), nor a record under a statutory hold, whatever its
// retention_until says. Counts per purpose go to audit_log. A dry run
// counts and audits without deleting.
func (e *Engine) Enforce(ctx context.Context, now time.Time, dryRun bool) (*EnforceResult, error) {
	now = now.UTC()
	res := &EnforceResult{Now: now, DryRun: dryRun}
	blocked, err := e.blockedTokens(ctx)
	if err != nil {
		return nil, err
	}
	hold, holdPs := e.holdCond(now)
	blockedCond := `(` + inList("subject", "blocked") + ` OR (source, partition, offset) IN
		(SELECT source, partition, offset FROM pii_index WHERE ` + inList("token", "blocked") + `))`
	ps := append([]tazala.Param{pms("now", now), parr("blocked", blocked)}, holdPs...)
	pastDue := `retention_until <= ` + ts("now")
	due := pastDue + ` AND NOT ` + hold + ` AND NOT ` + blockedCond

	type pc struct {
		Purpose string `json:"purpose"`
		N       count  `json:"n"`
	}
	countBy := func(table, cond string) (map[string]int64, error) {
		var rows []pc
		if err := e.db.Select(ctx, &rows, `SELECT purpose, count() AS n FROM `+table+` FINAL WHERE `+cond+` GROUP BY purpose`, ps...); err != nil {
			return nil, fmt.Errorf("policy: retention: count %s: %w", table, err)
		}
		m := map[string]int64{}
		for _, r := range rows {
			m[r.Purpose] = int64(r.N)
		}
		return m, nil
	}
	recs, err := countBy("redacted_records", due)
	if err != nil {
		return nil, err
	}
	idx, err := countBy("pii_index", due)
	if err != nil {
		return nil, err
	}
	heldRecs, err := countBy("redacted_records", pastDue+` AND `+hold+` AND NOT `+blockedCond)
	if err != nil {
		return nil, err
	}
	// blocked subjects with due records
	if len(blocked) > 0 {
		var rows []struct {
			Token string `json:"token"`
			N     count  `json:"n"`
		}
		err := e.db.Select(ctx, &rows, `SELECT subject AS token, count() AS n FROM redacted_records FINAL
			WHERE `+pastDue+` AND NOT `+hold+` AND `+blockedCond+` GROUP BY subject ORDER BY subject`, ps...)
		if err != nil {
			return nil, fmt.Errorf("policy: retention: count blocked: %w", err)
		}
		for _, r := range rows {
			res.Blocked = append(res.Blocked, BlockedCount{Token: r.Token, Records: int64(r.N)})
		}
	}
	purposes := map[string]bool{}
	for p := range recs {
		purposes[p] = true
	}
	for p := range idx {
		purposes[p] = true
	}
	var names []string
	for p := range purposes {
		names = append(names, p)
	}
	sort.Strings(names)
	dropped := map[string]int{}
	if !dryRun {
		for _, table := range []string{"redacted_records", "pii_index"} {
			n, err := e.dropDuePartitions(ctx, table, due, ps)
			if err != nil {
				return nil, err
			}
			for p, k := range n {
				if table == "redacted_records" {
					dropped[p] += k
				}
			}
			// what no partition drop took
			if err := e.db.Exec(ctx, `DELETE FROM `+table+` WHERE `+due, ps...); err != nil {
				return nil, fmt.Errorf("policy: retention: delete from %s: %w", table, err)
			}
		}
	}
	outcome := "deleted"
	if dryRun {
		outcome = "dry run: would delete"
	}
	for _, p := range names {
		c := PurposeCount{Purpose: p, Records: recs[p], IndexRows: idx[p], PartitionsDropped: dropped[p]}
		res.Purposes = append(res.Purposes, c)
		basis := ""
		if pp := e.p.Purpose(p); pp != nil {
			basis = "retention: " + pp.Retention.String()
		}
		if err := e.audit(ctx, tazala.AuditEntry{Action: "retention.enforce", Reason: "retention deadline passed", LegalBasis: basis, Outcome: outcome},
			fmt.Sprintf("purpose=%s records=%d index_rows=%d partitions_dropped=%d now=%s", p, c.Records, c.IndexRows, c.PartitionsDropped, now.Format(time.RFC3339))); err != nil {
			return nil, err
		}
	}
	for _, b := range res.Blocked {
		if err := e.audit(ctx, tazala.AuditEntry{Action: "retention.enforce", TokenID: b.Token, Reason: "retention deadline passed", Outcome: "skipped: blocked"},
			fmt.Sprintf("records=%d now=%s", b.Records, now.Format(time.RFC3339))); err != nil {
			return nil, err
		}
	}
	var heldNames []string
	for p := range heldRecs {
		heldNames = append(heldNames, p)
	}
	sort.Strings(heldNames)
	for _, p := range heldNames {
		res.Held = append(res.Held, PurposeCount{Purpose: p, Records: heldRecs[p]})
		if err := e.audit(ctx, tazala.AuditEntry{Action: "retention.enforce", Reason: "retention_until passed", LegalBasis: e.holdReason(p), Outcome: "kept: statutory hold"},
			fmt.Sprintf("purpose=%s records=%d now=%s", p, heldRecs[p], now.Format(time.RFC3339))); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// dropDuePartitions drops the partitions of table whose rows are all due,
// and returns, per purpose, how many partitions went.
func (e *Engine) dropDuePartitions(ctx context.Context, table, due string, ps []tazala.Param) (map[string]int, error) {
	var parts []struct {
		ID      string `json:"id"`
		Rows    count  `json:"rows"`
		Due     count  `json:"due"`
		Purpose string `json:"p"`
	}
	err := e.db.Select(ctx, &parts, `SELECT _partition_id AS id, count() AS rows, countIf(`+due+`) AS due, any(purpose) AS p
		FROM `+table+` GROUP BY id HAVING rows = due AND rows > 0 ORDER BY id`, ps...)
	if err != nil {
		return nil, fmt.Errorf("policy: retention: partitions of %s: %w", table, err)
	}
	out := map[string]int{}
	for _, p := range parts {
		if !partitionIDRe.MatchString(p.ID) || p.ID == "all" && p.Rows == 0 {
			continue
		}
		if err := e.db.Exec(ctx, `ALTER TABLE `+table+` DROP PARTITION ID '`+p.ID+`'`); err != nil {
			return nil, fmt.Errorf("policy: retention: drop partition %s of %s: %w", p.ID, table, err)
		}
		out[p.Purpose]++
	}
	return out, nil
}
