package scanner

import "bytes"

// otherKeyed reports whether a part of ps is the whole value of a key
// that is not a name key ("manager":"Айгерим", on_call=Daulet,
// "branch":"…"): a lone given name in a field of its own is someone
// referred to by given name, not a part of a name split across fields,
// which needs its sibling fields (surname, given name, patronymic keys,
// the first/last/middle keys of a name object, or an unkeyed row of
// columns).
func (s *Scanner) otherKeyed(ps []part) bool {
	for _, p := range ps {
		if p.labelled {
			continue
		}
		k, ok := valueKey(s.line, p.a)
		if !ok {
			continue
		}
		if len(k) == 0 || len(k) > 48 {
			return true
		}
		if bytes.IndexByte(k, '\\') >= 0 {
			// a key written with escapes: its decoded hints
			if c := s.rawKeyCtx(s.line, p.a); c&(ctxNameWeak|ctxNameStrong) == 0 || c&ctxCompany != 0 {
				return true
			}
			continue
		}
		var buf [64]byte
		if namePartKeys[string(lowerInto(buf[:0], k))] {
			continue
		}
		if c := s.ctxOf(k); c&(ctxNameWeak|ctxNameStrong) == 0 || c&ctxCompany != 0 {
			return true
		}
	}
	return false
}

// namePartKeys are the keys of a name object's parts that are no name
// label alone: {"name":{"last":"…","first":"…","middle":"…"}}.
var namePartKeys = map[string]bool{"first": true, "last": true, "middle": true, "given": true, "family": true, "patronymic": true}

// valueKey returns the key of the value that starts at raw offset a:
// "key":"value" or key=value. ok is false for a value with no key (a
// column of a row).
func valueKey(t []byte, a int) (key []byte, ok bool) {
	k := a
	if k > 0 && (t[k-1] == '"' || t[k-1] == '\'') {
		k--
	}
	for k > 0 && t[k-1] == ' ' {
		k--
	}
	if k == 0 {
		return nil, false
	}
	switch t[k-1] {
	case '=':
		e := k - 1
		b := e
		for b > 0 && e-b < 64 && (idByte[t[b-1]] || t[b-1] >= 0x80) {
			b--
		}
		return t[b:e], true
	case ':':
		e := k - 1
		for e > 0 && t[e-1] == ' ' {
			e--
		}
		if e == 0 || t[e-1] != '"' && t[e-1] != '\'' {
			return nil, false
		}
		e--
		b := e
		for b > 0 && e-b < 64 && t[b-1] != '"' && t[b-1] != '\'' {
			b--
		}
		return t[b:e], true
	}
	return nil, false
}
