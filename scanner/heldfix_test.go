package scanner

import (
	"strings"
	"testing"
	"time"
)

// TestHeldFixRules covers the rules added once the Held halves of the
// blind corpora were released for tuning (docs/scanner.md, "Held halves
// released for tuning"). Values are synthetic (Luhn-valid numbers in
// network ranges, built for these tests).
func TestHeldFixRules(t *testing.T) {
	cases := []struct{ name, in string }{
		// a quoted field that goes on after the digits is a longer value
		{"quoted amount with thousands", `"r1","⟦card_pan:4000123456789009⟧","⟦card_expiry:02.30⟧","503,979.90","KZT"`},
		{"quoted amount with unit", `'⟦card_pan:4000123456789009⟧';'⟦card_expiry:02/30⟧';'120 KZT'`},
		{"quoted code closes its field", `"r1","⟦card_pan:4000123456789009⟧","⟦card_expiry:02.30⟧","⟦card_cvv:503⟧","979.90"`},
		// a common MCC followed by any other column
		{"tsv mcc then status", "r1\t⟦card_pan:4000123456789009⟧\t⟦card_expiry:08/27⟧\t5812\tAPPROVED"},
		{"csv mcc then word", "r1;⟦card_pan:5200123456700001⟧;⟦card_expiry:08/27⟧;7011;declined"},
		{"tsv code then status", "r1\t⟦card_pan:371234567800004⟧\t⟦card_expiry:08/27⟧\t⟦card_cvv:1234⟧\tAPPROVED"},
		{"mcc last column", "⟦card_pan:371234567800004⟧\t⟦card_expiry:08/27⟧\t⟦card_cvv:5812⟧"},
		// a 3-D Secure one-time code is not the card's code
		{"3-D Secure", `card ⟦card_pan:4000123456789009⟧ (expiry ⟦card_expiry:01/28⟧) одноразовый код 3-D Secure по карте 1350`},
		{"3D Secure en", `one-time 3D Secure code for card 482484`},
		{"secure code still", `card ⟦card_pan:4000123456789009⟧ secure code ⟦card_cvv:135⟧`},
	}
	s := New(Config{Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			line, want := parseMarked(t, c.in)
			var gs []string
			for _, f := range s.Scan([]byte(line), nil) {
				gs = append(gs, spanStr(f.Kind, f.Span.Start, f.Span.End))
			}
			if strings.Join(gs, " ") != strings.Join(want, " ") {
				t.Errorf("findings %v, want %v", gs, want)
			}
		})
	}
}
