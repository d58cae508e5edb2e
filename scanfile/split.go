package scanfile

import (
	"bytes"
	"context"
	"fmt"
	"io"

	asmutf8 "github.com/segmentio/asm/utf8"
	"github.com/tazala/tazala"
	"github.com/tazala/tazala/redact"
)

// piece is one unit of work: a batch of whole records, or one window of an
// over-long record.
type piece struct {
	data []byte
	line int64 // line number of the first record (or of the windowed record)

	window bool
	pre    int   // context bytes before the owned range (windows)
	own    int   // owned bytes (windows)
	winOff int64 // offset of data[pre] within its record (windows)
	last   bool  // last window of its record
	nl     bool  // the (last) record ends with '\n'
	json   bool  // the windowed record looks like JSON (windows)
	inStr  bool  // data[pre] lies inside a JSON string (windows of JSON records)
	// an escape that data[pre] lies in: escRead bytes of it before, escLeft from it
	escRead, escLeft int

	// results
	skip, end int
	segs      []redact.Segment // windows: the replacements in out
	claims    []tazala.Finding // windows: findings this window saw in its context (not kept)
	src       string           // windows: Config.File, the "source" of the findings rows the join adds
	headCut   int              // windows: out[:headCut] is not written (the join with the previous window)
	startRec  int64            // windows: the record offset of out[headCut]
	out       []byte
	// rope is a batch's output in order: runs of out and, for records with
	// nothing to replace, runs of data itself, so most of a typical log is
	// never copied (written with one vectored write); bufs holds them for it
	rope  []ropeSeg
	bufs  [][]byte
	fout  []byte
	stats Stats
	err   error
}

// pieceFree is a free list of pieces and their buffers. Unlike a
// sync.Pool it survives garbage collections, so steady-state scanning
// allocates (and page-faults) nothing.
var pieceFree = make(chan *piece, 64)

// MaxMaxLine is the largest MaxLine accepted. Memory grows with it: the
// reader keeps 4×MaxLine, and every window in flight (about a dozen on two
// cores) holds its data plus its output, findings and scratch, which for
// dense findings (one every ~16 bytes) is ~20× the window. Measured on the
// densest input at 1, 4 and 16 MiB: ~0.3, ~1.2 and ~2.1 GB RSS; at 64 MiB
// 3.9 GB. 16 MiB keeps the worst case near 2 GB; longer records are still
// scanned whole, in windows.
const MaxMaxLine = 16 << 20

// ErrMaxLine is returned by Run for a MaxLine above MaxMaxLine.
var ErrMaxLine = fmt.Errorf("scanfile: MaxLine above %d (16 MiB)", MaxMaxLine)

// keepBytes bounds the buffers a free piece keeps: a block holding one
// dense record of the default MaxLine (1 MiB of data, its output and
// findings) fits, so such records reuse their buffers too. (Not a
// multiple of blockSize: a block is as long as its longest record.)
const keepBytes = 6 << 20

func getPiece() *piece {
	var p *piece
	select {
	case p = <-pieceFree:
	default:
		p = new(piece)
	}
	data, out, fout, segs, claims, rope, bufs := p.data[:0], p.out[:0], p.fout[:0], p.segs[:0], p.claims[:0], p.rope[:0], p.bufs[:0]
	clear(bufs[:cap(bufs)]) // no reference to an old batch's data
	*p = piece{data: data, out: out, fout: fout, segs: segs, claims: claims, rope: rope, bufs: bufs}
	return p
}

func releasePiece(p *piece) {
	// do not keep big buffers around: a free piece keeps at most
	// keepBytes, so the free list holds at most 64*keepBytes whatever the
	// input (dense findings make out and fout several times the data)
	if cap(p.data)+cap(p.out)+cap(p.fout)+32*(cap(p.segs)+cap(p.claims)) > keepBytes {
		return
	}
	select {
	case pieceFree <- p:
	default:
	}
}

