package scanner

// Names in a table row whose header names the column: a CSV export
// "[date;pan;exp;holder;cur]: 2026-…;4111…;12/27;KANAT OTEGEN;398" or a
// markdown table "| card | valid | holder |\n|---|---|---|\n| … | … |
// ANNA KOWALSKA |". The header is the row right before the data row in
// the same record, with the same delimiter; the value's column is
// counted in both.

// maxHeaderSpan bounds how far back from a value the row start and the
// header are looked for.
const maxHeaderSpan = 320

func isRowDelim(c byte) bool { return c == ';' || c == ',' || c == '|' || c == '\t' }

// rowBreakBefore reports the length of a row break ending at t[k] (a
// newline, an escaped "\n" inside a JSON string, or "]: "/": " before an
// inline row), or 0.
func rowBreakBefore(t []byte, k, lo int) int {
	if k <= lo {
		return 0
	}
	switch c := t[k-1]; {
	case c == '\n' || c == '\r':
		return 1
	case c == 'n' && k-2 >= lo && t[k-2] == '\\':
		return 2
	case c == ' ' && k-2 >= lo && (t[k-2] == ':' || t[k-2] == ']'):
		return 2
	case c == '[' || c == '"':
		return 1
	}
	return 0
}

// headerNameColumn reports whether [a,b) of g is the whole value of a
// delimited row's field whose column the header row before it names as a
// holder's or person's name (holder, cardholder, name, fio, …).
func (s *Scanner) headerNameColumn(g *seg, a, b int) bool {
	t := g.text
	p := a
	for p > g.lo && t[p-1] == ' ' {
		p--
	}
	if p == g.lo || !isRowDelim(t[p-1]) {
		return false
	}
	d := t[p-1]
	q := b
	for q < len(t) && t[q] == ' ' {
		q++
	}
	if q < len(t) && t[q] != d && t[q] != '\n' && t[q] != '\r' && !(t[q] == '\\' && q+1 < len(t) && t[q+1] == 'n') && t[q] != '"' {
		return false
	}
	// the row's start and the value's column in it
	col := 0
	k := p
	lim := max(g.lo, a-maxHeaderSpan)
	for ; k > lim; k-- {
		if t[k-1] == d {
			col++
			continue
		}
		if rowBreakBefore(t, k, g.lo) > 0 {
			break
		}
	}
	if k == lim && k > g.lo {
		return false
	}
	// the header row ends at the row break; a markdown rule line between
	// them is passed over
	h := k
	for n := 0; n < 3; n++ {
		r := rowBreakBefore(t, h, g.lo)
		if r == 0 {
			break
		}
		h -= r
		for h > lim && (t[h-1] == ']' || t[h-1] == ':' || t[h-1] == ' ') {
			h-- // "[date;pan;holder]: " before an inline row
		}
		// a markdown rule line "|---|:--:|"
		e := h
		for e > lim && (t[e-1] == '-' || t[e-1] == '|' || t[e-1] == ':' || t[e-1] == ' ') {
			e--
		}
		if e < h && rowBreakBefore(t, e, g.lo) > 0 && bytesHasDash(t[e:h]) {
			h = e
			continue
		}
		break
	}
	if h == k {
		return false
	}
	// the header's fields, counted back from its end: its column col
	// holds the name
	hs := h
	for hs > lim && rowBreakBefore(t, hs, g.lo) == 0 {
		c := t[hs-1]
		if !(isASCIILetter(c) || c == '_' || c == ' ' || c == '-' || c == d || c >= 0x80) {
			return false // not a list of column names
		}
		hs--
	}
	hdr := t[hs:h]
	// markdown rows end with the delimiter: drop the trailing one
	for len(hdr) > 0 && (hdr[len(hdr)-1] == ' ' || hdr[len(hdr)-1] == d) && d == '|' {
		hdr = hdr[:len(hdr)-1]
	}
	n, fs := 0, 0
	for i := 0; i <= len(hdr); i++ {
		if i < len(hdr) && hdr[i] != d {
			continue
		}
		if n == col {
			w := trimBlanks(hdr[fs:i])
			if len(w) == 0 || len(w) > 48 {
				return false
			}
			c := s.ctxOf(w)
			return c&(ctxNameStrong|ctxNameWeak) != 0 && c&ctxCompany == 0
		}
		n++
		fs = i + 1
	}
	return false
}

func bytesHasDash(b []byte) bool {
	for _, c := range b {
		if c == '-' {
			return true
		}
	}
	return false
}

func trimBlanks(b []byte) []byte {
	for len(b) > 0 && b[0] == ' ' {
		b = b[1:]
	}
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

// noNot reports whether no word of fl is one that never is a name.
func noNot(fl []uint8) bool {
	for _, f := range fl {
		if f&wNot != 0 {
			return false
		}
	}
	return true
}
