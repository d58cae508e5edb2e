package scanfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

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
		p := &piece{window: true, line: 1, data: []byte(rec[base:min(len(rec), own1+ctxLen)]), pre: pre, own: own1 - own0,
			winOff: int64(own0), last: own1 == len(rec), json: js, skip: skip - base, end: end - base, startRec: int64(skip)}
		var q jsonQuote
		q.advance([]byte(rec[:own0]))
		if js {
			p.setQuote(q)
		}
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
			p.claims = append(p.claims, tazala.Finding{Kind: tazala.KindName, Span: tazala.Span{Start: c.Start - base, End: c.End - base}, Detector: "person_name", Confidence: 0.9})
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
		rows    []string // findings rows the join adds: "p|c start end" (the window whose rows hold it)
	}{
		{name: "agree", rec: jrec, b: va + 8, pReps: []rep{{va, vb, "[NAME:x]"}}, pEnd: vb,
			cSkip: vb, cClaims: []tazala.Span{{Start: va, End: vb}}, json: true,
			want: jrec[:va] + "[NAME:x]" + jrec[vb:]},
		{name: "only the later window sees it", rec: jrec, b: va + 8, pEnd: va + 8,
			cSkip: vb, cClaims: []tazala.Span{{Start: va, End: vb}}, json: true,
			want: jrec[:va] + "***" + jrec[vb:], rows: []string{fmt.Sprintf("p %d %d", va, vb)}},
		{name: "only the earlier window sees it", rec: jrec, b: va + 8, pReps: []rep{{va, vb, "[NAME:x]"}}, pEnd: vb,
			cSkip: va + 8, json: true,
			want: jrec[:va] + "[NAME:x]" + jrec[vb:]},
		{name: "the later window sees a shorter one", rec: jrec, b: va + 8, pReps: []rep{{va, vb, "[NAME:x]"}}, pEnd: vb,
			cSkip: va + 8, cReps: []rep{{va + 12, vb, "[NAME:y]"}}, json: true,
			want: jrec[:va] + "[NAME:x]" + jrec[vb:]},
		{name: "the later window sees a longer one", rec: jrec, b: va + 8, pReps: []rep{{va, va + 12, "[NAME:x]"}}, pEnd: va + 12,
			cSkip: vb, cClaims: []tazala.Span{{Start: va, End: vb}}, json: true,
			want: jrec[:va] + "[NAME:x]*" + jrec[vb:], rows: []string{fmt.Sprintf("p %d %d", va, vb)}},
		{name: "the earlier window saw one the later does not", rec: jrec, b: va + 6, pEnd: va + 6,
			pClaims: []tazala.Span{{Start: va + 6, End: vb}}, cSkip: va + 6, json: true,
			want: jrec[:va+6] + "**" + jrec[vb:], rows: []string{fmt.Sprintf("c %d %d", va+6, vb)}},
		{name: "the earlier window saw one past the boundary", rec: jrec, b: va - 3, pEnd: va - 3,
			pClaims: []tazala.Span{{Start: va, End: vb}}, cSkip: va - 3, json: true,
			want: jrec[:va] + "***" + jrec[vb:], rows: []string{fmt.Sprintf("c %d %d", va, vb)}},
		{name: "the earlier window's finding runs into one the later owns", rec: trec, b: 9, pReps: []rep{{5, 11, "[NAME:p]"}}, pEnd: 11,
			cSkip: 9, cReps: []rep{{9, 16, "[NAME:c]"}},
			want: trec[:5] + "[NAME:p]" + " ****" + trec[16:]},
		{name: "text", rec: trec, b: 9, pEnd: 9, cSkip: tb, cClaims: []tazala.Span{{Start: ta, End: tb}},
			want: trec[:ta] + "****** **** *********" + trec[tb:], rows: []string{fmt.Sprintf("p %d %d", ta, tb)}},
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
			// the masked values' findings rows: the kind and span the
			// window that saw them found, no token
			var rows []string
			for _, w := range []struct {
				name string
				fout []byte
			}{{"p", p.fout}, {"c", c.fout}} {
				for _, line := range bytes.Split(bytes.TrimSpace(w.fout), []byte("\n")) {
					if len(line) == 0 {
						continue
					}
					var r struct {
						Line  int64   `json:"line"`
						Type  string  `json:"type"`
						Start int     `json:"start"`
						End   int     `json:"end"`
						Token *string `json:"token"`
					}
					if err := json.Unmarshal(line, &r); err != nil {
						t.Fatalf("row %s: %v", line, err)
					}
					if r.Type != "person_name" || r.Token != nil || r.Line != 1 {
						t.Errorf("row %s: want a person_name row of line 1 without a token", line)
					}
					rows = append(rows, fmt.Sprintf("%s %d %d", w.name, r.Start, r.End))
				}
			}
			if fmt.Sprint(rows) != fmt.Sprint(tc.rows) {
				t.Errorf("rows %q, want %q", rows, tc.rows)
			}
		})
	}
}

