package scanfile

import (
	"fmt"
	"sort"

	"github.com/tazala/tazala/redact"
)

// joinWindows joins the output of window p to that of c, the next window of
// the same record, before p is written: it cuts p's output at a record
// offset x1 and starts c's at x2 >= x1, and writes a mask of the record's
// bytes [x1, x2) in between (appended to p.out).
//
// Two windows see the bytes around their boundary with different context,
// so they may disagree about a finding there: one finds it, the other does
// not, or they see it with different ends. Every byte that either window
// takes for part of a finding (what it replaced, and the findings it saw
// in its context but leaves to the other) is covered: bytes before x1 are
// written by p and every such byte there lies in one of p's replacements,
// bytes from x2 on are written by c and lie in one of c's, and the bytes
// in between are masked. x1 and x2 are never inside a replacement, and
// the mask of a JSON record keeps it valid JSON (escapes and characters
// become '*', quotes stay), so a record that was valid JSON stays valid.
// Windows that agree join exactly, without a mask.
func joinWindows(p, c *piece) error {
	bp := p.winOff - int64(p.pre)
	bc := c.winOff - int64(c.pre)
	startP, endP := p.startRec, bp+int64(p.end)
	startC, endC := bc+int64(c.skip), bc+int64(c.end)
	fail := func(what string) error {
		return fmt.Errorf("scanfile: %w: the windows of line %d disagree about a finding at byte %d (%s; nothing of it was written)", ErrInternal, p.line, c.winOff, what)
	}
	if endP < startP {
		return fail("empty window")
	}

	// x1: the first byte that c (or p's look past its end) takes for a
	// finding and p did not replace; p writes up to there
	x1 := endP
	need := func(a, b int64) {
		a = max(a, startP)
		if a >= b || a >= x1 {
			return
		}
		if x := firstUncovered(p.segs, bp, a, b); x < b {
			x1 = min(x1, x)
		}
	}
	for _, s := range c.claims {
		if s.Start < c.pre && s.Start < s.End {
			need(bc+int64(s.Start), bc+int64(s.End))
		}
	}
	for _, s := range c.segs {
		if bc+int64(s.A) >= x1 {
			break
		}
		if s.A < s.B {
			need(bc+int64(s.A), bc+int64(s.B))
		}
	}
	for _, s := range p.claims {
		if s.Start >= p.pre+p.own && s.Start < s.End {
			need(bp+int64(s.Start), bp+int64(s.End))
		}
	}

	// x2: past every byte from x1 on that p takes for a finding and c did
	// not replace; c writes from there
	x2 := max(x1, startC)
	cover := func(a, b int64) {
		a = max(a, x1)
		if a >= b {
			return
		}
		x2 = max(x2, lastUncovered(c.segs, bc, a, b))
	}
	i := sort.Search(len(p.segs), func(i int) bool { return bp+int64(p.segs[i].B) > x1 })
	for _, s := range p.segs[i:] {
		cover(bp+int64(s.A), bp+int64(s.B))
	}
	// (what p saw past c's own bytes is the business of later windows)
	ownEndC := c.winOff + int64(c.own)
	for _, s := range p.claims {
		if s.Start >= p.pre+p.own && bp+int64(s.Start) < ownEndC {
			cover(bp+int64(s.Start), bp+int64(s.End))
		}
	}
	for _, s := range c.claims {
		if s.Start < c.pre {
			cover(bc+int64(s.Start), bc+int64(s.End))
		}
	}

	var mask []byte
	if x2 > x1 {
		var ok bool
		if x1, x2, mask, ok = maskJoin(p, c, x1, x2); !ok {
			return fail("no place to cut")
		}
	}
	if x1 < startP || x1 > endP || x2 < startC || x2 > endC {
		return fail("cut outside the windows")
	}
	o1, ok1 := outOffset(p.segs, bp, int64(p.skip), x1)
	o2, ok2 := outOffset(c.segs, bc, int64(c.skip), x2)
	if !ok1 || !ok2 || o1 < p.headCut || o1 > len(p.out) || o2 > len(c.out) {
		return fail("cut inside a replacement")
	}
	p.out = append(p.out[:o1], mask...)
	c.headCut, c.startRec = o2, x2
	return nil
}

