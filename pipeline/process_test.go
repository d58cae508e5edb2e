package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/redact"
)

// stubTokenizer gives "tk_" + kind + normalized value's last 4 bytes (as
// hex-free letters would be nicer, but tests need to tell tokens apart),
// and a ciphertext; it counts calls.
type stubTokenizer struct {
	err   error
	mu    sync.Mutex
	calls int
}

func tokenOf(k tazala.Kind, v string) string {
	n := tazala.Normalize(k, []byte(v))
	h := uint32(2166136261)
	for i := 0; i < len(n); i++ {
		h = (h ^ uint32(n[i])) * 16777619
	}
	const abc = "abcdefghijklmnopqrstuvwxyz"
	b := []byte("tk_")
	for i := 0; i < 8; i++ {
		b = append(b, abc[h%26])
		h /= 26
	}
	return string(b)
}

func (s *stubTokenizer) Tokenize(_ context.Context, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	s.mu.Lock()
	s.calls++
	s.mu.Unlock()
	if s.err != nil {
		return nil, s.err
	}
	out := make([]tazala.Token, len(reqs))
	for i, r := range reqs {
		if r.Kind == tazala.KindCVV {
			out[i] = tazala.Token{Kind: r.Kind}
			continue
		}
		id := tokenOf(r.Kind, string(r.Value))
		out[i] = tazala.Token{Kind: r.Kind, ID: id, Ciphertext: "vault:v1:" + id}
	}
	return out, nil
}
func (s *stubTokenizer) Close() error { return nil }

type memStore struct {
	mu      sync.Mutex
	err     error
	entries []tazala.TokenEntry
}

func (m *memStore) Put(_ context.Context, es []tazala.TokenEntry) error {
	if m.err != nil {
		return m.err
	}
	m.mu.Lock()
	m.entries = append(m.entries, es...)
	m.mu.Unlock()
	return nil
}
func (m *memStore) Get(context.Context, string) (tazala.TokenEntry, error) {
	return tazala.TokenEntry{}, tazala.ErrNotFound
}
func (m *memStore) SetState(context.Context, string, tazala.TokenState) error { return nil }

type ledger struct {
	err    error
	erased map[string]bool
}

func (l ledger) Erased(_ context.Context, ids []string) ([]bool, error) {
	if l.err != nil {
		return nil, l.err
	}
	out := make([]bool, len(ids))
	for i, id := range ids {
		out[i] = l.erased[id]
	}
	return out, nil
}

type fixedPolicy struct{}

func (fixedPolicy) Purpose(rec *tazala.Record, fs []tazala.Finding) tazala.Purpose {
	return tazala.Purpose{Name: "payments:" + rec.Source, LegalBasis: "contract", RetainUntil: time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)}
}

const (
	iin   = "900101300017"
	phone = "+7 701 540 18 02"
	email = "a.b@mail.kz"
)

func records() []tazala.Record {
	return []tazala.Record{
		{Source: "payments", Offset: 1, Key: []byte("iin=" + iin), Value: []byte(`{"payer":{"iin":"` + iin + `","phone":"` + phone + `"},"cvv":"123","card":"4111 1111 1111 1111"}`)},
		{Source: "payments", Offset: 2, Value: []byte("mail " + email + " tel " + phone)},
		{Source: "payments", Offset: 3, Value: []byte("nothing personal here")},
	}
}

