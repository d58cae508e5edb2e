package policy_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/scanner"
)

// TestRectify: a corrected e-mail replaces the old one in support data;
// payment data keeps the old value (§7.1) and the outcome says why; a
// value found only in payment data is refused outright.
func TestRectify(t *testing.T) {
	stack.Integration(t)
	ctx := context.Background()
	db := openDB(t)
	tk := localTokenizer(t)
	g := synth.New(11)
	p := newPerson(g, "Байжанова Гульнара Ерлановна", "gulnara.b@mail.example.kz")
	ingest(t, db, tk, nil, []tazala.Record{payment("payments", 1, day("2026-03-01"), p, 100), supportReq(1, day("2026-04-01"), p)})
	e, _ := policy.New(policy.Config{DB: db, Tokenizer: tk, Actor: "dpo@test", Now: (&clock{day("2026-07-01")}).Now})
	s, err := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindIIN, Value: []byte(p.IIN)}})
	if err != nil {
		t.Fatal(err)
	}
	newMail := "gulnara.baizhanova@mail.example.kz"
	out, err := e.Rectify(ctx, s, policy.Request{Ref: "RECT-1", Reason: "new e-mail, passport shown"}, tazala.KindEmail, []byte(newMail))
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Kept) != 1 || out.Kept[0].Purpose != "payments" || !strings.Contains(out.Kept[0].Reason, "§7.1") {
		t.Errorf("kept %+v, want the payment with §7.1", out.Kept)
	}
	toks, _ := tk.Tokenize(ctx, []tazala.TokenRequest{{Kind: tazala.KindEmail, Value: []byte(p.Email)}, {Kind: tazala.KindEmail, Value: []byte(newMail)}})
	oldTok, newTok := toks[0].ID, toks[1].ID
	var recs []struct {
		Source  string `json:"source"`
		Payload string `json:"payload"`
	}
	if err := db.Select(ctx, &recs, `SELECT source, payload FROM redacted_records FINAL ORDER BY source`); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		hasOld, hasNew := strings.Contains(r.Payload, oldTok), strings.Contains(r.Payload, newTok)
		if r.Source == "payments" && (!hasOld || hasNew) || r.Source == "support-requests" && (hasOld || !hasNew) {
			t.Errorf("%s: old token %v, new token %v", r.Source, hasOld, hasNew)
		}
	}
	if n := indexCount(t, db, "source = 'support-requests' AND token = '"+newTok+"'"); n != 1 {
		t.Errorf("support index rows with the new token: %d", n)
	}
	if n := indexCount(t, db, "source = 'support-requests' AND token = '"+oldTok+"'"); n != 0 {
		t.Errorf("support index rows with the old token: %d", n)
	}
	// the IIN is only in payment data: refused, and said why
	out, err = e.Rectify(ctx, s, policy.Request{Ref: "RECT-2"}, tazala.KindIIN, []byte(g.IIN()))
	if !errors.Is(err, policy.ErrRefused) || !strings.Contains(out.Refused, "§7.1") {
		t.Errorf("rectify IIN: %v %q", err, out.Refused)
	}
	ev := events(t, db, s.ID)
	eq(t, "events", ev, []string{"rectify_refused payments", "rectified", "rectify_refused payments", "rectify_refused"})
}

