package scanner

import (
	"strings"
	"testing"
	"time"
)

// TestOpsPrecision is the table of operational-log readings (opsneg.go):
// the marked part of each input (between ⟦ and ⟧) must be found with that
// kind, and nothing else. Values are synthetic: 900101300017 is a valid
// IIN, 4111111111111111 and 378282246310005 valid PANs.
// TestCommonWord checks the common-word lexicon (commonwords.go) on its
// own: listed words, stems with endings, and names it must not take.
func TestCommonWord(t *testing.T) {
	for _, c := range []struct {
		w    string
		want bool
	}{
		{"сервис", true}, {"сервиса", true}, {"платёжный", true}, {"платежного", true}, {"шлюз", true},
		{"лимитов", true}, {"сбоев", true}, {"системы", true}, {"жүйесі", true}, {"төлемдер", true},
		{"gateway", true}, {"engines", true}, {"января", true},
		{"деградация", true}, {"замедление", true}, {"доступность", true}, {"цветы", true}, {"пакетов", true},
		{"ксения", false}, {"евгении", false},
		{"быстров", false}, {"быстрова", false}, {"четвергов", false}, {"кошелев", false},
		{"иванов", false}, {"серик", false}, {"айгуль", false}, {"john", false},
	} {
		if got := commonWord([]byte(c.w)); got != c.want {
			t.Errorf("commonWord(%q) = %v, want %v", c.w, got, c.want)
		}
	}
}

