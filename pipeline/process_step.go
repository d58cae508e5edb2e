package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/redact"
	"github.com/tazala/tazala/scanner"
)

// Step is the processing core for one goroutine: add records with Scan,
// then Tokenize once for all of them, then read each record's findings,
// tokens and subject and append its redacted bytes with Redact. It keeps
// its buffers across Reset, so once warm it allocates nothing per record.
// A Step is not safe for concurrent use; Processor.Process and scanfile's
// workers each use their own.
type Step struct {
	cfg *ProcessorConfig
	sc  *scanner.Scanner
	red *redact.Redactor

	recs   []stepRec
	fs     []tazala.Finding
	toks   []tazala.Token // one per finding after Tokenize; nil without a tokenizer
	tokBuf []tazala.Token

	reqs     []tazala.TokenRequest
	got      []tazala.Token // the tokenizer's answer, reused (tokenAppender)
	reqIx    []int32
	arena    []byte
	arenaOff []int
	ids      []string
	idIx     map[string]int32
	entries  []tazala.TokenEntry
	seen     map[string]struct{}
	withheld []bool
	purposes bool // SetPurpose was called since the last Reset
}

type stepRec struct {
	val        []byte
	fStart     int
	fEnd       int
	subject    string
	hasSubject bool
	purpose    string // the record's purpose (SetPurpose); "" when unknown
	owner      int32  // 1 + the record whose subject this one shares; 0: itself
}

// NewStep returns a Step using the processor's scanner configuration,
// redactor, tokenizer, ledger and token store.
func (p *Processor) NewStep() *Step {
	return &Step{cfg: &p.cfg, sc: scanner.New(p.cfg.Scanner), red: p.cfg.Redactor}
}

// Reset forgets every record, keeping the buffers. (Tokenize clears the
// unescaped values as soon as the tokenizer returns, so no raw value
// lingers in the Step.)
func (s *Step) Reset() {
	s.recs = s.recs[:0]
	s.fs = s.fs[:0]
	s.toks = nil
	s.purposes = false
}

// SetPurpose tells Tokenize the purpose of record i (tazala.Policy), and
// that it belongs with record owner (a record's key with its value; i
// itself otherwise). With a tazala.ConsentLedger as the Erasure ledger,
// the values of records whose subject withdrew consent to their purpose
// are masked like an erased subject's. Call it after adding the records
// and before Tokenize.
func (s *Step) SetPurpose(i int, purpose string, owner int) {
	r := &s.recs[i]
	r.purpose = purpose
	r.owner = 0
	if owner != i {
		r.owner = int32(owner) + 1
	}
	s.purposes = s.purposes || purpose != ""
}

func (s *Step) ownerOf(i int) int {
	if o := s.recs[i].owner; o > 0 {
		return int(o) - 1
	}
	return i
}

// Len returns the number of records added since the last Reset.
func (s *Step) Len() int { return len(s.recs) }

// Scan scans rec (JSON-aware when it looks like JSON), adds it as the next
// record and returns its findings. rec must stay unchanged until the Step
// is Reset. The returned slice aliases the Step: the caller may filter it
// in place and call Keep.
func (s *Step) Scan(rec []byte) []tazala.Finding {
	a := len(s.fs)
	s.fs = s.sc.Scan(rec, s.fs)
	s.recs = append(s.recs, stepRec{val: rec, fStart: a, fEnd: len(s.fs)})
	return s.fs[a:]
}

// ScanText is Scan treating rec as plain text (a window of an over-long
// record after the first, a record key).
func (s *Step) ScanText(rec []byte) []tazala.Finding {
	a := len(s.fs)
	s.fs = s.sc.ScanText(rec, s.fs)
	s.recs = append(s.recs, stepRec{val: rec, fStart: a, fEnd: len(s.fs)})
	return s.fs[a:]
}

// Keep keeps only the first n findings of the last record added (after
// the caller filtered them in place).
func (s *Step) Keep(n int) {
	r := &s.recs[len(s.recs)-1]
	r.fEnd = r.fStart + n
	s.fs = s.fs[:r.fEnd]
}

