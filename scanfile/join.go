package scanfile

import (
	"fmt"
	"sort"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/index"
	"github.com/tazala/tazala/redact"
)

// joinWindows joins the output of window p to that of c, the next window of
// the same record, before p is written: p's output is cut at record offset
// x1 and c's resumed at x2 >= x1, with a mask of the record's bytes
// [x1, x2) appended to p.out.
//
// Two windows see the bytes around their boundary with different context,
// so they may disagree about a finding there: one finds it, the other does
// not, or they see it with different ends. x1 is where p's output ends
// (after the finding it owns that runs into c, if any); x2 is where c's
// starts, moved past any replacement of c that x1 falls into. Then every
// byte that either window takes for part of a finding and the window
// writing it did not replace (a finding c saw in its context running into
// its own bytes, one p saw past its end) is masked in that window's output.
// Cuts are never inside a replacement, and the mask of a JSON record keeps
// it valid JSON (each character or escape becomes '*', quotes stay), so
// a record that was valid JSON stays valid. Windows that agree join
// exactly, without a mask.
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
	x1 := endP
	x2 := max(x1, startC)
	var mask []byte
	// (x2 inside a replacement of c: p's finding ran into one c owns)
	if x2 > x1 || snapOut(c, x2) > x2 {
		var ok bool
		if x1, x2, mask, ok = maskJoin(p, c, x1, x2); !ok {
			return fail("no place to cut")
		}
	}
	if x1 < startP || x1 > endP || x2 < startC || x2 > endC {
		return fail("cut outside the windows")
	}

	// the findings one window saw that the other writes without replacing
	var claims []claim
	for i := range c.claims {
		s := c.claims[i].Span
		// (c's findings wholly before its own bytes are p's business: p
		// owns them and sees more of their context; and c saw only part
		// of one starting where its data does)
		if s.Start < c.pre && s.End > c.pre && (s.Start > 0 || c.winOff == int64(c.pre)) {
			claims = append(claims, claim{bc + int64(s.Start), bc + int64(s.End), &c.claims[i], true})
		}
	}
	ownEndC := c.winOff + int64(c.own)
	for i := range p.claims {
		s := p.claims[i].Span
		// (what p saw past c's own bytes is the business of later windows,
		// and p saw only part of one running to the end of its data)
		if s.Start >= p.pre+p.own && s.Start < s.End && bp+int64(s.Start) < ownEndC && s.End < len(p.data) {
			claims = append(claims, claim{bp + int64(s.Start), bp + int64(s.End), &p.claims[i], false})
		}
	}
	// a claim the joined output does not replace whole (its bytes are
	// masked between the windows, or in the window that did not see it)
	// gets a findings row: the kind, span and detector the window that
	// saw it found, no token (the output holds a mask, not a token)
	var pRows, cRows []byte
	for _, cl := range claims {
		if covered(p.segs, bp, max(cl.a, startP), min(cl.b, x1)) && max(cl.a, x1) >= min(cl.b, x2) && covered(c.segs, bc, max(cl.a, x2), min(cl.b, endC)) {
			continue
		}
		row := index.Row{Source: p.src, Offset: p.line, Kind: cl.f.Kind, Start: cl.a, End: cl.b,
			Path: cl.f.Path, Detector: cl.f.Detector, Confidence: cl.f.Confidence}
		if cl.ofC {
			// a value starting in p's bytes: its row follows p's
			pRows = index.AppendJSON(pRows, &row)
		} else {
			cRows = index.AppendJSON(cRows, &row)
		}
	}
	for _, cl := range claims {
		if !maskUncovered(p, max(cl.a, startP), min(cl.b, x1)) || !maskUncovered(c, max(cl.a, x2), min(cl.b, endC)) {
			return fail("no place to mask")
		}
	}

	o1, ok1 := outOffset(p.segs, bp, int64(p.skip), x1)
	o2, ok2 := outOffset(c.segs, bc, int64(c.skip), x2)
	if !ok1 || !ok2 || o1 < p.headCut || o1 > len(p.out) || o2 > len(c.out) {
		return fail("cut inside a replacement")
	}
	p.out = append(p.out[:o1], mask...)
	c.headCut, c.startRec = o2, x2
	p.fout = append(p.fout, pRows...)
	if len(cRows) > 0 {
		// a value in c's bytes that only p saw: its row goes before c's
		c.fout = append(cRows, c.fout...)
	}
	return nil
}

