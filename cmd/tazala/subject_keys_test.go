package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/policy/policytest"
)

// TestSubjectFindsKeyFindings: personal data in a JSON object key
// ({"by_phone":{"+7…":…}}) and in a record's (Kafka message) key gets its
// discovery-index row like a value (kind, token, path [PHONE] or (key),
// subject, purpose, retention), so the customer's report finds those
// records and erasure deletes them, on the embedded engine through the
// real processing step.
func TestSubjectFindsKeyFindings(t *testing.T) {
	f := newPolicyFixture(t, "local.key")
	store := f.store
	ctx := context.Background()
	const ph = "+77015401802"
	day := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	recs := []tazala.Record{
		{Source: "support-requests", Offset: 1, Time: day, Value: []byte(`{"by_phone":{"` + ph + `":{"ticket":5,"status":"open"}}}`)},
		{Source: "support-requests", Offset: 2, Time: day, Key: []byte("phone=" + ph), Value: []byte(`{"ticket":6,"status":"open"}`)},
		{Source: "support-requests", Offset: 3, Time: day, Value: []byte(`{"ticket":7,"status":"open"}`)},
	}
	if _, err := policytest.Ingest(ctx, f.db, f.tk, nil, recs); err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Offset  int64  `json:"offset"`
		Kind    string `json:"kind"`
		Token   string `json:"token"`
		Path    string `json:"path"`
		Subject string `json:"subject"`
		Purpose string `json:"purpose"`
		Until   string `json:"retention_until"`
	}
	if err := f.db.Select(ctx, &rows, "SELECT offset, kind, token, path, subject, purpose, toString(retention_until) AS retention_until FROM pii_index_v ORDER BY offset"); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d index rows, want the JSON key's and the record key's: %+v", len(rows), rows)
	}
	for i, want := range []string{"by_phone.[PHONE]", pipeline.KeyPath} {
		r := rows[i]
		if r.Offset != int64(i+1) || r.Kind != "phone" || r.Path != want || !strings.HasPrefix(r.Token, "tk_") || r.Subject != r.Token ||
			r.Purpose != "support" || !strings.HasPrefix(r.Until, "2106-") {
			t.Errorf("index row %d: %+v, want the phone at %q, its token the subject, purpose support until withdrawn", i, r, want)
		}
	}
	if rows[0].Token != rows[1].Token {
		t.Errorf("one phone, two tokens")
	}
	common := []string{"--store", store, "--key-file", f.key, "--actor", "dpo@ioka", "--now", "2026-07-01"}
	cli := func(want int, args ...string) string {
		t.Helper()
		code, out, errOut := runCLI(t, ph+"\n", args...)
		t.Logf("$ tazala %s\n%s%s", strings.Join(args, " "), out, errOut)
		if code != want {
			t.Fatalf("exit %d, want %d: %s", code, want, errOut)
		}
		if strings.Contains(out+errOut, ph) || strings.Contains(out+errOut, "701540") {
			t.Errorf("tazala %s printed the value", args[1])
		}
		return out + errOut
	}
	out := cli(0, append([]string{"subject", "report"}, append(common, "--phone", "-")...)...)
	if !strings.Contains(out, "| support-requests | 2 |") {
		t.Errorf("the report does not count both records held under key findings:\n%s", out)
	}
	out = cli(0, append([]string{"subject", "erase"}, append(common, "--phone", "-", "--request-ref", "REQ-K")...)...)
	var left []struct {
		N uint64 `json:"n"`
	}
	if err := f.db.Select(ctx, &left, "SELECT count() AS n FROM records_v WHERE offset IN (1, 2)"); err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].N != 0 {
		t.Errorf("erasure left %v of the two records found through keys:\n%s", left, out)
	}
	if err := f.db.Select(ctx, &left, "SELECT count() AS n FROM erasure_ledger FINAL WHERE token = {t:String}", tazala.Param{Name: "t", Value: rows[0].Token}); err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].N != 1 {
		t.Errorf("the key's token is not in the erasure ledger")
	}
}