// jsonQuote follows, across the windows of an over-long JSON record,
// whether the next byte lies inside a JSON string, so a window can tell a
// bare number (quoted when redacted) from digits inside a string, and
// inside which escape (a window may start in the middle of one).
type jsonQuote struct {
	in              bool
	escLen, escLeft int // the escape being read: its length so far, bytes of it still to come
}

func (q *jsonQuote) advance(b []byte) {
	for len(b) > 0 {
		if q.escLeft > 0 {
			if q.escLen == 2 && q.escLeft == 1 && b[0] == 'u' {
				q.escLen, q.escLeft = 6, 5
			}
			q.escLeft--
			b = b[1:]
			continue
		}
		if !q.in {
			i := bytes.IndexByte(b, '"')
			if i < 0 {
				return
			}
			q.in, b = true, b[i+1:]
			continue
		}
		i := bytes.IndexByte(b, '"')
		if j := bytes.IndexByte(b, '\\'); j >= 0 && (i < 0 || j < i) {
			q.escLen, q.escLeft, b = 2, 1, b[j+1:]
			continue
		}
		if i < 0 {
			return
		}
		q.in, b = false, b[i+1:]
	}
}

// setQuote sets the string state of window p at its own bytes' start.
func (p *piece) setQuote(q jsonQuote) {
	p.inStr, p.escRead, p.escLeft = q.in, 0, 0
	if q.escLeft > 0 {
		p.escRead, p.escLeft = q.escLen-q.escLeft, q.escLeft
		if q.escLen == 2 && p.pre < len(p.data) && p.data[p.pre] == 'u' {
			p.escLeft = 5 // "\" read, "uXXXX" to come
		}
	}
}

func indexNL(b []byte) int { return bytes.IndexByte(b, '\n') }

// validUTF8 is utf8.Valid, 32 bytes at a time with AVX2 where the CPU
// has it (segmentio/asm: ~4x the standard library's speed on a block of
// Cyrillic and Latin log lines).
func validUTF8(b []byte) bool { return asmutf8.Valid(b) }

