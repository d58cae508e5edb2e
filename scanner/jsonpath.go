package scanner

import (
	"strconv"

	"github.com/tazala/tazala"
)

// maxDepth bounds JSON nesting the path walker follows; deeper records are
// still scanned (as text) but their findings carry no path.
const maxDepth = 128

type pathElem struct {
	key   []byte // raw key text (escapes as written); nil for an array element
	index int
	// hidden is set when the key itself holds a finding (a phone number
	// used as a key): the path shows [KIND] in its place, never the key.
	hidden tazala.Kind
}

// pathCache interns path strings so repeated records allocate nothing.
type pathCache struct {
	m     map[string]string
	buf   []byte
	stack []pathElem
}

func (c *pathCache) intern(b []byte) string {
	if c.m == nil {
		c.m = make(map[string]string)
	}
	if s, ok := c.m[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(c.m) < 4096 {
		c.m[s] = s
	}
	return s
}

func (c *pathCache) render() []byte {
	b := c.buf[:0]
	for i, e := range c.stack {
		if e.key != nil {
			if i > 0 {
				b = append(b, '.')
			}
			if e.hidden != 0 {
				b = append(b, '[')
				b = append(b, e.hidden.Label()...)
				b = append(b, ']')
			} else {
				b = append(b, e.key...)
			}
		} else {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(e.index), 10)
			b = append(b, ']')
		}
	}
	c.buf = b
	return b
}

// fillPaths walks the record as JSON and sets Path on each finding that lies
// inside a string or number value, or inside an object key. A key that
// holds a finding is rendered as [KIND] (by_phone.[PHONE].iin) in every
// path through it, so no path carries a raw value.
func (s *Scanner) fillPaths() {
	w := pathWalker{t: s.line, f: s.out[s.base:], pc: &s.paths}
	w.pc.stack = w.pc.stack[:0]
	w.ws()
	w.value(0)
}

type pathWalker struct {
	t   []byte
	i   int
	f   []findingRef
	pc  *pathCache
	bad bool
}

type findingRef = tazala.Finding

func (w *pathWalker) ws() {
	for w.i < len(w.t) {
		switch w.t[w.i] {
		case ' ', '\t', '\r', '\n':
			w.i++
		default:
			return
		}
	}
}

// assign gives the current path to findings inside [a,b).
func (w *pathWalker) assign(a, b int) {
	for len(w.f) > 0 && w.f[0].Span.Start < a {
		w.f = w.f[1:]
	}
	if len(w.f) == 0 || w.f[0].Span.Start >= b {
		return
	}
	p := w.pc.intern(w.pc.render())
	for len(w.f) > 0 && w.f[0].Span.End <= b {
		w.f[0].Path = p
		w.f = w.f[1:]
	}
}

// key checks whether findings lie in the object key at [a,b): if so, e is
// hidden and those findings get the path of the key itself.
func (w *pathWalker) key(e *pathElem, a, b int) {
	for len(w.f) > 0 && w.f[0].Span.Start < a {
		w.f = w.f[1:]
	}
	if len(w.f) == 0 || w.f[0].Span.Start >= b {
		return
	}
	e.hidden = w.f[0].Kind
	w.pc.stack = append(w.pc.stack, *e)
	p := w.pc.intern(w.pc.render())
	w.pc.stack = w.pc.stack[:len(w.pc.stack)-1]
	for len(w.f) > 0 && w.f[0].Span.Start < b {
		w.f[0].Path = p
		w.f = w.f[1:]
	}
}

// member walks one object member or array element under path element e,
// then the ',' or closing bracket after it. It reports whether another
// member follows.
func (w *pathWalker) member(e pathElem, depth int, closing byte) bool {
	w.pc.stack = append(w.pc.stack, e)
	w.value(depth + 1)
	w.pc.stack = w.pc.stack[:len(w.pc.stack)-1]
	w.ws()
	if w.i < len(w.t) && w.t[w.i] == ',' {
		w.i++
		return !w.bad
	}
	if w.i < len(w.t) && w.t[w.i] == closing {
		w.i++
		return false
	}
	w.bad = true
	return false
}

func (w *pathWalker) value(depth int) {
	if w.bad || w.i >= len(w.t) || len(w.f) == 0 {
		w.bad = true
		return
	}
	if depth > maxDepth {
		w.bad = true
		return
	}
	switch c := w.t[w.i]; {
	case c == '{':
		w.i++
		w.ws()
		if w.i < len(w.t) && w.t[w.i] == '}' {
			w.i++
			return
		}
		for !w.bad {
			w.ws()
			if w.i >= len(w.t) || w.t[w.i] != '"' {
				w.bad = true
				return
			}
			ka := w.i + 1
			kb := stringEnd(w.t, ka)
			w.i = kb + 1
			w.ws()
			if w.i >= len(w.t) || w.t[w.i] != ':' {
				w.bad = true
				return
			}
			w.i++
			w.ws()
			e := pathElem{key: w.t[ka:kb]}
			w.key(&e, ka, kb)
			if !w.member(e, depth, '}') {
				return
			}
		}
	case c == '[':
		w.i++
		w.ws()
		if w.i < len(w.t) && w.t[w.i] == ']' {
			w.i++
			return
		}
		for idx := 0; !w.bad; idx++ {
			w.ws()
			if !w.member(pathElem{index: idx}, depth, ']') {
				return
			}
		}
	case c == '"':
		a := w.i + 1
		b := stringEnd(w.t, a)
		w.assign(a, b)
		w.i = b + 1
	default:
		a := w.i
		for w.i < len(w.t) {
			switch w.t[w.i] {
			case ',', '}', ']', ' ', '\t', '\r', '\n':
				goto end
			}
			w.i++
		}
	end:
		if w.i == a {
			w.bad = true
			return
		}
		w.assign(a, w.i)
	}
}
