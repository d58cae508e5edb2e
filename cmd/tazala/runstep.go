package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/redact"
	"github.com/tazala/tazala/scanner"
)

// basicStep is the daemon's processing step until pipeline.Processor (the
// one step shared with scan and rescans) is wired: scan, tokenize (one
// call per batch), token vault, redact, purpose. It keeps the Processor's
// contract: outputs own their memory, backend errors wrap ErrUnavailable.
type basicStep struct {
	scfg   scanner.Config
	pool   sync.Pool
	tok    tazala.Tokenizer
	red    *redact.Redactor
	store  tazala.TokenStore // optional
	policy tazala.Policy
}

func newBasicStep(scfg scanner.Config, tok tazala.Tokenizer, red *redact.Redactor, store tazala.TokenStore, pol tazala.Policy) *basicStep {
	s := &basicStep{scfg: scfg, tok: tok, red: red, store: store, policy: pol}
	s.pool.New = func() any { return scanner.New(scfg) }
	return s
}

func (s *basicStep) Process(ctx context.Context, recs []tazala.Record) ([]tazala.Output, error) {
	sc := s.pool.Get().(*scanner.Scanner)
	defer s.pool.Put(sc)
	outs := make([]tazala.Output, len(recs))
	var reqs []tazala.TokenRequest
	var reqAt [][2]int // output, finding
	for i := range recs {
		fs := sc.Scan(recs[i].Value, nil)
		outs[i].Findings = fs
		outs[i].Tokens = make([]tazala.Token, len(fs))
		for j, f := range fs {
			outs[i].Tokens[j] = tazala.Token{Kind: f.Kind}
			if s.red.NeedsToken(f.Kind) {
				reqs = append(reqs, tazala.TokenRequest{Kind: f.Kind, Value: scanner.AppendUnescaped(nil, recs[i].Value[f.Span.Start:f.Span.End])})
				reqAt = append(reqAt, [2]int{i, j})
			}
		}
	}
	if len(reqs) > 0 {
		toks, err := s.tok.Tokenize(ctx, reqs)
		for i := range reqs {
			clear(reqs[i].Value)
		}
		if err != nil {
			return nil, fmt.Errorf("process: tokenize: %w", err)
		}
		if len(toks) != len(reqs) {
			return nil, fmt.Errorf("process: tokenizer returned %d tokens for %d values", len(toks), len(reqs))
		}
		var entries []tazala.TokenEntry
		for k, at := range reqAt {
			outs[at[0]].Tokens[at[1]] = toks[k]
			if toks[k].Ciphertext != "" {
				entries = append(entries, tazala.TokenEntry{ID: toks[k].ID, Kind: toks[k].Kind, Ciphertext: toks[k].Ciphertext})
			}
		}
		if s.store != nil && len(entries) > 0 {
			if err := s.store.Put(ctx, entries); err != nil {
				return nil, fmt.Errorf("process: token vault: %w: %w", tazala.ErrUnavailable, err)
			}
		}
	}
	for i := range recs {
		o := &outs[i]
		o.Record = recs[i]
		o.Record.Value = s.red.Append(nil, recs[i].Value, o.Findings, o.Tokens)
		o.Record.Key = nil // keys are not scanned here: never passed through
		o.Subject = recordSubject(o.Tokens)
		o.Purpose = s.policy.Purpose(&o.Record, o.Findings)
	}
	return outs, nil
}

// recordSubject picks the record's subject: its IIN token, else its first
// e-mail or phone token.
func recordSubject(toks []tazala.Token) string {
	for _, k := range []tazala.Kind{tazala.KindIIN, tazala.KindEmail, tazala.KindPhone} {
		for _, t := range toks {
			if t.Kind == k && t.ID != "" {
				return t.ID
			}
		}
	}
	return ""
}