// split reads r and sends pieces: batches of whole records of about
// blockSize bytes, and windows of MaxLine bytes (with Overlap bytes of
// context each side) for records longer than maxLine.
func split(ctx context.Context, r io.Reader, maxLine int, out chan<- *piece) error {
	// the buffer is several times the refill threshold, so compacting it
	// (moving the unread tail to the front) copies a small share of the input
	bufSize := 4 * (maxLine + 2*Overlap + blockSize)
	buf := make([]byte, bufSize)
	var (
		pos, fill int
		eof       bool
		line      int64 = 1
		// state of an over-long record being windowed
		inLong bool
		winOff int64
		isJSON bool      // it looks like JSON
		jq     jsonQuote // string state at its byte winOff
	)
	send := func(p *piece) error {
		select {
		case out <- p:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for {
		// refill: keep Overlap bytes before pos as context for windows
		if !eof && fill-pos < maxLine+2*Overlap+blockSize {
			keep := pos
			if inLong && keep > Overlap {
				keep = Overlap
			} else if inLong {
				keep = pos
			} else {
				keep = 0
			}
			start := pos - keep
			copy(buf, buf[start:fill])
			fill -= start
			pos = keep
			for !eof && fill < len(buf) {
				n, err := r.Read(buf[fill:])
				fill += n
				if err == io.EOF {
					eof = true
				} else if err != nil {
					return fmt.Errorf("scanfile: read: %w", err)
				}
				if n == 0 && err == nil {
					continue
				}
				if fill-pos >= maxLine+2*Overlap+blockSize {
					break
				}
			}
		}
		if pos >= fill && eof {
			return nil
		}
		if inLong {
			// next window of the over-long record at pos
			nl := indexNL(buf[pos:min(fill, pos+maxLine)])
			own := maxLine
			last := false
			hasNL := false
			if nl >= 0 {
				own, last, hasNL = nl, true, true
			} else if fill-pos <= maxLine && eof {
				own, last = fill-pos, true
			}
			pre := min(Overlap, pos)
			postEnd := pos + own
			if !last {
				postEnd = min(fill, pos+own+Overlap)
				if k := indexNL(buf[pos+own : postEnd]); k >= 0 {
					postEnd = pos + own + k
				}
			}
			if winOff == 0 {
				isJSON, jq = tazala.LooksJSON(buf[pos:pos+own]), jsonQuote{}
			}
			p := getPiece()
			p.data = append(p.data, buf[pos-pre:postEnd]...)
			p.line, p.window, p.pre, p.own, p.winOff, p.last, p.nl = line, true, pre, own, winOff, last, hasNL
			p.json = isJSON
			p.setQuote(jq)
			if isJSON {
				jq.advance(buf[pos : pos+own])
			}
			if err := send(p); err != nil {
				return err
			}
			winOff += int64(own)
			pos += own
			if last {
				if hasNL {
					pos++
				}
				inLong = false
				line++
			}
			continue
		}
		// a batch of whole records
		lim := min(fill, pos+blockSize)
		cut := bytes.LastIndexByte(buf[pos:lim], '\n')
		if cut < 0 {
			// no newline in a whole block: the record at pos is longer than
			// blockSize, or this is the unterminated last record
			e := indexNL(buf[pos:fill])
			if e < 0 && eof && fill-pos <= maxLine {
				cut = fill - pos - 1 // final record without newline
			} else if e >= 0 && e <= maxLine {
				cut = e
			} else {
				inLong, winOff = true, 0
				continue
			}
		}
		// an over-long record inside the batch: stop the batch before it
		end := pos + cut + 1
		b := pos
		if end-pos <= maxLine {
			b = end // no record in a batch this small can be over-long
		}
		for b < end {
			e := indexNL(buf[b:end])
			if e < 0 {
				e = end - b
			}
			if e > maxLine {
				break
			}
			b += e + 1
		}
		if b > end {
			b = end
		}
		if b == pos {
			inLong, winOff = true, 0
			continue
		}
		p := getPiece()
		p.data = append(p.data, buf[pos:b]...)
		p.line = line
		line += int64(bytes.Count(p.data, []byte{'\n'}))
		if p.data[len(p.data)-1] != '\n' {
			line++
		}
		if err := send(p); err != nil {
			return err
		}
		pos = b
	}
}

// ropeSeg is a run of a batch's output: bytes of its input (records with
// nothing to replace, written as they are) or of its out buffer.
type ropeSeg struct {
	input bool
	a, b  int
}

// copyUnder is the longest run of input bytes copied into out rather than
// written from the input: a separate piece of a vectored write costs more
// than copying a short line.
const copyUnder = 512

// addInput adds data[a:b] (records written as they are) to the output.
func (p *piece) addInput(a, b int) {
	if n := len(p.rope); n > 0 && p.rope[n-1].input && p.rope[n-1].b == a {
		p.rope[n-1].b = b
		return
	}
	if b-a < copyUnder {
		o := len(p.out)
		p.out = append(p.out, p.data[a:b]...)
		p.addOut(o, len(p.out))
		return
	}
	p.rope = append(p.rope, ropeSeg{input: true, a: a, b: b})
}

// addOut adds out[a:b] to the output.
func (p *piece) addOut(a, b int) {
	if n := len(p.rope); n > 0 && !p.rope[n-1].input && p.rope[n-1].b == a {
		p.rope[n-1].b = b
		return
	}
	p.rope = append(p.rope, ropeSeg{a: a, b: b})
}

// ropeBufs returns the output of a batch as the buffers to write in turn.
func (p *piece) ropeBufs() [][]byte {
	p.bufs = p.bufs[:0]
	for _, r := range p.rope {
		if r.input {
			p.bufs = append(p.bufs, p.data[r.a:r.b])
		} else {
			p.bufs = append(p.bufs, p.out[r.a:r.b])
		}
	}
	return p.bufs
}
