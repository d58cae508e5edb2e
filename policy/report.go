package policy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/tazala/tazala"
)

// Report is what the company holds about a subject (§4.1 of the policy):
// categories, purposes, legal bases, sources, first and last seen,
// retention deadlines, recipients, and the subject's requests so far. It
// names tokens, never values, unless revealed for a stated reason and
// request reference.
type Report struct {
	GeneratedAt time.Time         `json:"generated_at"`
	Subject     string            `json:"subject"`
	Blocked     bool              `json:"blocked"`
	Erased      bool              `json:"erased"`
	Tokens      []SubjectToken    `json:"tokens"`
	Shared      []SubjectToken    `json:"shared_tokens,omitempty"`
	Categories  []string          `json:"categories"`
	Purposes    []ReportPurpose   `json:"purposes"`
	Sources     []ReportSource    `json:"sources"`
	Recipients  []ReportRecipient `json:"recipients"`
	Events      []ReportEvent     `json:"events"`
	// Revealed maps tokens to values; only with Reveal, never for a
	// blocked or erased subject.
	Revealed map[string]string `json:"revealed,omitempty"`
}

// ReportPurpose is one purpose the subject's data is processed for.
type ReportPurpose struct {
	ID          string    `json:"id"`
	Description string    `json:"description"`
	LegalBases  []string  `json:"legal_bases"`
	Categories  []string  `json:"categories"`
	Records     int       `json:"records"`
	FirstSeen   time.Time `json:"first_seen"`
	LastSeen    time.Time `json:"last_seen"`
	// RetainUntil is the latest deadline of the purpose's records;
	// "until consent is withdrawn" shows as UntilWithdrawn.
	RetainUntil    time.Time `json:"retain_until"`
	UntilWithdrawn bool      `json:"until_withdrawn,omitempty"`
	Retention      string    `json:"retention"`
	ConsentEnded   bool      `json:"consent_withdrawn,omitempty"`
	// Outside lists categories found in the purpose's records that the
	// policy does not list for the purpose (e.g. a card number pasted
	// into a support request): held, and to be looked at.
	Outside []string `json:"categories_outside_purpose,omitempty"`
}

// ReportSource is one stream or file the subject's data came from.
type ReportSource struct {
	Source    string    `json:"source"`
	Records   int       `json:"records"`
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
}

// ReportRecipient is a recipient the subject's data may be transferred to
// (§9), with the categories it receives of what is held.
type ReportRecipient struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Purpose    string   `json:"purpose"`
	Basis      string   `json:"basis"`
	Categories []string `json:"categories"`
	Retention  string   `json:"retention"`
}

// ReportEvent is one row of the subject's history (subject_events).
type ReportEvent struct {
	Time       time.Time `json:"time"`
	Event      string    `json:"event"`
	Purpose    string    `json:"purpose,omitempty"`
	RequestRef string    `json:"request_ref,omitempty"`
	Detail     string    `json:"detail,omitempty"`
}

// Reveal asks a report to show values: audited per token, refused for
// blocked or erased subjects.
type Reveal struct {
	Request
	LegalBasis string
}

