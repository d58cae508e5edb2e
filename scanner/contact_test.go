package scanner_test

import (
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/scanner"
)

// TestContactPurposePhone: a bare national number after a phrase saying
// what it is for ("для связи", "for contact", "байланыс үшін") is a phone
// even when nothing else in the record is found; an operational number
// after other words stays weak and is dropped.
func TestContactPurposePhone(t *testing.T) {
	s := scanner.New(scanner.Config{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	for _, c := range []struct {
		line  string
		phone bool
	}{
		{"запишите телефон для связи 87015401802, перезвоним", true},
		{"номер для связи: 77015401802", true},
		{"телефон для обратной связи 87015401802", true},
		{"reachable for contact 87015401802", true},
		{"байланыс үшін 87015401802", true},
		{"offset для партиции 87015401802", false},
		{"consumer lag 87015401802", false},
	} {
		fs := s.Scan([]byte(c.line), nil)
		got := len(fs) == 1 && fs[0].Kind == tazala.KindPhone
		if got != c.phone {
			t.Errorf("%q: phone found %v, want %v (%v)", c.line, got, c.phone, fs)
		}
	}
}

// TestGivenNameBeforePlaceNoun: a given name before a place noun names a
// street, not a person, even in a record with other personal data.
func TestGivenNameBeforePlaceNoun(t *testing.T) {
	s := scanner.New(scanner.Config{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	line := []byte("тел.: 8 (707) 340-76-35 | Мекенжай: Abai Avenue 140, Шымкент")
	for _, f := range s.Scan(line, nil) {
		if f.Kind == tazala.KindName {
			t.Errorf("street taken for a name at %d", f.Span.Start)
		}
	}
}

// TestSubscriberAccount: a mobile number under an "account" label is the
// subscriber topped up (a phone); other numbers under it stay account data.
func TestSubscriberAccount(t *testing.T) {
	s := scanner.New(scanner.Config{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	for _, c := range []struct {
		line  string
		phone bool
	}{
		{`{"account":"87011234567","amount":500}`, true},
		{`{"account":"8 (701) 123-45-67"}`, true},
		{`account=79161234567 status=ok`, true},
		{`{"account":"87272500000"}`, false}, // an Almaty landline-range number: not a subscriber's mobile
		{`{"account":"12345678901"}`, false},
	} {
		got := false
		for _, f := range s.Scan([]byte(c.line), nil) {
			got = got || f.Kind == tazala.KindPhone
		}
		if got != c.phone {
			t.Errorf("%q: phone %v, want %v", c.line, got, c.phone)
		}
	}
}
