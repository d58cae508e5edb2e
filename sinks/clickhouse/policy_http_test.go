package clickhouse_test

import (
	"context"
	"crypto/rand"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/chdb"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/policy/policytest"
	schdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
	"github.com/tazala/tazala/sinks/clickhouse"
	"github.com/tazala/tazala/tokenize/local"
)

// TestPolicyThroughHTTP: the subject-rights and retention code (package
// policy) runs unchanged through the owner's HTTP interface, as tazala's
// writer: resolve a customer, report, block, revoke consent, erase,
// enforce retention — every statement it sends passes the interface's
// checks, and the erasure leaves no ciphertext behind.
func TestPolicyThroughHTTP(t *testing.T) {
	b := embeddedBackend(t)
	ctx := context.Background()
	name := dbName(t.TempDir())
	b.createDB(t, name)

	// ingest in the owner's process, as the daemon does
	eng, err := chdb.Open(chdb.Config{Path: b.path})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if _, err := eng.Exec(ctx, "USE "+name); err != nil {
		t.Fatal(err)
	}
	owner := schdb.WrapDB(eng)
	if err := chschema.Migrate(ctx, owner); err != nil {
		t.Fatal(err)
	}
	key := make([]byte, local.KeySize)
	rand.Read(key)
	tk, err := local.New(local.Config{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	defer tk.Close()
	g := synth.New(7)
	aig := policytest.Person{IIN: g.IIN(), Phone: "+7 701 555 12 34", Email: "aigerim.test@mail.example.kz", Name: "Жумабекова Айгерим Сериковна", PAN: g.PAN()}
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	if _, err := policytest.Ingest(ctx, owner, ctCipher{tk}, nil, []tazala.Record{
		policytest.Payment("payments", 1, day("2026-03-10"), aig, 4500),
		policytest.SupportRequest(1, day("2026-06-01"), aig),
		policytest.Notification(1, day("2026-05-20"), aig),
	}); err != nil {
		t.Fatal(err)
	}

	// the policy engine through HTTP, as the writer
	db, err := clickhouse.OpenDB(ctx, clickhouse.Config{URL: b.base + "/" + name, Username: b.writer[0], Password: b.writer[1]})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	e, err := policy.New(policy.Config{DB: db, Tokenizer: tk, Actor: "dpo@test", Now: func() time.Time { return day("2026-07-01") }})
	if err != nil {
		t.Fatal(err)
	}
	subj, err := e.Resolve(ctx, []policy.Identifier{{Kind: tazala.KindPhone, Value: []byte(aig.Phone)}})
	if err != nil {
		t.Fatal(err)
	}
	req := policy.Request{Ref: "DSAR-1", Reason: "customer request"}
	if _, err := e.Report(ctx, subj, req, nil); err != nil {
		t.Fatalf("report: %v", err)
	}
	for _, step := range []struct {
		name string
		do   func() (*policy.Outcome, error)
	}{
		{"block", func() (*policy.Outcome, error) { return e.Block(ctx, subj, req) }},
		{"unblock", func() (*policy.Outcome, error) { return e.Unblock(ctx, subj, req) }},
		{"revoke consent", func() (*policy.Outcome, error) { return e.RevokeConsent(ctx, subj, req) }},
		{"erase", func() (*policy.Outcome, error) { return e.Erase(ctx, subj, req) }},
	} {
		if _, err := step.do(); err != nil {
			t.Fatalf("%s through HTTP: %v", step.name, err)
		}
	}
	if _, err := e.Enforce(ctx, day("2032-01-01"), false); err != nil {
		t.Fatalf("retention through HTTP: %v", err)
	}
	out, _, err := eng.Raw(ctx, "SELECT countIf(ciphertext != '') FROM token_vault FINAL WHERE token IN {ids:Array(String)}", "TSV",
		chdb.Param{Name: "ids", Value: arrayLiteral(subj.IDs())})
	if err != nil || string(out) != "0\n" {
		t.Fatalf("ciphertexts left after erasure through HTTP: %q %v", out, err)
	}
}

// ctCipher gives the local tokenizer's tokens a reversible copy, as Vault
// transit would, so the token vault has ciphertexts to erase.
type ctCipher struct{ tazala.Tokenizer }

func (c ctCipher) Tokenize(ctx context.Context, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	toks, err := c.Tokenizer.Tokenize(ctx, reqs)
	for i := range toks {
		if toks[i].ID != "" {
			toks[i].Ciphertext = "fake:" + toks[i].ID
		}
	}
	return toks, err
}

func arrayLiteral(ids []string) string {
	s := "["
	for i, id := range ids {
		if i > 0 {
			s += ","
		}
		s += "'" + id + "'"
	}
	return s + "]"
}
