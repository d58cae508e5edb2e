package policy_test

import (
	"context"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/policy/policytest"
	schdb "github.com/tazala/tazala/sinks/chdb"
)

func ingest(t *testing.T, db *schdb.DB, tk tazala.Tokenizer, ledger tazala.ErasureLedger, recs []tazala.Record) []tazala.Output {
	t.Helper()
	outs, err := policytest.Ingest(context.Background(), db, tk, ledger, recs)
	if err != nil {
		t.Fatal(err)
	}
	return outs
}

type person = policytest.Person

func payment(src string, off int64, at time.Time, p person, amount int) tazala.Record {
	return policytest.Payment(src, off, at, p, amount)
}
func supportReq(off int64, at time.Time, p person) tazala.Record {
	return policytest.SupportRequest(off, at, p)
}
func notification(off int64, at time.Time, p person) tazala.Record {
	return policytest.Notification(off, at, p)
}
