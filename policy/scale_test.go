package policy_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/policy"
)

// fixedTokenizer maps identifiers to the synthetic tokens of TestScale.
type fixedTokenizer map[string]string

func (f fixedTokenizer) Tokenize(_ context.Context, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	out := make([]tazala.Token, len(reqs))
	for i, r := range reqs {
		out[i] = tazala.Token{Kind: r.Kind, ID: f[string(r.Value)]}
	}
	return out, nil
}
func (fixedTokenizer) Close() error { return nil }

// TestScale measures the policy's statements on a store of
// TAZALA_POLICY_SCALE records (3 index rows each, 100k subjects, event
// times spread over 2020-2026); skipped unless set. Rows are generated in
// SQL, so this measures the policy, not ingest.
func TestScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("TAZALA_POLICY_SCALE"))
	if n == 0 {
		t.Skip("set TAZALA_POLICY_SCALE=N to measure on N records")
	}
	ctx := context.Background()
	db := openDB(t)
	begin := time.Now()
	ps := []tazala.Param{{Name: "n", Value: n}}
	gen := `FROM numbers({n:UInt64}) SETTINGS max_insert_threads = 2`
	ev := `toDateTime64('2020-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(intDiv(number * 220752000, {n:UInt64}))` // 7 years
	purpose := `if(number % 4 = 0, 'support', 'payments')`
	until := `if(number % 4 = 0, toDateTime('2106-01-01 00:00:00', 'UTC'), toDateTime(` + ev + ` + toIntervalYear(5)))`
	subj := `concat('tk_i', toString(number % 100000))`
	// scan_id as the sinks write it: one per record, on its index rows too
	scan := `cityHash64('scan', number)`
	if err := db.Exec(ctx, `INSERT INTO redacted_records (source, partition, offset, event_time, ingest_time, purpose, legal_basis, subject, payload, findings, retention_until, scan_id)
		SELECT `+purpose+`, toInt32(number % 3), toInt64(number), `+ev+`, now64(3), `+purpose+`, if(number % 4 = 0, 'request', 'consent'), `+subj+`,
			concat('{"iin":"[IIN:', `+subj+`, ']","email":"[EMAIL:tk_e', toString(number % 100000), ']","amount":', toString(number % 10000), '}'), 3, `+until+`, `+scan+` `+gen, ps...); err != nil {
		t.Fatal(err)
	}
	for i, k := range []string{"iin", "email", "phone"} {
		tok := `concat('tk_` + k[:1] + `', toString(number % 100000))`
		if err := db.Exec(ctx, `INSERT INTO pii_index (subject, token, kind, category, source, partition, offset, ordinal, event_time, purpose, legal_basis, retention_until, ingest_time, scan_id)
			SELECT `+subj+`, `+tok+`, '`+k+`', '', `+purpose+`, toInt32(number % 3), toInt64(number), `+strconv.Itoa(i)+`, `+ev+`, `+purpose+`, '', `+until+`, now64(3), `+scan+` `+gen, ps...); err != nil {
			t.Fatal(err)
		}
	}
	// 1 % of the records rescanned with other values: their earlier
	// scans are listed as superseded (the policy reads pii_index_v)
	if err := db.Exec(ctx, `INSERT INTO superseded_scans (scan, source, partition, offset, superseded, time)
		SELECT cityHash64('earlier', number), `+purpose+`, toInt32(number % 3), toInt64(number), 1, now64(3) FROM numbers({n:UInt64}) WHERE number % 100 = 7`, ps...); err != nil {
		t.Fatal(err)
	}
	t.Logf("generated %d records, %d index rows in %v", n, 3*n, time.Since(begin).Round(time.Millisecond))
	e, _ := policy.New(policy.Config{DB: db, Tokenizer: fixedTokenizer{"777": "tk_i777", "8888": "tk_i8888"}, Now: func() time.Time { return day("2026-12-01") }})
	step := func(what string, f func() error) {
		t.Helper()
		b := time.Now()
		if err := f(); err != nil {
			t.Fatal(what, err)
		}
		t.Logf("%-40s %v", what, time.Since(b).Round(time.Millisecond))
	}
	var s *policy.Subject
	step("resolve a subject by IIN (links)", func() (err error) {
		s, err = e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindIIN, Value: []byte("777")}})
		return err
	})
	step("report", func() error { _, err := e.Report(ctx, s, policy.Request{}, nil); return err })
	step("block", func() error { _, err := e.Block(ctx, s, policy.Request{Ref: "R"}); return err })
	var res *policy.EnforceResult
	step("retention enforce --dry-run", func() (err error) { res, err = e.Enforce(ctx, day("2026-12-01"), true); return err })
	step("retention enforce", func() (err error) { res, err = e.Enforce(ctx, day("2026-12-01"), false); return err })
	t.Logf("deleted %+v, blocked %+v", res.Purposes, res.Blocked)
	s2, _ := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindIIN, Value: []byte("8888")}})
	step("revoke consent", func() error { _, err := e.RevokeConsent(ctx, s2, policy.Request{Ref: "R"}); return err })
	step("erase", func() error { _, err := e.Erase(ctx, s2, policy.Request{Ref: "R"}); return err })
}
