// Package scanfile owns the file-to-file fast path behind `tazala scan`:
// it streams newline-delimited records from a reader in large blocks,
// scans the blocks on several workers, tokenizes each block's findings in
// one batch, and writes the redacted records and, optionally, one JSON
// object per finding (the findings contract of design.md) in input order.
// Memory stays flat whatever the input size; records longer than MaxLine
// are scanned in overlapping windows and never passed through unscanned.
package scanfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/redact"
	"github.com/tazala/tazala/scanner"
)

// DefaultMaxLine is the longest record scanned in one piece (1 MiB).
const DefaultMaxLine = 1 << 20

// Overlap is how much context a window of an over-long record sees on each
// side of the bytes it owns: any finding shorter than this, with its label,
// is seen whole by the window it starts in.
const Overlap = 1024

// blockSize is the target size of one batch of whole records.
const blockSize = 1 << 20

// Config configures a Run.
type Config struct {
	Scanner   scanner.Config
	Redactor  *redact.Redactor
	Tokenizer tazala.Tokenizer
	// MaxLine is the longest record scanned in one piece; 0 means DefaultMaxLine.
	MaxLine int
	// Workers scanning in parallel; 0 means GOMAXPROCS.
	Workers int
	// TokenStore, when set, receives the reversible copies (ciphertexts) of
	// every block's tokens before the block's output is written, so every
	// token in the output can be revealed.
	TokenStore tazala.TokenStore
	// Findings receives one JSON object per finding; nil for none.
	Findings io.Writer
	// File, when set, is added to every finding object as "file".
	File string
	// Progress, when set, is called after each block with the totals so far.
	Progress func(Stats)
}

// Stats counts what a Run saw.
type Stats struct {
	Lines       int64
	Bytes       int64
	Findings    int64
	ByKind      [8]int64
	InvalidUTF8 int64 // records that are not valid UTF-8 (scanned as bytes)
	LongLines   int64 // records longer than MaxLine (scanned in windows)
}

// Add adds o to s.
func (s *Stats) Add(o Stats) {
	s.Lines += o.Lines
	s.Bytes += o.Bytes
	s.Findings += o.Findings
	for i := range s.ByKind {
		s.ByKind[i] += o.ByKind[i]
	}
	s.InvalidUTF8 += o.InvalidUTF8
	s.LongLines += o.LongLines
}

// WriteError is a failed write of the output or the findings: the run
// stops there. Lines and Cut say exactly what the writer holds: every
// record before line Line+... is whole up to Lines records, then Cut bytes
// of records that are not (a partly written block, or the windows of an
// over-long record). A caller that can truncate the file by Cut bytes
// leaves it ending on a whole record.
type WriteError struct {
	Stream string // "output" or "findings"
	Line   int64  // first line of the block whose write failed
	Lines  int64  // input lines of this run whose output (and findings) were written whole
	Cut    int64  // bytes written after the last whole record (output) or block (findings)
	Err    error
}

func (e *WriteError) Error() string { return fmt.Sprintf("scanfile: write %s: %v", e.Stream, e.Err) }
func (e *WriteError) Unwrap() error { return e.Err }

// ErrTokenize wraps tokenizer failures: the run stops and nothing of the
// failed block (or any later one) is written.
var ErrTokenize = errors.New("tokenize")

