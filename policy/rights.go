package policy

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tazala/tazala"
)

// Outcome is what a subject-rights action did, and what it left and why.
// It holds tokens and counts, never values.
type Outcome struct {
	Action  string    `json:"action"`
	Subject string    `json:"subject"`
	Time    time.Time `json:"time"`
	Done    []string  `json:"done,omitempty"`
	Kept    []Kept    `json:"kept,omitempty"`
	// Refused says why the action was refused (blocked subject, payment
	// data that may not change), empty when it went ahead.
	Refused string `json:"refused,omitempty"`
}

// Kept is data an action left in place, and why.
type Kept struct {
	Purpose string    `json:"purpose"`
	Records int       `json:"records"`
	Until   time.Time `json:"until"`
	Reason  string    `json:"reason"`
}

// ErrRefused is returned (wrapped) when an action is refused.
var ErrRefused = errors.New("refused")

func (e *Engine) refuse(ctx context.Context, o *Outcome, s *Subject, req Request, why string, cause error) (*Outcome, error) {
	o.Refused = why
	if err := e.event(ctx, s.ID, strings.TrimPrefix(o.Action, "subject.")+"_refused", "", req, why); err != nil {
		return o, err
	}
	if err := e.audit(ctx, tazala.AuditEntry{Action: o.Action, TokenID: s.ID, Reason: req.Reason, RequestRef: req.Ref,
		Outcome: "refused: " + why}, ""); err != nil {
		return o, err
	}
	return o, fmt.Errorf("policy: %s: %w: %s: %w", o.Action, ErrRefused, why, cause)
}

// Block freezes the subject's data (§4.3; under Kazakhstan's personal-data
// law blocking suspends both use and destruction): until Unblock, the
// data is not revealed, exported, changed or destroyed, and retention
// skips it with an audit row.
func (e *Engine) Block(ctx context.Context, s *Subject, req Request) (*Outcome, error) {
	return e.setBlock(ctx, s, req, true)
}

// Unblock lifts a block.
func (e *Engine) Unblock(ctx context.Context, s *Subject, req Request) (*Outcome, error) {
	return e.setBlock(ctx, s, req, false)
}

func (e *Engine) setBlock(ctx context.Context, s *Subject, req Request, block bool) (*Outcome, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	o := &Outcome{Action: "subject.unblock", Subject: s.ID, Time: e.now().UTC()}
	ev, from, to := "unblocked", []string{"blocked"}, "active"
	if block {
		o.Action, ev, from, to = "subject.block", "blocked", []string{"active"}, "blocked"
	}
	blocked, err := e.blockedTokens(ctx)
	if err != nil {
		return nil, err
	}
	isB := map[string]bool{}
	for _, t := range blocked {
		isB[t] = true
	}
	changed := 0
	for _, t := range s.Tokens {
		if isB[t.Token] == block {
			continue
		}
		detail := "subject " + s.ID
		if err := e.event(ctx, t.Token, ev, "", req, detail); err != nil {
			return nil, err
		}
		changed++
	}
	nv, err := e.setVaultState(ctx, s.IDs(), from, to)
	if err != nil {
		return nil, err
	}
	recs, err := e.records(ctx, s.IDs())
	if err != nil {
		return nil, err
	}
	if changed == 0 {
		o.Done = append(o.Done, fmt.Sprintf("nothing to do: the subject's %d tokens were already %s", len(s.Tokens), ev))
	} else {
		o.Done = append(o.Done, fmt.Sprintf("%s %d tokens (%d token-vault entries); %d records are %s",
			ev, changed, nv, len(recs), map[bool]string{true: "frozen: not revealed, exported, changed or destroyed until unblocked", false: "back in normal processing"}[block]))
	}
	err = e.audit(ctx, tazala.AuditEntry{Action: o.Action, TokenID: s.ID, Reason: req.Reason, RequestRef: req.Ref, Outcome: ev},
		fmt.Sprintf("tokens=%d vault_entries=%d records=%d", changed, nv, len(recs)))
	return o, err
}

// byPurpose groups records by purpose in policy order.
func (e *Engine) byPurpose(recs []recRow) ([]string, map[string][]recRow) {
	m := map[string][]recRow{}
	for _, r := range recs {
		m[r.Purpose] = append(m[r.Purpose], r)
	}
	var order []string
	for _, p := range e.p.Purposes {
		if len(m[p.ID]) > 0 {
			order = append(order, p.ID)
		}
	}
	var rest []string
	for p := range m {
		if e.p.Purpose(p) == nil {
			rest = append(rest, p)
		}
	}
	sort.Strings(rest)
	return append(order, rest...), m
}

func (e *Engine) holdReason(purpose string) string {
	p := e.p.Purpose(purpose)
	return fmt.Sprintf("statutory hold of purpose %q: %s; neither consent withdrawal nor an erasure request shortens it", purpose, p.Retention)
}

