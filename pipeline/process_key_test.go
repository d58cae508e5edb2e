package pipeline_test

import (
	"context"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/scanner"
)

// TestProcessIndexesKeyFindings: a record key holding personal data (a
// Kafka message key) is redacted and its findings come after the value's
// with the path (key), so they get index rows; a key's IIN is the
// record's subject when the value has none.
func TestProcessIndexesKeyFindings(t *testing.T) {
	p := newProc(t, pipeline.ProcessorConfig{Scanner: scanner.Config{Paths: true}, Tokenizer: &stubTokenizer{}})
	recs := []tazala.Record{
		{Source: "payments", Offset: 1, Key: []byte("iin=" + iin), Value: []byte(`{"phone":"` + phone + `"}`)},
		{Source: "payments", Offset: 2, Key: []byte("order-17"), Value: []byte(`{"mail":"` + email + `"}`)},
		{Source: "payments", Offset: 3, Key: []byte("mail " + email), Value: []byte(`nothing here`)},
	}
	outs, err := p.Process(context.Background(), recs)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		out     int
		kinds   []tazala.Kind
		paths   []string
		subject string
	}{
		{0, []tazala.Kind{tazala.KindPhone, tazala.KindIIN}, []string{"phone", pipeline.KeyPath}, tokenOf(tazala.KindIIN, iin)},
		{1, []tazala.Kind{tazala.KindEmail}, []string{"mail"}, tokenOf(tazala.KindEmail, email)},
		{2, []tazala.Kind{tazala.KindEmail}, []string{pipeline.KeyPath}, tokenOf(tazala.KindEmail, email)},
	} {
		o := outs[tc.out]
		if len(o.Findings) != len(tc.kinds) || len(o.Tokens) != len(o.Findings) {
			t.Fatalf("record %d: %d findings, %d tokens; want %d", tc.out+1, len(o.Findings), len(o.Tokens), len(tc.kinds))
		}
		for j, f := range o.Findings {
			if f.Kind != tc.kinds[j] || f.Path != tc.paths[j] || o.Tokens[j].ID == "" {
				t.Errorf("record %d finding %d: %v at %q token %q; want %v at %q", tc.out+1, j, f.Kind, f.Path, o.Tokens[j].ID, tc.kinds[j], tc.paths[j])
			}
			src := o.Record.Value
			if f.Path == pipeline.KeyPath {
				src = recs[tc.out].Key
			}
			if f.Span.Start < 0 || f.Span.End > len(src) || f.Span.Start >= f.Span.End {
				t.Errorf("record %d finding %d: span %v outside its %d bytes", tc.out+1, j, f.Span, len(src))
			}
		}
		if o.Subject != tc.subject {
			t.Errorf("record %d subject %q, want %q", tc.out+1, o.Subject, tc.subject)
		}
	}
	if string(outs[1].Record.Key) != "order-17" {
		t.Errorf("a key without personal data changed: %q", outs[1].Record.Key)
	}
}