// Findings returns the findings of record i (aliasing the Step).
func (s *Step) Findings(i int) []tazala.Finding {
	r := s.recs[i]
	return s.fs[r.fStart:r.fEnd]
}

// Tokens returns the tokens of record i, parallel to Findings(i); nil
// without a tokenizer. A finding that needs no token (CVV, mask mode) or
// whose subject was erased has a Token with an empty ID.
func (s *Step) Tokens(i int) []tazala.Token {
	if s.toks == nil {
		return nil
	}
	r := s.recs[i]
	return s.toks[r.fStart:r.fEnd]
}

// Subject returns the subject of record i: its first IIN token, else its
// first e-mail or phone token; empty when none.
func (s *Step) Subject(i int) string {
	r := &s.recs[i]
	if !r.hasSubject {
		r.subject = subjectOf(s.Findings(i), s.Tokens(i))
		r.hasSubject = true
	}
	return r.subject
}

func subjectOf(fs []tazala.Finding, toks []tazala.Token) string {
	if toks == nil {
		return ""
	}
	var contact string
	for j, f := range fs {
		id := toks[j].ID
		if id == "" {
			continue
		}
		switch f.Kind {
		case tazala.KindIIN:
			return id
		case tazala.KindEmail, tazala.KindPhone:
			if contact == "" {
				contact = id
			}
		}
	}
	return contact
}

// Redact appends record i with every finding replaced to dst.
func (s *Step) Redact(dst []byte, i int) []byte {
	r := &s.recs[i]
	return s.red.Append(dst, r.val, s.fs[r.fStart:r.fEnd], s.Tokens(i))
}

// RedactRange appends the bytes [from, to) of record i redacted (a
// window of an over-long record; see redact.Redactor.AppendRange).
func (s *Step) RedactRange(dst []byte, i, from, to int) []byte {
	r := &s.recs[i]
	return s.red.AppendRange(dst, r.val, s.fs[r.fStart:r.fEnd], s.Tokens(i), from, to)
}

// Tokenize tokenizes the findings of every record added, in one call to
// the tokenizer; masks findings of erased subjects (Erasure); puts the
// reversible copies with their subjects in the token store. On error no
// token is kept.
func (s *Step) Tokenize(ctx context.Context) error {
	s.toks = nil
	tk := s.cfg.Tokenizer
	if tk == nil {
		return nil
	}
	s.reqs = s.reqs[:0]
	s.reqIx = s.reqIx[:0]
	s.arena = s.arena[:0]
	s.arenaOff = s.arenaOff[:0]
	// a tokenizer that decodes values itself (rawTokenAppender) is given
	// them as written, aliasing the records: nothing is copied
	ra, raw := tk.(rawTokenAppender)
	for _, r := range s.recs {
		for i := r.fStart; i < r.fEnd; i++ {
			f := &s.fs[i]
			if !s.red.NeedsToken(f.Kind) || f.Span.Start < 0 || f.Span.End > len(r.val) || f.Span.Start > f.Span.End {
				s.reqIx = append(s.reqIx, -1)
				continue
			}
			s.reqIx = append(s.reqIx, int32(len(s.reqs)))
			if raw {
				s.reqs = append(s.reqs, tazala.TokenRequest{Kind: f.Kind, Value: r.val[f.Span.Start:f.Span.End:f.Span.End]})
				continue
			}
			s.reqs = append(s.reqs, tazala.TokenRequest{Kind: f.Kind})
			s.arena = scanner.AppendUnescaped(s.arena, r.val[f.Span.Start:f.Span.End])
			s.arenaOff = append(s.arenaOff, len(s.arena))
		}
	}
	toks := s.toksBuf()
	if len(s.reqs) == 0 {
		for i := range s.fs {
			toks[i] = tazala.Token{Kind: s.fs[i].Kind}
		}
		s.toks = toks
		return nil
	}
	if !raw {
		prev := 0
		for i := range s.reqs {
			s.reqs[i].Value = s.arena[prev:s.arenaOff[i]:s.arenaOff[i]]
			prev = s.arenaOff[i]
		}
	}
	var got []tazala.Token
	var err error
	if raw {
		s.got, err = ra.AppendTokensRaw(ctx, s.got[:0], s.reqs, scanner.AppendUnescaped)
		got = s.got
	} else if ta, ok := tk.(tokenAppender); ok {
		s.got, err = ta.AppendTokens(ctx, s.got[:0], s.reqs)
		got = s.got
	} else {
		got, err = tk.Tokenize(ctx, s.reqs)
	}
	// the request values alias the arena (or the records): clear them so
	// nothing raw lingers after the call
	for i := range s.reqs {
		s.reqs[i].Value = nil
	}
	clear(s.arena)
	if err != nil {
		return tokenizeErr("tokenizer", err)
	}
	if len(got) != len(s.reqs) {
		return fmt.Errorf("pipeline: %w: %w: tokenizer returned %d tokens for %d values", ErrTokenize, tazala.ErrUnavailable, len(got), len(s.reqs))
	}
	for i, ix := range s.reqIx {
		if ix >= 0 {
			toks[i] = got[ix]
		} else {
			toks[i] = tazala.Token{Kind: s.fs[i].Kind}
		}
	}
	if s.cfg.Erasure != nil {
		if err := s.applyErasure(ctx, toks); err != nil {
			return err
		}
	}
	s.toks = toks
	for i := range s.recs {
		s.recs[i].hasSubject = false
	}
	if s.cfg.TokenStore != nil {
		if err := s.store(ctx); err != nil {
			s.toks = nil
			return err
		}
	}
	return nil
}