func newProc(t *testing.T, cfg pipeline.ProcessorConfig) *pipeline.Processor {
	t.Helper()
	p, err := pipeline.NewProcessor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestProcess(t *testing.T) {
	store := &memStore{}
	p := newProc(t, pipeline.ProcessorConfig{Tokenizer: &stubTokenizer{}, TokenStore: store, Policy: fixedPolicy{}})
	recs := records()
	outs, err := p.Process(context.Background(), recs)
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 3 {
		t.Fatalf("%d outputs for 3 records", len(outs))
	}
	for i, o := range outs {
		if o.Record.Offset != recs[i].Offset || o.Record.Source != "payments" {
			t.Errorf("output %d is record %s@%d", i, o.Record.Source, o.Record.Offset)
		}
		for _, raw := range []string{iin, "701 540", email, "4111 1111"} {
			if bytes.Contains(o.Record.Value, []byte(raw)) || bytes.Contains(o.Record.Key, []byte(raw)) {
				t.Errorf("output %d: a raw value survived: %s", i, o.Record.Value)
			}
		}
		if len(o.Tokens) != len(o.Findings) {
			t.Errorf("output %d: %d tokens for %d findings", i, len(o.Tokens), len(o.Findings))
		}
		if o.Purpose.Name != "payments:payments" || o.Purpose.LegalBasis != "contract" {
			t.Errorf("output %d: purpose %+v", i, o.Purpose)
		}
	}
	o := outs[0]
	if want := tokenOf(tazala.KindIIN, iin); o.Subject != want {
		t.Errorf("record 1 subject %q, want its IIN token %q", o.Subject, want)
	}
	if want := tokenOf(tazala.KindEmail, email); outs[1].Subject != want {
		t.Errorf("record 2 subject %q, want its e-mail token %q", outs[1].Subject, want)
	}
	if outs[2].Subject != "" || len(outs[2].Findings) != 0 || string(outs[2].Record.Value) != "nothing personal here" {
		t.Errorf("record 3: %+v", outs[2])
	}
	if !bytes.HasPrefix(o.Record.Key, []byte("iin=[IIN:tk_")) {
		t.Errorf("key not redacted: %q", o.Record.Key)
	}
	kinds := map[tazala.Kind]bool{}
	for j, f := range o.Findings {
		kinds[f.Kind] = true
		if f.Kind == tazala.KindCVV && o.Tokens[j].ID != "" {
			t.Error("a CVV got a token")
		}
		if f.Kind != tazala.KindCVV && o.Tokens[j].ID == "" {
			t.Errorf("finding %d (%v) has no token", j, f.Kind)
		}
	}
	if !kinds[tazala.KindIIN] || !kinds[tazala.KindPhone] || !kinds[tazala.KindPAN] {
		t.Errorf("findings of record 1: %v", kinds)
	}
	// the token store got each token once, with its record's subject
	seen := map[string]int{}
	for _, e := range store.entries {
		seen[e.ID]++
		if e.Ciphertext == "" || e.Kind == tazala.KindCVV {
			t.Errorf("stored entry %+v", e)
		}
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("token %s stored %d times in one batch", id, n)
		}
	}
	if pt := tokenOf(tazala.KindPhone, phone); seen[pt] != 1 {
		t.Error("phone token not stored")
	}
	for _, e := range store.entries {
		if e.ID == tokenOf(tazala.KindPhone, phone) && e.Subject != o.Subject {
			t.Errorf("phone entry subject %q, want the first record's subject %q", e.Subject, o.Subject)
		}
	}
}

// TestOutputsOwnMemory: later calls never change earlier outputs.
func TestOutputsOwnMemory(t *testing.T) {
	p := newProc(t, pipeline.ProcessorConfig{Tokenizer: &stubTokenizer{}})
	a, err := p.Process(context.Background(), records())
	if err != nil {
		t.Fatal(err)
	}
	keep := make([]string, len(a))
	for i := range a {
		keep[i] = string(a[i].Record.Value) + "|" + string(a[i].Record.Key)
	}
	fs0 := append([]tazala.Finding(nil), a[0].Findings...)
	for i := 0; i < 20; i++ {
		recs := []tazala.Record{{Source: "x", Value: []byte(strings.Repeat("ИИН 040229600011 ", 50))}}
		if _, err := p.Process(context.Background(), recs); err != nil {
			t.Fatal(err)
		}
	}
	for i := range a {
		if got := string(a[i].Record.Value) + "|" + string(a[i].Record.Key); got != keep[i] {
			t.Errorf("output %d changed: %q", i, got)
		}
	}
	for j := range fs0 {
		if a[0].Findings[j] != fs0[j] {
			t.Error("findings changed")
		}
	}
	// appending to one output's slices never overwrites the next one's
	v := a[0].Record.Value
	_ = append(v, "XXXXXXXX"...)
	if string(a[1].Record.Value) != strings.SplitN(keep[1], "|", 2)[0] {
		t.Error("appending to output 0's value overwrote output 1")
	}
}