// claim is a finding one window saw on the other's bytes, at record
// offsets [a, b); ofC says the later window (c) saw it.
type claim struct {
	a, b int64
	f    *tazala.Finding
	ofC  bool
}

// covered says whether segments (record offsets base+A..base+B) cover
// the record's bytes [a, b) whole (an empty range is covered).
func covered(segs []redact.Segment, base, a, b int64) bool {
	return a >= b || firstUncovered(segs, base, a, b) >= b
}

// placeWindow sorts the findings fs of window p: those starting in its own
// bytes are kept (moved to the front of fs; it returns how many), the
// others are its claims on its neighbours' bytes (joinWindows). It sets
// where the window's output starts (past a finding that started in the
// previous window) and ends (past a kept finding that runs on).
func placeWindow(p *piece, fs []tazala.Finding) int {
	ownEnd := p.pre + p.own
	skipTo := p.pre
	k := 0
	for _, f := range fs {
		switch {
		case f.Span.Start < p.pre:
			if f.Span.End > skipTo {
				skipTo = f.Span.End
			}
			p.claims = append(p.claims, f)
		case f.Span.Start < ownEnd:
			fs[k] = f
			k++
		default:
			p.claims = append(p.claims, f)
		}
	}
	end := ownEnd
	for _, f := range fs[:k] {
		// the largest end, not the last finding's: findings may nest
		end = max(end, f.Span.End)
	}
	if skipTo > end {
		skipTo = end
	}
	p.skip = skipTo
	p.end = end
	p.startRec = p.winOff - int64(p.pre) + int64(skipTo)
	return k
}

// snapOut returns x, or the end of the replacement of w that x lies inside.
func snapOut(w *piece, x int64) int64 {
	base := w.winOff - int64(w.pre)
	d := x - base
	i := sort.Search(len(w.segs), func(i int) bool { return int64(w.segs[i].B) > d })
	if i < len(w.segs) && int64(w.segs[i].A) < d {
		return base + int64(w.segs[i].B)
	}
	return x
}

// maskUncovered masks in w's output every part of the record's bytes
// [a, b) that no replacement of w covers (a JSON escape it cuts is masked
// whole); each mask becomes a replacement of w. It reports false when
// a part cannot be placed.
func maskUncovered(w *piece, a, b int64) bool {
	base := w.winOff - int64(w.pre)
	for a < b {
		a = firstUncovered(w.segs, base, a, b)
		if a >= b {
			return true
		}
		// the uncovered run from a: up to the next replacement or b
		i := sort.Search(len(w.segs), func(i int) bool { return int64(w.segs[i].B) > a-base })
		e := b
		lim := base + int64(w.end)
		if i < len(w.segs) {
			lim = base + int64(w.segs[i].A)
			e = min(e, lim)
		}
		lo := base + int64(w.skip)
		if i > 0 {
			lo = base + int64(w.segs[i-1].B)
		}
		in := true
		if w.json {
			st := jsonStateAt(w, a)
			if st.escEnd > a && st.esc >= lo {
				a = st.esc // an escape cut by a is masked whole
			}
			in = st.in
		}
		m, end, _ := maskBytes(w, a, e, lim, in)
		if end <= a || !spliceMask(w, a, end, m) {
			return false
		}
		a = end
	}
	return true
}

// spliceMask replaces w's output of the record's bytes [a, b), which no
// replacement covers, with m, and records it as a replacement.
func spliceMask(w *piece, a, b int64, m []byte) bool {
	base := w.winOff - int64(w.pre)
	oa, ok1 := outOffset(w.segs, base, int64(w.skip), a)
	ob, ok2 := outOffset(w.segs, base, int64(w.skip), b)
	if !ok1 || !ok2 || oa < w.headCut || ob > len(w.out) || oa > ob {
		return false
	}
	tail := append([]byte(nil), w.out[ob:]...)
	w.out = append(append(w.out[:oa], m...), tail...)
	delta := len(m) - (ob - oa)
	i := sort.Search(len(w.segs), func(i int) bool { return int64(w.segs[i].A) >= b-base })
	for k := i; k < len(w.segs); k++ {
		w.segs[k].OA += delta
		w.segs[k].OB += delta
	}
	w.segs = append(w.segs, redact.Segment{})
	copy(w.segs[i+1:], w.segs[i:])
	w.segs[i] = redact.Segment{A: int(a - base), B: int(b - base), OA: oa, OB: oa + len(m)}
	return true
}

