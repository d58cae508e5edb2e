package scanner

import (
	"encoding/binary"
	"math/bits"
)

// The shared lexer of digit runs: a number candidate is a run of digit
// groups with separators ("+7 (701) 540-18-02", "4111 1111 1111 1111",
// "12 / 27"); what glues a run to the text around it (an identifier, a
// decimal, a mask) decides whether it can be a value at all. number.go
// reads the groups; each kind's file validates them.

// group is one run of digits inside a number candidate.
type group struct {
	a, b int  // [a,b) in the segment text
	sep  byte // separator kind before this group: 0 none, ' ', '-', '.', '(' (any parenthesis)
}

const maxGroups = 8

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// nonDigits returns, for the eight bytes of x (little-endian), a mask
// with the top bit of each byte that is not an ASCII digit set: b^'0' is
// below 10 for a digit only, adding 0x76 to its low seven bits (no carry
// leaves a byte) sets the top bit from 10 up, and the byte's own top bit
// covers the rest.
func nonDigits(x uint64) uint64 {
	x ^= 0x3030303030303030
	return ((x&0x7f7f7f7f7f7f7f7f + 0x7676767676767676) | x) & 0x8080808080808080
}

// hasDigit reports whether b holds an ASCII digit, eight bytes at a time.
func hasDigit(b []byte) bool {
	for len(b) >= 8 {
		if nonDigits(binary.LittleEndian.Uint64(b)) != 0x8080808080808080 {
			return true
		}
		b = b[8:]
	}
	for _, c := range b {
		if isDigit(c) {
			return true
		}
	}
	return false
}