// TestBlockFreezes: a blocked subject's data is not revealed, exported,
// changed or destroyed until unblocked.
func TestBlockFreezes(t *testing.T) {
	stack.Integration(t)
	ctx := context.Background()
	db := openDB(t)
	tk := localTokenizer(t)
	tk = ctTokenizer{tk}
	g := synth.New(12)
	p := newPerson(g, "Нурланова Асель Маратовна", "asel.n@mail.example.kz")
	q := newPerson(g, "Тулегенов Даурен Асланович", "dauren.t@mail.example.kz")
	ingest(t, db, tk, nil, []tazala.Record{payment("payments", 1, day("2026-03-01"), p, 100), supportReq(1, day("2026-04-01"), p),
		payment("payments", 2, day("2026-03-02"), q, 200)})
	e, _ := policy.New(policy.Config{DB: db, Tokenizer: tk, Revealer: fakeRevealer{}, Actor: "dpo@test", Now: (&clock{day("2026-07-01")}).Now})
	s, _ := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindPhone, Value: []byte(p.Phone)}})
	if _, err := e.Block(ctx, s, policy.Request{}); err == nil {
		t.Error("block without a request reference accepted")
	}
	out, err := e.Block(ctx, s, policy.Request{Ref: "BLK-7", Reason: "accuracy contested"})
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := e.Block(ctx, s, policy.Request{Ref: "BLK-7"}); !strings.Contains(again.Done[0], "nothing to do") {
		t.Errorf("second block: %+v", again.Done)
	}
	t.Log(out.Done)
	if st, err := e.TokenState(ctx, s.ID); err != nil || st != tazala.TokenBlocked {
		t.Errorf("TokenState of a blocked subject: %v %v", st, err)
	}
	before := remaining(t, db)
	for name, f := range map[string]func() error{
		"erase":  func() error { _, err := e.Erase(ctx, s, policy.Request{Ref: "X"}); return err },
		"revoke": func() error { _, err := e.RevokeConsent(ctx, s, policy.Request{Ref: "X"}); return err },
		"rectify": func() error {
			_, err := e.Rectify(ctx, s, policy.Request{Ref: "X"}, tazala.KindEmail, []byte("x@mail.example.kz"))
			return err
		},
		"reveal": func() error {
			_, err := e.Report(ctx, s, policy.Request{Ref: "X"}, &policy.Reveal{Request: policy.Request{Ref: "X", Reason: "state body request"}})
			return err
		},
	} {
		if err := f(); !errors.Is(err, tazala.ErrBlocked) {
			t.Errorf("%s of a blocked subject: %v, want ErrBlocked", name, err)
		}
	}
	eq(t, "records", remaining(t, db), before)
	states := vaultStates(t, db, s.IDs())
	for _, tok := range s.IDs() {
		if states[tok] != "blocked" {
			t.Errorf("vault %s: %s", tok, states[tok])
		}
	}
	var buf bytes.Buffer
	res, err := e.Export(ctx, &buf, "bank", policy.ExportFilter{}, policy.Request{Ref: "EXP-1"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 1 || res.SkippedBlocked != 1 {
		t.Errorf("export while blocked: %+v", res)
	}
	if _, err := e.Unblock(ctx, s, policy.Request{Ref: "BLK-7"}); err != nil {
		t.Fatal(err)
	}
	if st, err := e.TokenState(ctx, s.ID); err != nil || st != tazala.TokenActive {
		t.Errorf("TokenState after unblock: %v %v", st, err)
	}
	buf.Reset()
	if res, _ := e.Export(ctx, &buf, "bank", policy.ExportFilter{}, policy.Request{Ref: "EXP-2"}); res.Records != 2 {
		t.Errorf("export after unblock: %+v", res)
	}
	rep, err := e.Report(ctx, s, policy.Request{Ref: "X"}, &policy.Reveal{Request: policy.Request{Ref: "X", Reason: "customer's access request"}})
	if err != nil || len(rep.Revealed) == 0 {
		t.Errorf("reveal after unblock: %v, %d values", err, len(rep.Revealed))
	}
}

type fakeRevealer struct{}

// ctTokenizer adds a fake reversible copy to local tokens, so the token
// vault has entries (decrypted by fakeRevealer).
type ctTokenizer struct{ tazala.Tokenizer }

func (c ctTokenizer) Tokenize(ctx context.Context, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	toks, err := c.Tokenizer.Tokenize(ctx, reqs)
	for i := range toks {
		if toks[i].ID != "" {
			toks[i].Ciphertext = "fake:" + toks[i].ID
		}
	}
	return toks, err
}

func (fakeRevealer) Decrypt(_ context.Context, ct string) ([]byte, error) {
	return []byte("v:" + ct), nil
}

// TestExportRecipients: merchants never see card data (not a PAN, an
// expiry, a CVV, nor their tokens): the export is scanned; banks get the
// card tokens.
func TestExportRecipients(t *testing.T) {
	stack.Integration(t)
	ctx := context.Background()
	db := openDB(t)
	tk := localTokenizer(t)
	g := synth.New(13)
	var recs []tazala.Record
	for i := range 20 {
		p := newPerson(g, "Абенова Карина Сериковна", "karina"+string(rune('a'+i))+"@mail.example.kz")
		recs = append(recs, payment("payments", int64(i+1), day("2026-03-01"), p, 100+i))
	}
	p := newPerson(g, "Абенова Карина Сериковна", "last@mail.example.kz")
	recs = append(recs, supportReq(1, day("2026-04-01"), p))
	ingest(t, db, tk, nil, recs)
	e, _ := policy.New(policy.Config{DB: db, Tokenizer: tk, Actor: "exporter@test", Now: (&clock{day("2026-07-01")}).Now})
	kinds := func(buf *bytes.Buffer) (map[string]int, int) {
		sc := scanner.New(scanner.Config{})
		found := map[string]int{}
		lines := 0
		for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
			var row struct {
				Payload string `json:"payload"`
			}
			if err := json.Unmarshal(line, &row); err != nil {
				t.Fatal(err)
			}
			lines++
			for _, f := range sc.Scan([]byte(row.Payload), nil) {
				found[f.Kind.String()]++
			}
			for _, l := range []string{"[PAN:", "[EXP:", "[CVV:", "[IIN:", "[EMAIL:"} {
				if strings.Contains(row.Payload, l) {
					found[l]++
				}
			}
		}
		return found, lines
	}
	var m, b bytes.Buffer
	mr, err := e.Export(ctx, &m, "merchant", policy.ExportFilter{}, policy.Request{Ref: "M-1", Reason: "monthly reconciliation"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Export(ctx, &b, "bank", policy.ExportFilter{}, policy.Request{Ref: "B-1"}); err != nil {
		t.Fatal(err)
	}
	mk, ml := kinds(&m)
	bk, bl := kinds(&b)
	if ml != 20 || bl != 20 {
		t.Errorf("exported %d and %d records, want the 20 payments each", ml, bl)
	}
	if len(mk) != 2 || mk["[IIN:"] != 20 || mk["[EMAIL:"] != 20 {
		t.Errorf("merchant export: %v, want only IIN and e-mail tokens, no card data", mk)
	}
	if mr.Withheld != 40 { // PAN and expiry of each; CVVs are never tokenized
		t.Errorf("withheld %d", mr.Withheld)
	}
	if bk["[PAN:"] != 20 || bk["[EXP:"] != 20 || len(bk) != 4 {
		t.Errorf("bank export: %v", bk)
	}
	if _, err := e.Export(ctx, &b, "newspaper", policy.ExportFilter{}, policy.Request{Ref: "N"}); err == nil {
		t.Error("export to an unknown recipient accepted")
	}
}

// TestRevealToken: values come out only for a complete request, never for
// a blocked or erased subject, and every attempt is audited; a state
// body's request needs who authorized it and its legal basis (§10).
func TestRevealToken(t *testing.T) {
	stack.Integration(t)
	ctx := context.Background()
	db := openDB(t)
	tk := ctTokenizer{localTokenizer(t)}
	g := synth.New(14)
	p := newPerson(g, "Сарсенова Алия Нурлановна", "aliya.s@mail.example.kz")
	ingest(t, db, tk, nil, []tazala.Record{payment("payments", 1, day("2026-03-01"), p, 100), supportReq(1, day("2026-04-01"), p)})
	e, _ := policy.New(policy.Config{DB: db, Tokenizer: tk, Revealer: fakeRevealer{}, Actor: "dpo@test", Now: (&clock{day("2026-07-01")}).Now})
	s, _ := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindEmail, Value: []byte(p.Email)}})
	ok := policy.RevealRequest{Reveal: policy.Reveal{Request: policy.Request{Ref: "Q-1", Reason: "customer's access request"}}, Requester: policy.RequesterCustomer}
	v, k, err := e.RevealToken(ctx, s.ID, ok)
	if err != nil || string(v) != "v:fake:"+s.ID || k != tazala.KindIIN {
		t.Fatalf("reveal: %q %v %v", v, k, err)
	}
	state := ok
	state.Requester = policy.RequesterStateBody
	if _, _, err := e.RevealToken(ctx, s.ID, state); err == nil {
		t.Error("state body without authorization accepted")
	}
	state.AuthorizedBy, state.LegalBasis = "prosecutor of Almaty, letter 12/345", "Law on personal data art. 9"
	if _, _, err := e.RevealToken(ctx, s.ID, state); err != nil {
		t.Errorf("authorized state body: %v", err)
	}
	if _, _, err := e.RevealToken(ctx, "tk_unknown", ok); !errors.Is(err, tazala.ErrNotFound) {
		t.Errorf("unknown token: %v", err)
	}
	e.Block(ctx, s, policy.Request{Ref: "B"})
	if _, _, err := e.RevealToken(ctx, s.ID, ok); !errors.Is(err, tazala.ErrBlocked) {
		t.Errorf("blocked: %v", err)
	}
	e.Unblock(ctx, s, policy.Request{Ref: "B"})
	e.Erase(ctx, s, policy.Request{Ref: "E"})
	if _, _, err := e.RevealToken(ctx, s.ID, ok); !errors.Is(err, tazala.ErrBlocked) {
		t.Errorf("erased: %v", err)
	}
	var outs []string
	for _, a := range audits(t, db) {
		if a.Action == "reveal" {
			outs = append(outs, a.RequestRef+" "+a.Outcome)
		}
	}
	eq(t, "reveal audit", outs, []string{"Q-1 granted", "Q-1 granted", "Q-1 refused: unknown token", "Q-1 refused: blocked", "Q-1 refused: erased"})
}

