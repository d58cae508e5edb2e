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
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/index"
	"github.com/tazala/tazala/pipeline"
	"github.com/tazala/tazala/redact"
	"github.com/tazala/tazala/scanner"
)

// DefaultMaxLine is the longest record scanned in one piece (1 MiB).
const DefaultMaxLine = 1 << 20

// Overlap is how much context a window of an over-long record sees on each
// side of the bytes it owns: any finding shorter than this, with its label,
// is seen whole by the window it starts in.
const Overlap = 1024

// blockSize is the target size of one batch of whole records: small
// enough that a block's input, findings, tokens and output stay in the
// core's cache from scanning to writing (the token IDs and finding bytes
// are read again after the whole block was scanned), large enough that
// handing blocks between goroutines costs nothing measurable. 256 KiB ran
// 3-6 % faster per CPU-second than 1 MiB on dense and typical logs.
const blockSize = 1 << 18

// Config configures a Run.
type Config struct {
	Scanner   scanner.Config
	Redactor  *redact.Redactor
	Tokenizer tazala.Tokenizer
	// MaxLine is the longest record scanned in one piece; 0 means DefaultMaxLine.
	MaxLine int
	// Workers scanning in parallel; 0 means GOMAXPROCS.
	Workers int
	// Erasure, when set, masks the findings of erased subjects (see
	// pipeline.ProcessorConfig).
	Erasure tazala.ErasureLedger
	// TokenStore, when set, receives the reversible copies (ciphertexts) of
	// every block's tokens before the block's output is written, so every
	// token in the output can be revealed.
	TokenStore tazala.TokenStore
	// Findings receives one JSON object per finding; nil for none.
	Findings io.Writer
	// File, when set, is added to every finding object as "source".
	File string
	// Progress, when set, is called after each block with the totals so far.
	Progress func(Stats)
}