// RevokeConsent ends the subject's consent-based purposes now (§4.5): the
// records of every purpose kept "until consent is withdrawn" are deleted
// with their index rows, and the withdrawal is recorded for every token of
// the subject, so ingest (Ledger) keeps the subject out of new and
// replayed records of those purposes. Purposes under a statutory hold (payments, five
// years from the payment) are kept until their deadline, and the outcome
// says so.
func (e *Engine) RevokeConsent(ctx context.Context, s *Subject, req Request) (*Outcome, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	o := &Outcome{Action: "subject.revoke_consent", Subject: s.ID, Time: e.now().UTC()}
	if b, err := e.isBlocked(ctx, s); err != nil {
		return nil, err
	} else if b {
		return e.refuse(ctx, o, s, req, "the subject's data is blocked: it cannot be destroyed until unblocked", tazala.ErrBlocked)
	}
	recs, err := e.records(ctx, s.IDs())
	if err != nil {
		return nil, err
	}
	// her tokens of earlier scans too: their rows in records of the ended
	// purposes are deleted with the records
	all, err := e.withEarlierScans(ctx, s)
	if err != nil {
		return nil, err
	}
	now := e.now().UTC()
	order, groups := e.byPurpose(recs)
	var del []recordKey
	var ended []string
	for _, p := range e.p.Purposes {
		if !p.Withdrawable() {
			continue
		}
		ended = append(ended, p.ID)
		rs := groups[p.ID]
		for _, r := range rs {
			del = append(del, r.key())
		}
		if err := e.eventPerToken(ctx, s, "consent_withdrawn", p.ID, req, fmt.Sprintf("records_deleted=%d", len(rs))); err != nil {
			return nil, err
		}
		o.Done = append(o.Done, fmt.Sprintf("purpose %s ended: %d records deleted", p.ID, len(rs)))
	}
	for _, pid := range order {
		if p := e.p.Purpose(pid); p != nil && p.Withdrawable() {
			continue
		}
		o.Kept = append(o.Kept, e.kept(pid, groups[pid], now))
	}
	if err := e.deleteRecords(ctx, del); err != nil {
		return nil, err
	}
	if len(ended) > 0 {
		if err := e.deleteIndexRowsWhere(ctx, all.IDs(), inList("purpose", "ended"), parr("ended", ended)); err != nil {
			return nil, err
		}
	}
	err = e.audit(ctx, tazala.AuditEntry{Action: o.Action, TokenID: s.ID, Reason: req.Reason, RequestRef: req.Ref, Outcome: "consent withdrawn"},
		fmt.Sprintf("records_deleted=%d records_kept=%d", len(del), len(recs)-len(del)))
	return o, err
}

func (e *Engine) kept(purpose string, rs []recRow, now time.Time) Kept {
	k := Kept{Purpose: purpose, Records: len(rs)}
	for _, r := range rs {
		if r.RetentionUntil.After(k.Until) {
			k.Until = r.RetentionUntil.Time
		}
		if h, until := e.held(r, now); h && until.After(k.Until) {
			k.Until = until
		}
	}
	p := e.p.Purpose(purpose)
	switch {
	case p == nil:
		k.Reason = "purpose not in the policy: kept until its retention deadline"
	case p.Retention.Statutory:
		k.Reason = e.holdReason(purpose)
	default:
		k.Reason = "kept until " + p.Retention.String()
	}
	return k
}