// tokenAppender is a tokenizer that can append its tokens to a buffer
// (tokenize/local): a Step reuses one buffer across batches instead of
// a new slice per batch.
type tokenAppender interface {
	AppendTokens(ctx context.Context, dst []tazala.Token, reqs []tazala.TokenRequest) ([]tazala.Token, error)
}

// rawTokenAppender is a tokenAppender that takes each value as written in
// its record and decodes (scanner.AppendUnescaped) only those it has not
// seen (tokenize/local, whose cache is keyed by the value as written): on
// a cache hit no value is copied or decoded.
type rawTokenAppender interface {
	AppendTokensRaw(ctx context.Context, dst []tazala.Token, reqs []tazala.TokenRequest, decode func(dst, raw []byte) []byte) ([]tazala.Token, error)
}

// toksBuf returns the token buffer sized to the findings.
func (s *Step) toksBuf() []tazala.Token {
	if cap(s.tokBuf) < len(s.fs) {
		s.tokBuf = make([]tazala.Token, len(s.fs), len(s.fs)+len(s.fs)/2)
	}
	s.tokBuf = s.tokBuf[:len(s.fs)]
	return s.tokBuf
}

// applyErasure asks the ledger about the batch's distinct tokens and
// blanks those of erased subjects; with a tazala.ConsentLedger and
// purposes (SetPurpose), also every token of a record whose subject
// withdrew consent to the record's purpose, and the withdrawn tokens
// wherever else they appear in records of that purpose.
func (s *Step) applyErasure(ctx context.Context, toks []tazala.Token) error {
	if s.idIx == nil {
		s.idIx = map[string]int32{}
	}
	clear(s.idIx)
	s.ids = s.ids[:0]
	for i := range toks {
		if id := toks[i].ID; id != "" {
			if _, ok := s.idIx[id]; !ok {
				s.idIx[id] = int32(len(s.ids))
				s.ids = append(s.ids, id)
			}
		}
	}
	if len(s.ids) == 0 {
		return nil
	}
	if cl, ok := s.cfg.Erasure.(tazala.ConsentLedger); ok && s.purposes {
		return s.applyLedger(ctx, cl, toks)
	}
	erased, err := s.cfg.Erasure.Erased(ctx, s.ids)
	if err != nil {
		return tokenizeErr("erasure ledger", err)
	}
	if len(erased) != len(s.ids) {
		return fmt.Errorf("pipeline: %w: %w: erasure ledger answered %d of %d tokens", ErrTokenize, tazala.ErrUnavailable, len(erased), len(s.ids))
	}
	any := false
	for _, e := range erased {
		any = any || e
	}
	if !any {
		return nil
	}
	for i := range toks {
		if id := toks[i].ID; id != "" && erased[s.idIx[id]] {
			toks[i] = tazala.Token{Kind: toks[i].Kind}
		}
	}
	return nil
}

