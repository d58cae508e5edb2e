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
		// a PHP or Ruby key's arrow, a multipart field's name
		{"php print_r card_code", `Array ( [number] => ⟦card_pan:4000 1234 5678 9009⟧ [expiry] => ⟦card_expiry:04/2028⟧ [card_code] => ⟦card_cvv:255⟧ [http_status] => 402 )`},
		{"php print_r verification_value", `Array ( [pan] => ⟦card_pan:4000 1234 5678 9009⟧ [exp] => ⟦card_expiry:04/2028⟧ [verification_value] => ⟦card_cvv:255⟧ )`},
		{"php print_r other code", `Array ( [pan] => ⟦card_pan:4000 1234 5678 9009⟧ [exp] => ⟦card_expiry:04/2028⟧ [response_code] => 255 )`},
		{"ruby hash card_code", `params: {"cc"=>"⟦card_pan:5200123456700001⟧", "exp"=>"⟦card_expiry:05-32⟧", "card_code"=>"⟦card_cvv:554⟧", "save"=>"1"}`},
		{"ruby hash verification_value", `params: {"cc"=>"⟦card_pan:5200123456700001⟧", "exp"=>"⟦card_expiry:05/32⟧", "verification_value"=>"⟦card_cvv:054⟧"}`},
		{"ruby hash no card", `params: {"verification_value"=>"554", "save"=>"1"}`},
		{"multipart card_code", `body: --XyZ\r\nContent-Disposition: form-data; name="pan"\r\n\r\n⟦card_pan:4000123456789009⟧\r\n--XyZ\r\nContent-Disposition: form-data; name="card_code"\r\n\r\n⟦card_cvv:5344⟧\r\n--XyZ--`},
		{"multipart other field", `body: --XyZ\r\nContent-Disposition: form-data; name="pan"\r\n\r\n⟦card_pan:4000123456789009⟧\r\n--XyZ\r\nContent-Disposition: form-data; name="qty"\r\n\r\n534\r\n--XyZ--`},
		// a word of state before a key; a wallet's token number
		{"new_account_number", `event=card.reissued card_id=1b7bece7b5 new_account_number=⟦card_pan:5200 1234 5670 0001⟧ new_validity=⟦card_expiry:2/31⟧`},
		{"newCardNumber", `{"newCardNumber":"⟦card_pan:4000123456789009⟧"}`},
		{"new_validity YYYY-MM", `reissued new_pan=⟦card_pan:4000123456789009⟧ new_validity=⟦card_expiry:2032-08⟧ pin_set=false`},
		{"old_order_id", `old_order_id=4000123456789009`},
		{"tokenNumber", `{"event":"token.provisioned","wallet":"x_pay","tokenNumber":"⟦card_pan:4000123456789009⟧","fpan_last4":"3224"}`},
		{"token_number luhn-invalid", `{"token_number":"4000123456789000"}`},
		// an access token's expiry
		{"oauth valid_until", `{"oauth":"refresh","token_type":"bearer","expires_in":1215,"exp":1726246637,"valid_until":"09/27"}`},
		{"access_token expiry", `token issued access_token=eyJhbGciOi expiry=09/27`},
		{"card expiry beside a token", `{"token_type":"bearer","card":{"pan":"⟦card_pan:4000123456789009⟧","exp":"⟦card_expiry:09/27⟧"}}`},
		{"card_exp key beside a token", `{"access_token":"x","card_exp":"⟦card_expiry:09/27⟧"}`},
		// a field holding letters and digits is not a name part
		{"document number beside a split name", `{"person":{"surname":"⟦person_name:Иванов⟧","givenName":"⟦person_name:Сергей⟧"},"identity":{"documentNumber":"N22315793","issuedBy":"МВД"}}`},
		{"id column", `lname=⟦person_name:Ivanova⟧ fname=⟦person_name:Anna⟧ doc=AB123456 ok`},
		// a given name beside a word nothing knows, in a record with other personal data
		{"given then unknown surname", `Здравствуйте! Я ⟦person_name:Данияр Оразалы⟧, мой телефон ⟦phone:+7 701 234 56 78⟧`},
		{"unknown surname then given", `KYC|2026-01-25|⟦person_name:Жақып Азамат⟧|⟦phone:8 (701) 045-62-88⟧|failed`},
		{"latin foreign surname", `передан менеджеру ⟦person_name:Anna Kowalska⟧, email ⟦email:anna.k@example.kz⟧`},
		{"two given names", `Hello, this is ⟦person_name:Bekzat Daniyar⟧ speaking, call me on ⟦phone:+7 701 234 56 78⟧`},
		{"alone in the record", `передан менеджеру Anna Kowalska`},
		// Latin letters with diacritics read as typed without them
		{"kazakh latin macrons", `Good afternoon, ⟦person_name:Nūrsūltan Erlanūly⟧ here, phone ⟦phone:+7 702 123 45 67⟧`},
		{"kazakh latin patronymic", `KYC|2026-01-07|⟦person_name:Saparov Asqar Beibıtūly⟧|⟦phone:+7 702 123 45 67⟧|passed`},
		{"kazakh latin cedilla", `Reply-To: ⟦person_name:Şolpan Orazaly⟧ <⟦email:sholpan.o@example.kz⟧>`},
		{"accented product words", `Café Crème Brûlée`},
		{"kazakh given name as surname", `Мен ⟦person_name:Жұмағұл Әбілқайыр Маратович⟧, жаңа нөмірім ⟦phone:+7 702 123 45 67⟧`},
		{"csv two given names", `"c-17","⟦person_name:Жакып⟧","⟦person_name:Салтанат⟧","","⟦phone:8 (777) 192-13-28⟧","2001-04-08",1`},
		{"csv two given names alone", `"r1","Жакып","Салтанат","ok"`},
		{"polish given name", `Обращается ⟦person_name:Nowak Piotr⟧, тел. ⟦phone:+7 702 123 45 67⟧`},
		{"japanese given name", `Получатель перевода ⟦person_name:Akiko Yamada⟧, номер ⟦phone:8 776 283-42-51⟧`},
		{"a word never in a name before the pair", `Я ⟦person_name:Данияр Толеген⟧, пишу по поводу возврата, тел. ⟦phone:+7 702 123 45 67⟧`},
		{"given name with a common ending", `KYC|2026-01-25|⟦person_name:Төлеген Ақжол⟧|⟦phone:+7 702 123 45 67⟧|passed`},
		{"another script before the pair", `Report ⟦person_name:Данияр Оразалы⟧ sent to ⟦email:ops@example.kz⟧`},
		{"a common noun before the pair", `Отчёт ⟦person_name:Нурсултан Оразалы⟧ sent to ⟦email:ops@example.kz⟧`},
		{"different shape", `Anna KOWALSKA wrote ⟦email:anna.k@example.kz⟧`},
		// common nouns of ops lines: loyalty programmes, log levels, "логов"
		{"programme display name", `catalog: registered Component:default/qr-pay title="Steppe Pay" displayName=" Алтын Бонус " owner=group:ledger`},
		{"english programme", `title="Smart Cashback" displayName="Arman Loyalty" lifecycle=production`},
		{"log level beside a message", `{"level":"FATAL","logger":"io.netty.Pipeline","message":"Логов за период не найдено."}`},
		{"critical level", `{"severity":"CRITICAL","msg":"Бонусов не начислено"}`},
		// every id of a References list is a Message-ID
		{"references list", `References: <5dc923da02c1adac.9236338052@web.example.kz> <19523391622edc04.3573264320@EX01.corp.example.kz>`},
		{"to list stays mail", `To: <⟦email:anna.k@example.kz⟧> <⟦email:boris@example.kz⟧>`},
		// a value attribute read by its element's name
		{"xml field name", `<isomsg><field id="2" value="⟦card_pan:4000123456789009⟧"/><field id="48.7" name="card-holder" value="⟦person_name:Seitkali Assem⟧"/></isomsg>`},
		{"html input cvv", `<form><input name="cc" value="⟦card_pan:4000123456789009⟧"><input name="cvv" value="⟦card_cvv:123⟧"></form>`},
		{"xml field other", `<field id="48.7" name="merchant" value="Seitkali Assem"/>`},
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
