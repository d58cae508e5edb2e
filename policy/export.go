package policy

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/tazala/tazala"
)

// ExportFilter narrows an export.
type ExportFilter struct {
	From, To time.Time // event time range, [From, To); zero: open
	Source   string    // one source; empty: all
}

// ExportResult counts what an export wrote and withheld.
type ExportResult struct {
	Recipient string `json:"recipient"`
	Records   int    `json:"records"`
	// SkippedBlocked and SkippedErased count records left out because
	// their subject is blocked (frozen) or erased.
	SkippedBlocked int `json:"skipped_blocked"`
	SkippedErased  int `json:"skipped_erased"`
	// Withheld counts tokens removed because the recipient may not receive
	// their category (card details for merchants).
	Withheld int `json:"withheld"`
}

// exportRow is one line of an export.
type exportRow struct {
	Source         string    `json:"source"`
	Partition      int32     `json:"partition"`
	Offset         int64     `json:"offset"`
	EventTime      time.Time `json:"event_time"`
	Purpose        string    `json:"purpose"`
	Basis          string    `json:"legal_basis"`
	RetainUntil    time.Time `json:"retain_until"`
	Payload        string    `json:"payload"`
	WithheldTokens int       `json:"withheld,omitempty"`
}

// tokenRe matches a redaction token as the redactor writes it:
// [LABEL], [LABEL:tk_…] or [PAN:first6/last4:tk_…].
var tokenRe = regexp.MustCompile(`\[(IIN|PHONE|EMAIL|PAN|EXP|CVV|NAME|PII)(?::[^\[\]"\\]{0,64})?\]`)

var labelKind = map[string]tazala.Kind{
	"IIN": tazala.KindIIN, "PHONE": tazala.KindPhone, "EMAIL": tazala.KindEmail, "PAN": tazala.KindPAN,
	"EXP": tazala.KindExpiry, "CVV": tazala.KindCVV, "NAME": tazala.KindName,
}

// Export writes, as JSON lines, the records of the recipient's purpose
// that it may receive (§9): tokens of categories the recipient does not
// receive are replaced by a bare label ("[PAN]"), so a merchant never sees
// card data, not even a card's token or its first6/last4; records of
// blocked or erased subjects are left out. The retention the recipient
// must apply is on each line. An audit row records the export.
func (e *Engine) Export(ctx context.Context, w io.Writer, recipient string, f ExportFilter, req Request) (*ExportResult, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	rc := e.p.Recipient(recipient)
	if rc == nil {
		var ids []string
		for _, r := range e.p.Recipients {
			ids = append(ids, r.ID)
		}
		return nil, fmt.Errorf("policy: export: unknown recipient %q (the policy names %v)", recipient, ids)
	}
	blocked, err := e.blockedTokens(ctx)
	if err != nil {
		return nil, err
	}
	var erased []struct {
		Token string `json:"token"`
	}
	if err := e.db.Select(ctx, &erased, `SELECT DISTINCT token FROM erasure_ledger`); err != nil {
		return nil, fmt.Errorf("policy: export: erasure_ledger: %w", err)
	}
	er := make([]string, len(erased))
	for i, x := range erased {
		er[i] = x.Token
	}
	from, to := f.From, f.To
	if from.IsZero() {
		from = time.Unix(0, 0)
	}
	if to.IsZero() {
		to = tazala.ForeverUntilWithdrawn
	}
	ps := []tazala.Param{pstr("purpose", rc.Purpose.ID), pms("from", from), pms("to", to), pstr("source", f.Source),
		parr("blocked", blocked), parr("erased", er)}
	var rows []struct {
		Source    string `json:"source"`
		Partition int32  `json:"partition"`
		Offset    count  `json:"offset"`
		EventTime chTime `json:"event_time"`
		Basis     string `json:"legal_basis"`
		Payload   string `json:"payload"`
		Blocked   uint8  `json:"blocked"`
		Erased    uint8  `json:"erased"`
	}
	inSet := func(param string) string {
		return `(` + inList("subject", param) + ` OR (source, partition, offset) IN (SELECT source, partition, offset FROM pii_index WHERE ` + inList("token", param) + `))`
	}
	err = e.db.Select(ctx, &rows, `SELECT source, partition, offset, event_time, legal_basis, payload,
			`+inSet("blocked")+` AS blocked, `+inSet("erased")+` AS erased
		FROM redacted_records FINAL
		WHERE purpose = {purpose:String} AND event_time >= `+ts("from")+` AND event_time < `+ts("to")+`
			AND ({source:String} = '' OR source = {source:String})
		ORDER BY event_time, source, partition, offset`, ps...)
	if err != nil {
		return nil, fmt.Errorf("policy: export: %w", err)
	}
	res := &ExportResult{Recipient: rc.ID}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range rows {
		switch {
		case r.Blocked != 0:
			res.SkippedBlocked++
			continue
		case r.Erased != 0:
			res.SkippedErased++
			continue
		}
		out := exportRow{Source: r.Source, Partition: r.Partition, Offset: int64(r.Offset), EventTime: r.EventTime.Time,
			Purpose: rc.Purpose.ID, Basis: rc.Basis.ID, RetainUntil: rc.Retention.Until(r.EventTime.Time)}
		out.Payload = tokenRe.ReplaceAllStringFunc(r.Payload, func(tok string) string {
			m := tokenRe.FindStringSubmatch(tok)
			k, ok := labelKind[m[1]]
			if ok && rc.Allows(k) || !strings.Contains(tok, ":") {
				return tok
			}
			out.WithheldTokens++
			return "[" + m[1] + "]"
		})
		res.Withheld += out.WithheldTokens
		if err := enc.Encode(out); err != nil {
			return nil, fmt.Errorf("policy: export: write: %w", err)
		}
		res.Records++
	}
	err = e.audit(ctx, tazala.AuditEntry{Action: "export", Reason: req.Reason, LegalBasis: rc.Basis.ID, RequestRef: req.Ref, Outcome: "exported"},
		fmt.Sprintf("recipient=%s records=%d skipped_blocked=%d skipped_erased=%d withheld_tokens=%d", rc.ID, res.Records, res.SkippedBlocked, res.SkippedErased, res.Withheld))
	return res, err
}