// Report builds the subject's report for the request req (its reference
// may be empty for an internal check). With reveal non-nil, the values of
// the subject's tokens are decrypted (each audited) unless the subject is
// blocked or erased. The report is recorded in subject_events
// (report_issued) and audit_log.
func (e *Engine) Report(ctx context.Context, s *Subject, req Request, reveal *Reveal) (*Report, error) {
	r := &Report{GeneratedAt: e.now().UTC(), Subject: s.ID, Tokens: s.Tokens, Shared: s.Shared}
	var err error
	if r.Blocked, err = e.isBlocked(ctx, s); err != nil {
		return nil, err
	}
	erased, err := erasedSet(ctx, e.db, s.IDs())
	if err != nil {
		return nil, err
	}
	r.Erased = len(erased) > 0
	recs, err := e.records(ctx, s.IDs())
	if err != nil {
		return nil, err
	}
	// categories present, per record
	var cats []struct {
		Category  string `json:"category"`
		Source    string `json:"source"`
		Partition int32  `json:"partition"`
		Offset    count  `json:"offset"`
	}
	idx, err := e.latestIndex(ctx)
	if err != nil {
		return nil, err
	}
	if err := e.db.Select(ctx, &cats, `SELECT DISTINCT category, source, partition, offset FROM `+final(idx)+`
		WHERE (source, partition, offset) IN (SELECT source, partition, offset FROM `+idx+` WHERE `+inList("token", "toks")+`)`, parr("toks", s.IDs())); err != nil {
		return nil, fmt.Errorf("policy: report: categories: %w", err)
	}
	recCats := map[recordKey][]string{}
	for _, c := range cats {
		k := recordKey{c.Source, c.Partition, c.Offset}
		recCats[k] = append(recCats[k], c.Category)
	}
	// the subject's own tokens' categories (the record may hold others')
	own := map[string]bool{}
	for _, t := range s.Tokens {
		if t.Category != "" {
			own[t.Category] = true
		}
	}
	events, err := e.events(ctx, s)
	if err != nil {
		return nil, err
	}
	r.Events = events
	withdrawn := map[string]bool{}
	for _, ev := range events { // in time order: the latest counts
		switch ev.Event {
		case "consent_withdrawn":
			withdrawn[ev.Purpose] = true
		case "consent_granted":
			withdrawn[ev.Purpose] = false
		}
	}
	order, groups := e.byPurpose(recs)
	heldCats := map[string]bool{}
	sources := map[string]*ReportSource{}
	for _, pid := range order {
		rs := groups[pid]
		rp := ReportPurpose{ID: pid, Records: len(rs), ConsentEnded: withdrawn[pid]}
		bases := map[string]bool{}
		pc := map[string]bool{}
		for _, rec := range rs {
			bases[rec.LegalBasis] = true
			t := rec.EventTime.Time
			if rp.FirstSeen.IsZero() || t.Before(rp.FirstSeen) {
				rp.FirstSeen = t
			}
			if t.After(rp.LastSeen) {
				rp.LastSeen = t
			}
			if rec.RetentionUntil.After(rp.RetainUntil) {
				rp.RetainUntil = rec.RetentionUntil.Time
			}
			for _, c := range recCats[rec.key()] {
				if own[c] {
					pc[c] = true
				}
			}
			src := sources[rec.Source]
			if src == nil {
				src = &ReportSource{Source: rec.Source, FirstSeen: t}
				sources[rec.Source] = src
			}
			src.Records++
			if t.Before(src.FirstSeen) {
				src.FirstSeen = t
			}
			if t.After(src.LastSeen) {
				src.LastSeen = t
			}
		}
		rp.UntilWithdrawn = !rp.RetainUntil.Before(tazala.ForeverUntilWithdrawn)
		if p := e.p.Purpose(pid); p != nil {
			rp.Description = p.Description
			rp.Retention = p.Retention.String()
			// categories in policy order; transaction data and request
			// content are in the records, not detected as findings
			for _, c := range p.Categories {
				if pc[c.ID] || len(c.Kinds) == 0 {
					rp.Categories = append(rp.Categories, c.ID)
				}
			}
			for _, c := range e.p.Categories {
				if pc[c.ID] && !p.HasCategory(c.ID) {
					rp.Outside = append(rp.Outside, c.ID)
				}
			}
		} else {
			for c := range pc {
				rp.Categories = append(rp.Categories, c)
			}
			sort.Strings(rp.Categories)
		}
		for b := range bases {
			rp.LegalBases = append(rp.LegalBases, b)
		}
		sort.Strings(rp.LegalBases)
		for _, c := range append(rp.Categories, rp.Outside...) {
			heldCats[c] = true
		}
		r.Purposes = append(r.Purposes, rp)
	}
	for _, c := range e.p.Categories {
		if heldCats[c.ID] {
			r.Categories = append(r.Categories, c.ID)
		}
	}
	for _, src := range sources {
		r.Sources = append(r.Sources, *src)
	}
	sort.Slice(r.Sources, func(i, j int) bool { return r.Sources[i].Source < r.Sources[j].Source })
	for _, rc := range e.p.Recipients {
		if len(groups[rc.Purpose.ID]) == 0 {
			continue
		}
		rr := ReportRecipient{ID: rc.ID, Name: rc.Name, Purpose: rc.Purpose.ID, Basis: rc.Basis.ID, Retention: rc.Retention.String()}
		for _, c := range rc.Categories {
			if heldCats[c.ID] {
				rr.Categories = append(rr.Categories, c.ID)
			}
		}
		r.Recipients = append(r.Recipients, rr)
	}
	if reveal != nil {
		if err := e.reveal(ctx, r, s, *reveal); err != nil {
			return r, err
		}
	}
	detail := fmt.Sprintf("tokens=%d records=%d revealed=%d", len(s.Tokens), len(recs), len(r.Revealed))
	if err := e.event(ctx, s.ID, "report_issued", "", req, detail); err != nil {
		return r, err
	}
	err = e.audit(ctx, tazala.AuditEntry{Action: "subject.report", TokenID: s.ID, Reason: req.Reason, RequestRef: req.Ref, Outcome: "reported"}, detail)
	return r, err
}

