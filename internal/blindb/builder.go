package blindb

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/tazala/tazala"
)

// seg is a piece of text; kind 0 is plain text, otherwise a labelled value.
type seg struct {
	s string
	k tazala.Kind
}

// txt is text made of plain and labelled pieces, rendered raw or as a JSON
// string body.
type txt []seg

func lit(s string) txt                { return txt{{s: s}} }
func val(k tazala.Kind, s string) txt { return txt{{s: s, k: k}} }
func cat(parts ...txt) txt {
	var t txt
	for _, p := range parts {
		t = append(t, p...)
	}
	return t
}
func (t txt) add(parts ...txt) txt { return cat(append([]txt{t}, parts...)...) }
func (t txt) lit(s string) txt     { return append(t, seg{s: s}) }

// plain returns the text without labels.
func (t txt) plain() string {
	n := 0
	for _, s := range t {
		n += len(s.s)
	}
	b := make([]byte, 0, n)
	for _, s := range t {
		b = append(b, s.s...)
	}
	return string(b)
}

// esc is a JSON string escaping style, as different producers write them.
type esc int

const (
	escUTF8    esc = iota // UTF-8 as is (Go's encoder without HTML escaping, jq)
	escASCII              // non-ASCII as \uxxxx, lower-case hex (Python's json.dumps)
	escASCIIUp            // non-ASCII as \uXXXX, upper-case hex (Jackson ESCAPE_NON_ASCII)
	escPHP                // \uxxxx and escaped slashes (PHP json_encode)
)

type builder struct {
	buf   []byte
	spans []Span
	json  bool
}

func (b *builder) raw(s string) *builder { b.buf = append(b.buf, s...); return b }

func (b *builder) rawf(f string, a ...any) *builder { return b.raw(fmt.Sprintf(f, a...)) }

func (b *builder) pii(k tazala.Kind, v string) *builder {
	st := len(b.buf)
	b.buf = append(b.buf, v...)
	b.spans = append(b.spans, Span{Kind: k, Start: st, End: len(b.buf), Value: v})
	return b
}

// text writes t raw.
func (b *builder) text(t txt) *builder {
	for _, s := range t {
		if s.k != 0 {
			b.pii(s.k, s.s)
		} else {
			b.raw(s.s)
		}
	}
	return b
}

// jstr writes t as a quoted JSON string in style e; labelled pieces get
// spans over their escaped text.
func (b *builder) jstr(t txt, e esc) *builder {
	b.buf = append(b.buf, '"')
	for _, s := range t {
		st := len(b.buf)
		b.buf = appendEsc(b.buf, s.s, e)
		if s.k != 0 {
			b.spans = append(b.spans, Span{Kind: s.k, Start: st, End: len(b.buf), Value: s.s, Escaped: true})
		}
	}
	b.buf = append(b.buf, '"')
	return b
}

func appendEsc(dst []byte, s string, e esc) []byte {
	const hexl, hexu = "0123456789abcdef", "0123456789ABCDEF"
	hx := hexl
	if e == escASCIIUp {
		hx = hexu
	}
	u4 := func(dst []byte, r rune) []byte {
		return append(dst, '\\', 'u', hx[r>>12&15], hx[r>>8&15], hx[r>>4&15], hx[r&15])
	}
	for _, r := range s {
		switch {
		case r == '"':
			dst = append(dst, '\\', '"')
		case r == '\\':
			dst = append(dst, '\\', '\\')
		case r == '\n':
			dst = append(dst, '\\', 'n')
		case r == '\r':
			dst = append(dst, '\\', 'r')
		case r == '\t':
			dst = append(dst, '\\', 't')
		case r < 0x20:
			dst = u4(dst, r)
		case r == '/' && e == escPHP:
			dst = append(dst, '\\', '/')
		case r >= 0x80 && e != escUTF8:
			if r > 0xFFFF {
				r -= 0x10000
				dst = u4(dst, 0xD800+(r>>10))
				dst = u4(dst, 0xDC00+(r&0x3FF))
			} else {
				dst = u4(dst, r)
			}
		default:
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// JSON values, kept in order.
type (
	obj []kv
	kv  struct {
		k string
		v any
	}
	arr   []any
	jnum  string   // a number literal written as is
	jpnum struct { // a number literal that is a labelled value
		k tazala.Kind
		v string
	}
)

// jsonStyle is how a producer lays out its JSON.
type jsonStyle struct {
	e      esc
	spaced bool // ", " and ": " (Python) rather than compact
}

func (b *builder) jval(v any, st jsonStyle) {
	comma, colon := ",", ":"
	if st.spaced {
		comma, colon = ", ", ": "
	}
	switch x := v.(type) {
	case obj:
		b.raw("{")
		for i, p := range x {
			if i > 0 {
				b.raw(comma)
			}
			b.jstr(lit(p.k), st.e)
			b.raw(colon)
			b.jval(p.v, st)
		}
		b.raw("}")
	case arr:
		b.raw("[")
		for i, e := range x {
			if i > 0 {
				b.raw(comma)
			}
			b.jval(e, st)
		}
		b.raw("]")
	case string:
		b.jstr(lit(x), st.e)
	case txt:
		b.jstr(x, st.e)
	case jnum:
		b.raw(string(x))
	case jpnum:
		b.pii(x.k, x.v)
	case int:
		b.raw(strconv.Itoa(x))
	case int64:
		b.raw(strconv.FormatInt(x, 10))
	case float64:
		b.raw(strconv.FormatFloat(x, 'f', 2, 64))
	case bool:
		b.raw(strconv.FormatBool(x))
	case nil:
		b.raw("null")
	default:
		panic(fmt.Sprintf("blindb: no JSON form for %T", v))
	}
}

// jdoc writes a whole line of JSON and marks the record as valid JSON.
func (b *builder) jdoc(v any, st jsonStyle) {
	b.json = true
	b.jval(v, st)
}
