package scanner

import (
	"strings"
	"testing"
	"time"
)

// TestIJFixRules covers the rules added after the blindj and blindi
// corpora were scored (docs/scanner.md): a name written with '+' or "%20"
// for its blanks in a form-encoded value, an id label that reaches over a
// few plain words to its number, and team names after a role word. Values
// are synthetic.
func TestIJFixRules(t *testing.T) {
	cases := []struct{ name, in string }{
		// a form body writes a blank as '+' or "%20"
		{"form plus name", `POST /pay body: cvc=⟦card_cvv:224⟧&cardholder=⟦person_name:ASEL+NURLANOVA⟧&amount=1200`},
		{"form plus name last", `POST /pay body: amount=1200&cardholder=⟦person_name:DAMIR+SEITKALIYEV⟧`},
		{"form %20 name", `POST /pay body: amount=1200&cardholder=⟦person_name:Damir%20Seitkaliyev⟧&x=1`},
		{"form plus three words", `q?full_name=⟦person_name:Ivanova+Anna+Sergeevna⟧&lang=ru`},
		{"plus without a capital after", `POST /pay body: amount=1200&cardholder=ASEL+1&x=2`},
		{"plus not after '='", `status: DAMIR+ASEL&x=1`},
		{"form plus company", `POST /pay body: merchant=Green+Market&amount=1200`},
		// an id label reaches over plain linking words to its number
		{"invoice_no range starts", `billing: invoices=606741, invoice_no range starts 311015429737, total_due=100 KZT`},
		{"order_id from", `export: order_id from 311015429737 to 311015429738 done`},
		{"счет начиная с", `выгрузка: номер счета начиная с 311015429737 завершена`},
		{"batch_no starts at", `batch_no starts at 311015429737`},
		{"iin label still", `client iin ⟦iin:311015429737⟧ ok`},
		{"link words without an id label", `client range starts ⟦iin:311015429737⟧ ok`},
		{"id label across punctuation", `invoice_no: 5, client from ⟦iin:311015429737⟧`},
		// team names of common English nouns after a role word
		{"owner team", `release Green Card iOS 6.2.1 rollout 50% owner: Open Banking`},
		{"owner ops", `job nightly-recon owner: Treasury Ops status=ok`},
		{"owner sre", `owner: Site Reliability`},
		{"owner data platform", `owner: Data Platform`},
		{"owner security engineering", `owner: Security Engineering`},
		{"owner person", `owner: ⟦person_name:Aigul Serikova⟧`},
		{"owner person cyrillic", `owner: ⟦person_name:Айгуль Серикова⟧`},
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
