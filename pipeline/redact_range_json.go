package pipeline

import "github.com/tazala/tazala/redact"

// RedactRangeJSON is RedactRange for a window of a JSON record whose
// string state at js.At the caller knows: a bare number is quoted as in
// Redact, so the windows put together stay valid JSON (see
// redact.Redactor.AppendRangeJSON).
func (s *Step) RedactRangeJSON(dst []byte, i, from, to int, js redact.JSONAt) []byte {
	r := &s.recs[i]
	return s.red.AppendRangeJSON(dst, r.val, s.fs[r.fStart:r.fEnd], s.Tokens(i), from, to, js)
}

// RedactRangeSegs is RedactRange (RedactRangeJSON when js is not nil)
// that also appends where each replacement lies in the record and in dst
// (see redact.Redactor.AppendRangeSegs).
func (s *Step) RedactRangeSegs(dst []byte, i, from, to int, js *redact.JSONAt, segs []redact.Segment) ([]byte, []redact.Segment) {
	r := &s.recs[i]
	return s.red.AppendRangeSegs(dst, r.val, s.fs[r.fStart:r.fEnd], s.Tokens(i), from, to, js, segs)
}