// Erase destroys the subject's data as far as the law allows (§4.4, §8):
// the records of every purpose not under a statutory hold are deleted now
// with their index rows; every token-vault entry of the subject is erased
// (its ciphertext deleted, so no value can be revealed again); every token
// goes into the erasure ledger, so a replayed or rescanned record never
// brings the subject back. Records under a statutory hold (payments) are
// kept until their deadline, when retention deletes them; the outcome and
// subject_events record why. Erasing twice does nothing more.
func (e *Engine) Erase(ctx context.Context, s *Subject, req Request) (*Outcome, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	o := &Outcome{Action: "subject.erase", Subject: s.ID, Time: e.now().UTC()}
	if b, err := e.isBlocked(ctx, s); err != nil {
		return nil, err
	} else if b {
		return e.refuse(ctx, o, s, req, "the subject's data is blocked: it cannot be destroyed until unblocked", tazala.ErrBlocked)
	}
	now := e.now().UTC()
	recs, err := e.records(ctx, s.IDs())
	if err != nil {
		return nil, err
	}
	// the subject's tokens of earlier scans too: their index rows are
	// deleted and they go into the vault's erasure and the ledger
	all, err := e.withEarlierScans(ctx, s)
	if err != nil {
		return nil, err
	}
	already, err := erasedSet(ctx, e.db, all.IDs())
	if err != nil {
		return nil, err
	}
	again := len(already) == len(all.Tokens)
	order, groups := e.byPurpose(recs)
	var del []recordKey
	for _, pid := range order {
		var keep []recRow
		n := 0
		for _, r := range groups[pid] {
			if h, _ := e.held(r, now); h {
				keep = append(keep, r)
				continue
			}
			del = append(del, r.key())
			n++
		}
		if n > 0 {
			o.Done = append(o.Done, fmt.Sprintf("purpose %s: %d records deleted", pid, n))
		}
		if len(keep) > 0 {
			k := e.kept(pid, keep, now)
			o.Kept = append(o.Kept, k)
			if again {
				continue // recorded by the first erasure
			}
			if err := e.event(ctx, s.ID, "erasure_deferred", pid, req,
				fmt.Sprintf("records=%d until=%s reason=%s", k.Records, k.Until.Format("2006-01-02"), k.Reason)); err != nil {
				return nil, err
			}
		}
	}
	if err := e.deleteRecords(ctx, del); err != nil {
		return nil, err
	}
	if err := e.deleteIndexRows(ctx, all.IDs(), now); err != nil {
		return nil, err
	}
	nv, err := e.setVaultState(ctx, all.IDs(), []string{"active", "blocked"}, "erased")
	if err != nil {
		return nil, err
	}
	var fresh []string
	for _, t := range all.IDs() {
		if !already[t] {
			fresh = append(fresh, t)
		}
	}
	if len(fresh) > 0 {
		err := e.db.Exec(ctx, `INSERT INTO erasure_ledger (token, subject, erased_at, request_ref)
			SELECT arrayJoin({toks:Array(String)}), {subject:String}, `+ts("t")+`, {ref:String}`,
			parr("toks", fresh), pstr("subject", s.ID), pms("t", now), pstr("ref", req.Ref))
		if err != nil {
			return nil, fmt.Errorf("policy: write erasure_ledger: %w", err)
		}
		if err := e.event(ctx, s.ID, "erased", "", req, fmt.Sprintf("tokens=%d records_deleted=%d vault_entries_erased=%d", len(fresh), len(del), nv)); err != nil {
			return nil, err
		}
	}
	o.Done = append(o.Done, fmt.Sprintf("token vault: %d entries erased (no value can be revealed again)", nv),
		fmt.Sprintf("erasure ledger: %d tokens added (%d already there): replays and rescans will not bring them back", len(fresh), len(already)))
	if len(del) == 0 && nv == 0 && len(fresh) == 0 {
		o.Done = []string{"nothing more to erase: the subject was erased before"}
	}
	err = e.audit(ctx, tazala.AuditEntry{Action: o.Action, TokenID: s.ID, Reason: req.Reason, RequestRef: req.Ref, Outcome: "erased"},
		fmt.Sprintf("records_deleted=%d records_kept=%d vault_entries_erased=%d ledger_added=%d", len(del), len(recs)-len(del), nv, len(fresh)))
	return o, err
}

