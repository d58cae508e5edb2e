package policy_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/tokenize/local"
	"github.com/tazala/tazala/tokenize/vault"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Add(10 * time.Hour)
}

func newPerson(g *synth.Generator, name, email string) person {
	return person{IIN: g.IIN(), Phone: "+7 701 " + fmt.Sprintf("%03d %02d %02d", 100+len(email)*7%900, len(name)%90+10, len(email)%90+10), Email: email, Name: name, PAN: g.PAN()}
}

// remaining lists "source/offset purpose" of every record left.
func remaining(t *testing.T, db tazala.DB) []string {
	t.Helper()
	var rows []struct {
		Source  string `json:"source"`
		Offset  int64  `json:"offset"`
		Purpose string `json:"purpose"`
	}
	if err := db.Select(context.Background(), &rows, `SELECT source, offset, purpose FROM redacted_records FINAL ORDER BY source, offset`); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprintf("%s/%d %s", r.Source, r.Offset, r.Purpose))
	}
	return out
}

func indexCount(t *testing.T, db tazala.DB, where string) int {
	t.Helper()
	var rows []struct {
		N int `json:"n"`
	}
	if err := db.Select(context.Background(), &rows, `SELECT toInt32(count()) AS n FROM pii_index FINAL WHERE `+where); err != nil {
		t.Fatal(err)
	}
	return rows[0].N
}

type auditRow struct {
	Action     string `json:"action"`
	Token      string `json:"token"`
	RequestRef string `json:"request_ref"`
	Outcome    string `json:"outcome"`
	Detail     string `json:"detail"`
}

// auditSince returns the audit rows after the first n.
func audits(t *testing.T, db tazala.DB) []auditRow {
	t.Helper()
	var rows []auditRow
	if err := db.Select(context.Background(), &rows, `SELECT action, token, request_ref, outcome, detail FROM audit_log ORDER BY time`); err != nil {
		t.Fatal(err)
	}
	return rows
}

func events(t *testing.T, db tazala.DB, subject string) []string {
	t.Helper()
	var rows []struct {
		Event   string `json:"event"`
		Purpose string `json:"purpose"`
	}
	if err := db.Select(context.Background(), &rows, `SELECT event, purpose FROM subject_events WHERE subject = {s:String} ORDER BY time`,
		tazala.Param{Name: "s", Value: subject}); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, strings.TrimSuffix(r.Event+" "+r.Purpose, " "))
	}
	return out
}

func vaultStates(t *testing.T, db tazala.DB, toks []string) map[string]string {
	t.Helper()
	var rows []struct {
		Token      string `json:"token"`
		State      string `json:"state"`
		Ciphertext string `json:"ciphertext"`
	}
	if err := db.Select(context.Background(), &rows, `SELECT token, toString(state) AS state, ciphertext FROM token_vault WHERE has(splitByChar(',', {t:String}), token) ORDER BY token, updated`,
		tazala.Param{Name: "t", Value: strings.Join(toks, ",")}); err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, r := range rows {
		// every physical version: an erased token has no version with a ciphertext left
		if _, ok := m[r.Token]; ok && r.Ciphertext != "" && m[r.Token] == "erased" {
			m[r.Token] = "erased-but-ciphertext-left"
			continue
		}
		m[r.Token] = r.State
		if r.State == "erased" && r.Ciphertext != "" {
			m[r.Token] = "erased-but-ciphertext-left"
		}
	}
	return m
}

func eq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func localTokenizer(t *testing.T) tazala.Tokenizer {
	key := make([]byte, local.KeySize)
	rand.Read(key)
	tk, err := local.New(local.Config{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tk.Close() })
	return tk
}

// TestCustomerScenario is the scenario with local tokens: a
// customer pays twice, writes to support, gets a payment notification,
// asks for a report, revokes consent, asks for erasure (twice), and the
// topic is replayed; another customer is never touched.
func TestCustomerScenario(t *testing.T) {
	stack.Integration(t)
	runScenario(t, ctTokenizer{localTokenizer(t)}, nil)
}

// TestCustomerScenarioVault is the same scenario with Vault transit tokens
// and the report's values revealed through Vault until the erasure.
func TestCustomerScenarioVault(t *testing.T) {
	v := stack.NeedVault(t)
	tk, err := vault.New(context.Background(), vault.Config{Addr: v.URL, Token: v.Token, Encrypt: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tk.Close() })
	runScenario(t, tk, tk)
}