func (e *Engine) events(ctx context.Context, s *Subject) ([]ReportEvent, error) {
	var rows []struct {
		Time       chTime `json:"time"`
		Event      string `json:"event"`
		Purpose    string `json:"purpose"`
		RequestRef string `json:"request_ref"`
		Detail     string `json:"detail"`
	}
	// one event per action: block rows are written per token
	if err := e.db.Select(ctx, &rows, `SELECT time, event, purpose, request_ref, any(detail) AS detail FROM subject_events
		WHERE `+inList("subject", "toks")+` GROUP BY time, event, purpose, request_ref ORDER BY time, event`,
		parr("toks", s.IDs())); err != nil {
		return nil, fmt.Errorf("policy: report: events: %w", err)
	}
	out := make([]ReportEvent, len(rows))
	for i, r := range rows {
		out[i] = ReportEvent{Time: r.Time.Time, Event: r.Event, Purpose: r.Purpose, RequestRef: r.RequestRef, Detail: r.Detail}
	}
	return out, nil
}

// reveal decrypts the subject's token-vault entries into the report, one
// audit row per token before its value exists anywhere.
func (e *Engine) reveal(ctx context.Context, r *Report, s *Subject, rv Reveal) error {
	if rv.Ref == "" || len(strings.TrimSpace(rv.Reason)) < 5 {
		return errors.New("policy: report: revealing values needs a reason (at least 5 characters) and a request reference")
	}
	if e.rev == nil {
		return errors.New("policy: report: revealing values needs a decrypter (Vault)")
	}
	if r.Blocked || r.Erased {
		state := "blocked"
		if r.Erased {
			state = "erased"
		}
		if err := e.audit(ctx, tazala.AuditEntry{Action: "reveal", TokenID: s.ID, Reason: rv.Reason, LegalBasis: rv.LegalBasis, RequestRef: rv.Ref,
			Outcome: "refused: " + state}, "report"); err != nil {
			return err
		}
		return fmt.Errorf("policy: report: values not revealed: %w (%s)", tazala.ErrBlocked, state)
	}
	var rows []struct {
		Token      string `json:"token"`
		Kind       string `json:"kind"`
		Ciphertext string `json:"ciphertext"`
		State      string `json:"state"`
	}
	if err := e.vdb.Select(ctx, &rows, `SELECT token, kind, ciphertext, toString(state) AS state FROM token_vault FINAL WHERE `+inList("token", "toks")+` ORDER BY token`,
		parr("toks", s.IDs())); err != nil {
		return fmt.Errorf("policy: report: token_vault: %w", err)
	}
	r.Revealed = map[string]string{}
	for _, row := range rows {
		k, _ := tazala.ParseKind(row.Kind)
		a := tazala.AuditEntry{Action: "reveal", TokenID: row.Token, Kind: k, Reason: rv.Reason, LegalBasis: rv.LegalBasis, RequestRef: rv.Ref}
		if row.State != "active" || row.Ciphertext == "" {
			a.Outcome = "refused: " + row.State
			if err := e.audit(ctx, a, "report"); err != nil {
				return err
			}
			continue
		}
		a.Outcome = "granted"
		if err := e.audit(ctx, a, "report"); err != nil {
			return err
		}
		v, err := e.rev.Decrypt(ctx, row.Ciphertext)
		if err != nil {
			return fmt.Errorf("policy: report: decrypt %s: %w", row.Token, err)
		}
		r.Revealed[row.Token] = string(v)
		clear(v)
	}
	return nil
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

func day(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02")
}

// WriteMarkdown writes the report as Markdown a data-protection officer
// can hand out.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Personal data held about subject %s\n\n", r.Subject)
	fmt.Fprintf(&b, "Generated %s under §4.1 of the privacy policy.\n\n", r.GeneratedAt.Format("2006-01-02 15:04 MST"))
	switch {
	case r.Erased && r.Blocked:
		b.WriteString("**Status:** erased (what the law requires us to keep is listed below) and blocked.\n\n")
	case r.Erased:
		b.WriteString("**Status:** erased; what the law requires us to keep is listed below with its deadline.\n\n")
	case r.Blocked:
		b.WriteString("**Status:** blocked: the data below is frozen (not used, transferred, changed or destroyed) until unblocked.\n\n")
	default:
		b.WriteString("**Status:** active.\n\n")
	}
	if len(r.Purposes) == 0 {
		b.WriteString("No records about this subject are held.\n\n")
	} else {
		fmt.Fprintf(&b, "**Categories held:** %s\n\n", strings.Join(r.Categories, ", "))
		b.WriteString("## Purposes, legal bases and retention\n\n")
		b.WriteString("| purpose | legal basis | categories | records | first seen | last seen | kept until |\n|---|---|---|---|---|---|---|\n")
		for _, p := range r.Purposes {
			until := day(p.RetainUntil) + ": " + p.Retention
			if p.UntilWithdrawn {
				until = "until consent is withdrawn"
			}
			desc := p.ID
			if p.Description != "" {
				desc = p.ID + ": " + p.Description
			}
			cats := strings.Join(p.Categories, ", ")
			if len(p.Outside) > 0 {
				cats += "; **outside the purpose:** " + strings.Join(p.Outside, ", ")
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %d | %s | %s | %s |\n", desc, strings.Join(p.LegalBases, ", "),
				cats, p.Records, day(p.FirstSeen), day(p.LastSeen), until)
		}
		b.WriteString("\n## Sources\n\n| source | records | first seen | last seen |\n|---|---|---|---|\n")
		for _, s := range r.Sources {
			fmt.Fprintf(&b, "| %s | %d | %s | %s |\n", s.Source, s.Records, day(s.FirstSeen), day(s.LastSeen))
		}
		b.WriteString("\n## Recipients (§9)\n\n")
		if len(r.Recipients) == 0 {
			b.WriteString("None.\n")
		} else {
			b.WriteString("| recipient | purpose | basis | categories | kept |\n|---|---|---|---|---|\n")
			for _, rc := range r.Recipients {
				fmt.Fprintf(&b, "| %s (%s) | %s | %s | %s | %s |\n", rc.Name, rc.ID, rc.Purpose, rc.Basis, strings.Join(rc.Categories, ", "), rc.Retention)
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("## Identifiers (tokens) and how they were linked\n\n| token | kind | category | linked via |")
	reveal := len(r.Revealed) > 0
	if reveal {
		b.WriteString(" value |\n|---|---|---|---|---|\n")
	} else {
		b.WriteString("\n|---|---|---|---|\n")
	}
	for _, t := range r.Tokens {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |", t.Token, t.Kind, t.Category, t.Via)
		if reveal {
			fmt.Fprintf(&b, " %s |", mdEscape(r.Revealed[t.Token]))
		}
		b.WriteString("\n")
	}
	if len(r.Shared) > 0 {
		b.WriteString("\nSeen in the same records but also with other subjects, so not attributed to this one: ")
		for i, t := range r.Shared {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s (%s)", t.Token, t.Kind)
		}
		b.WriteString("\n")
	}
	if len(r.Events) > 0 {
		b.WriteString("\n## Requests and events\n\n| time | event | purpose | request | detail |\n|---|---|---|---|---|\n")
		for _, ev := range r.Events {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", ev.Time.UTC().Format("2006-01-02 15:04:05"), ev.Event, ev.Purpose, ev.RequestRef, mdEscape(ev.Detail))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var mdEscaper = strings.NewReplacer("|", `\|`, "\n", " ")

func mdEscape(s string) string { return mdEscaper.Replace(s) }
