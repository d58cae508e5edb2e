package scanner

import (
	"fmt"
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