// jsonState is the JSON string state at a record offset: inside a string,
// and the escape being read (esc <= x < escEnd).
type jsonState struct {
	in          bool
	esc, escEnd int64
}

// jsonStateAt reads w's data from its own bytes' start (where the reader
// told the string state) up to record offset x.
func jsonStateAt(w *piece, x int64) jsonState {
	base := w.winOff - int64(w.pre)
	st := jsonState{in: w.inStr, esc: -1, escEnd: -1}
	if w.escLeft > 0 {
		st.esc, st.escEnd = w.winOff-int64(w.escRead), w.winOff+int64(w.escLeft)
	}
	d := w.data
	for k := int64(w.pre); k < x-base && k < int64(len(d)); k++ {
		b := d[k]
		switch {
		case base+k < st.escEnd:
		case !st.in:
			st.in = b == '"'
		case b == '"':
			st.in = false
		case b == '\\':
			st.esc, st.escEnd = base+k, base+k+2
			if k+1 < int64(len(d)) && d[k+1] == 'u' {
				st.escEnd = base + k + 6
			}
		}
	}
	return st
}

// maskBytes masks the record's bytes from a to b (w's data) and returns
// the mask, where it ends (past b when an escape runs on, never past
// lim) and the string state there. In a JSON record every character or escape becomes '*', quotes
// and ASCII punctuation stay, digits outside strings become '1'; in text
// every letter, digit or character becomes '*'.
func maskBytes(w *piece, a, b, lim int64, in bool) ([]byte, int64, bool) {
	base := w.winOff - int64(w.pre)
	d := w.data
	var m []byte
	x := a
	for x < b && x-base < int64(len(d)) {
		c := d[x-base]
		n := int64(1)
		switch {
		case !w.json:
			if c >= 0xC0 || c == '\\' || isAlnum(c) {
				m = append(m, '*')
			} else if c < 0x80 {
				m = append(m, c)
			}
		case !in:
			if c == '"' {
				in = true
			}
			if c >= '0' && c <= '9' {
				c = '1'
			}
			m = append(m, c)
		case c == '"':
			in = false
			m = append(m, c)
		case c == '\\':
			n = 2
			if x+1-base < int64(len(d)) && d[x+1-base] == 'u' {
				n = 6
			}
			if x+n > lim {
				n = 1 // cannot mask the whole escape: leave its rest
			}
			m = append(m, '*')
		case c >= 0xC0 || isAlnum(c):
			m = append(m, '*')
		case c < 0x80:
			m = append(m, c)
		}
		x += n
	}
	return m, x, in
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

// maskJoin writes the mask of the record's bytes [x1, x2) between two
// windows: x1 moves back to the start of an escape it cuts, and x2 on
// past an escape and out of any replacement of c it falls into.
func maskJoin(p, c *piece, x1, x2 int64) (int64, int64, []byte, bool) {
	bp := p.winOff - int64(p.pre)
	bc := c.winOff - int64(c.pre)
	in := true
	if p.json {
		st := jsonStateAt(p, x1)
		lo := bp + int64(p.skip)
		if i := sort.Search(len(p.segs), func(i int) bool { return bp+int64(p.segs[i].B) > x1 }); i > 0 {
			lo = bp + int64(p.segs[i-1].B)
		}
		if st.escEnd > x1 && st.esc >= lo {
			x1 = st.esc // an escape cut by x1 is masked whole
		}
		in = st.in
	}
	if x1 < bc || x1 < bp {
		return 0, 0, nil, false
	}
	var m []byte
	for x := x1; ; {
		x2 = snapOut(c, max(x2, x))
		if x >= x2 {
			break
		}
		// the bytes of [x, x2) are in c's data (x1 >= bc)
		var part []byte
		var end int64
		part, end, in = maskBytes(c, x, x2, bc+int64(len(c.data)), in)
		m = append(m, part...)
		if end <= x {
			return 0, 0, nil, false
		}
		x = end
		x2 = max(x2, end)
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
