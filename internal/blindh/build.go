package blindh

import (
	"fmt"
	"unicode/utf8"

	"github.com/tazala/tazala"
)

// line accumulates one record's bytes and the spans of the values in it.
// Between jopen and jclose text is JSON-string-escaped (and, with ascii set,
// non-ASCII runes become \uXXXX), and spans cover the escaped bytes.
type line struct {
	buf   []byte
	spans []Span
	inStr bool
	ascii bool
}

func (l *line) esc(s string) {
	if !l.inStr {
		l.buf = append(l.buf, s...)
		return
	}
	for _, r := range s {
		switch {
		case r == '"':
			l.buf = append(l.buf, '\\', '"')
		case r == '\\':
			l.buf = append(l.buf, '\\', '\\')
		case r == '\n':
			l.buf = append(l.buf, '\\', 'n')
		case r < 0x20:
			l.buf = fmt.Appendf(l.buf, "\\u%04x", r)
		case r >= utf8.RuneSelf && l.ascii:
			if r > 0xFFFF {
				r -= 0x10000
				l.buf = fmt.Appendf(l.buf, "\\u%04x\\u%04x", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			} else {
				l.buf = fmt.Appendf(l.buf, "\\u%04x", r)
			}
		default:
			l.buf = utf8.AppendRune(l.buf, r)
		}
	}
}

// t writes literal text.
func (l *line) t(s string) *line { l.esc(s); return l }

// v writes a value of kind k and records its span.
func (l *line) v(k tazala.Kind, s string) *line {
	start := len(l.buf)
	l.esc(s)
	l.spans = append(l.spans, Span{Kind: k, Start: start, End: len(l.buf)})
	return l
}

func (l *line) jopen() *line  { l.buf = append(l.buf, '"'); l.inStr = true; return l }
func (l *line) jclose() *line { l.buf = append(l.buf, '"'); l.inStr = false; return l }

// js writes a whole JSON string; k==0 means no span.
func (l *line) js(k tazala.Kind, s string) *line {
	l.jopen()
	if k == 0 {
		l.t(s)
	} else {
		l.v(k, s)
	}
	return l.jclose()
}

// key writes `"name":` with a leading comma unless first.
func (l *line) key(first bool, name string) *line {
	if !first {
		l.buf = append(l.buf, ',')
	}
	l.buf = append(l.buf, '"')
	l.buf = append(l.buf, name...)
	l.buf = append(l.buf, '"', ':')
	return l
}
