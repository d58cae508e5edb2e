package policy_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy"
)

// TestConsentWithdrawnAtIngest: after a customer revokes consent (§4.5),
// new and replayed records of the consent-based purposes (notifications,
// support) keep nothing of her when they go through the real processing
// step, while a new payment of hers (statutory, five years) is stored and
// indexed as before, and another customer is untouched.
func TestConsentWithdrawnAtIngest(t *testing.T) {
	stack.Integration(t)
	ctx := context.Background()
	db := openDB(t)
	tk := ctTokenizer{localTokenizer(t)}
	g := synth.New(77)
	aig := newPerson(g, "Касымова Динара Ерлановна", "dinara.k@mail.example.kz")
	bob := newPerson(g, "Сейткали Арман Нурланович", "arman.s@inbox.example.kz")
	aig.Phone, bob.Phone = "+7 701 555 12 34", "+7 702 444 56 78"
	topic := []tazala.Record{
		payment("payments", 1, day("2026-03-10"), aig, 4500),
		payment("payments", 2, day("2026-03-11"), bob, 12000),
		notification(1, day("2026-03-10"), aig),
		supportReq(1, day("2026-04-01"), aig),
		supportReq(2, day("2026-04-02"), bob),
	}
	ledger := policy.NewLedger(policy.LedgerConfig{DB: db})
	cached := policy.NewLedger(policy.LedgerConfig{DB: db, MaxAge: 1 << 40})
	ingest(t, db, tk, ledger, topic)
	e, err := policy.New(policy.Config{DB: db, Tokenizer: tk, Actor: "dpo@test", Now: (&clock{day("2026-07-01")}).Now})
	if err != nil {
		t.Fatal(err)
	}
	subj, err := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindEmail, Value: []byte(aig.Email)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cached.Entries(ctx, subj.IDs()); err != nil { // loaded before the withdrawal
		t.Fatal(err)
	}
	if _, err := e.RevokeConsent(ctx, subj, policy.Request{Ref: "REQ-C1", Reason: "withdrew consent"}); err != nil {
		t.Fatal(err)
	}
	// a forged withdrawal of the statutory purpose is ignored by the ledger
	if err := db.Exec(ctx, `INSERT INTO subject_events (time, subject, event, purpose, actor, request_ref, detail)
		SELECT now64(3, 'UTC'), {s:String}, 'consent_withdrawn', 'payments', 'test', 'FORGED', ''`, tazala.Param{Name: "s", Value: subj.ID}); err != nil {
		t.Fatal(err)
	}
	eq(t, "after revoke", remaining(t, db), []string{"payments/1 payments", "payments/2 payments", "support-requests/2 support"})

	// the ledger knows the withdrawal by every one of her tokens
	cached.Invalidate()
	for name, l := range map[string]*policy.Ledger{"uncached": ledger, "cached": cached} {
		es, err := l.Entries(ctx, subj.IDs())
		if err != nil {
			t.Fatal(err)
		}
		for i, en := range es {
			if en.Erased || strings.Join(en.Withdrawn, ",") != "support,notifications" && strings.Join(en.Withdrawn, ",") != "notifications,support" {
				t.Errorf("%s ledger: token %s (%s): %+v, want support and notifications withdrawn", name, subj.IDs()[i], subj.Tokens[i].Kind, en)
			}
		}
	}
	// the report still shows one consent_withdrawn event per purpose
	rep, err := e.Report(ctx, subj, policy.Request{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var evs []string
	for _, ev := range rep.Events {
		evs = append(evs, ev.Event+" "+ev.Purpose+" "+ev.RequestRef)
	}
	eq(t, "report events", evs, []string{"consent_withdrawn support REQ-C1", "consent_withdrawn notifications REQ-C1", "consent_withdrawn payments FORGED"})

	mine := map[string]bool{}
	for _, id := range subj.IDs() {
		mine[id] = true
	}
	// she writes to support again from a new address the store has never seen
	newMail := "dinara.new@mail.example.kz"
	nt, err := tk.Tokenize(ctx, []tazala.TokenRequest{{Kind: tazala.KindEmail, Value: []byte(newMail)}})
	if err != nil {
		t.Fatal(err)
	}
	mine[nt[0].ID] = true
	aigNew := aig
	aigNew.Email = newMail
	vaultRows := func() int {
		var ids []string
		for id := range mine {
			ids = append(ids, id)
		}
		var rows []struct {
			N int `json:"n"`
		}
		if err := db.Select(ctx, &rows, `SELECT toInt32(count()) AS n FROM token_vault WHERE has(splitByChar(',', {t:String}), token)`,
			tazala.Param{Name: "t", Value: strings.Join(ids, ",")}); err != nil {
			t.Fatal(err)
		}
		return rows[0].N
	}
	vaultBefore := vaultRows()
	bobIdx := indexCount(t, db, "source = 'support-requests'")

	// 1. new consent-based records of hers (and Bob's) through the processing step
	outs := ingest(t, db, tk, ledger, []tazala.Record{
		notification(2, day("2026-07-02"), aig),
		supportReq(3, day("2026-07-03"), aigNew),
		notification(3, day("2026-07-02"), bob),
		supportReq(4, day("2026-07-03"), bob),
	})
	for _, o := range outs[:2] {
		if o.Subject != "" {
			t.Errorf("%s/%d: subject %s, want none", o.Record.Source, o.Record.Offset, o.Subject)
		}
		for _, tok := range o.Tokens {
			if tok.ID != "" {
				t.Errorf("%s/%d: kept a %s token", o.Record.Source, o.Record.Offset, tok.Kind)
			}
		}
		for _, v := range []string{aig.Email, aig.Phone, newMail, "Касымова"} {
			if strings.Contains(string(o.Record.Value), v) {
				t.Errorf("%s/%d: a value of hers is in the record", o.Record.Source, o.Record.Offset)
			}
		}
	}
	for _, o := range outs[2:] {
		if o.Subject == "" || mine[o.Subject] {
			t.Errorf("Bob's %s/%d: subject %q", o.Record.Source, o.Record.Offset, o.Subject)
		}
		for _, tok := range o.Tokens {
			if tok.ID == "" && tok.Kind != tazala.KindCVV {
				t.Errorf("Bob's %s/%d: %s masked", o.Record.Source, o.Record.Offset, tok.Kind)
			}
		}
	}
	if n := indexCount(t, db, "((source = 'notifications.email' AND offset = 2) OR (source = 'support-requests' AND offset = 3)) AND (token != '' OR subject != '')"); n != 0 {
		t.Errorf("%d index rows of her new consent-based records hold a token or subject", n)
	}
	if n := indexCount(t, db, "source = 'support-requests' AND offset = 4 AND token != ''"); n == 0 || indexCount(t, db, "source = 'support-requests'") != bobIdx+n+indexCount(t, db, "source = 'support-requests' AND offset = 3") {
		t.Errorf("Bob's new support request: %d index rows with tokens", n)
	}
	if got := vaultRows(); got != vaultBefore {
		t.Errorf("token vault rows of hers: %d → %d, want unchanged", vaultBefore, got)
	}
	noneOfHers := func(when string) {
		t.Helper()
		var leaked []struct {
			Source string `json:"source"`
			Offset int64  `json:"offset"`
		}
		var ids []string
		for id := range mine {
			ids = append(ids, id)
		}
		if err := db.Select(ctx, &leaked, `SELECT source, offset FROM redacted_records FINAL WHERE purpose != 'payments' AND (`+
			`has(splitByChar(',', {t:String}), subject) OR arrayExists(x -> position(payload, x) > 0, splitByChar(',', {t:String})))`,
			tazala.Param{Name: "t", Value: strings.Join(ids, ",")}); err != nil {
			t.Fatal(err)
		}
		if len(leaked) != 0 {
			t.Errorf("%s: consent-based records name her: %+v", when, leaked)
		}
		for id := range mine {
			if n := indexCount(t, db, "purpose != 'payments' AND (token = '"+id+"' OR subject = '"+id+"')"); n != 0 {
				t.Errorf("%s: %d consent-based index rows hold her token %s", when, n, id)
			}
		}
	}
	noneOfHers("new records")

	// 2. a new payment of hers: statutory, stored and indexed as before
	pay := ingest(t, db, tk, ledger, []tazala.Record{payment("payments", 3, day("2026-07-04"), aig, 9900)})[0]
	if pay.Subject != subj.ID {
		t.Errorf("new payment: subject %q, want her IIN token %s", pay.Subject, subj.ID)
	}
	if n := indexCount(t, db, "source = 'payments' AND offset = 3 AND subject = '"+subj.ID+"' AND token != ''"); n < 5 {
		t.Errorf("new payment: %d index rows of hers, want her IIN, phone, e-mail, name and card", n)
	}
	for _, tok := range subj.Tokens {
		if st := vaultStates(t, db, []string{tok.Token})[tok.Token]; st != "active" {
			t.Errorf("new payment: her %s in the token vault: %q, want active", tok.Kind, st)
		}
	}

	// 3. the whole topic and the new records are replayed (daemon-style,
	// cached ledger): nothing of hers comes back outside payments
	replay := append(append([]tazala.Record{}, topic...), notification(2, day("2026-07-02"), aig), supportReq(3, day("2026-07-03"), aigNew))
	ingest(t, db, tk, cached, replay)
	noneOfHers("replay")
	if st := vaultStates(t, db, []string{nt[0].ID})[nt[0].ID]; st != "" {
		t.Errorf("after replay her new e-mail is in the token vault (%s)", st)
	}
	eq(t, "after replay", remaining(t, db), []string{"notifications.email/1 notifications", "notifications.email/2 notifications", "notifications.email/3 notifications",
		"payments/1 payments", "payments/2 payments", "payments/3 payments",
		"support-requests/1 support", "support-requests/2 support", "support-requests/3 support", "support-requests/4 support"})
	if n := indexCount(t, db, "source = 'payments' AND offset = 1 AND subject = '"+subj.ID+"'"); n == 0 {
		t.Error("replayed payment of hers not indexed under her")
	}
}