// TestReportOutsidePurpose: a card number pasted into a support request is
// reported as held outside the support purpose, not hidden.
func TestReportOutsidePurpose(t *testing.T) {
	stack.Integration(t)
	ctx := context.Background()
	db := openDB(t)
	tk := localTokenizer(t)
	g := synth.New(15)
	p := newPerson(g, "Жаксыбекова Салтанат Ерлановна", "saltanat.zh@mail.example.kz")
	rec := supportReq(1, day("2026-04-01"), p)
	rec.Value = []byte(strings.Replace(string(rec.Value), "верните деньги за заказ", "карта "+p.PAN+", верните деньги", 1))
	ingest(t, db, tk, nil, []tazala.Record{rec})
	e, _ := policy.New(policy.Config{DB: db, Tokenizer: tk, Now: (&clock{day("2026-07-01")}).Now})
	s, _ := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindEmail, Value: []byte(p.Email)}})
	rep, err := e.Report(ctx, s, policy.Request{Ref: "Q"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Purposes) != 1 || strings.Join(rep.Purposes[0].Outside, ",") != "card details" {
		t.Fatalf("purposes %+v", rep.Purposes)
	}
	var md bytes.Buffer
	rep.WriteMarkdown(&md)
	if !strings.Contains(md.String(), "**outside the purpose:** card details") || !strings.Contains(strings.Join(rep.Categories, ","), "card details") {
		t.Errorf("report hides the card:\n%s", md.String())
	}
}
