package redact_test

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/tazala/tazala/redact"
	"github.com/tazala/tazala/scanner"
)

// FuzzRedact: for any input, scan + redact never panics, keeps valid JSON
// valid, keeps valid UTF-8 valid, leaves no finding's value (of four bytes
// or more that does not also occur outside every finding), and the output
// rescans clean.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		`{"iin":"900101300017","phone":"+7 701 540 18 02"}`,
		`{"iin":900101300017}`,
		`card=4111 1111 1111 1111 exp=12/27 cvv=123`,
		`{"b":"\u0418\u0418\u041d 900101300017 \"q\" a@b.kz"}`,
		`to=<help@ioka.kz> message-id=<1.2@ioka.kz>`,
		`{"full_name":"Попова Ирина Николаевна"}`,
		`Regards, Nurlanov Aigerim Serikovna.nurlanova@mail.kz`,
		`ФИО: Иванов Иван Иванович.ivanov@mail.kz`,
	} {
		f.Add([]byte(s))
	}
	s := scanner.New(scanner.Config{Paths: true})
	for _, m := range []redact.Mode{redact.Token, redact.Mask} {
		_ = m
	}
	r := redact.New(redact.Config{})
	rm := redact.New(redact.Config{Default: redact.Mask})
	f.Fuzz(func(t *testing.T, in []byte) {
		fs := s.Scan(in, nil)
		for _, red := range [][]byte{r.Append(nil, in, fs, fakeTokens(fs)), rm.Append(nil, in, fs, nil)} {
			if json.Valid(in) && !json.Valid(red) {
				t.Fatalf("valid JSON became invalid")
			}
			if utf8.Valid(in) && !utf8.Valid(red) {
				t.Fatalf("valid UTF-8 became invalid")
			}
			if again := s.Scan(red, nil); len(again) > 0 {
				t.Fatalf("rescan found %v at %d", again[0].Kind, again[0].Span.Start)
			}
			// every finding's value is gone (overlapping findings included)
			if err := covered(in, fs, red); err != nil {
				t.Fatal(err)
			}
		}
	})
}
