package blinde

import (
	"fmt"
	"strings"
	"unicode/utf8"

	tazala "github.com/tazala/tazala"
)

// bld accumulates a line and the spans of the values written into it.
type bld struct {
	buf   []byte
	spans []Span
	esc   bool // JSON strings: write non-ASCII as \uXXXX
}

// s writes literal text.
func (b *bld) s(parts ...string) *bld {
	for _, p := range parts {
		b.buf = append(b.buf, p...)
	}
	return b
}

// f writes formatted literal text.
func (b *bld) f(format string, a ...any) *bld {
	b.buf = fmt.Appendf(b.buf, format, a...)
	return b
}

// p writes a labelled value as is.
func (b *bld) p(k tazala.Kind, v string) *bld {
	st := len(b.buf)
	b.buf = append(b.buf, v...)
	if k != 0 {
		b.spans = append(b.spans, Span{Kind: k, Start: st, End: len(b.buf)})
	}
	return b
}

// jesc escapes v as JSON string content.
func jesc(v string, uni bool) string {
	var sb strings.Builder
	for _, r := range v {
		switch {
		case r == '"':
			sb.WriteString(`\"`)
		case r == '\\':
			sb.WriteString(`\\`)
		case r < 0x20:
			fmt.Fprintf(&sb, `\u%04x`, r)
		case r >= utf8.RuneSelf && uni:
			if r > 0xffff {
				r -= 0x10000
				fmt.Fprintf(&sb, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
			} else {
				fmt.Fprintf(&sb, `\u%04x`, r)
			}
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// obj writes a JSON object; fields are added with kv/num/raw.
type obj struct {
	b *bld
	n int
}

func (b *bld) obj() *obj { b.s("{"); return &obj{b: b} }

func (o *obj) key(k string) {
	if o.n > 0 {
		o.b.s(",")
	}
	o.n++
	o.b.s(`"`, k, `":`)
}

// str writes "k":"v", v labelled with kind (0 for none).
func (o *obj) str(k string, kind tazala.Kind, v string) *obj {
	o.key(k)
	o.b.s(`"`)
	o.b.p(kind, jesc(v, o.b.esc))
	o.b.s(`"`)
	return o
}

// lit writes "k":<raw JSON>, labelled with kind.
func (o *obj) lit(k string, kind tazala.Kind, v string) *obj {
	o.key(k)
	o.b.p(kind, v)
	return o
}

// sub opens a nested object under k.
func (o *obj) sub(k string) *obj {
	o.key(k)
	return o.b.obj()
}

func (o *obj) end() { o.b.s("}") }