func TestFailClosed(t *testing.T) {
	boom := errors.New("backend says no")
	cases := []struct {
		name string
		cfg  pipeline.ProcessorConfig
	}{
		{"tokenizer", pipeline.ProcessorConfig{Tokenizer: &stubTokenizer{err: boom}}},
		{"token store", pipeline.ProcessorConfig{Tokenizer: &stubTokenizer{}, TokenStore: &memStore{err: boom}}},
		{"erasure ledger", pipeline.ProcessorConfig{Tokenizer: &stubTokenizer{}, Erasure: ledger{err: boom}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := newProc(t, c.cfg)
			outs, err := p.Process(context.Background(), records())
			if outs != nil {
				t.Fatal("outputs returned although a backend failed")
			}
			if !errors.Is(err, tazala.ErrUnavailable) || !errors.Is(err, pipeline.ErrTokenize) || !errors.Is(err, boom) {
				t.Fatalf("err = %v, want ErrTokenize and ErrUnavailable wrapping the cause", err)
			}
			for _, raw := range []string{iin, email, "701"} {
				if strings.Contains(err.Error(), raw) {
					t.Fatalf("error holds a value: %v", err)
				}
			}
		})
	}
	t.Run("denied stays denied", func(t *testing.T) {
		p := newProc(t, pipeline.ProcessorConfig{Tokenizer: &stubTokenizer{err: tazala.ErrDenied}})
		_, err := p.Process(context.Background(), records())
		if !errors.Is(err, tazala.ErrDenied) || errors.Is(err, tazala.ErrUnavailable) {
			t.Fatalf("err = %v, want ErrDenied only", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		p := newProc(t, pipeline.ProcessorConfig{Tokenizer: &stubTokenizer{}})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if outs, err := p.Process(ctx, records()); outs != nil || !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled: %v", err)
		}
	})
}

// TestErasedSubjectStaysErased: a replayed record of an erased subject is
// masked, carries no token of theirs and stores no ciphertext.
func TestErasedSubjectStaysErased(t *testing.T) {
	erasedIIN := tokenOf(tazala.KindIIN, iin)
	store := &memStore{}
	p := newProc(t, pipeline.ProcessorConfig{Tokenizer: &stubTokenizer{}, TokenStore: store,
		Erasure: ledger{erased: map[string]bool{erasedIIN: true}}})
	outs, err := p.Process(context.Background(), records())
	if err != nil {
		t.Fatal(err)
	}
	o := outs[0]
	if o.Subject == erasedIIN {
		t.Fatal("erased token is the subject")
	}
	for j, tk := range o.Tokens {
		if tk.ID == erasedIIN {
			t.Fatalf("finding %d carries the erased token", j)
		}
	}
	if bytes.Contains(o.Record.Value, []byte(erasedIIN)) || bytes.Contains(o.Record.Value, []byte(iin)) {
		t.Fatalf("value: %s", o.Record.Value)
	}
	if !bytes.Contains(o.Record.Value, []byte(`"iin":"************"`)) {
		t.Errorf("erased IIN not masked: %s", o.Record.Value)
	}
	for _, e := range store.entries {
		if e.ID == erasedIIN {
			t.Fatal("erased token stored again")
		}
	}
}

func TestMaskModeAndNoTokenizer(t *testing.T) {
	for _, cfg := range []pipeline.ProcessorConfig{
		{},
		{Tokenizer: &stubTokenizer{}, Redactor: redact.New(redact.Config{Default: redact.Mask})},
	} {
		p := newProc(t, cfg)
		outs, err := p.Process(context.Background(), records())
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(outs[0].Record.Value, []byte(iin)) || outs[0].Subject != "" {
			t.Fatalf("%s subject %q", outs[0].Record.Value, outs[0].Subject)
		}
	}
}

// TestStepAllocationFree: a warm Step scans, tokenizes and redacts a
// batch without allocating per record.
func TestStepAllocationFree(t *testing.T) {
	p := newProc(t, pipeline.ProcessorConfig{Tokenizer: constTokenizer{}})
	st := p.NewStep()
	recs := records()
	var dst []byte
	run := func() {
		st.Reset()
		for i := range recs {
			st.Scan(recs[i].Value)
		}
		if err := st.Tokenize(context.Background()); err != nil {
			t.Fatal(err)
		}
		dst = dst[:0]
		for i := range recs {
			dst = st.Redact(dst, i)
			_ = st.Subject(i)
		}
	}
	run()
	if n := testing.AllocsPerRun(50, run); n > 0 {
		t.Errorf("%v allocations per batch on a warm Step", n)
	}
}

// constTokenizer allocates nothing: the benchmark stand-in.
type constTokenizer struct{}

var constToks = make([]tazala.Token, 64)

func (constTokenizer) Tokenize(_ context.Context, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	out := constToks[:len(reqs)]
	for i, r := range reqs {
		out[i] = tazala.Token{Kind: r.Kind, ID: "tk_const"}
	}
	return out, nil
}
func (constTokenizer) Close() error { return nil }

func TestConcurrentProcess(t *testing.T) {
	p := newProc(t, pipeline.ProcessorConfig{Tokenizer: &stubTokenizer{}})
	want, err := p.Process(context.Background(), records())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				got, err := p.Process(context.Background(), records())
				if err != nil {
					t.Error(err)
					return
				}
				for j := range got {
					if !bytes.Equal(got[j].Record.Value, want[j].Record.Value) {
						t.Error("concurrent calls differ")
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}