// Run scans r to w and returns the statistics and the first error.
func Run(ctx context.Context, r io.Reader, w io.Writer, cfg Config) (Stats, error) {
	if cfg.MaxLine <= 0 {
		cfg.MaxLine = DefaultMaxLine
	}
	if cfg.MaxLine > MaxMaxLine {
		return Stats{}, ErrMaxLine // larger ones overflow sizes or exhaust memory
	}
	if cfg.Redactor == nil {
		cfg.Redactor = redact.New(redact.Config{})
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	pieces := make(chan *piece, cfg.Workers*2)
	var readErr error
	go func() {
		defer close(pieces)
		readErr = split(ctx, r, cfg.MaxLine, pieces)
	}()

	// workers take pieces in order and hand results to the writer through
	// a per-piece channel, so output keeps input order
	type job struct {
		p    *piece
		done chan struct{}
	}
	jobs := make(chan job, cfg.Workers*2)
	order := make(chan job, cfg.Workers*2)
	go func() {
		defer close(jobs)
		defer close(order)
		for p := range pieces {
			j := job{p: p, done: make(chan struct{})}
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				// the writer already waits for j: finish it unprocessed
				// (a hang after a failed write or a cancel, before)
				j.p.err = ctx.Err()
				close(j.done)
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for i := 0; i < cfg.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk := newWorker(cfg)
			for j := range jobs {
				wk.process(ctx, j.p)
				close(j.done)
			}
		}()
	}

	var st Stats
	var err error
	// cut counts the output bytes written since the last whole record: a
	// window of an over-long record ends mid-record
	var cut int64
	for j := range order {
		<-j.done
		p := j.p
		if err == nil {
			switch {
			case p.err != nil:
				err = p.err
			default:
				if n, werr := w.Write(p.out); werr != nil {
					err = &WriteError{Stream: "output", Line: p.line, Lines: st.Lines, Cut: cut + int64(n), Err: werr}
				} else if cfg.Findings != nil && len(p.fout) > 0 {
					if n, werr := cfg.Findings.Write(p.fout); werr != nil {
						err = &WriteError{Stream: "findings", Line: p.line, Lines: st.Lines, Cut: int64(n), Err: werr}
					}
				}
				if p.window && !p.last {
					cut += int64(len(p.out))
				} else {
					cut = 0
				}
				if err != nil {
					break
				}
				st.Add(p.stats)
				if cfg.Progress != nil {
					cfg.Progress(st)
				}
			}
			if err != nil {
				cancel()
			}
		}
		releasePiece(p)
	}
	wg.Wait()
	if err == nil && readErr != nil {
		err = readErr
	}
	if err == nil {
		err = ctx.Err()
		if parent := context.Cause(ctx); err != nil && parent == context.Canceled {
			err = nil // our own cancel after finishing
		}
	}
	return st, err
}

// worker processes pieces with its own scanner and scratch buffers.
type worker struct {
	cfg Config
	sc  *scanner.Scanner
	red *redact.Redactor

	fs       []tazala.Finding
	recs     []recRef
	reqs     []tazala.TokenRequest
	reqIx    []int32
	arena    []byte
	arenaOff []int
	tk       []tazala.Token
}

type recRef struct {
	no     int64
	a, b   int // record bytes in piece data
	nl     bool
	fStart int
	fEnd   int
}

func newWorker(cfg Config) *worker {
	return &worker{cfg: cfg, sc: scanner.New(cfg.Scanner), red: cfg.Redactor}
}

// ErrInternal wraps a recovered panic: the run stops, nothing of the piece
// is written, and the message names the line, never its content.
var ErrInternal = errors.New("internal error")

func (wk *worker) process(ctx context.Context, p *piece) {
	defer func() {
		if r := recover(); r != nil {
			// a fresh scanner: the old one may hold inconsistent scratch state
			wk.sc = scanner.New(wk.cfg.Scanner)
			p.out, p.fout = p.out[:0], p.fout[:0]
			p.err = fmt.Errorf("scanfile: %w: scanning the block starting at line %d failed (%T)", ErrInternal, p.line, r)
		}
	}()
	if ctx.Err() != nil {
		p.err = ctx.Err()
		return
	}
	wk.fs = wk.fs[:0]
	wk.recs = wk.recs[:0]
	if p.window {
		wk.scanWindow(p)
	} else {
		wk.scanLines(p)
	}
	toks, err := wk.tokenize(ctx, p)
	if err != nil {
		p.err = err
		return
	}
	wk.render(p, toks)
}

func (wk *worker) scanLines(p *piece) {
	d := p.data
	no := p.line
	pos := 0
	for pos < len(d) {
		e := indexNL(d[pos:])
		nl := e >= 0
		if !nl {
			e = len(d) - pos
		}
		rec := d[pos : pos+e]
		fStart := len(wk.fs)
		if len(rec) > wk.cfg.MaxLine {
			// cannot happen: split cuts over-long records into windows
			wk.fs = wk.sc.ScanText(rec, wk.fs)
		} else {
			wk.fs = wk.sc.Scan(rec, wk.fs)
		}
		wk.recs = append(wk.recs, recRef{no: no, a: pos, b: pos + e, nl: nl, fStart: fStart, fEnd: len(wk.fs)})
		p.stats.Lines++
		p.stats.Bytes += int64(e)
		if nl {
			p.stats.Bytes++
		}
		if !validUTF8(rec) {
			p.stats.InvalidUTF8++
		}
		no++
		pos += e
		if nl {
			pos++
		}
	}
}

// scanWindow scans one window of an over-long record. The window owns
// data[pre:pre+own]; findings starting there are kept. A finding that
// started in the previous window and runs into this one is skipped over
// (the previous window wrote its replacement); a kept finding overlapping
// it is replaced from the skip on (redact.AppendRange), so the bytes of
// both are covered and both tokens show.
func (wk *worker) scanWindow(p *piece) {
	d := p.data
	if p.winOff == 0 {
		wk.fs = wk.sc.Scan(d, wk.fs)
	} else {
		wk.fs = wk.sc.ScanText(d, wk.fs)
	}
	ownEnd := p.pre + p.own
	skipTo := p.pre
	k := 0
	for _, f := range wk.fs {
		switch {
		case f.Span.Start < p.pre:
			if f.Span.End > skipTo {
				skipTo = f.Span.End
			}
		case f.Span.Start < ownEnd:
			wk.fs[k] = f
			k++
		}
	}
	wk.fs = wk.fs[:k]
	end := ownEnd
	for _, f := range wk.fs {
		// the largest end, not the last finding's: findings may nest
		end = max(end, f.Span.End)
	}
	if skipTo > end {
		skipTo = end
	}
	p.skip = skipTo
	p.end = end
	wk.recs = append(wk.recs, recRef{no: p.line, a: 0, b: len(d), nl: p.nl, fStart: 0, fEnd: k})
	p.stats.Bytes += int64(p.own)
	if p.last {
		p.stats.Lines++
		p.stats.LongLines++
		if p.nl {
			p.stats.Bytes++
		}
	}
}

func (wk *worker) tokenize(ctx context.Context, p *piece) ([]tazala.Token, error) {
	if wk.cfg.Tokenizer == nil {
		return nil, nil
	}
	wk.reqs = wk.reqs[:0]
	wk.reqIx = wk.reqIx[:0]
	wk.arena = wk.arena[:0]
	wk.arenaOff = wk.arenaOff[:0]
	for _, r := range wk.recs {
		for i := r.fStart; i < r.fEnd; i++ {
			f := wk.fs[i]
			if !wk.red.NeedsToken(f.Kind) {
				wk.reqIx = append(wk.reqIx, -1)
				continue
			}
			wk.reqIx = append(wk.reqIx, int32(len(wk.reqs)))
			wk.reqs = append(wk.reqs, tazala.TokenRequest{Kind: f.Kind})
			wk.arena = scanner.AppendUnescaped(wk.arena, p.data[r.a+f.Span.Start:r.a+f.Span.End])
			wk.arenaOff = append(wk.arenaOff, len(wk.arena))
		}
	}
	if len(wk.reqs) == 0 {
		return nil, nil
	}
	prev := 0
	for i := range wk.reqs {
		wk.reqs[i].Value = wk.arena[prev:wk.arenaOff[i]:wk.arenaOff[i]]
		prev = wk.arenaOff[i]
	}
	toks, err := wk.cfg.Tokenizer.Tokenize(ctx, wk.reqs)
	// the request values alias the arena: clear them so nothing raw lingers
	// in the request slice after the call
	for i := range wk.reqs {
		wk.reqs[i].Value = nil
	}
	if err != nil {
		return nil, fmt.Errorf("scanfile: %w: %w", ErrTokenize, err)
	}
	if len(toks) != len(wk.reqs) {
		return nil, fmt.Errorf("scanfile: %w: tokenizer returned %d tokens for %d values", ErrTokenize, len(toks), len(wk.reqs))
	}
	if wk.cfg.TokenStore != nil {
		var entries []tazala.TokenEntry
		for _, tk := range toks {
			if tk.Ciphertext != "" && tk.Kind != tazala.KindCVV {
				entries = append(entries, tazala.TokenEntry{ID: tk.ID, Kind: tk.Kind, Ciphertext: tk.Ciphertext})
			}
		}
		if err := wk.cfg.TokenStore.Put(ctx, entries); err != nil {
			return nil, fmt.Errorf("scanfile: token store: %w", err)
		}
	}
	return toks, nil
}

func (wk *worker) render(p *piece, toks []tazala.Token) {
	fi := 0
	for _, r := range wk.recs {
		rec := p.data[r.a:r.b]
		fs := wk.fs[r.fStart:r.fEnd]
		wk.tk = wk.tk[:0]
		if toks != nil {
			for j := range fs {
				if ix := wk.reqIx[fi+j]; ix >= 0 {
					wk.tk = append(wk.tk, toks[ix])
				} else {
					wk.tk = append(wk.tk, tazala.Token{Kind: fs[j].Kind})
				}
			}
		}
		fi += len(fs)
		var off int64
		if p.window {
			// write only what this window owns, plus the tail of a finding
			// that starts here and runs on
			p.out = wk.red.AppendRange(p.out, rec, fs, wk.tk, p.skip, p.end)
			off = p.winOff - int64(p.pre)
		} else {
			p.out = wk.red.Append(p.out, rec, fs, wk.tk)
		}
		if r.nl {
			p.out = append(p.out, '\n')
		}
		for j, f := range fs {
			p.stats.Findings++
			p.stats.ByKind[f.Kind&7]++
			if wk.cfg.Findings != nil {
				var id string
				if j < len(wk.tk) {
					id = wk.tk[j].ID
				}
				p.fout = appendFinding(p.fout, wk.cfg.File, r.no, off, f, id)
			}
		}
	}
}

func appendFinding(b []byte, file string, line, off int64, f tazala.Finding, token string) []byte {
	b = append(b, `{"line":`...)
	b = strconv.AppendInt(b, line, 10)
	b = append(b, `,"type":"`...)
	b = append(b, f.Kind.String()...)
	b = append(b, `","start":`...)
	b = strconv.AppendInt(b, off+int64(f.Span.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, off+int64(f.Span.End), 10)
	if f.Path != "" {
		// a path is built from raw JSON key text, already valid inside
		// quotes unless the record was broken JSON with control bytes
		b = append(b, `,"path":`...)
		if rawJSONSafe(f.Path) {
			b = append(b, '"')
			b = append(b, f.Path...)
			b = append(b, '"')
		} else {
			b = strconv.AppendQuote(b, f.Path)
		}
	}
	b = append(b, `,"detector":`...)
	b = appendJSONString(b, f.Detector)
	b = append(b, `,"confidence":`...)
	b = appendConf(b, f.Confidence)
	if token != "" {
		b = append(b, `,"token":"`...)
		b = append(b, token...)
		b = append(b, '"')
	}
	if file != "" {
		b = append(b, `,"file":`...)
		b = strconv.AppendQuote(b, file)
	}
	return append(b, "}\n"...)
}

// appendConf writes a confidence in [0,1] with two decimals.
func appendConf(b []byte, c float32) []byte {
	v := int(c*100 + 0.5)
	if v <= 0 {
		return append(b, '0')
	}
	if v >= 100 {
		return append(b, '1')
	}
	return append(b, '0', '.', byte('0'+v/10), byte('0'+v%10))
}

// appendJSONString quotes s; detector names are plain ASCII, the common case.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			return strconv.AppendQuote(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func rawJSONSafe(s string) bool {
	esc := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20:
			return false
		case esc:
			esc = false
		case c == '\\':
			esc = true
		case c == '"':
			return false
		}
	}
	return !esc && utf8.ValidString(s)
}
