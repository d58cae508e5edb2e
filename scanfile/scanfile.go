// Package scanfile owns the file-to-file fast path behind `tazala scan`:
// it streams newline-delimited records from a reader in large blocks,
// scans each record, tokenizes the findings of a block in one batch,
// writes the redacted records and, optionally, one JSON object per finding
// (the findings contract of design.md). Memory stays flat whatever the
// input size; records longer than MaxLine are scanned in overlapping
// windows and never passed through unscanned.
package scanfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/redact"
	"github.com/tazala/tazala/scanner"
)

// DefaultMaxLine is the longest record scanned in one piece (1 MiB).
const DefaultMaxLine = 1 << 20

// windowOverlap is how far consecutive windows of an over-long record
// overlap: any finding shorter than this lies whole in one window.
const windowOverlap = 512

// Config configures a Run.
type Config struct {
	Scanner   scanner.Config
	Redactor  *redact.Redactor
	Tokenizer tazala.Tokenizer
	// MaxLine is the longest record scanned in one piece; 0 means DefaultMaxLine.
	MaxLine int
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

// ErrTokenize wraps tokenizer failures: the run stops and nothing of the
// failed block is written.
var ErrTokenize = errors.New("tokenize")

type lineRef struct {
	no     int64 // 1-based line number
	start  int   // offset of the record in the block buffer
	end    int   // end of the record (without the newline)
	nl     bool  // record ended with '\n'
	fStart int   // first finding index
	fEnd   int
	winOff int64 // offset of this window inside its record (windows only)
	win    bool  // part of an over-long record
	last   bool  // last window of its record
}

type runner struct {
	cfg   Config
	sc    *scanner.Scanner
	red   *redact.Redactor
	stats Stats

	blk      []byte // the block being processed
	arena    []byte
	arenaOff []int
	lines    []lineRef
	fs    []tazala.Finding
	reqs  []tazala.TokenRequest
	reqIx []int32 // finding index → request index (-1: no token)
	toks  []tazala.Token
	out   []byte
	fout  []byte
	empty []tazala.Token
	line  int64
}

const blockSize = 4 << 20

// Run scans r to w. It returns the statistics and the first error; on a
// tokenizer error the block being processed is not written.
func Run(ctx context.Context, r io.Reader, w io.Writer, cfg Config) (Stats, error) {
	if cfg.MaxLine <= 0 {
		cfg.MaxLine = DefaultMaxLine
	}
	if cfg.Redactor == nil {
		cfg.Redactor = redact.New(redact.Config{})
	}
	ru := &runner{cfg: cfg, sc: scanner.New(cfg.Scanner), red: cfg.Redactor}
	size := blockSize
	if cfg.MaxLine+windowOverlap > size {
		size = cfg.MaxLine + windowOverlap
	}
	buf := make([]byte, size)
	fill := 0
	eof := false
	for !eof || fill > 0 {
		if err := ctx.Err(); err != nil {
			return ru.stats, err
		}
		// read until the buffer is full or the input ends
		for !eof && fill < len(buf) {
			n, err := r.Read(buf[fill:])
			fill += n
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return ru.stats, fmt.Errorf("scanfile: read: %w", err)
			}
			if n == 0 && err == nil {
				continue
			}
			if bytes.IndexByte(buf[fill-n:fill], '\n') >= 0 && fill > len(buf)/2 {
				break
			}
		}
		used, err := ru.block(ctx, buf[:fill], eof)
		if err != nil {
			return ru.stats, err
		}
		if _, err := w.Write(ru.out); err != nil {
			return ru.stats, fmt.Errorf("scanfile: write output: %w", err)
		}
		if cfg.Findings != nil && len(ru.fout) > 0 {
			if _, err := cfg.Findings.Write(ru.fout); err != nil {
				return ru.stats, fmt.Errorf("scanfile: write findings: %w", err)
			}
		}
		copy(buf, buf[used:fill])
		fill -= used
		if cfg.Progress != nil {
			cfg.Progress(ru.stats)
		}
	}
	return ru.stats, nil
}

// block processes the complete records in b (all of b when eof) and returns
// how many bytes it consumed.
func (ru *runner) block(ctx context.Context, b []byte, eof bool) (int, error) {
	ru.blk = b
	ru.lines = ru.lines[:0]
	ru.fs = ru.fs[:0]
	ru.out = ru.out[:0]
	ru.fout = ru.fout[:0]
	pos := 0
	maxLine := ru.cfg.MaxLine
	for pos < len(b) {
		i := bytes.IndexByte(b[pos:], '\n')
		if i < 0 {
			if !eof && len(b)-pos <= maxLine {
				break // incomplete record: wait for more input
			}
			if len(b)-pos > maxLine {
				pos = ru.window(b, pos, eof)
				continue
			}
			ru.addLine(b, pos, len(b), false)
			pos = len(b)
			break
		}
		if i > maxLine {
			pos = ru.window(b, pos, eof)
			continue
		}
		ru.addLine(b, pos, pos+i, true)
		pos += i + 1
	}
	if err := ru.tokenize(ctx); err != nil {
		return 0, err
	}
	ru.render(b)
	return pos, nil
}