// Rectify replaces the subject's value of one kind by a corrected one
// (§4.2) in every record it may change: the new value's token replaces the
// old one in the records and index rows. Payment data may not be changed
// (§7.1): records under the payments hold keep the old token, and the
// outcome says why. A blocked subject's data is not changed at all.
func (e *Engine) Rectify(ctx context.Context, s *Subject, req Request, kind tazala.Kind, newValue []byte) (*Outcome, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	o := &Outcome{Action: "subject.rectify", Subject: s.ID, Time: e.now().UTC()}
	if b, err := e.isBlocked(ctx, s); err != nil {
		return nil, err
	} else if b {
		return e.refuse(ctx, o, s, req, "the subject's data is blocked: it cannot be changed until unblocked", tazala.ErrBlocked)
	}
	var old []string
	for _, t := range s.Tokens {
		if t.Kind == kind.String() {
			old = append(old, t.Token)
		}
	}
	if len(old) == 0 {
		return nil, fmt.Errorf("policy: rectify: the subject has no %s data", kind)
	}
	recs, err := e.records(ctx, old)
	if err != nil {
		return nil, err
	}
	now := e.now().UTC()
	var change []recordKey
	var held []recRow
	for _, r := range recs {
		if p := e.p.Purpose(r.Purpose); p != nil && p.Retention.Statutory {
			held = append(held, r)
			continue
		}
		change = append(change, r.key())
	}
	if len(held) > 0 {
		k := e.kept(held[0].Purpose, held, now)
		k.Reason = "§7.1 of the privacy policy: data on payments cannot be changed"
		o.Kept = append(o.Kept, k)
		if err := e.event(ctx, s.ID, "rectify_refused", held[0].Purpose, req, fmt.Sprintf("kind=%s records=%d reason=%s", kind, len(held), k.Reason)); err != nil {
			return nil, err
		}
	}
	if len(change) == 0 {
		if len(held) > 0 {
			return e.refuse(ctx, o, s, req, fmt.Sprintf("all %d records with this %s are payment data, which cannot be changed (§7.1)", len(held), kind), ErrRefused)
		}
		o.Done = append(o.Done, "no record holds this value")
		return o, e.audit(ctx, tazala.AuditEntry{Action: o.Action, TokenID: s.ID, Kind: kind, RequestRef: req.Ref, Reason: req.Reason, Outcome: "nothing to change"}, "")
	}
	if e.tk == nil {
		return nil, errors.New("policy: rectify: no tokenizer configured")
	}
	toks, err := e.tk.Tokenize(ctx, []tazala.TokenRequest{{Kind: kind, Value: newValue}})
	if err != nil {
		return nil, fmt.Errorf("policy: rectify: tokenize the new value: %w", err)
	}
	nt := toks[0]
	for _, ot := range old {
		if ot == nt.ID {
			continue
		}
		if err := e.replaceToken(ctx, change, ot, nt.ID); err != nil {
			return nil, err
		}
	}
	if nt.Ciphertext != "" {
		err := e.vdb.Exec(ctx, `INSERT INTO token_vault (token, kind, ciphertext, subject, first_seen, last_seen, state, updated)
			SELECT {tok:String}, {kind:String}, {ct:String}, {subject:String}, `+ts("t")+`, `+ts("t")+`, 'active', now64(9, 'UTC')`,
			pstr("tok", nt.ID), pstr("kind", kind.String()), pstr("ct", nt.Ciphertext), pstr("subject", s.ID), pms("t", now))
		if err != nil {
			return nil, fmt.Errorf("policy: rectify: token_vault: %w", err)
		}
	}
	o.Done = append(o.Done, fmt.Sprintf("%d records now hold the corrected %s (token %s)", len(change), kind, nt.ID))
	if err := e.event(ctx, s.ID, "rectified", "", req, fmt.Sprintf("kind=%s records=%d new_token=%s", kind, len(change), nt.ID)); err != nil {
		return nil, err
	}
	err = e.audit(ctx, tazala.AuditEntry{Action: o.Action, TokenID: s.ID, Kind: kind, Reason: req.Reason, RequestRef: req.Ref, Outcome: "rectified"},
		fmt.Sprintf("records_changed=%d records_refused=%d new_token=%s", len(change), len(held), nt.ID))
	return o, err
}

// replaceToken writes a new version of each record with the new token in
// place of the old one (redacted_records is a ReplacingMergeTree on the
// record's key, so the newer ingest_time wins), and moves its index rows.
func (e *Engine) replaceToken(ctx context.Context, keys []recordKey, old, nw string) error {
	ps := []tazala.Param{pstr("keys", joinKeys(keys)), pstr("old", old), pstr("new", nw)}
	stmts := []string{
		`INSERT INTO redacted_records (source, partition, offset, key, event_time, ingest_time, purpose, legal_basis, subject, payload, findings, scanner_version, retention_until, scan_id)
		SELECT source, partition, offset, replaceAll(key, {old:String}, {new:String}), event_time, greatest(now64(3, 'UTC'), ingest_time + toIntervalMillisecond(1)), purpose, legal_basis,
			if(subject = {old:String}, {new:String}, subject), replaceAll(payload, {old:String}, {new:String}), findings, scanner_version, retention_until, scan_id
		FROM redacted_records FINAL WHERE ` + keysCond("keys"),
		`INSERT INTO pii_index (subject, token, kind, category, source, partition, offset, ordinal, path, start, end, detector, confidence, event_time, purpose, legal_basis, retention_until, ingest_time, scan_id)
		SELECT if(subject = {old:String}, {new:String}, subject), if(token = {old:String}, {new:String}, token), kind, category, source, partition, offset, ordinal,
			path, start, end, detector, confidence, event_time, purpose, legal_basis, retention_until, greatest(now64(3, 'UTC'), ingest_time + toIntervalMillisecond(1)), scan_id
		FROM pii_index FINAL WHERE ` + keysCond("keys") + ` AND (token = {old:String} OR subject = {old:String})`,
		`DELETE FROM pii_index WHERE ` + keysCond("keys") + ` AND (token = {old:String} OR subject = {old:String})`,
		`DELETE FROM redacted_records WHERE ` + keysCond("keys") + ` AND (subject = {old:String} OR position(payload, {old:String}) > 0 OR position(key, {old:String}) > 0)`,
	}
	for _, q := range stmts {
		if err := e.db.Exec(ctx, q, ps...); err != nil {
			return fmt.Errorf("policy: rectify: %w", err)
		}
	}
	return nil
}