// firstUncovered returns the first offset in [a, b) (record offsets) that
// no segment (offsets base+A..base+B) covers, or b.
func firstUncovered(segs []redact.Segment, base, a, b int64) int64 {
	i := sort.Search(len(segs), func(i int) bool { return base+int64(segs[i].B) > a })
	for ; i < len(segs) && a < b; i++ {
		s := segs[i]
		if base+int64(s.A) > a {
			return a
		}
		a = max(a, base+int64(s.B))
	}
	return min(a, b)
}

// lastUncovered returns the end of the last part of [a, b) (record
// offsets) that no segment covers, or -1 when the segments cover all of it.
func lastUncovered(segs []redact.Segment, base, a, b int64) int64 {
	end := int64(-1)
	i := sort.Search(len(segs), func(i int) bool { return base+int64(segs[i].B) > a })
	for ; i < len(segs) && a < b; i++ {
		sa, sb := base+int64(segs[i].A), base+int64(segs[i].B)
		if sa >= b {
			break
		}
		if sa > a {
			end = sa
		}
		a = max(a, sb)
	}
	if a < b {
		end = b
	}
	return end
}

// maskJoin writes the mask of the record's bytes [x1, x2) between two
// windows. In a JSON record x1 moves back to the start of an escape it
// lies in and x2 on to the end of one, and x2 out of any replacement of c
// it falls into; every character becomes '*', quotes and other ASCII
// punctuation stay, and digits outside strings become '1', so the JSON
// structure is kept.
func maskJoin(p, c *piece, x1, x2 int64) (int64, int64, []byte, bool) {
	bp := p.winOff - int64(p.pre)
	bc := c.winOff - int64(c.pre)
	get := func(x int64) (byte, bool) {
		if d := x - bc; d >= 0 && d < int64(len(c.data)) {
			return c.data[d], true
		}
		if d := x - bp; d >= 0 && d < int64(len(p.data)) {
			return p.data[d], true
		}
		return 0, false
	}
	in := true // plain text: mask everything alike
	if p.json {
		// the string state at x1, read from p's start
		in = p.inStr
		esc := int64(-1) // start of the escape being read
		escEnd := int64(-1)
		for x := p.winOff; x < x1; x++ {
			b, ok := get(x)
			if !ok {
				return 0, 0, nil, false
			}
			switch {
			case x < escEnd:
			case !in:
				in = b == '"'
			case b == '"':
				in = false
			case b == '\\':
				esc, escEnd = x, x+2
				if n, _ := get(x + 1); n == 'u' {
					escEnd = x + 6
				}
			}
		}
		if x1 < escEnd {
			x1 = esc
		}
	}
	snap := func(x int64) int64 {
		d := x - bc
		i := sort.Search(len(c.segs), func(i int) bool { return int64(c.segs[i].B) > d })
		if i < len(c.segs) && int64(c.segs[i].A) < d {
			return bc + int64(c.segs[i].B)
		}
		return x
	}
	x2 = snap(x2)
	var m []byte
	for x := x1; x < x2; {
		b, ok := get(x)
		if !ok {
			return 0, 0, nil, false
		}
		n := int64(1)
		switch {
		case !p.json:
			if b >= 0xC0 || b == '\\' || isAlnum(b) {
				m = append(m, '*')
			} else if b < 0x80 {
				m = append(m, b)
			}
		case !in:
			if b == '"' {
				in = true
			}
			if b >= '0' && b <= '9' {
				b = '1'
			}
			m = append(m, b)
		case b == '"':
			in = false
			m = append(m, b)
		case b == '\\':
			n = 2
			if u, _ := get(x + 1); u == 'u' {
				n = 6
			}
			m = append(m, '*')
		case b >= 0xC0 || isAlnum(b):
			m = append(m, '*')
		case b < 0x80:
			m = append(m, b)
		}
		x += n
		if x > x2 {
			x2 = snap(x)
		}
	}
	return x1, x2, m, true
}

func isAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b|0x20 >= 'a' && b|0x20 <= 'z'
}

// outOffset maps record offset x, which must not lie inside a
// replacement, to its offset in the output of a window whose output
// starts at data offset skip.
func outOffset(segs []redact.Segment, base, skip, x int64) (int, bool) {
	d := x - base
	i := sort.Search(len(segs), func(i int) bool { return int64(segs[i].B) > d })
	if i < len(segs) && int64(segs[i].A) < d {
		return 0, false
	}
	if i == 0 {
		if d < skip {
			return 0, false
		}
		return int(d - skip), true
	}
	s := segs[i-1]
	return s.OB + int(d-int64(s.B)), true
}
