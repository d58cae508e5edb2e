package blinda

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/tazala/tazala"
)

// builder appends a line and records the spans of the labelled values.
type builder struct {
	buf    []byte
	spans  []Span
	json   bool // false once a template writes deliberately broken JSON
	isJSON bool // the template wrote a JSON document
}

// s appends literal text (no personal data).
func (b *builder) s(parts ...string) *builder {
	for _, p := range parts {
		b.buf = append(b.buf, p...)
	}
	return b
}

// p appends a labelled value exactly as given.
func (b *builder) p(k tazala.Kind, v string) *builder {
	start := len(b.buf)
	b.buf = append(b.buf, v...)
	b.spans = append(b.spans, Span{Kind: k, Start: start, End: len(b.buf)})
	return b
}

// escMode is how a JSON producer escapes strings.
type escMode uint8

const (
	escUTF8  escMode = iota // Java/Go/Node: non-ASCII written raw
	escASCII                // Python json.dumps default: \uXXXX for non-ASCII
	escPHP                  // PHP json_encode default: \uXXXX and \/
	escGo                   // Go encoding/json: raw UTF-8, <>& as \u003c…
)

// jstyle is a JSON producer's layout.
type jstyle struct {
	esc    escMode
	spaced bool // ", " and ": " (Python json.dumps default)
}

func jsonEscape(dst []byte, s string, esc escMode) []byte {
	for _, r := range s {
		switch {
		case r == '"':
			dst = append(dst, '\\', '"')
		case r == '\\':
			dst = append(dst, '\\', '\\')
		case r == '\n':
			dst = append(dst, '\\', 'n')
		case r == '\t':
			dst = append(dst, '\\', 't')
		case r < 0x20:
			dst = fmt.Appendf(dst, `\u%04x`, r)
		case r == '/' && esc == escPHP:
			dst = append(dst, '\\', '/')
		case (r == '<' || r == '>' || r == '&') && esc == escGo:
			dst = fmt.Appendf(dst, `\u%04x`, r)
		case r >= 0x80 && (esc == escASCII || esc == escPHP):
			if r > 0xFFFF {
				r -= 0x10000
				dst = fmt.Appendf(dst, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			} else {
				dst = fmt.Appendf(dst, `\u%04x`, r)
			}
		default:
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// JSON value model: obj, arr, string (plain), num (raw literal), pstr and
// pnum (labelled), bool, nil.
type (
	kv struct {
		k string
		v any
	}
	obj  []kv
	arr  []any
	num  string
	pstr struct {
		k tazala.Kind
		s string
	}
	pnum struct {
		k tazala.Kind
		s string
	}
)

// j appends v as JSON in style st.
func (b *builder) j(v any, st jstyle) *builder {
	colon, comma := ":", ","
	if st.spaced {
		colon, comma = ": ", ", "
	}
	switch x := v.(type) {
	case obj:
		b.buf = append(b.buf, '{')
		for i, e := range x {
			if i > 0 {
				b.buf = append(b.buf, comma...)
			}
			b.buf = append(b.buf, '"')
			b.buf = jsonEscape(b.buf, e.k, st.esc)
			b.buf = append(b.buf, '"')
			b.buf = append(b.buf, colon...)
			b.j(e.v, st)
		}
		b.buf = append(b.buf, '}')
	case arr:
		b.buf = append(b.buf, '[')
		for i, e := range x {
			if i > 0 {
				b.buf = append(b.buf, comma...)
			}
			b.j(e, st)
		}
		b.buf = append(b.buf, ']')
	case string:
		b.buf = append(b.buf, '"')
		b.buf = jsonEscape(b.buf, x, st.esc)
		b.buf = append(b.buf, '"')
	case pstr:
		b.buf = append(b.buf, '"')
		start := len(b.buf)
		b.buf = jsonEscape(b.buf, x.s, st.esc)
		b.spans = append(b.spans, Span{Kind: x.k, Start: start, End: len(b.buf)})
		b.buf = append(b.buf, '"')
	case pnum:
		b.p(x.k, x.s)
	case num:
		b.buf = append(b.buf, x...)
	case int:
		b.buf = strconv.AppendInt(b.buf, int64(x), 10)
	case bool:
		b.buf = strconv.AppendBool(b.buf, x)
	case nil:
		b.buf = append(b.buf, "null"...)
	default:
		panic(fmt.Sprintf("blinda: json value %T", v))
	}
	return b
}

// doc appends a whole JSON document and marks the line as JSON.
func (b *builder) doc(v any, st jstyle) *builder {
	b.isJSON = true
	return b.j(v, st)
}
