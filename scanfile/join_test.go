package scanfile

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/redact"
)

// TestJoinWindows: two windows of one record that disagree about a value
// crossing their boundary (one finds it, the other does not, or they see
// different ends) are joined without a raw byte of it and, for JSON,
// into valid JSON, even when the boundary cuts an escape; windows that
// agree join exactly.
func TestJoinWindows(t *testing.T) {
	type rep struct {
		a, b int // record offsets
		s    string
	}
	const ctxLen = 30
	// window builds a window [from, to) of rec (record offsets) with ctxLen
	// bytes of context each side, owning [own0, own1), whose output starts
	// at skip and ends at end and replaces reps; claims are the findings it
	// saw in its context but does not own.
	window := func(rec string, own0, own1, skip, end int, reps []rep, claims []tazala.Span, js bool) *piece {
		pre := min(ctxLen, own0)
		base := own0 - pre
		p := &piece{window: true, data: []byte(rec[base:min(len(rec), own1+ctxLen)]), pre: pre, own: own1 - own0,
			winOff: int64(own0), last: own1 == len(rec), json: js, skip: skip - base, end: end - base, startRec: int64(skip)}
		var q jsonQuote
		q.advance([]byte(rec[:own0]))
		p.inStr = js && q.in
		pos := skip
		for _, r := range reps {
			p.out = append(p.out, rec[pos:r.a]...)
			oa := len(p.out)
			p.out = append(p.out, r.s...)
			p.segs = append(p.segs, redact.Segment{A: r.a - base, B: r.b - base, OA: oa, OB: len(p.out)})
			pos = r.b
		}
		p.out = append(p.out, rec[pos:end]...)
		for _, c := range claims {
			p.claims = append(p.claims, tazala.Span{Start: c.Start - base, End: c.End - base})
		}
		return p
	}
	jrec := `{"k":"\u0400\u0100\u0100","n":"abc"}`
	va := strings.Index(jrec, `\u0400`)
	vb := va + 18
	trec := "name Ivanov Ivan Ivanovich end"
	ta, tb := 5, 26
	for _, tc := range []struct {
		name    string
		rec     string
		b       int // the boundary
		pReps   []rep
		pEnd    int
		pClaims []tazala.Span
		cSkip   int
		cReps   []rep
		cClaims []tazala.Span
		json    bool
		want    string
	}{
		{name: "agree", rec: jrec, b: va + 8, pReps: []rep{{va, vb, "[NAME:x]"}}, pEnd: vb,
			cSkip: vb, cClaims: []tazala.Span{{Start: va, End: vb}}, json: true,
			want: jrec[:va] + "[NAME:x]" + jrec[vb:]},
		{name: "only the later window sees it", rec: jrec, b: va + 8, pEnd: va + 8,
			cSkip: vb, cClaims: []tazala.Span{{Start: va, End: vb}}, json: true,
			want: jrec[:va] + "***" + jrec[vb:]},
		{name: "only the earlier window sees it", rec: jrec, b: va + 8, pReps: []rep{{va, vb, "[NAME:x]"}}, pEnd: vb,
			cSkip: va + 8, json: true,
			want: jrec[:va] + "[NAME:x]" + jrec[vb:]},
		{name: "the later window sees a shorter one", rec: jrec, b: va + 8, pReps: []rep{{va, vb, "[NAME:x]"}}, pEnd: vb,
			cSkip: va + 8, cReps: []rep{{va + 12, vb, "[NAME:y]"}}, json: true,
			want: jrec[:va] + "[NAME:x]" + jrec[vb:]},
		{name: "the later window sees a longer one", rec: jrec, b: va + 8, pReps: []rep{{va, va + 12, "[NAME:x]"}}, pEnd: va + 12,
			cSkip: vb, cClaims: []tazala.Span{{Start: va, End: vb}}, json: true,
			want: jrec[:va] + "[NAME:x]*" + jrec[vb:]},
		{name: "the earlier window saw one the later does not", rec: jrec, b: va + 6, pEnd: va + 6,
			pClaims: []tazala.Span{{Start: va + 6, End: vb}}, cSkip: va + 6, json: true,
			want: jrec[:va+6] + "**" + jrec[vb:]},
		{name: "the earlier window saw one past the boundary", rec: jrec, b: va - 3, pEnd: va - 3,
			pClaims: []tazala.Span{{Start: va, End: vb}}, cSkip: va - 3, json: true,
			want: jrec[:va] + "***" + jrec[vb:]},
		{name: "text", rec: trec, b: 9, pEnd: 9, cSkip: tb, cClaims: []tazala.Span{{Start: ta, End: tb}},
			want: trec[:ta] + "****** **** *********" + trec[tb:]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := window(tc.rec, 0, tc.b, 0, tc.pEnd, tc.pReps, tc.pClaims, tc.json)
			p.startRec = 0
			c := window(tc.rec, tc.b, len(tc.rec), tc.cSkip, len(tc.rec), tc.cReps, tc.cClaims, tc.json)
			if err := joinWindows(p, c); err != nil {
				t.Fatal(err)
			}
			got := string(p.out[p.headCut:]) + string(c.out[c.headCut:])
			if got != tc.want {
				t.Errorf("joined\n%s\nwant\n%s", got, tc.want)
			}
			if tc.json && !json.Valid([]byte(got)) {
				t.Error("not valid JSON")
			}
		})
	}
}
