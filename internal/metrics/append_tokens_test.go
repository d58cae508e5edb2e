package metrics

import (
	"context"
	"errors"
	"testing"

	"github.com/tazala/tazala"
)

// fakeTok gives every request the token "tk_<kind>"; fail makes it fail.
type fakeTok struct{ fail bool }

func (f fakeTok) Tokenize(_ context.Context, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	if f.fail {
		return nil, tazala.ErrUnavailable
	}
	out := make([]tazala.Token, len(reqs))
	for i, r := range reqs {
		out[i] = tazala.Token{Kind: r.Kind, ID: "tk_" + r.Kind.String()}
	}
	return out, nil
}
func (fakeTok) Close() error { return nil }

// appendingTok also appends.
type appendingTok struct{ fakeTok }

func (a appendingTok) AppendTokens(ctx context.Context, dst []tazala.Token, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	toks, err := a.Tokenize(ctx, reqs)
	if err != nil {
		return dst, err
	}
	return append(dst, toks...), nil
}

// TestTimedAppendTokens: AppendTokens appends to the caller's buffer
// whether or not the wrapped tokenizer can, leaves it as it was on error,
// and is timed like Tokenize.
func TestTimedAppendTokens(t *testing.T) {
	reqs := []tazala.TokenRequest{{Kind: tazala.KindIIN}, {Kind: tazala.KindEmail}}
	for _, tk := range []tazala.Tokenizer{fakeTok{}, appendingTok{}} {
		m := New()
		tt := m.TimeTokenizer(tk, "x")
		dst := []tazala.Token{{ID: "tk_before"}}
		got, err := tt.AppendTokens(context.Background(), dst, reqs)
		if err != nil || len(got) != 3 || got[0].ID != "tk_before" || got[1].ID != "tk_iin" || got[2].ID != "tk_email" {
			t.Fatalf("%T: got %v, %v", tk, got, err)
		}
		if n := observed(t, m); n != 1 {
			t.Errorf("%T: %d calls timed, want 1", tk, n)
		}
	}
	tt := New().TimeTokenizer(fakeTok{fail: true}, "x")
	dst := []tazala.Token{{ID: "tk_before"}}
	got, err := tt.AppendTokens(context.Background(), dst, reqs)
	if !errors.Is(err, tazala.ErrUnavailable) || len(got) != 1 {
		t.Fatalf("on error: %v, %d tokens; want the buffer as it was", err, len(got))
	}
}

// observed is the number of tokenizer calls timed.
func observed(t *testing.T, m *Metrics) uint64 {
	mfs, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var n uint64
	for _, mf := range mfs {
		if mf.GetName() == "tazala_tokenizer_latency_seconds" {
			for _, s := range mf.GetMetric() {
				n += s.GetHistogram().GetSampleCount()
			}
		}
	}
	return n
}