// digitsEnd returns the end of the run of ASCII digits starting at j,
// eight bytes at a time.
func digitsEnd(t []byte, j int) int {
	for j+8 <= len(t) {
		if m := nonDigits(binary.LittleEndian.Uint64(t[j:])); m != 0 {
			return j + bits.TrailingZeros64(m)>>3
		}
		j += 8
	}
	for j < len(t) && isDigit(t[j]) {
		j++
	}
	return j
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// attachedBefore reports whether the byte before t[i] glues the digits at i
// to something that makes them part of an identifier, a decimal or a mask:
// "ORD-123", "abc123", "0.87…", "****1234", "05/11".
func attachedBefore(t []byte, i, lo int) bool {
	if i <= lo {
		return false
	}
	// most bytes decide alone (a blank, '=', a quote: no; a letter: yes)
	if g := glueBefore[t[i-1]]; g != glueMaybe {
		return g == glueYes
	}
	return attachedBeforeBy(t, i, lo)
}

// attachedAfter reports whether the byte at t[j] glues the preceding
// digits to more text ("1234abc", "1234****", "12.5", "12:30").
func attachedAfter(t []byte, j int) bool {
	if j >= len(t) {
		return false
	}
	if g := glueAfter[t[j]]; g != glueMaybe {
		return g == glueYes
	}
	return attachedAfterBy(t, j)
}

// glueBefore and glueAfter tell, for the byte before or after a digit
// run, whether it glues the run on (glueYes), does not (glueNo), or it
// depends on the bytes around (glueMaybe: attachedBeforeBy, attachedAfterBy
// decide). TestGlueTables checks them against those two.
var glueBefore, glueAfter [256]uint8

const (
	glueNo = iota
	glueYes
	glueMaybe
)

func init() {
	for c := range 256 {
		b := byte(c)
		switch {
		case isASCIILetter(b), isDigit(b), b == '_', b == '*', b == ']':
			glueBefore[c] = glueYes
		case b == '#', b == '.', b == ',', b == '/', b == '-', b == ':', b >= 0x80 && b <= 0xBF:
			glueBefore[c] = glueMaybe
		}
		switch {
		case isASCIILetter(b), b == '_', b == '*', isDigit(b), b == 0xD0, b == 0xD1:
			glueAfter[c] = glueYes
		case b == ',', b == '.', b == ':', b == '/':
			glueAfter[c] = glueMaybe
		}
	}
}

// attachedBeforeBy is attachedBefore read out in full.
func attachedBeforeBy(t []byte, i, lo int) bool {
	if i <= lo {
		return false
	}
	p := t[i-1]
	switch {
	case isASCIILetter(p), isDigit(p), p == '_', p == '*', p == ']', p == '#' && i-1 > lo && t[i-2] == '*':
		return true
	case p >= 0x80:
		// a letter glued to the number (UTF-8 continuation of Cyrillic), but
		// not punctuation like «, №, or a non-breaking space
		return p >= 0x80 && p <= 0xBF && i-2 >= lo && (t[i-2] == 0xD0 || t[i-2] == 0xD1 || t[i-2] == 0xD2 || t[i-2] == 0xD3)
	case p == '.' || p == ',' || p == '/' || p == '-' || p == ':':
		if i-2 < lo {
			return false
		}
		q := t[i-2]
		if p == '-' {
			return isASCIILetter(q) || isDigit(q) || q == '_' || q == ']' || q == '*'
		}
		if p == ',' && isDigit(q) {
			// a decimal comma follows a short number; after an IIN-,
			// phone- or PAN-long run it is a CSV delimiter
			if !decimalComma(t, i-1) {
				return false
			}
			k := i - 2
			for k > lo && i-2-k < 11 && isDigit(t[k-1]) {
				k--
			}
			return i-1-k < 11
		}
		// after a ']' or '*' as after a digit: a redaction placeholder or
		// mask ("[IIN:…].+1201…", "****.+1201…") glues on what followed
		// the value it replaced
		return isDigit(q) || ((q == ']' || q == '*') && p != ',')
	}
	return false
}

// attachedAfterBy is attachedAfter read out in full.
func attachedAfterBy(t []byte, j int) bool {
	if j >= len(t) {
		return false
	}
	c := t[j]
	switch {
	case isASCIILetter(c), c == '_', c == '*', isDigit(c):
		return true
	case c == ',':
		return decimalComma(t, j)
	case c == '.' || c == ':' || c == '/':
		return j+1 < len(t) && isDigit(t[j+1])
	case c == 0xD0 || c == 0xD1:
		return true // Cyrillic letter glued on
	}
	return false
}

// decimalComma reports whether the ',' at t[j] continues a number ("12,50",
// "1,234") rather than ending a CSV field: one to three digits follow and
// do not start a new token such as "11-2027", "10.27" or "12/27".
func decimalComma(t []byte, j int) bool {
	e := j + 1
	for e < len(t) && isDigit(t[e]) {
		e++
	}
	if d := e - j - 1; d < 1 || d > 3 {
		return false
	}
	if e < len(t) && (t[e] == '-' || t[e] == '/' || t[e] == '.' || t[e] == ':') {
		return false
	}
	if e+2 < len(t) && t[e] == ' ' && (t[e+1] == '/' || t[e+1] == '-') && t[e+2] == ' ' {
		return false // "…,12 / 27"
	}
	return true
}

// delimAfterFinding reports whether the byte before t[i] is a ',' or ';'
// right after the last finding: a field delimiter ("…,10.27,655,…").
func (s *Scanner) delimAfterFinding(g *seg, i int) bool {
	if i < 1 || (g.text[i-1] != ',' && g.text[i-1] != ';') || len(s.out) == s.base {
		return false
	}
	return s.out[len(s.out)-1].Span.End == g.raw(i-1)
}

// moreGroups reads the digit groups that follow position j, each after a
// separator (sepAt), into gs[ng:]. It returns the group count, the end of
// the last group and the digits read.
func moreGroups(t []byte, j int, gs []group, ng int) (int, int, int) {
	n := len(t)
	total := 0
	for ng < len(gs) && j < n {
		var k int
		var sep byte
		if c := t[j]; (c == '-' || c == '.') && j+1 < n && isDigit(t[j+1]) {
			k, sep = j+1, c // what sepAt reads for these two
		} else {
			k, sep = sepAt(t, j)
		}
		if k == j || k >= n || !isDigit(t[k]) {
			break
		}
		b := k
		for b < n && isDigit(t[b]) {
			b++
		}
		gs[ng] = group{a: k, b: b, sep: sep}
		ng++
		total += b - k
		j = b
	}
	return ng, j, total
}

func skipAttached(t []byte, j int) int {
	for j < len(t) && idByte[t[j]] {
		j++
	}
	return j
}

// idByte marks the bytes of an identifier a number is glued into: ASCII
// letters and digits, '_' and a mask's '*'.
var idByte = func() (b [256]bool) {
	for c := range 256 {
		b[c] = isASCIILetter(byte(c)) || isDigit(byte(c)) || c == '_' || c == '*'
	}
	return
}()

// isNumSep reports whether c may start a separator between digit groups
// (sepAt): a blank, '-', '.', a parenthesis, or the lead byte of a
// no-break space; one table look-up on every number's fast path.
func isNumSep(c byte) bool { return numSep[c] }

var numSep = func() (b [256]bool) {
	for _, c := range []byte{' ', '-', '.', '(', ')', 0xC2} {
		b[c] = true
	}
	return
}()

// sepAt reads a separator between digit groups at t[j]: one of " ", "-",
// ".", "(", ")", " (", ") ", ")-", " - ", or a no-break space (U+00A0,
// bytes C2 A0), which is of the blank's kind. It returns the index after it
// and its kind.
func sepAt(t []byte, j int) (int, byte) {
	n := len(t)
	c := t[j]
	switch c {
	case ' ':
		if j+1 < n && t[j+1] == '(' {
			return j + 2, '('
		}
		if j+2 < n && t[j+1] == '-' && t[j+2] == ' ' {
			return j + 3, '-'
		}
		if j+2 < n && t[j+1] == '/' && t[j+2] == ' ' {
			return j + 3, '/' // "12 / 27"
		}
		if j+2 < n && t[j+1] == '/' && isDigit(t[j+2]) {
			return j + 2, '/' // "12 /27"
		}
		return j + 1, ' '
	case '-', '.':
		return j + 1, c
	case '(':
		return j + 1, '('
	case ')':
		if j+1 < n && (t[j+1] == ' ' || t[j+1] == '-') {
			return j + 2, '('
		}
		return j + 1, '('
	case 0xC2:
		if j+1 < n && t[j+1] == 0xA0 {
			return j + 2, ' ' // "4111\u00a01111…": a word processor's blank
		}
	}
	return j, 0
}

func allDigits(w []byte) bool {
	for _, c := range w {
		if !isDigit(c) {
			return false
		}
	}
	return len(w) > 0
}
