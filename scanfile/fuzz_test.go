package scanfile

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/scanner"
)

// FuzzWindows: a record longer than MaxLine, scanned in windows, leaves no
// value that the whole-record scan finds (values of six bytes or more that
// occur nowhere outside a finding), keeps one line per line, and a JSON
// record stays valid JSON. An even mode repeats the input as text (mode%4
// == 0) or as a JSON key (mode%4 == 2); an odd one puts it (when it is a
// JSON value) many times into a JSON array.
// Windows that disagree about a finding at their boundary are joined with
// a mask (joinWindows): testdata/fuzz/FuzzWindows/27bf37d2e31dc85a cut an
// escaped value under a name key in the middle of an escape before.
func FuzzWindows(f *testing.F) {
	for _, s := range []string{
		`Regards, Nurlanov Aigerim Serikovna.nurlanova@mail.kz; `,
		`ИИН 900101300017 тел +7 701 540 18 02 a.b@mail.kz card 4111 1111 1111 1111 exp 12/27 cvv 123; `,
		`{"iin":900101300017,"s":"ИИН 900101300017, \"q\\\\\" [1]","p":"+7 701 540 18 02"}`,
		`{"name":"\u0418\u0432\u0430\u043d\u043e\u0432 \u0418\u0432\u0430\u043d \u0418\u0432\u0430\u043d\u043e\u0432\u0438\u0447","e":"a\u0040mail.kz"}`,
		`{"by_phone":{"+77012345678":{"iin":"730113400012"}}}`,
	} {
		f.Add([]byte(s), uint8(0), uint16(300))
		f.Add([]byte(s), uint8(1), uint16(300))
		f.Add([]byte(s), uint8(2), uint16(300))
	}
	f.Fuzz(func(t *testing.T, unit []byte, mode uint8, ml uint16) {
		if len(unit) == 0 || len(unit) > 2000 {
			return
		}
		unit = bytes.ReplaceAll(unit, []byte("\n"), []byte(" "))
		maxLine := 2048 + int(ml)%4096
		var rec []byte
		if mode%2 == 1 {
			if !json.Valid(unit) {
				return
			}
			rec = append(rec, `{"a":[`...)
			for i := 0; len(rec) < 4*maxLine; i++ {
				if i > 0 {
					rec = append(rec, ',')
				}
				rec = append(rec, unit...)
			}
			rec = append(rec, "]}"...)
		} else if mode%4 == 2 {
			// the unit as a JSON key, many times in one object
			key, _ := json.Marshal(string(unit))
			rec = append(rec, '{')
			for len(rec) < 4*maxLine {
				rec = append(rec, key...)
				rec = append(rec, ":1,"...)
			}
			rec = append(rec, `"z":0}`...)
		} else {
			for len(rec) < 4*maxLine {
				rec = append(rec, unit...)
			}
		}
		in := string(rec) + "\nshort line\n"
		whole, _, _ := run(t, in, Config{Workers: 1})
		got, _, st := run(t, in, Config{MaxLine: maxLine, Workers: 2})
		if st.LongLines != 1 || st.Lines != 2 {
			t.Fatalf("stats %+v", st)
		}
		if bytes.Count([]byte(got), []byte("\n")) != 2 {
			t.Fatal("line count changed")
		}
		fs := scanner.New(scanner.Config{}).Scan(rec, nil)
		outside := bytes.Clone(rec)
		for _, x := range fs {
			clear(outside[x.Span.Start:x.Span.End])
		}
		for _, x := range fs {
			v := rec[x.Span.Start:x.Span.End]
			if len(v) < 6 || bytes.Contains(outside, v) || x.Kind == tazala.KindCVV {
				continue
			}
			if bytes.Contains([]byte(got), v) && !bytes.Contains([]byte(whole), v) {
				t.Fatalf("max-line %d: a %v value (at %d) survives the windowed scan", maxLine, x.Kind, x.Span.Start)
			}
		}
		if json.Valid(rec) && !json.Valid(bytes.TrimSuffix([]byte(got[:len(got)-len("short line\n")]), []byte("\n"))) {
			t.Fatalf("max-line %d: the windowed JSON record is not valid JSON", maxLine)
		}
	})
}