// Stats counts what a Run saw.
type Stats struct {
	Lines       int64
	Bytes       int64
	Findings    int64
	ByKind      [tazala.NumKinds]int64
	InvalidUTF8 int64 // records that are not valid UTF-8 (scanned as bytes)
	LongLines   int64 // records longer than MaxLine (scanned in windows)
	Incomplete  int64 // records (each window of a long one) on which a user rule timed out
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
	s.Incomplete += o.Incomplete
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

// ErrTokenize wraps tokenizer, erasure-ledger and token-store failures:
// the run stops and nothing of the failed block (or any later one) is
// written.
var ErrTokenize = pipeline.ErrTokenize

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
	proc, err := pipeline.NewProcessor(pipeline.ProcessorConfig{Scanner: cfg.Scanner, Redactor: cfg.Redactor,
		Tokenizer: cfg.Tokenizer, TokenStore: cfg.TokenStore, Erasure: cfg.Erasure})
	if err != nil {
		return Stats{}, fmt.Errorf("scanfile: %w", err)
	}
	var wg sync.WaitGroup
	for i := 0; i < cfg.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk := newWorker(cfg, proc)
			for j := range jobs {
				wk.process(ctx, j.p)
				close(j.done)
			}
		}()
	}

	var st Stats
	// cut counts the output bytes written since the last whole record: a
	// window of an over-long record ends mid-record
	var cut int64
	// pend is a window whose output waits for the next window of its
	// record: their join may cut its tail (see joinWindows)
	var pend *piece
	var ow outWriter
	write := func(p *piece, out []byte) {
		var n int
		var werr error
		if len(p.rope) > 0 {
			n, werr = ow.write(w, p.ropeBufs())
		} else {
			n, werr = w.Write(out)
		}
		if werr != nil {
			err = &WriteError{Stream: "output", Line: p.line, Lines: st.Lines, Cut: cut + int64(n), Err: werr}
		} else if cfg.Findings != nil && len(p.fout) > 0 {
			if n, werr := cfg.Findings.Write(p.fout); werr != nil {
				err = &WriteError{Stream: "findings", Line: p.line, Lines: st.Lines, Cut: int64(n), Err: werr}
			}
		}
		if p.window && !p.last {
			cut += int64(len(out))
		} else {
			cut = 0
		}
		if err != nil {
			return
		}
		st.Add(p.stats)
		if cfg.Progress != nil {
			cfg.Progress(st)
		}
	}
	for j := range order {
		<-j.done
		p := j.p
		if err == nil && p.err != nil {
			err = p.err
		}
		if err == nil && pend != nil && (!p.window || p.winOff == 0) {
			// cannot happen: a record's windows come one after another
			err = fmt.Errorf("scanfile: %w: line %d ends without its last window (nothing more was written)", ErrInternal, pend.line)
		}
		if err == nil && p.window {
			if pend != nil {
				if err = joinWindows(pend, p); err == nil {
					write(pend, pend.out[pend.headCut:])
				}
			}
			if pend != nil {
				releasePiece(pend)
				pend = nil
			}
			if err == nil && !p.last {
				pend = p
				continue
			}
			if err == nil {
				write(p, p.out[p.headCut:])
			}
		} else if err == nil {
			write(p, p.out)
		}
		if err != nil {
			cancel()
		}
		releasePiece(p)
	}
	if pend != nil {
		releasePiece(pend)
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

// worker processes pieces with its own processing step (scanner and
// scratch buffers): the one processing path of package pipeline.
type worker struct {
	cfg  Config
	proc *pipeline.Processor
	st   *pipeline.Step
	recs []recRef
}

type recRef struct {
	no         int64
	nl         bool
	start, end int // the record in the piece's data (records of a batch)
}

func newWorker(cfg Config, proc *pipeline.Processor) *worker {
	return &worker{cfg: cfg, proc: proc, st: proc.NewStep()}
}

// ErrInternal wraps a recovered panic: the run stops, nothing of the piece
// is written, and the message names the line, never its content.
var ErrInternal = pipeline.ErrInternal

func (wk *worker) process(ctx context.Context, p *piece) {
	defer func() {
		if r := recover(); r != nil {
			// a fresh step: the old scanner may hold inconsistent scratch state
			wk.st = wk.proc.NewStep()
			p.out, p.fout, p.rope = p.out[:0], p.fout[:0], p.rope[:0]
			p.err = fmt.Errorf("scanfile: %w: scanning the block starting at line %d failed (%T)", ErrInternal, p.line, r)
		}
	}()
	if ctx.Err() != nil {
		p.err = ctx.Err()
		return
	}
	wk.st.Reset()
	wk.recs = wk.recs[:0]
	if p.window {
		wk.scanWindow(p)
	} else {
		wk.scanLines(p)
	}
	if err := wk.st.Tokenize(ctx); err != nil {
		p.err = fmt.Errorf("scanfile: %w", err)
		return
	}
	wk.render(p)
}

func (wk *worker) scanLines(p *piece) {
	d := p.data
	no := p.line
	pos := 0
	// a block of valid UTF-8 (nearly every one) is checked in one call;
	// only the records of one that is not are checked one by one
	checkUTF8 := !validUTF8(d)
	for pos < len(d) {
		e := indexNL(d[pos:])
		nl := e >= 0
		if !nl {
			e = len(d) - pos
		}
		rec := d[pos : pos+e]
		if len(rec) > wk.cfg.MaxLine {
			// cannot happen: split cuts over-long records into windows
			wk.st.ScanText(rec)
		} else {
			wk.st.Scan(rec)
		}
		if wk.st.Incomplete() {
			p.stats.Incomplete++
		}
		wk.recs = append(wk.recs, recRef{no: no, nl: nl, start: pos, end: pos + e})
		p.stats.Lines++
		p.stats.Bytes += int64(e)
		if nl {
			p.stats.Bytes++
		}
		if checkUTF8 && !validUTF8(rec) {
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
	var fs []tazala.Finding
	if p.winOff == 0 {
		fs = wk.st.Scan(d)
	} else {
		fs = wk.st.ScanText(d)
	}
	if wk.st.Incomplete() {
		p.stats.Incomplete++
	}
	wk.st.Keep(placeWindow(p, fs))
	p.src = wk.cfg.File
	wk.recs = append(wk.recs, recRef{no: p.line, nl: p.nl})
	p.stats.Bytes += int64(p.own)
	if p.last {
		p.stats.Lines++
		p.stats.LongLines++
		if p.nl {
			p.stats.Bytes++
		}
	}
}

func (wk *worker) render(p *piece) {
	var row index.Row
	row.Source = wk.cfg.File
	p.rope = p.rope[:0]
	for i, r := range wk.recs {
		var off int64
		if !p.window && len(wk.st.Findings(i)) == 0 {
			// a record with nothing to replace is written from the input
			// as it is (see piece.rope), with its newline
			end := r.end
			if r.nl {
				end++
			}
			p.addInput(r.start, end)
			continue
		}
		if p.window {
			// write only what this window owns, plus the tail of a finding
			// that starts here and runs on
			var js *redact.JSONAt
			if p.json {
				// bare numbers quoted as in a whole record (the reader
				// tracked the string state up to the window)
				js = &redact.JSONAt{At: p.pre, InString: p.inStr}
			}
			p.out, p.segs = wk.st.RedactRangeSegs(p.out, i, p.skip, p.end, js, p.segs[:0])
			off = p.winOff - int64(p.pre)
			if r.nl {
				p.out = append(p.out, '\n')
			}
		} else {
			o := len(p.out)
			p.out = wk.st.Redact(p.out, i)
			if r.nl {
				p.out = append(p.out, '\n')
			}
			p.addOut(o, len(p.out))
		}
		fs := wk.st.Findings(i)
		if len(fs) == 0 {
			continue
		}
		p.stats.Findings += int64(len(fs))
		for _, f := range fs {
			if f.Kind.Valid() {
				p.stats.ByKind[f.Kind]++
			}
		}
		if wk.cfg.Findings == nil {
			continue
		}
		toks := wk.st.Tokens(i)
		row.Offset = r.no
		for j, f := range fs {
			row.Kind = f.Kind
			row.Start, row.End = off+int64(f.Span.Start), off+int64(f.Span.End)
			row.Path, row.Detector, row.Confidence = f.Path, f.Detector, f.Confidence
			row.Token = ""
			if j < len(toks) {
				row.Token = toks[j].ID
			}
			p.fout = index.AppendJSON(p.fout, &row)
		}
	}
}
