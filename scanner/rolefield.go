package scanner

// otherKeyed reports whether a part of ps is the whole value of a key
// that is not a name key ("manager":"Айгерим", on_call=Daulet,
// "branch":"…"): a lone given name in a field of its own is someone
// referred to by given name, not a part of a name split across fields,
// which needs its sibling fields (surname, given name, patronymic keys,
// or an unkeyed row of columns).
func (s *Scanner) otherKeyed(ps []part) bool {
	for _, p := range ps {
		if !p.labelled && keyed(s.line, p.a, 0) {
			return true
		}
	}
	return false
}