func runScenario(t *testing.T, tk tazala.Tokenizer, rev policy.Revealer) {
	ctx := context.Background()
	db := openDB(t)
	g := synth.New(42)
	aig := newPerson(g, "Жумабекова Айгерим Сериковна", "aigerim.zh@mail.example.kz")
	bob := newPerson(g, "Оспанов Ерлан Маратович", "erlan.o@inbox.example.kz")
	topic := []tazala.Record{
		payment("payments", 1, day("2026-03-10"), aig, 4500),
		payment("payments", 2, day("2026-03-11"), bob, 12000),
		payment("payments", 3, day("2026-05-20"), aig, 7800),
		notification(1, day("2026-05-20"), aig),
		supportReq(1, day("2026-06-01"), aig),
		supportReq(2, day("2026-06-02"), bob),
	}
	ledger := policy.NewLedger(policy.LedgerConfig{DB: db})
	if outs := ingest(t, db, tk, ledger, topic); len(outs) != len(topic) {
		t.Fatalf("ingested %d of %d", len(outs), len(topic))
	}
	clk := &clock{day("2026-07-01")}
	e, err := policy.New(policy.Config{DB: db, Tokenizer: tk, Revealer: rev, Actor: "dpo@test", Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	all := remaining(t, db)
	eq(t, "ingested", all, []string{"notifications.email/1 notifications", "payments/1 payments", "payments/2 payments", "payments/3 payments",
		"support-requests/1 support", "support-requests/2 support"})
	bobIdx := indexCount(t, db, "offset = 2")

	// 1. the customer gives only her phone number
	subj, err := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindPhone, Value: []byte(aig.Phone)}})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, tok := range subj.Tokens {
		kinds[tok.Kind]++
		if tok.Via == "" {
			t.Errorf("token %s without a link", tok.Token)
		}
	}
	// IIN, phone, e-mail, name, one card (paid with twice); the expiry
	// 03/30 is Bob's too: shown as shared, not hers to erase
	if fmt.Sprint(kinds) != "map[card_pan:1 email:1 iin:1 person_name:1 phone:1]" {
		t.Errorf("linked tokens by kind: %v (%+v)", kinds, subj.Tokens)
	}
	if len(subj.Shared) != 1 || subj.Shared[0].Kind != "card_expiry" {
		t.Errorf("shared tokens %+v, want the expiry", subj.Shared)
	}
	if subj.Tokens[0].Via != "given" || subj.Tokens[0].Kind != "phone" {
		t.Errorf("first token %+v, want the given phone", subj.Tokens[0])
	}
	aigIIN := ""
	for _, tok := range subj.Tokens {
		if tok.Kind == "iin" {
			aigIIN = tok.Token
		}
	}
	if subj.ID != aigIIN {
		t.Errorf("subject %s, want the IIN token %s", subj.ID, aigIIN)
	}
	// the same subject from her e-mail or IIN
	for _, id := range []policy.Identifier{{Kind: tazala.KindEmail, Value: []byte(aig.Email)}, {Kind: tazala.KindIIN, Value: []byte(aig.IIN)}} {
		s2, err := e.Resolve(ctx, []policy.Identifier{id})
		if err != nil {
			t.Fatal(err)
		}
		if s2.ID != subj.ID || len(s2.Tokens) != len(subj.Tokens) {
			t.Errorf("from %s: subject %s with %d tokens, want %s with %d", id.Kind, s2.ID, len(s2.Tokens), subj.ID, len(subj.Tokens))
		}
	}

	// 2. report (§4.1)
	var reveal *policy.Reveal
	if rev != nil {
		reveal = &policy.Reveal{Request: policy.Request{Ref: "DSAR-2026-001", Reason: "customer's access request"}}
	}
	rep, err := e.Report(ctx, subj, policy.Request{Ref: "DSAR-2026-001"}, reveal)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "categories", rep.Categories, []string{"FIO", "IIN", "phone", "e-mail", "transaction data", "card details", "request content"})
	var purposes []string
	for _, p := range rep.Purposes {
		purposes = append(purposes, fmt.Sprintf("%s records=%d bases=%v cats=%v first=%s last=%s until=%s withdrawn=%v", p.ID, p.Records, p.LegalBases,
			p.Categories, p.FirstSeen.Format("2006-01-02"), p.LastSeen.Format("2006-01-02"), p.RetainUntil.Format("2006-01-02"), p.UntilWithdrawn))
	}
	eq(t, "report purposes", purposes, []string{
		"payments records=2 bases=[consent] cats=[FIO IIN phone e-mail transaction data card details] first=2026-03-10 last=2026-05-20 until=2031-05-20 withdrawn=false",
		"support records=1 bases=[request] cats=[FIO phone e-mail request content] first=2026-06-01 last=2026-06-01 until=2106-01-01 withdrawn=true",
		"notifications records=1 bases=[consent] cats=[e-mail] first=2026-05-20 last=2026-05-20 until=2106-01-01 withdrawn=true",
	})
	var recips []string
	for _, r := range rep.Recipients {
		recips = append(recips, r.ID+" "+strings.Join(r.Categories, ","))
	}
	eq(t, "recipients", recips, []string{"merchant FIO,IIN,phone,e-mail,transaction data", "bank FIO,IIN,phone,e-mail,transaction data,card details"})
	var srcs []string
	for _, s := range rep.Sources {
		srcs = append(srcs, fmt.Sprintf("%s %d", s.Source, s.Records))
	}
	eq(t, "sources", srcs, []string{"notifications.email 1", "payments 2", "support-requests 1"})
	var md, js bytes.Buffer
	if err := rep.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{aig.IIN, aig.Phone, aig.Email, aig.PAN, "Жумабекова"} {
		if rev == nil && (strings.Contains(md.String(), v) || strings.Contains(js.String(), v)) {
			t.Errorf("report shows a value without --reveal")
		}
	}
	if rev != nil {
		if got := rep.Revealed[aigIIN]; got != aig.IIN {
			t.Errorf("revealed IIN wrong (len %d)", len(got))
		}
		if !strings.Contains(md.String(), aig.Email) {
			t.Errorf("revealed report misses the e-mail")
		}
	}
	t.Logf("report:\n%s", md.String())

	// 3. revoke consent (§4.5): support and notifications end, payments stay
	out, err := e.RevokeConsent(ctx, subj, policy.Request{Ref: "REQ-2", Reason: "customer withdrew consent by e-mail"})
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "after revoke", remaining(t, db), []string{"payments/1 payments", "payments/2 payments", "payments/3 payments", "support-requests/2 support"})
	if len(out.Kept) != 1 || out.Kept[0].Purpose != "payments" || out.Kept[0].Records != 2 || out.Kept[0].Until.Format("2006-01-02") != "2031-05-20" ||
		!strings.Contains(out.Kept[0].Reason, "statutory") {
		t.Errorf("revoke kept %+v", out.Kept)
	}
	eq(t, "events after revoke", events(t, db, subj.ID), []string{"report_issued", "consent_withdrawn support", "consent_withdrawn notifications"})
	if n := indexCount(t, db, "source != 'payments' AND offset = 1"); n != 0 {
		t.Errorf("%d index rows of withdrawn records left", n)
	}
	rep, _ = e.Report(ctx, subj, policy.Request{}, nil)
	if len(rep.Purposes) != 1 || rep.Purposes[0].ID != "payments" || len(rep.Events) != 3 {
		t.Errorf("report after revoke: %+v events %+v", rep.Purposes, rep.Events)
	}

	// 4. erase (§4.4): payment data held until 2031-05-20, the rest gone
	clk.t = day("2026-07-15")
	out, err = e.Erase(ctx, subj, policy.Request{Ref: "REQ-3", Reason: "customer asked for destruction"})
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "after erase", remaining(t, db), []string{"payments/1 payments", "payments/2 payments", "payments/3 payments", "support-requests/2 support"})
	if len(out.Kept) != 1 || out.Kept[0].Records != 2 || out.Kept[0].Until.Format("2006-01-02") != "2031-05-20" {
		t.Errorf("erase kept %+v", out.Kept)
	}
	states := vaultStates(t, db, subj.IDs())
	for _, tok := range subj.Tokens {
		if states[tok.Token] != "erased" {
			t.Errorf("token %s (%s) in the vault: %q, want erased", tok.Token, tok.Kind, states[tok.Token])
		}
	}
	erased, err := ledger.Erased(ctx, subj.IDs())
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range erased {
		if !x {
			t.Errorf("token %s not in the erasure ledger", subj.IDs()[i])
		}
	}
	eq(t, "events after erase", events(t, db, subj.ID), []string{"report_issued", "consent_withdrawn support", "consent_withdrawn notifications",
		"report_issued", "erasure_deferred payments", "erased"})
	rep, _ = e.Report(ctx, subj, policy.Request{}, nil)
	if !rep.Erased || len(rep.Purposes) != 1 || rep.Purposes[0].Records != 2 {
		t.Errorf("report after erase: erased=%v %+v", rep.Erased, rep.Purposes)
	}
	if rev != nil {
		if _, err := e.Report(ctx, subj, policy.Request{Ref: "DSAR-2026-001"}, reveal); !errors.Is(err, tazala.ErrBlocked) {
			t.Errorf("reveal after erase: %v, want ErrBlocked", err)
		}
	}

	if st, err := e.TokenState(ctx, aigIIN); err != nil || st != tazala.TokenErased {
		t.Errorf("TokenState after erase: %v %v", st, err)
	}

	// 5. erase again: idempotent
	ledgerRows := func() int {
		var r []struct {
			N int `json:"n"`
		}
		db.Select(ctx, &r, `SELECT toInt32(count()) AS n FROM erasure_ledger FINAL`)
		return r[0].N
	}
	before := ledgerRows()
	out, err = e.Erase(ctx, subj, policy.Request{Ref: "REQ-3b"})
	if err != nil {
		t.Fatal(err)
	}
	if ledgerRows() != before || len(out.Done) != 1 || !strings.Contains(out.Done[0], "nothing more") {
		t.Errorf("second erase: ledger %d→%d, %+v", before, ledgerRows(), out.Done)
	}
	eq(t, "events after the second erase", events(t, db, subj.ID), []string{"report_issued", "consent_withdrawn support", "consent_withdrawn notifications",
		"report_issued", "erasure_deferred payments", "erased", "report_issued"})

	// 6. the topic is replayed through the processing step with the
	// ledger: her values come back as masks, with no token and no subject;
	// her vault entries stay erased; Bob's records are as before
	mine := map[string]bool{}
	for _, id := range subj.IDs() {
		mine[id] = true
	}
	for _, o := range ingest(t, db, tk, ledger, topic) {
		for _, tok := range o.Tokens {
			if mine[tok.ID] {
				t.Errorf("replay of %s/%d wrote her token %s", o.Record.Source, o.Record.Offset, tok.ID)
			}
		}
		if mine[o.Subject] {
			t.Errorf("replay of %s/%d is about her again", o.Record.Source, o.Record.Offset)
		}
	}
	eq(t, "after replay", remaining(t, db), all)
	for _, id := range subj.IDs() {
		if n := indexCount(t, db, "token = '"+id+"' AND source != 'payments'"); n != 0 {
			t.Errorf("after replay: %d index rows hold her token %s outside the held payments", n, id)
		}
	}
	var leaked []struct {
		Source string `json:"source"`
	}
	if err := db.Select(ctx, &leaked, `SELECT source FROM redacted_records FINAL WHERE source != 'payments' AND (`+
		`has(splitByChar(',', {t:String}), subject) OR arrayExists(x -> position(payload, x) > 0, splitByChar(',', {t:String})))`,
		tazala.Param{Name: "t", Value: strings.Join(subj.IDs(), ",")}); err != nil {
		t.Fatal(err)
	}
	if len(leaked) != 0 {
		t.Errorf("after replay %d non-payment records name her", len(leaked))
	}
	states = vaultStates(t, db, subj.IDs())
	for _, tok := range subj.Tokens {
		if states[tok.Token] != "erased" {
			t.Errorf("after replay token %s (%s): %q, want erased", tok.Token, tok.Kind, states[tok.Token])
		}
	}
	if n := indexCount(t, db, "offset = 2"); n != bobIdx {
		t.Errorf("Bob's index rows %d, want %d", n, bobIdx)
	}
	if again, _ := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindPhone, Value: []byte(aig.Phone)}}); len(again.Tokens) != len(subj.Tokens) {
		t.Errorf("after replay she resolves to %d tokens, want %d", len(again.Tokens), len(subj.Tokens))
	}

	// 7. the audit trail of the requests, in order
	var acts []string
	for _, a := range audits(t, db) {
		if strings.HasPrefix(a.Action, "subject.") {
			acts = append(acts, a.Action+" "+a.RequestRef+" "+a.Outcome)
		}
	}
	sort.Strings(acts)
	want := []string{"subject.erase REQ-3 erased", "subject.erase REQ-3b erased", "subject.report  reported", "subject.report  reported", "subject.report DSAR-2026-001 reported",
		"subject.revoke_consent REQ-2 consent withdrawn"}
	eq(t, "audit", acts, want)

	// 8. five years after the last payment, retention deletes the held data
	res, err := e.Enforce(ctx, day("2031-05-21"), false)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "after 2031-05-21", remaining(t, db), []string{"notifications.email/1 notifications", "support-requests/1 support", "support-requests/2 support"})
	if len(res.Purposes) != 1 || res.Purposes[0].Purpose != "payments" || res.Purposes[0].Records != 3 || res.Purposes[0].IndexRows == 0 {
		t.Errorf("enforce: %+v", res.Purposes)
	}
	if n := indexCount(t, db, "purpose = 'payments'"); n != 0 {
		t.Errorf("%d payment index rows left", n)
	}
}
