package policy_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy"
)

func counts(res *policy.EnforceResult) map[string]int64 {
	m := map[string]int64{}
	for _, p := range res.Purposes {
		m[p.Purpose] = p.Records
	}
	return m
}

// TestRetentionAcrossDeadlines: records of 2020 and 2026, payment-based
// (five years from the payment) and consent-based (until withdrawn), with
// the clock moved across the deadlines; a dry run deletes nothing; a
// shortened retention_until never cuts the statutory hold; a blocked
// subject survives enforcement until unblocked.
func TestRetentionAcrossDeadlines(t *testing.T) {
	stack.Integration(t)
	ctx := context.Background()
	db := openDB(t)
	tk := localTokenizer(t)
	g := synth.New(7)
	ann := newPerson(g, "Ахметова Динара Болатовна", "dinara.a@mail.example.kz")
	ben := newPerson(g, "Касымов Нурлан Ерикович", "nurlan.k@mail.example.kz")
	cat := newPerson(g, "Смагулова Жанна Аскаровна", "zhanna.s@mail.example.kz")
	ingest(t, db, tk, nil, []tazala.Record{
		payment("payments", 1, day("2020-01-15"), ann, 100), // until 2025-01-15
		payment("payments", 2, day("2020-02-01"), cat, 200), // until 2025-02-01; Cat is blocked
		payment("payments", 3, day("2026-02-01"), ann, 300), // until 2031-02-01
		payment("payments", 4, day("2026-03-01"), ben, 400), // until 2031-03-01, then shortened by hand
		supportReq(1, day("2020-03-01"), ann),               // until withdrawn
		supportReq(2, day("2026-04-01"), ben),               // until withdrawn
		notification(1, day("2020-01-15"), ben),             // until withdrawn
	})
	clk := &clock{day("2026-12-01")}
	e, err := policy.New(policy.Config{DB: db, Tokenizer: tk, Actor: "retention@test", Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	// a retention_until moved before the hold (as a bug or a consent
	// withdrawal might do) must not delete a payment before five years
	if err := db.Exec(ctx, `INSERT INTO redacted_records SELECT * REPLACE (toDateTime('2026-06-01 00:00:00', 'UTC') AS retention_until, ingest_time + toIntervalSecond(1) AS ingest_time)
		FROM redacted_records FINAL WHERE source = 'payments' AND offset = 4`); err != nil {
		t.Fatal(err)
	}
	catSubj, err := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindIIN, Value: []byte(cat.IIN)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Block(ctx, catSubj, policy.Request{Ref: "BLK-1", Reason: "customer disputes the payment"}); err != nil {
		t.Fatal(err)
	}
	all := []string{"notifications.email/1 notifications", "payments/1 payments", "payments/2 payments", "payments/3 payments", "payments/4 payments",
		"support-requests/1 support", "support-requests/2 support"}
	eq(t, "ingested", remaining(t, db), all)

	// dry run at 2026-12-01: counts, deletes nothing
	res, err := e.Enforce(ctx, day("2026-12-01"), true)
	if err != nil {
		t.Fatal(err)
	}
	if c := counts(res); c["payments"] != 1 || len(c) != 1 {
		t.Errorf("dry run counts %v, want payments:1", c)
	}
	eq(t, "after dry run", remaining(t, db), all)

	// 2026-12-01: Ann's 2020 payment is due; Cat's is due but blocked;
	// Ben's shortened one is held; consent-based data stays
	res, err = e.Enforce(ctx, day("2026-12-01"), false)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "after 2026-12-01", remaining(t, db), []string{"notifications.email/1 notifications", "payments/2 payments", "payments/3 payments", "payments/4 payments",
		"support-requests/1 support", "support-requests/2 support"})
	if c := counts(res); c["payments"] != 1 || len(c) != 1 {
		t.Errorf("counts %v", c)
	}
	if len(res.Blocked) == 0 || res.Blocked[0].Records != 1 {
		t.Errorf("blocked %+v, want Cat's record reported", res.Blocked)
	}
	if len(res.Held) != 1 || res.Held[0].Purpose != "payments" || res.Held[0].Records != 1 {
		t.Errorf("held %+v, want Ben's shortened payment", res.Held)
	}
	if n := indexCount(t, db, "source = 'payments' AND offset = 1"); n != 0 {
		t.Errorf("%d index rows of the deleted payment left", n)
	}
	var outcomes []string
	for _, a := range audits(t, db) {
		if a.Action == "retention.enforce" {
			outcomes = append(outcomes, a.Outcome+" "+strings.Fields(a.Detail)[0])
		}
	}
	eq(t, "retention audit", outcomes, []string{
		"dry run: would delete purpose=payments", "skipped: blocked records=1", "kept: statutory hold purpose=payments",
		"deleted purpose=payments", "skipped: blocked records=1", "kept: statutory hold purpose=payments"})

	// blocked data is not destroyed on request either
	if _, err := e.Erase(ctx, catSubj, policy.Request{Ref: "ER-9"}); !errors.Is(err, tazala.ErrBlocked) {
		t.Errorf("erase of a blocked subject: %v, want ErrBlocked", err)
	}
	// once unblocked, the next run deletes it
	if _, err := e.Unblock(ctx, catSubj, policy.Request{Ref: "BLK-1"}); err != nil {
		t.Fatal(err)
	}
	res, err = e.Enforce(ctx, day("2026-12-02"), false)
	if err != nil {
		t.Fatal(err)
	}
	if c := counts(res); c["payments"] != 1 || len(res.Blocked) != 0 {
		t.Errorf("after unblock %v blocked %+v", c, res.Blocked)
	}

	// Ben revokes consent: support and notifications end now; his payment
	// stays until 2031-03-01 whatever its retention_until says
	ben0, _ := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindEmail, Value: []byte(ben.Email)}})
	if _, err := e.RevokeConsent(ctx, ben0, policy.Request{Ref: "RC-1"}); err != nil {
		t.Fatal(err)
	}
	eq(t, "after Ben's revoke", remaining(t, db), []string{"payments/3 payments", "payments/4 payments", "support-requests/1 support"})

	// 2031-02-02: Ann's 2026 payment is due, Ben's is not yet (2031-03-01)
	res, err = e.Enforce(ctx, day("2031-02-02"), false)
	if err != nil {
		t.Fatal(err)
	}
	if c := counts(res); c["payments"] != 1 || len(res.Held) != 1 { // Ben's shortened one is still held
		t.Errorf("2031-02-02: %v held %+v", c, res.Held)
	}
	eq(t, "after 2031-02-02", remaining(t, db), []string{"payments/4 payments", "support-requests/1 support"})
	// 2031-03-02: Ben's is due; Ann's 2020 support request stays until she withdraws consent
	if _, err = e.Enforce(ctx, day("2031-03-02"), false); err != nil {
		t.Fatal(err)
	}
	eq(t, "after 2031-03-02", remaining(t, db), []string{"support-requests/1 support"})
	if n := indexCount(t, db, "purpose = 'payments'"); n != 0 {
		t.Errorf("%d payment index rows left", n)
	}
}

// TestEnforceEvery: the scheduled run deletes what is due on each tick and
// stops with its context.
func TestEnforceEvery(t *testing.T) {
	stack.Integration(t)
	db := openDB(t)
	tk := localTokenizer(t)
	g := synth.New(8)
	ingest(t, db, tk, nil, []tazala.Record{payment("payments", 1, day("2020-01-15"), newPerson(g, "Омарова Сауле Кайратовна", "saule.o@mail.example.kz"), 100)})
	clk := &clock{day("2026-12-01")}
	e, _ := policy.New(policy.Config{DB: db, Now: clk.Now, Actor: "scheduler"})
	ctx, cancel := context.WithCancel(context.Background())
	var runs []int64
	e.EnforceEvery(ctx, 10*time.Millisecond, func(r *policy.EnforceResult, err error) {
		if err != nil {
			t.Error(err)
		}
		runs = append(runs, counts(r)["payments"])
		if len(runs) == 3 {
			cancel()
		}
	})
	if len(runs) != 3 || runs[0] != 1 || runs[1] != 0 || runs[2] != 0 {
		t.Errorf("runs %v, want [1 0 0]", runs)
	}
}