func TestOpsPrecision(t *testing.T) {
	cases := []struct {
		name string
		in   string // ⟦kind:value⟧ marks expected findings
	}{
		// ISO 8583 data elements
		{"iso F37 rrn", `MTI=0200 F3=000000 F11=123456 F37=900101300017 F39=00`},
		{"iso DE037 rrn", `DE037: 900101300017 DE038: A1B2C3`},
		{"iso field 37", `field 37 = 900101300017, field 39 = 00`},
		{"iso field_37 key", `{"field_37":"900101300017"}`},
		{"iso bit37", `bit37=900101300017`},
		{"iso poле 37", `поле 37: 900101300017`},
		{"iso F42 merchant id", `F41=TERM0001 F42=378282246310005 F49=398`},
		{"iso DE 42", `DE 42 378282246310005`},
		{"iso F2 pan", `F2=⟦card_pan:4111111111111111⟧ F3=000000`},
		{"iso DE2 pan", `DE002: ⟦card_pan:4111111111111111⟧`},
		{"iso F14 expiry", `F2=⟦card_pan:4111111111111111⟧ F14=⟦card_expiry:2712⟧`},
		{"iin still found after a field number elsewhere", `F37=123 ИИН ⟦iin:900101300017⟧`},
		{"iin after a number list", `ИИН ⟦iin:900101300017⟧`},
		{"rrn in words", `Retrieval Reference Number: 900101300017`},
		{"transaction number", `Transaction number 900101300017`},
		{"jpos xml field", `<field id="37" value="900101300017"/>`},
		{"bracketed field tag", `[037] 900101300017`},
		{"abbreviated number noun", `Receipt No. 011231510000 printed`},
		{"abbreviated ref", `Ref. No. 900101300017`},
		{"json counter", `{"processed":770801410007,"failed":0}`},
		{"json number under an iin key", `{"iin":⟦iin:900101300017⟧}`},
		{"quoted json value", `{"x":"⟦iin:900101300017⟧"}`},
		{"card acceptor", `card_acceptor_id 374479748023185`},
		{"card acceptor text", `Card Acceptor 374479748023185`},
		{"quantity in bytes", `read 770801410007 bytes`},
		{"rows affected", `850315410002 rows affected`},
		{"records processed", `processed 011231510000 records in 120 ms`},
		{"url path of transactions", `GET /api/v1/transactions/770801410007 200`},
		{"url path of a client kept", `GET /api/v1/clients/⟦iin:900101300017⟧ 200`},
		{"checkpoint", `checkpoint 770801410007 complete`},
		{"operation number", `номер операции 920722310004`},
		{"iin before a count word kept", `ИИН ⟦iin:900101300017⟧ records`},
		{"fixed-width row kept", `АЙНУР    ⟦iin:900101300017⟧ ⟦phone:77011345713⟧ 2026-02-07`},
		// numeric columns
		{"access log columns", `"GET /x HTTP/2" 401 DC 78086 438119 2932 2971 "10.0.0.1"`},
		{"columns with a phone label", `tel ⟦phone:87172 123456⟧ ok`},
		{"phone grouping kept", `звоните ⟦phone:8 7172 123456⟧`},
		{"maestro in 4-6-4 columns", `503 UH 6745 262558 1221 1529`},
		{"amex 4-6-5", `amex ⟦card_pan:3782 822463 10005⟧ ok`},
		{"diners 4-6-4", `diners ⟦card_pan:3056 930902 5904⟧ ok`},
		// signed amounts
		{"ledger credit", `credit KZ000000000000000000 +4956956.21 balance_after=1.00`},
		{"ledger credit long", `credit +49569561.21 x`},
		{"dotted phone", `tel ⟦phone:+7.701.540.18.02⟧ ok`},
		{"spaced phone", `tel ⟦phone:+7 701 540 18 02⟧ ok`},
		// the expiry of a certificate, token, licence
		{"certificate expires", `certificate expires 12/27; cert valid thru 05/28`},
		{"cert expiry key", `{"cert_expiry":"03/2027","host":"api"}`},
		{"camel key", `certExpiry=12/27`},
		{"ru certificate", `срок действия сертификата 05/28`},
		{"token exp", `token exp 12/26 refresh scheduled`},
		{"licence", `license valid until 01/2028`},
		{"shelf life", `Срок годности 05/26, партия 1234`},
		{"lot number", `lot 88231 exp 05/26 qty 100`},
		{"goods", `товар: годен до 11/25`},
		{"coupon", `coupon valid until 12/27`},
		{"promo code", `промокод действует до 12/26`},
		{"passport", `passport valid till 05/30`},
		{"fraction of records", `validation: valid 12/27 records`},
		{"fraction of rows", `schema check valid 10/12 rows`},
		{"expiry before a key", `card=⟦card_pan:4111111111111111⟧ exp=⟦card_expiry:12/2027⟧ attempt=2`},
		{"expiry then ok", `exp ⟦card_expiry:12/27⟧ ok`},
		{"exponential backoff key", `retry exp_backoff_ms=1120 attempt=3`},
		{"exponential backoff json", `{"exp_backoff_ms":1120}`},
		{"experiment", `experiment exp 1125 variant B`},
		{"dotted date", `exp 11.05.24`},
		{"stale year", `status=137/KILL exp 1/12`},
		{"year first kept", `{"cardExpiry":"⟦card_expiry:2027-12⟧"}`},
		{"MM.YYYY kept", `exp ⟦card_expiry:11.2025⟧`},
		{"expired card kept", `declined: expired card, exp ⟦card_expiry:01/19⟧`},
		{"promotion", `Акция действует до 12/26`},
		{"payment link", `ссылка на оплату действительна до 11/25`},
		{"invoice", `счёт действителен до 12/26`},
		{"card account kept", `счёт карты действителен до ⟦card_expiry:12/26⟧`},
		{"card expiry kept", `срок действия карты ⟦card_expiry:12/27⟧`},
		{"plain exp kept", `exp ⟦card_expiry:12/27⟧`},
		{"clause ended", `TLS ok. exp ⟦card_expiry:12/27⟧`},
		{"pan before a token word", `card ⟦card_pan:4111 1111 1111 1111⟧ token exp ⟦card_expiry:12/27⟧`},
		// streets named after people, quoted company names
		{"street ru", `delivery address: ул. Шокана Уалиханова, 12`},
		{"avenue ru", `проспект Назарбаева 1, улица Кабанбай Батыра 53`},
		{"street kk", `Кабанбай Батыр даңғылы 10`},
		{"street en", `office at Kabanbay Batyr avenue 53`},
		{"company quoted", `merchant onboarding: ТОО «Айгуль Текстиль» approved`},
		{"company quoted with surname", `ИП "Роза Ветров Тур" approved`},
		{"person after a street", `ул. Абая 10, получатель ⟦person_name:Иванов Сергей⟧`},
		{"brand word", `{"display_name":"Алма Клауд"}`},
		{"brand word latin", `{"name":"Arman Tech"}`},
		// product, team and system names are not persons
		{"product name ru", `{"owner":"team-x","display_name":"Сервис Выплат","git_sha":"abc"}`},
		{"product name adjective", `{"display_name":"Платёжный Шлюз"}`},
		{"product name genitive plural", `{"display_name":"Служба Лимитов"}`},
		{"alert summary", `{"summary":"Служба Лимитов: Сбоев за сутки не обнаружено"}`},
		{"product name en", `{"display_name":"Payout Engine"}`},
		{"product name kk", `{"display_name":"Төлем Жүйесі"}`},
		{"reason phrase", `{"full_name":"Bad Gateway"}`},
		{"ops sentence in title case", `CRITICAL Потеря Пакетов 12%`},
		{"shop name", `{"name":"Асель Цветы"}`},
		{"deverbal noun", `{"display_name":"Деградация Сервиса"}`},
		{"given name and a business word", `{"display_name":"Айдана Бьюти"}`},
		{"given name and a business word en", `{"display_name":"Sofia Delivery"}`},
		{"software vendor", `{"display_name":"Apache Kafka"}`},
		{"name inside a company name", `{"name":"Thomas Cook Travel"}`},
		{"name before a lower-case word", `Regards, ⟦person_name:Aruzhan Omarova⟧ from support`},
		{"role", `{"displayName":"System Administrator"}`},
		{"on-call role", `{"display_name":"On-Call Engineer"}`},
		{"test account", `{"full_name":"Test User"}`},
		{"user display name", `{"display_name":"⟦person_name:Иванов Сергей⟧"}`},
		{"surname shaped like an adjective", `{"full_name":"⟦person_name:Быстров Андрей⟧"}`},
		{"given name that is a noun", `{"full_name":"⟦person_name:Роза Ахметова⟧"}`},
	}
	s := New(Config{Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			line, want := parseMarked(t, c.in)
			got := s.Scan([]byte(line), nil)
			var gs []string
			for _, f := range got {
				gs = append(gs, spanStr(f.Kind, f.Span.Start, f.Span.End))
			}
			if strings.Join(gs, " ") != strings.Join(want, " ") {
				t.Errorf("findings %v, want %v", gs, want)
			}
		})
	}
}
