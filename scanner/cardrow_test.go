package scanner

import (
	"strings"
	"testing"
	"time"
)

// TestCardRowRules covers the rules added after the card-data corpus by
// another author (internal/blindf, Tune half): PAN notations (no-break
// space and dot separators, BIN-first 6-13 grouping), a bare number handed
// to a tokenizer, and the column after an expiry that holds something
// other than a card code. Values are synthetic (Luhn-valid numbers in
// network ranges, built for these tests).
func TestCardRowRules(t *testing.T) {
	const nb = "\u00a0"
	cases := []struct{ name, in string }{
		// no-break space between the groups, every grouping
		{"nbsp 4-4-4-4", `card number: ⟦card_pan:4000` + nb + `1234` + nb + `5678` + nb + `9009⟧ exp ⟦card_expiry:12/28⟧`},
		{"nbsp amex 4-6-5", `карта ⟦card_pan:3712` + nb + `345678` + nb + `00004⟧`},
		{"nbsp diners 4-6-4", `card ⟦card_pan:3056` + nb + `123456` + nb + `0006⟧`},
		{"nbsp 6-13", `pan=⟦card_pan:621234` + nb + `5678901234007⟧`},
		{"nbsp then a word", `card ⟦card_pan:4000 1234 5678 9009⟧` + nb + `ok`},
		{"nbsp amount", `amount 1` + nb + `500 KZT`},
		// dot between the groups
		{"dot 4-4-4-4", `card number: ⟦card_pan:4000.1234.5678.9009⟧ exp date: ⟦card_expiry:02/32⟧ cvc: ⟦card_cvv:202⟧`},
		{"dot amex 4-6-5", `<Card number="⟦card_pan:3712.345678.00004⟧" expiry="⟦card_expiry:10/31⟧"/>`},
		{"dot diners 4-6-4", `cc is ⟦card_pan:3056.123456.0006⟧, valid thru ⟦card_expiry:10/29⟧`},
		{"dot 19 4-4-4-4-3", `invalid card number ⟦card_pan:6212.3456.7890.1234.007⟧ at x`},
		{"dot luhn-invalid", `card number: 4000.1234.5678.9000`},
		{"dot version", `version 4000.1234.5678.9009.1.2 built`},
		{"ip address", `client 10.20.30.40 port 4000`},
		// the issuer's BIN, then the rest
		{"6-13 blank", `номер карты ⟦card_pan:621234 5678901234007⟧ срок ⟦card_expiry:06/28⟧`},
		{"6-13 dash", `card number: ⟦card_pan:621234-5678901234007⟧ exp: ⟦card_expiry:06/28⟧ cvc: ⟦card_cvv:244⟧`},
		{"6-10 visa", `card ⟦card_pan:400012-3456789009⟧`},
		{"6-13 in a row", `r1,2026-03-06T10:31:43Z,⟦card_pan:621234 5678901234007⟧,⟦card_expiry:08/33⟧,1200.50`},
		{"6-13 luhn-invalid", `card 621234 5678901234000`},
		// a bare run handed to a tokenizer
		{"tokenize arrow", `INFO [billing] tokenize ⟦card_pan:4000123456789009⟧ -> tok_ab12cd34`},
		{"tokenized verb", `detokenized ⟦card_pan:5200123456700001⟧ for refund`},
		{"arrow to token", `vault: ⟦card_pan:6011000012345009⟧ => token 9f8e7d`},
		{"arrow unicode", `map ⟦card_pan:371234567800004⟧ → tok_77aa`},
		{"токенизация", `токенизация ⟦card_pan:4000123456789009⟧ завершена`},
		{"bare id", `order 4000123456789009 processed`},
		{"arrow to a user", `id 4000123456789009 -> user_42`},
		{"tokenize an id", `tokenize 1234567890123456 -> tok_ab12`},
		// other numbers of a card after its expiry: not its code
		{"card program", `card bind pan=⟦card_pan:4000.1234.5678.9009⟧ exp=⟦card_expiry:10/29⟧ card_program=667`},
		{"card program json", `{"pan":"⟦card_pan:4000 1234 5678 9009⟧","exp":"⟦card_expiry:10/2026⟧","card_program":"6477","amount":2552}`},
		{"card sequence number", `pan=⟦card_pan:4000123456789009⟧ exp_date=⟦card_expiry:06/26⟧ card_seq_no=001`},
		{"csn", `card ⟦card_pan:4000123456789009⟧ exp ⟦card_expiry:06/26⟧ csn 002`},
		{"3ds code", `{"ccnum":⟦card_pan:5200123456700001⟧,"three_ds_code":241,"ok":true}`},
		{"3ds after expiry", `pan=⟦card_pan:4000123456789009⟧ exp=⟦card_expiry:12/33⟧ 3ds_code=1141`},
		{"номер программы", `карта ⟦card_pan:4000 1234 5678 9009⟧ срок ⟦card_expiry:12/27⟧ программа 317`},
		{"code after expiry", `pan=⟦card_pan:4000123456789009⟧ exp=⟦card_expiry:12/33⟧ cvc=⟦card_cvv:114⟧`},
		// the column after the expiry in a row
		{"sql mcc bare", `INSERT INTO t (id, pan, exp, mcc) VALUES (12, '⟦card_pan:4000123456789009⟧', '⟦card_expiry:10/27⟧', 5411);`},
		{"sql no column list, bare", `INSERT INTO t VALUES (12, '⟦card_pan:4000123456789009⟧', '⟦card_expiry:10/27⟧', 7311);`},
		{"sql cvv quoted", `INSERT INTO t VALUES ('⟦card_pan:4000123456789009⟧', '⟦card_expiry:10/27⟧', '⟦card_cvv:041⟧');`},
		{"sql column list names cvv", `INSERT INTO t (pan, exp, cvv2) VALUES ('⟦card_pan:4000123456789009⟧', '⟦card_expiry:10/27⟧', ⟦card_cvv:541⟧);`},
		{"sql column list names mcc", `INSERT INTO t (pan, exp, mcc) VALUES ('⟦card_pan:4000123456789009⟧', '⟦card_expiry:10/27⟧', '4829');`},
		{"csv currency then amount", `r1,2026-01-02T03:04:05Z,⟦card_pan:5200 1234 5670 0001⟧,⟦card_expiry:08/26⟧,398,4075.50`},
		{"csv mcc then amount", `r1;⟦card_pan:5200123456700001⟧;⟦card_expiry:08/26⟧;5812;120.00`},
		{"csv code then amount", `r1,⟦card_pan:5200123456700001⟧,⟦card_expiry:08/26⟧,⟦card_cvv:557⟧,4075.50`},
		{"csv currency, last field", `⟦card_pan:5200123456700001⟧,⟦card_expiry:08/26⟧,⟦card_cvv:643⟧`},
		{"csv code, currency in letters", `r7;⟦card_pan:5200123456700001⟧;⟦card_expiry:08/26⟧;⟦card_cvv:398⟧;4075.50;KZT;00`},
		{"csv header names cvv", `import header=pan,exp,cvv,amount row=⟦card_pan:5200123456700001⟧,⟦card_expiry:04/31⟧,⟦card_cvv:840⟧,75325.00`},
		{"csv header names currency", `cols=pan;exp;currency;amount; card ⟦card_pan:5200123456700001⟧;⟦card_expiry:04/31⟧;557;75.00`},
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