// applyLedger is applyErasure with the consent ledger's answer: one call
// for erasures and consent withdrawals.
func (s *Step) applyLedger(ctx context.Context, cl tazala.ConsentLedger, toks []tazala.Token) error {
	es, err := cl.Entries(ctx, s.ids)
	if err != nil {
		return tokenizeErr("erasure ledger", err)
	}
	if len(es) != len(s.ids) {
		return fmt.Errorf("pipeline: %w: %w: erasure ledger answered %d of %d tokens", ErrTokenize, tazala.ErrUnavailable, len(es), len(s.ids))
	}
	any := false
	for i := range es {
		any = any || es[i].Erased || len(es[i].Withdrawn) > 0
	}
	if !any {
		return nil
	}
	// a record (with its key) is the withdrawn subject's when one of its
	// identifying tokens (IIN, e-mail, phone: what a subject is made of)
	// is withdrawn for the record's purpose: then none of its values is
	// kept, not even an identifier the ledger has not seen yet
	s.withheld = append(s.withheld[:0], make([]bool, len(s.recs))...)
	for i, r := range s.recs {
		if r.purpose == "" {
			continue
		}
		for j := r.fStart; j < r.fEnd; j++ {
			id := toks[j].ID
			if id == "" {
				continue
			}
			switch s.fs[j].Kind {
			case tazala.KindIIN, tazala.KindEmail, tazala.KindPhone:
				if es[s.idIx[id]].WithdrawnFor(r.purpose) {
					s.withheld[s.ownerOf(i)] = true
				}
			}
		}
	}
	for i, r := range s.recs {
		all := s.withheld[s.ownerOf(i)]
		for j := r.fStart; j < r.fEnd; j++ {
			id := toks[j].ID
			if id == "" {
				continue
			}
			e := &es[s.idIx[id]]
			if all || e.Erased || (r.purpose != "" && e.WithdrawnFor(r.purpose)) {
				toks[j] = tazala.Token{Kind: toks[j].Kind}
			}
		}
	}
	return nil
}

// store puts the batch's reversible copies, once per token, with the
// subject of the first record it appears in.
func (s *Step) store(ctx context.Context) error {
	if s.seen == nil {
		s.seen = map[string]struct{}{}
	}
	clear(s.seen)
	s.entries = s.entries[:0]
	for i, r := range s.recs {
		for j := r.fStart; j < r.fEnd; j++ {
			tk := s.toks[j]
			if tk.Ciphertext == "" || tk.ID == "" || tk.Kind == tazala.KindCVV {
				continue
			}
			if _, ok := s.seen[tk.ID]; ok {
				continue
			}
			s.seen[tk.ID] = struct{}{}
			s.entries = append(s.entries, tazala.TokenEntry{ID: tk.ID, Kind: tk.Kind, Ciphertext: tk.Ciphertext, Subject: s.Subject(i)})
		}
	}
	if len(s.entries) == 0 {
		return nil
	}
	err := s.cfg.TokenStore.Put(ctx, s.entries)
	clear(s.entries)
	if err != nil {
		return tokenizeErr("token store", err)
	}
	return nil
}

// tokenizeErr wraps a backend failure: ErrTokenize, and ErrUnavailable
// unless the backend denied the request or the context ended.
func tokenizeErr(what string, err error) error {
	if errors.Is(err, tazala.ErrDenied) || errors.Is(err, tazala.ErrUnavailable) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("pipeline: %w: %s: %w", ErrTokenize, what, err)
	}
	return fmt.Errorf("pipeline: %w: %s: %w: %w", ErrTokenize, what, tazala.ErrUnavailable, err)
}
