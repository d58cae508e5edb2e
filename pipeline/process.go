package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/redact"
	"github.com/tazala/tazala/scanner"
)

// ProcessorConfig configures a Processor. Only Tokenizer is needed for
// tokens; without one, every finding is masked (redact's fail-safe).
type ProcessorConfig struct {
	Scanner  scanner.Config
	Redactor *redact.Redactor // nil: token mode for every kind
	// Tokenizer turns values into tokens; nil masks every finding.
	Tokenizer tazala.Tokenizer
	// TokenStore, when set, receives the reversible copies (ciphertexts)
	// of a batch's tokens, with their subject, before the batch's outputs
	// are returned, so every token written can be revealed.
	TokenStore tazala.TokenStore
	// Policy, when set, decides each output's Purpose.
	Policy tazala.Policy
	// Erasure, when set, is asked which of a batch's tokens belong to
	// erased subjects: their findings are masked with no token, appear in
	// no subject and are not put in the token store, so a replay or a
	// rescan never brings an erased subject back. When it is also a
	// tazala.ConsentLedger and Policy is set, a record of a purpose whose
	// subject withdrew consent to it is treated the same way: every value
	// of the record is masked (statutory purposes are never withdrawn).
	Erasure tazala.ErasureLedger
}

// Processor is the processing step. It is safe for concurrent use: each
// call takes a Step (scanner and scratch buffers) from a pool.
type Processor struct {
	cfg   ProcessorConfig
	steps sync.Pool
}

// ErrTokenize wraps failures of the tokenizer, the erasure ledger and the
// token store: nothing of the batch is returned. Such errors also wrap
// tazala.ErrUnavailable (the caller backs off and retries) unless the
// backend said tazala.ErrDenied or the context ended.
var ErrTokenize = errors.New("tokenize")

// ErrInternal wraps a recovered panic while processing a batch: nothing of
// the batch is returned, and the message names record offsets, never
// content.
var ErrInternal = errors.New("internal error")

// NewProcessor returns a Processor for cfg.
func NewProcessor(cfg ProcessorConfig) (*Processor, error) {
	if cfg.Redactor == nil {
		cfg.Redactor = redact.New(redact.Config{})
	}
	p := &Processor{cfg: cfg}
	p.steps.New = func() any { return p.NewStep() }
	return p, nil
}

// Config returns the processor's configuration.
func (p *Processor) Config() ProcessorConfig { return p.cfg }

// Process scans, tokenizes and redacts recs and returns one Output per
// record, in order. Record.Value of an output holds the redacted bytes and
// Record.Key the redacted key; Findings and Tokens are parallel, the
// value's findings first, then the key's (Path KeyPath, spans in the
// key), so the key's personal data is indexed too; Subject is the
// record's IIN token, else its first e-mail or phone token; Purpose
// comes from the Policy. The outputs own their memory (nothing is reused
// by later calls). On error nothing is returned.
func (p *Processor) Process(ctx context.Context, recs []tazala.Record) (outs []tazala.Output, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := p.steps.Get().(*Step)
	defer func() {
		if r := recover(); r != nil {
			s = nil // its scanner may hold inconsistent state: not reused
			outs = nil
			err = fmt.Errorf("pipeline: %w: processing records %s failed (%T)", ErrInternal, span(recs), r)
		}
		if s != nil {
			s.Reset()
			p.steps.Put(s)
		}
	}()
	s.Reset()
	size := 0
	keys := 0
	for i := range recs {
		s.Scan(recs[i].Value)
		if s.sc.Incomplete() {
			// a user rule timed out: the record is not known to be clean
			return nil, fmt.Errorf("pipeline: %w: record %s", ErrIncomplete, span(recs[i:i+1]))
		}
		size += len(recs[i].Value) + len(recs[i].Key)
	}
	for i := range recs {
		if len(recs[i].Key) > 0 {
			s.ScanText(recs[i].Key)
			keys++
		}
	}
	var purposes []tazala.Purpose
	if p.cfg.Policy != nil {
		// decided before tokenizing: the ledger's answer depends on it
		purposes = make([]tazala.Purpose, len(recs))
		k := len(recs)
		for i := range recs {
			purposes[i] = p.cfg.Policy.Purpose(&recs[i], s.Findings(i))
			s.SetPurpose(i, purposes[i].Name, i)
			if len(recs[i].Key) > 0 {
				s.SetPurpose(k, purposes[i].Name, i)
				k++
			}
		}
	}
	if err := s.Tokenize(ctx); err != nil {
		return nil, err
	}
	outs = make([]tazala.Output, len(recs))
	nf := len(s.fs)
	fs := make([]tazala.Finding, 0, nf)
	var toks []tazala.Token
	if s.toks != nil {
		toks = make([]tazala.Token, 0, nf)
	}
	buf := make([]byte, 0, size+size/4+nf*36)
	ends := make([]int, 0, len(recs)+keys)
	for i := range recs {
		buf = s.Redact(buf, i)
		ends = append(ends, len(buf))
	}
	k := len(recs)
	for i := range recs {
		if len(recs[i].Key) > 0 {
			buf = s.Redact(buf, k)
			k++
		}
		ends = append(ends, len(buf))
	}
	prev := 0
	k = len(recs)
	for i := range recs {
		o := &outs[i]
		o.Record = recs[i]
		o.Record.Value = buf[prev:ends[i]:ends[i]]
		prev = ends[i]
		a := len(fs)
		fs = append(fs, s.Findings(i)...)
		if toks != nil {
			toks = append(toks, s.Tokens(i)...)
		}
		o.Subject = s.Subject(i)
		if len(recs[i].Key) > 0 {
			// the key's findings are indexed with the value's, after
			// them, their path marking them as the key's (KeyPath)
			if kf := s.Findings(k); len(kf) > 0 {
				for _, f := range kf {
					f.Path = keyPath(f.Path)
					fs = append(fs, f)
				}
				if toks != nil {
					toks = append(toks, s.Tokens(k)...)
					// an IIN in the key is a better subject than a
					// contact in the value
					o.Subject = subjectOf(fs[a:], toks[a:])
				}
			}
			k++
		}
		o.Findings = fs[a:len(fs):len(fs)]
		if toks != nil {
			o.Tokens = toks[a:len(toks):len(toks)]
		}
	}
	for i := range recs {
		end := ends[len(recs)+i]
		if len(recs[i].Key) > 0 {
			outs[i].Record.Key = buf[prev:end:end]
		}
		prev = end
	}
	for i := range purposes {
		outs[i].Purpose = purposes[i]
	}
	return outs, nil
}

// KeyPath is the path of a finding in a record's key (a Kafka message
// key): the key is scanned as text, its findings are indexed after the
// value's with this path, and their Start and End are byte offsets in
// the key.
const KeyPath = "(key)"

func keyPath(p string) string {
	if p == "" {
		return KeyPath
	}
	return KeyPath + "." + p
}

// span names a batch's records by position only: "topic/0@17..42".
func span(recs []tazala.Record) string {
	if len(recs) == 0 {
		return "(none)"
	}
	a, b := recs[0], recs[len(recs)-1]
	return fmt.Sprintf("%q/%d@%d..%d", a.Source, a.Partition, a.Offset, b.Offset)
}
