package rescan_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/chdb"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/policy/policytest"
	"github.com/tazala/tazala/rescan"
	schdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
	"github.com/tazala/tazala/tokenize/local"
)

func TestMain(m *testing.M) { stack.Main(m) }

// TestRescanTable: records ingested while e-mail detection was off keep
// raw e-mails; a rescan with the full rules finds them, redacts them in
// place, indexes them (the customer is then found by e-mail), and a second
// rescan finds nothing.
func TestRescanTable(t *testing.T) {
	lib := stack.NeedCHDB(t)
	ctx := context.Background()
	eng, err := chdb.Open(chdb.Config{LibPath: lib, Path: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	db := schdb.WrapDB(eng)
	if err := chschema.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	key := make([]byte, local.KeySize)
	rand.Read(key)
	tk, _ := local.New(local.Config{Key: key})
	g := synth.New(21)
	var recs []tazala.Record
	var people []policytest.Person
	for i := range 30 {
		p := policytest.Person{IIN: g.IIN(), Phone: fmt.Sprintf("+7 701 %03d %02d %02d", 100+i, 10+i, 20+i), Email: fmt.Sprintf("client%d@mail.example.kz", i),
			Name: "Иванова Анна Сергеевна", PAN: g.PAN()}
		people = append(people, p)
		recs = append(recs, policytest.Payment("payments", int64(i+1), time.Date(2026, 3, 1, 10, i, 0, 0, time.UTC), p, 100+i))
	}
	old := policytest.ProcessorConfig(db, tk, nil)
	old.Scanner.Disabled = []tazala.Kind{tazala.KindEmail}
	if _, err := policytest.IngestWith(ctx, db, old, recs); err != nil {
		t.Fatal(err)
	}
	raw := func() int {
		var n []struct {
			N int `json:"n"`
		}
		db.Select(ctx, &n, `SELECT toInt32(countIf(position(payload, '@mail.example.kz') > 0)) AS n FROM redacted_records FINAL`)
		return n[0].N
	}
	if raw() != 30 {
		t.Fatalf("%d records with raw e-mails before the rescan, want 30", raw())
	}
	proc, err := pipeline.NewProcessor(policytest.ProcessorConfig(db, tk, policy.NewLedger(policy.LedgerConfig{DB: db})))
	if err != nil {
		t.Fatal(err)
	}
	var progress []int
	st, err := rescan.Table(ctx, rescan.Config{DB: db, Processor: proc, BatchSize: 7, Progress: func(s rescan.Stats) { progress = append(progress, s.Records) }})
	if err != nil {
		t.Fatal(err)
	}
	if st.Total != 30 || st.Records != 30 || st.RecordsChanged != 30 || st.NewFindings["email"] != 30 || len(st.NewFindings) != 1 {
		t.Errorf("first rescan: %+v", st)
	}
	if fmt.Sprint(progress) != "[7 14 21 28 30]" {
		t.Errorf("progress %v", progress)
	}
	if raw() != 0 {
		t.Errorf("%d records still hold raw e-mails", raw())
	}
	var n []struct {
		N int `json:"n"`
	}
	db.Select(ctx, &n, `SELECT toInt32(count()) AS n FROM pii_index FINAL WHERE kind = 'email' AND token != '' AND subject != ''`)
	if n[0].N != 30 {
		t.Errorf("%d e-mail index rows, want 30", n[0].N)
	}
	e, _ := policy.New(policy.Config{DB: db, Tokenizer: tk})
	s, err := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindEmail, Value: []byte(people[3].Email)}})
	if err != nil || !strings.HasPrefix(s.ID, "tk_") || len(s.Tokens) < 4 {
		t.Errorf("resolve by the rescanned e-mail: %+v %v", s, err)
	}
	st, err = rescan.Table(ctx, rescan.Config{DB: db, Processor: proc})
	if err != nil || st.RecordsChanged != 0 || st.Records != 30 {
		t.Errorf("second rescan: %+v %v", st, err)
	}
}
