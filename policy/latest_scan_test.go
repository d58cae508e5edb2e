package policy_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/policy/policytest"
	schdb "github.com/tazala/tazala/sinks/chdb"
)

// storeWrite processes recs and writes them through the embedded sink,
// which records the scans a rescan supersedes.
func storeWrite(t *testing.T, db *schdb.DB, tk tazala.Tokenizer, recs []tazala.Record) {
	t.Helper()
	ctx := context.Background()
	p, err := pipeline.NewProcessor(policytest.ProcessorConfig(db, tk, nil))
	if err != nil {
		t.Fatal(err)
	}
	outs, err := p.Process(ctx, recs)
	if err != nil {
		t.Fatal(err)
	}
	st, err := schdb.New(ctx, db, schdb.Config{Dir: storePath(t), ScannerVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Write(ctx, outs); err != nil {
		t.Fatal(err)
	}
}

// TestLatestScanOnly: a support request rescanned after it changed (it
// now holds another customer's e-mail and phone) is no longer the first
// customer's in her report, block or rectification, which read each
// record's latest scan (pii_index_v); her index rows of the earlier scan
// stay in pii_index until erasure, which deletes them (every scan), and
// leaves the record and the other customer's rows alone.
func TestLatestScanOnly(t *testing.T) {
	stack.Integration(t)
	ctx := context.Background()
	db := openDB(t)
	tk := localTokenizer(t)
	g := synth.New(12)
	her := newPerson(g, "Сейтказина Асель Маратовна", "asel.s@mail.example.kz")
	other := newPerson(g, "Омаров Данияр Серикович", "daniyar.omarov@mail.example.kz")
	storeWrite(t, db, tk, []tazala.Record{payment("payments", 1, day("2026-03-01"), her, 100), supportReq(1, day("2026-04-01"), her)})
	// support-requests/1 again, changed: the other customer's now
	storeWrite(t, db, tk, []tazala.Record{supportReq(1, day("2026-04-01"), other)})

	toks, err := tk.Tokenize(ctx, []tazala.TokenRequest{{Kind: tazala.KindPhone, Value: []byte(her.Phone)}, {Kind: tazala.KindEmail, Value: []byte(her.Email)},
		{Kind: tazala.KindPhone, Value: []byte(other.Phone)}})
	if err != nil {
		t.Fatal(err)
	}
	herPhone, herMail, otherPhone := toks[0].ID, toks[1].ID, toks[2].ID
	stale := fmt.Sprintf("source = 'support-requests' AND token IN ('%s', '%s')", herPhone, herMail)
	if n := indexCount(t, db, stale); n != 2 {
		t.Fatalf("pii_index: %d rows of her earlier scan, want 2 (kept until deleted)", n)
	}

	e, _ := policy.New(policy.Config{DB: db, Tokenizer: tk, Actor: "dpo@test", Now: (&clock{day("2026-07-01")}).Now})
	s, err := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindPhone, Value: []byte(her.Phone)}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Report(ctx, s, policy.Request{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range rep.Purposes {
		got = append(got, fmt.Sprintf("%s %d", p.ID, p.Records))
	}
	eq(t, "report purposes", got, []string{"payments 1"})
	for _, st := range s.Tokens {
		if st.Token == otherPhone {
			t.Errorf("the other customer's phone is linked to her: %+v", st)
		}
	}
	out, err := e.Block(ctx, s, policy.Request{Ref: "BLK"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "1 records are frozen"; len(out.Done) == 0 || !strings.Contains(out.Done[0], want) {
		t.Errorf("block: %v, want %q", out.Done, want)
	}
	if _, err := e.Unblock(ctx, s, policy.Request{Ref: "BLK"}); err != nil {
		t.Fatal(err)
	}
	// rectification: her e-mail is only in the payment now (held, §7.1)
	out, err = e.Rectify(ctx, s, policy.Request{Ref: "RECT"}, tazala.KindEmail, []byte("asel.new@mail.example.kz"))
	if err == nil || len(out.Kept) != 1 || out.Kept[0].Purpose != "payments" {
		t.Errorf("rectify: %v, kept %+v; want refused, the payment kept", err, out.Kept)
	}
	if _, err := e.Erase(ctx, s, policy.Request{Ref: "ERASE"}); err != nil {
		t.Fatal(err)
	}
	if n := indexCount(t, db, stale); n != 0 {
		t.Errorf("after erasure: %d rows of her earlier scan left in pii_index", n)
	}
	if n := indexCount(t, db, "source = 'support-requests' AND token = '"+otherPhone+"'"); n != 1 {
		t.Errorf("after erasure: %d rows of the other customer's phone, want 1", n)
	}
	if n := indexCount(t, db, "source = 'payments' AND token = '"+herPhone+"'"); n != 1 {
		t.Errorf("after erasure: %d rows of her phone in the held payment, want 1", n)
	}
	eq(t, "records", remaining(t, db), []string{"payments/1 payments", "support-requests/1 support"})
}

// TestLatestScanRevokeConsent: withdrawing consent deletes her index rows
// of earlier scans in records of the ended purposes, not the record that
// is someone else's now, nor that person's rows.
func TestLatestScanRevokeConsent(t *testing.T) {
	stack.Integration(t)
	ctx := context.Background()
	db := openDB(t)
	tk := localTokenizer(t)
	g := synth.New(13)
	her := newPerson(g, "Сейтказина Асель Маратовна", "asel.s@mail.example.kz")
	other := newPerson(g, "Омаров Данияр Серикович", "daniyar.omarov@mail.example.kz")
	storeWrite(t, db, tk, []tazala.Record{payment("payments", 1, day("2026-03-01"), her, 100), supportReq(1, day("2026-04-01"), her)})
	storeWrite(t, db, tk, []tazala.Record{supportReq(1, day("2026-04-01"), other)})
	toks, err := tk.Tokenize(ctx, []tazala.TokenRequest{{Kind: tazala.KindPhone, Value: []byte(her.Phone)}, {Kind: tazala.KindEmail, Value: []byte(her.Email)},
		{Kind: tazala.KindPhone, Value: []byte(other.Phone)}})
	if err != nil {
		t.Fatal(err)
	}
	stale := fmt.Sprintf("source = 'support-requests' AND token IN ('%s', '%s')", toks[0].ID, toks[1].ID)
	if n := indexCount(t, db, stale); n != 2 {
		t.Fatalf("pii_index: %d rows of her earlier scan, want 2", n)
	}
	e, _ := policy.New(policy.Config{DB: db, Tokenizer: tk, Actor: "dpo@test", Now: (&clock{day("2026-07-01")}).Now})
	s, err := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindPhone, Value: []byte(her.Phone)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.RevokeConsent(ctx, s, policy.Request{Ref: "REV"}); err != nil {
		t.Fatal(err)
	}
	if n := indexCount(t, db, stale); n != 0 {
		t.Errorf("after the withdrawal: %d rows of her earlier scan left", n)
	}
	if n := indexCount(t, db, "source = 'support-requests' AND token = '"+toks[2].ID+"'"); n != 1 {
		t.Errorf("after the withdrawal: %d rows of the other customer's phone, want 1", n)
	}
	eq(t, "records", remaining(t, db), []string{"payments/1 payments", "support-requests/1 support"})
}
