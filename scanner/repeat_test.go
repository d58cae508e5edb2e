package scanner

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestRepeatedUnitsSameAnswer: the same value under the same key gets the
// same answer wherever it stands in a record. A record repeats one unit
// many times (JSON array elements or plain text); every copy must get the
// same findings (kinds and spans relative to the copy). Before, only the
// first 64 name-part candidates of a record were judged, so a split name
// or a single word under a name key was found in the first ~60 copies and
// left in the rest.
func TestRepeatedUnitsSameAnswer(t *testing.T) {
	const copies = 700
	for _, tc := range []struct {
		name string
		unit string
		json bool
	}{
		{"escaped word under a name key", `{"nAme":"\u0400\u0100\u0100\u041e\u0412"}`, true},
		{"surname under a name key", `{"name":"Иванов"}`, true},
		{"split name", `{"last_name":"Иванов","first_name":"Иван"}`, true},
		{"full name and iin", `{"name":"Иванов Иван Иванович","iin":"900101300017"}`, true},
		{"card", `{"card":"4111 1111 1111 1111","exp":"12/27","cvv":"123"}`, true},
		{"contacts", `{"phone":"+7 701 540 18 02","email":"a.b@mail.kz"}`, true},
		{"text every kind", `ИИН 900101300017 тел +7 701 540 18 02 a.b@mail.kz card 4111 1111 1111 1111 exp 12/27 cvv 123; `, false},
		{"text name and mail", `Regards, Nurlanov Aigerim Serikovna.nurlanova@mail.kz; `, false},
		{"text labelled name", `ФИО: Иванов Иван Иванович; `, false},
		{"csv split name", `Иванов,Иван,Иванович;`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			var offs []int
			if tc.json {
				b.WriteString(`{"a":[`)
			}
			for i := 0; i < copies; i++ {
				if tc.json && i > 0 {
					b.WriteByte(',')
				}
				offs = append(offs, b.Len())
				b.WriteString(tc.unit)
			}
			if tc.json {
				b.WriteString(`]}`)
			}
			rec := []byte(b.String())
			fs := New(Config{}).Scan(rec, nil)
			per := make([][]string, copies)
			k := 0
			for _, f := range fs {
				for k+1 < copies && f.Span.Start >= offs[k+1] {
					k++
				}
				if f.Span.Start < offs[k] {
					continue // before the first copy
				}
				per[k] = append(per[k], fmt.Sprintf("%v %d-%d", f.Kind, f.Span.Start-offs[k], f.Span.End-offs[k]))
			}
			want := strings.Join(per[copies/2], ", ")
			if len(per[copies/2]) == 0 && tc.name != "escaped word under a name key" {
				t.Errorf("no findings in a copy")
			}
			bad := 0
			for i, p := range per {
				if got := strings.Join(p, ", "); got != want {
					if bad < 3 {
						t.Errorf("copy %d of %d: %s; copy %d: %s", i, copies, got, copies/2, want)
					}
					bad++
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d copies differ", bad, copies)
			}
		})
	}
}

// TestMixedUnitsSameAnswer: units of every kind in a random order in one
// JSON array; every copy of a unit gets the same findings whatever its
// neighbours. Before, a split name ("last_name","first_name") was left
// when the run of three name-part candidates starting at it failed (its
// neighbour was a word that is never a name), and a word mixing Cyrillic
// and accented Latin letters under a name key was a name next to another
// candidate and not elsewhere.
func TestMixedUnitsSameAnswer(t *testing.T) {
	units := []string{
		`{"nAme":"\u0400\u0100\u0100\u041e\u0412"}`,
		`{"nAme":"ЀĀĀОВ"}`,
		`{"last_name":"Иванов","first_name":"Иван"}`,
		`{"last_name":"\u0418\u0432\u0430\u043d\u043e\u0432","first_name":"\u0418\u0432\u0430\u043d"}`,
		`{"name":"Иванов Иван Иванович","iin":"900101300017"}`,
		`{"card":"4111 1111 1111 1111","exp":"12/27","cvv":"123"}`,
		`{"e":"a.b@mail.kz","p":"+7 701 540 18 02"}`,
		`{"msg":"Regards, Nurlanov Aigerim Serikovna.nurlanova@mail.kz"}`,
		`{"iin":900101300017}`,
		`{"offset":123456789012}`,
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString(`{"a":[`)
	type at struct{ unit, off int }
	var copies []at
	for i := 0; i < 3000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		u := rng.IntN(len(units))
		copies = append(copies, at{u, b.Len()})
		b.WriteString(units[u])
	}
	b.WriteString(`]}`)
	rec := []byte(b.String())
	fs := New(Config{}).Scan(rec, nil)
	per := make([][]string, len(copies))
	k := 0
	for _, f := range fs {
		for k+1 < len(copies) && f.Span.Start >= copies[k+1].off {
			k++
		}
		per[k] = append(per[k], fmt.Sprintf("%v %d-%d", f.Kind, f.Span.Start-copies[k].off, f.Span.End-copies[k].off))
	}
	want := make(map[int]string)
	for i, c := range copies {
		got := strings.Join(per[i], ", ")
		w, ok := want[c.unit]
		if !ok {
			want[c.unit] = got
			continue
		}
		if got != w {
			t.Fatalf("unit %d, copy at %d: %q; an earlier copy: %q", c.unit, c.off, got, w)
		}
	}
	if want[0] != "" || want[2] == "" {
		t.Errorf("mixed-script word: %q; split name: %q", want[0], want[2])
	}
}