func (ru *runner) addLine(b []byte, a, e int, nl bool) {
	ru.line++
	rec := b[a:e]
	fStart := len(ru.fs)
	ru.fs = ru.sc.Scan(rec, ru.fs)
	ru.lines = append(ru.lines, lineRef{no: ru.line, start: a, end: e, nl: nl, fStart: fStart, fEnd: len(ru.fs), last: true})
	ru.stats.Lines++
	ru.stats.Bytes += int64(e - a)
	if nl {
		ru.stats.Bytes++
	}
	if !utf8.Valid(rec) {
		ru.stats.InvalidUTF8++
	}
}

// window handles an over-long record starting at a: it scans one window of
// MaxLine bytes (plus overlap) and keeps the findings that start before the
// window's end; the rest of the record is handled by later calls. It returns
// where the next window starts.
func (ru *runner) window(b []byte, a int, eof bool) int {
	maxLine := ru.cfg.MaxLine
	end := a + maxLine + windowOverlap
	nl := false
	if end >= len(b) {
		end = len(b)
	}
	if i := bytes.IndexByte(b[a:end], '\n'); i >= 0 {
		end = a + i
		nl = true
	}
	scanEnd := end
	cut := a + maxLine // this window owns [a, cut)
	if cut >= end {
		cut = end
	}
	fStart := len(ru.fs)
	ru.fs = ru.sc.Scan(b[a:scanEnd], ru.fs)
	// keep findings starting before cut; extend cut past one that crosses it
	k := fStart
	for _, f := range ru.fs[fStart:] {
		if a+f.Span.Start < cut {
			ru.fs[k] = f
			k++
			if a+f.Span.End > cut {
				cut = a + f.Span.End
			}
		}
	}
	ru.fs = ru.fs[:k]
	last := cut == end
	prevWin := len(ru.lines) > 0 && ru.lines[len(ru.lines)-1].win && !ru.lines[len(ru.lines)-1].last
	if !prevWin {
		ru.line++
		ru.stats.Lines++
		ru.stats.LongLines++
	}
	var winOff int64
	if prevWin {
		p := ru.lines[len(ru.lines)-1]
		winOff = p.winOff + int64(p.end-p.start)
	}
	ru.lines = append(ru.lines, lineRef{no: ru.line, start: a, end: cut, nl: last && nl, fStart: fStart, fEnd: k, win: true, last: last, winOff: winOff})
	ru.stats.Bytes += int64(cut - a)
	if last && nl {
		ru.stats.Bytes++
		return cut + 1
	}
	return cut
}

func (ru *runner) tokenize(ctx context.Context) error {
	ru.reqs = ru.reqs[:0]
	ru.reqIx = ru.reqIx[:0]
	ru.toks = ru.toks[:0]
	if ru.cfg.Tokenizer == nil {
		return nil
	}
	// decoded values go to one arena; slices are cut once it stops growing
	ru.arena = ru.arena[:0]
	ru.arenaOff = ru.arenaOff[:0]
	for _, l := range ru.lines {
		for i := l.fStart; i < l.fEnd; i++ {
			f := ru.fs[i]
			if !ru.red.NeedsToken(f.Kind) {
				ru.reqIx = append(ru.reqIx, -1)
				continue
			}
			ru.reqIx = append(ru.reqIx, int32(len(ru.reqs)))
			ru.reqs = append(ru.reqs, tazala.TokenRequest{Kind: f.Kind})
			ru.arena = scanner.AppendUnescaped(ru.arena, ru.blk[l.start+f.Span.Start:l.start+f.Span.End])
			ru.arenaOff = append(ru.arenaOff, len(ru.arena))
		}
	}
	prev := 0
	for i := range ru.reqs {
		ru.reqs[i].Value = ru.arena[prev:ru.arenaOff[i]:ru.arenaOff[i]]
		prev = ru.arenaOff[i]
	}
	if len(ru.reqs) == 0 {
		return nil
	}
	toks, err := ru.cfg.Tokenizer.Tokenize(ctx, ru.reqs)
	if err != nil {
		return fmt.Errorf("scanfile: %w: %w", ErrTokenize, err)
	}
	if len(toks) != len(ru.reqs) {
		return fmt.Errorf("scanfile: %w: tokenizer returned %d tokens for %d values", ErrTokenize, len(toks), len(ru.reqs))
	}
	ru.toks = toks
	return nil
}


func (ru *runner) render(b []byte) {
	var tk []tazala.Token
	fi := 0
	for _, l := range ru.lines {
		rec := b[l.start:l.end]
		fs := ru.fs[l.fStart:l.fEnd]
		tk = tk[:0]
		if len(ru.toks) > 0 {
			for j := range fs {
				ix := ru.reqIx[fi+j]
				if ix >= 0 {
					tk = append(tk, ru.toks[ix])
				} else {
					tk = append(tk, tazala.Token{Kind: fs[j].Kind})
				}
			}
		}
		fi += len(fs)
		ru.out = ru.red.Append(ru.out, rec, fs, tk)
		if l.nl {
			ru.out = append(ru.out, '\n')
		}
		for j, f := range fs {
			ru.stats.Findings++
			ru.stats.ByKind[f.Kind&7]++
			if ru.cfg.Findings != nil {
				var id string
				if j < len(tk) {
					id = tk[j].ID
				}
				ru.fout = appendFinding(ru.fout, ru.cfg.File, l.no, l.winOff, f, id)
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
		b = append(b, `,"path":`...)
		b = strconv.AppendQuote(b, f.Path)
	}
	b = append(b, `,"detector":"`...)
	b = append(b, f.Detector...)
	b = append(b, `","confidence":`...)
	b = strconv.AppendFloat(b, float64(f.Confidence), 'f', 2, 32)
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