// FuzzJoinWindows: a JSON record cut into windows whose findings disagree
// at random near the boundaries (one window drops a finding, or sees it
// with another end) is written as valid JSON, and no window's join fails.
// Findings lie inside string contents, on character and escape
// boundaries, as the scanner's do.
func FuzzJoinWindows(f *testing.F) {
	f.Add([]byte(`{"nAme":"\u0400\u0100\u0100\u041e\u0412"}`), uint64(1), uint16(300))
	f.Add([]byte(`{"name":"Иванов Иван","n":900101300017,"e":"a\u0040b.kz"}`), uint64(7), uint16(120))
	f.Add([]byte(`{"k":"x\"y\\z","by_phone":{"+77012345678":{"iin":"730113400012"}}}`), uint64(3), uint16(200))
	f.Add([]byte(`{"nAme":"\u0400\u0100\u0100\u041e\u0412"}`), uint64(2), uint16(300))
	f.Add([]byte(`{"k":"x\"y\\z","e":"a\u0040b.kz"}`), uint64(4), uint16(70))
	f.Add([]byte(`Regards, Nurlanov Aigerim Serikovna.nurlanova@mail.kz; `), uint64(3), uint16(90))
	f.Add([]byte(`ИИН 900101300017 тел +7 701 540 18 02; `), uint64(2), uint16(64))
	f.Fuzz(func(t *testing.T, unit []byte, seed uint64, ownW uint16) {
		// text mode (seed bit 1): the unit repeated as plain text, one
		// "string" of characters; else the unit in a JSON array
		text := seed&2 != 0
		if len(unit) == 0 || len(unit) > 500 || (!text && !json.Valid(unit)) || bytes.ContainsAny(unit, "\n") {
			return
		}
		own := 64 + int(ownW)%512
		const ctxLen = 48
		var rec []byte
		if text {
			for len(rec) < 5*own {
				rec = append(rec, unit...)
			}
		} else {
			rec = append(rec, `{"a":[`...)
			for i := 0; len(rec) < 5*own; i++ {
				if i > 0 {
					rec = append(rec, ',')
				}
				rec = append(rec, unit...)
			}
			rec = append(rec, "]}"...)
			if !json.Valid(rec) {
				return
			}
		}
		// the true findings: runs of whole characters inside strings
		rng := rand.New(rand.NewPCG(seed, seed>>7))
		type unitChar struct{ a, b int } // a character or escape
		var chars [][]unitChar           // per string
		in := false
		if text {
			chars = append(chars, nil)
		}
		for i := 0; i < len(rec); {
			c := rec[i]
			switch {
			case text:
				_, n := utf8.DecodeRune(rec[i:])
				chars[0] = append(chars[0], unitChar{i, i + n})
				i += n
			case !in:
				if c == '"' {
					in = true
					chars = append(chars, nil)
				}
				i++
			case c == '"':
				in = false
				i++
			default:
				n := 1
				if c == '\\' {
					n = 2
					if rec[i+1] == 'u' {
						n = 6
					}
				} else if c >= 0x80 {
					_, n = utf8.DecodeRune(rec[i:])
				}
				chars[len(chars)-1] = append(chars[len(chars)-1], unitChar{i, i + n})
				i += n
			}
		}
		// leak mode (odd seeds): findings are runs of ASCII letters and
		// digits; those the window owning their start sees exactly are
		// written with 'Z', the others with 'Y', so a 'Z' in the output
		// is a byte of a finding the writer should have covered
		leak := seed%2 == 1
		if leak {
			rec = bytes.ReplaceAll(rec, []byte("Z"), []byte("z"))
		}
		alnum := func(c unitChar) bool { return c.b-c.a == 1 && isAlnum(rec[c.a]) }
		var truth []tazala.Span
		for _, cs := range chars {
			if len(cs) == 0 || rng.IntN(2) == 0 {
				continue
			}
			x := rng.IntN(len(cs))
			y := x + 1 + rng.IntN(len(cs)-x)
			if leak {
				if !alnum(cs[x]) {
					continue
				}
				y = x + 1
				for y < len(cs) && alnum(cs[y]) && rng.IntN(8) > 0 {
					y++
				}
			}
			truth = append(truth, tazala.Span{Start: cs[x].a, End: cs[y-1].b})
		}
		// each window's view of each finding: 0 missed, 1 another end
		// (the end of character pick of its string), else exact
		nw := (len(rec) + own - 1) / own
		view := make([][]int, nw)
		pick := make([][]int, nw)
		for w := range view {
			for range truth {
				view[w] = append(view[w], rng.IntN(6))
				pick[w] = append(pick[w], rng.IntN(1<<20))
			}
		}
		if leak {
			for i, sp := range truth {
				// covered when the window owning it sees it whole, or the
				// next one sees it crossing their boundary (not from where
				// its data starts), or the one before sees it whole past
				// its own bytes
				w := sp.Start / own
				c := byte('Y')
				switch {
				case view[w][i] > 1 && sp.End <= min(len(rec), (w+1)*own+ctxLen):
					c = 'Z'
				case w+1 < nw && view[w+1][i] > 1 && sp.End > (w+1)*own && sp.Start > (w+1)*own-ctxLen:
					c = 'Z'
				case w > 0 && view[w-1][i] > 1 && sp.End < w*own+ctxLen:
					c = 'Z'
				}
				for k := sp.Start; k < sp.End; k++ {
					rec[k] = c
				}
			}
		}
		// the windows, each seeing the findings in its data, some of them
		// differently
		red := redact.New(redact.Config{Default: redact.Mask})
		var out []byte
		var pend *piece
		for b := 0; b < len(rec); b += own {
			ownEnd := min(len(rec), b+own)
			pre := min(ctxLen, b)
			p := &piece{window: true, line: 1, pre: pre, own: ownEnd - b, winOff: int64(b), last: ownEnd == len(rec), json: !text}
			p.data = rec[b-pre : min(len(rec), ownEnd+ctxLen)]
			if !text {
				var q jsonQuote
				q.advance(rec[:b])
				p.setQuote(q)
			}
			base := b - pre
			var fs []tazala.Finding
			w := b / own
			for i, s := range truth {
				a, e := max(s.Start, base), min(s.End, base+len(p.data))
				if a >= e {
					continue
				}
				switch view[w][i] {
				case 0:
					continue // this window misses it
				case 1:
					// another end: the end of a character of its string
					for _, cs := range chars {
						if len(cs) > 0 && cs[0].a <= s.Start && s.End <= cs[len(cs)-1].b {
							k := pick[w][i] % len(cs)
							if cs[k].b > a && cs[k].b <= base+len(p.data) {
								e = cs[k].b
							}
						}
					}
				}
				fs = append(fs, tazala.Finding{Kind: tazala.KindName, Span: tazala.Span{Start: a - base, End: e - base}})
			}
			k := placeWindow(p, fs)
			var js *redact.JSONAt
			if !text {
				js = &redact.JSONAt{At: p.pre, InString: p.inStr}
			}
			p.out, p.segs = red.AppendRangeSegs(nil, p.data, fs[:k], nil, p.skip, p.end, js, nil)
			if pend != nil {
				if err := joinWindows(pend, p); err != nil {
					t.Fatalf("own %d, boundary %d: %v", own, b, err)
				}
				// the rows the join adds for masked values lie in the record
				for _, line := range bytes.Split(append(bytes.Clone(pend.fout), p.fout...), []byte("\n")) {
					if len(line) == 0 {
						continue
					}
					var r struct{ Start, End int }
					if err := json.Unmarshal(line, &r); err != nil || r.Start < 0 || r.End <= r.Start || r.End > len(rec) {
						t.Fatalf("own %d, boundary %d: row %s (%v)", own, b, line, err)
					}
				}
				out = append(out, pend.out[pend.headCut:]...)
			}
			pend = p
		}
		out = append(out, pend.out[pend.headCut:]...)
		if !text && !json.Valid(out) {
			t.Fatalf("own %d: not valid JSON:\n%s\nfrom\n%s", own, out, rec)
		}
		if leak && bytes.IndexByte(out, 'Z') >= 0 {
			t.Fatalf("own %d: a finding seen by its window survives:\n%s\nfrom\n%s", own, out, rec)
		}
	})
}
