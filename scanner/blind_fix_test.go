package scanner

import (
	"strings"
	"testing"
	"time"
)

// TestBlindFixes covers the rules added after the customer-contact
// corpus (internal/blindb, Tune half): telecom field names, phone
// phrases, Message-IDs in bare columns, and the name rules. Values are
// synthetic.
func TestBlindFixes(t *testing.T) {
	cases := []struct{ name, in string }{
		// phones under telecom and messaging field names
		{"whatsapp id", `{"from":{"wa_id":"⟦phone:77011234567⟧","profile":{"name":"x"}}}`},
		{"smpp dst", `smsgw submit_sm dst=⟦phone:77021234567⟧ src=SHOP seq=4821 status=0`},
		{"caller id", `cdr caller=⟦phone:87471234567⟧ callee=⟦phone:77781234567⟧ dur=31`},
		{"dst port is not a phone", `fw allow dst=10.0.0.7 dst_port=443 bytes=77011234567`},
		// a bare national number after a phrase of sending or calling
		{"sent to ru", `уведомление отправлено на ⟦phone:87011234567⟧: платёж принят`},
		{"sent to en", `receipt sent to ⟦phone:87051234567⟧ ok`},
		{"number noun", `Hi, New number: ⟦phone:87771234567⟧`},
		{"number noun ru", `свяжитесь по номеру ⟦phone:87471234567⟧, спасибо`},
		{"call verb", `позвоните ⟦phone:87011234567⟧ после обеда`},
		{"my number is", `my number is ⟦phone:87011234567⟧`},
		{"kazakh postposition", `⟦phone:87011234567⟧ нөміріне хабарласыңыз`},
		{"sent bytes is not a phone", `sent 87011234567 bytes`},
		{"russian noun after is not a label", `87011234567 номер заказа`},
		{"order number is not a phone", `order number 87011234567 shipped`},
		{"sequence number is not a phone", `replayed sequence number 87011234567`},
		{"bare preposition is weak", `увеличено на 87011234567`},
		{"record number", `record number 87011234567`},
		// Message-IDs in a column without a field name
		{"msgid hex", `2026-01-02,SMTP,SEND,1234,<7b34fd8f6489a513.2578265081@mail.example.ru>,⟦email:ivan.petrov@example.kz⟧,250`},
		{"msgid base64", `RECEIVE,<CA+xQ7pLmZ0aB3cD9eF1gH2iJ4kL@mail.example.com>,x`},
		{"msgid caps tail", `DELIVER,<49937775126927.LTQFL8EW@smtp.example.ru>,x`},
		{"msgid digits tail", `DELIVER,<64868022410082.EFSTQUYM@smtp.example.ru>,x`},
		{"display name address", `To: Ivan <⟦email:ivan1985@example.kz⟧>`},
		{"bracketed address kept", `From: <⟦email:a.k.1990@example.kz⟧>`},
		{"caps address kept", `reply <⟦email:IVANOV85@EXAMPLE.KZ⟧>`},
		{"camel address kept", `,<⟦email:IvanPetrovKz@example.kz⟧>,`},
		{"generated address under a mail label", `from=<⟦email:bounce7b34fd8f6489a513@example.kz⟧>`},
		// card data in query strings and key=value lines
		{"cvc before a word with digits", `card=⟦card_pan:4111111111111111⟧ exp=⟦card_expiry:12/27⟧ cvc=⟦card_cvv:123⟧ 3ds=frictionless`},
		{"cvc alone before 3ds", `cvc=⟦card_cvv:1234⟧ 3ds=challenge`},
		{"no cvv before 2fa", `took 123 2fa=on`},
		{"encoded expiry", `GET /pay?pan=⟦card_pan:4111111111111111⟧&exp=⟦card_expiry:05%2F29⟧&lang=ru HTTP/1.1`},
		{"encoded expiry yyyy", `GET /pay?exp=⟦card_expiry:5%2F2029⟧ HTTP/1.1`},
		{"encoded fraction", `GET /list?page=05%2F29&x=1`},
		{"encoded date", `GET /r?from=05%2F29%2F2026`},
		{"mmyy after a pan in a row", `⟦iin:900101300017⟧;⟦card_pan:4556737586899855⟧;⟦card_expiry:1227⟧;⟦card_cvv:123⟧;KZT`},
		{"mmyy after a pan in a pipe row", `⟦card_pan:4111111111111111⟧|⟦card_expiry:0829⟧|⟦card_cvv:456⟧`},
		{"mcc after a pan in a row", `⟦card_pan:4111111111111111⟧;5411;100.00`},
		{"amount after a pan in text", `paid with ⟦card_pan:4111111111111111⟧ 1225 KZT`},
		{"old year after a pan", `⟦card_pan:4111111111111111⟧;1201;x`},
		{"digit-count adjective", `card ⟦card_pan:4556737586899855⟧, 3-значный код ⟦card_cvv:123⟧`},
		{"verification code of the card", `код верификации карты ⟦card_cvv:123⟧`},
		// a weak CVV qualifier with the card word after the code
		{"three-digit code then card", `клиент назвал трёхзначный код ⟦card_cvv:321⟧ по телефону, карту заблокировали`},
		{"three-digit code alone", `клиент назвал трёхзначный код 321 по телефону. Карта в порядке`},
		{"sms code then card", `клиент назвал код из смс 321, карту заблокировали`},
		// IIN labels
		{"iin or bin label", `ИИН/БИН: ⟦iin:900101300017⟧`},
		{"bin under iin or bin label", `ИИН/БИН: 120840589303`},
		{"national id key", `{"nationalId":"⟦iin:900101300017⟧"}`},
		{"taxpayer key", `tax_id=⟦iin:900101300017⟧`},
		{"id type sibling", `{"idType":"IIN","idValue":"⟦iin:900101300017⟧"}`},
		{"order id after an iin", `{"iin":"⟦iin:900101300017⟧","order_id":"900101300025"}`},
		{"plain id stays negative", `{"id":"900101300017"}`},
		{"decimal is not an iin", `900101300017.0`},
		{"decimal amount is not a phone", `amount=87011234567.50 KZT`},
		{"iin at a sentence end", `ИИН ⟦iin:900101300017⟧.`},
		// card labels and published test card numbers
		{"cc label", `cc=⟦card_pan:4556737586899855⟧`},
		{"cvn2", `{"cvn2":"⟦card_cvv:123⟧"}`},
		{"published test card alone", `Payment with ⟦card_pan:4242424242424242⟧ declined`},
		{"random card alone is weak", `Payment with 4556737586899855 declined`},
		// numbers in query strings with encoded blanks
		{"encoded phone", `GET /a?phone=⟦phone:%2B7%20701%20123%2045%2067⟧&x=1`},
		{"plus-blank phone", `GET /a?phone=⟦phone:%2B7+701+123+45+67⟧&x=1`},
		{"encoded national phone", `GET /a?tel=⟦phone:8%20701%20123%2045%2067⟧ HTTP/1.1`},
		{"encoded pan", `GET /a?card=⟦card_pan:4111%201111%201111%201111⟧&x=1`},
		{"plus-blank pan", `GET /a?pan=⟦card_pan:4111+1111+1111+1111⟧&x=1`},
		{"encoded date", `GET /a?q=2026%2012%2001&x=1`},
		{"plus list", `GET /a?ids=1+2+3&x=1`},
		// an e-mail with a URL-encoded IDN domain in a query string
		{"encoded idn email", `GET /confirm?order_id=ORD-1&email=⟦email:ivan.petrov%40%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%80%D1%84⟧ HTTP/1.1`},
		{"encoded ascii email", `GET /c?email=⟦email:ivan%40example.kz⟧&x=1`},
		{"encoded bad tld", `GET /c?email=ivan%40host.%D1%85%D1%85 HTTP/1.1`},
		// names in fixed-width columns: each column a part
		{"fixed-width row", `123456789 ⟦person_name:ИВАНОВА⟧           ⟦person_name:АННА⟧            ⟦person_name:ПЕТРОВНА⟧          ⟦iin:900101300017⟧ 2026-01-02`},
		{"fixed-width two columns", `000000042 ⟦person_name:ТАСБОЛАТОВ⟧    ⟦person_name:ЕРЛАН⟧                 active`},
		{"fixed-width latin", `42 ⟦person_name:PETROVA⟧     ⟦person_name:ANNA⟧      KZ`},
		{"aligned ops columns", `INFO   Main      Worker    started   Consumer   Group   Rebalance`},
		{"aligned product columns", `SKU   Apple   Watch   Series   Black   Ultra`},
		{"given beside unknown in a row with an iin", `42;⟦person_name:Құдайқұл⟧;⟦person_name:Аружан⟧;;⟦iin:900101300017⟧;ok`},
		{"given beside unknown alone", `42;Құдайқұл;Аружан;;ok`},
		{"given beside a code in another shape", `42;SALE;Аружан;⟦iin:900101300017⟧`},
		{"fixed-width given beside unknown", `000000042 ⟦person_name:ҚҰДАЙҚҰЛ⟧          ⟦person_name:АРУЖАН⟧               ⟦iin:900101300017⟧`},
		// streets named after a person
		{"street kk", `Отделение на Ерлан Сейтұлы көшесі 12 работает до 19`},
		{"avenue kk", `2026-01-02 10:00:00 Бөлімше Сейтов даңғылы 17 мекенжайы бойынша`},
		{"street en", `office at Ivan Petrov Street 5`},
		{"street abbreviation before", `по адресу ул. Ерлан Сейтұлы 8, Алматы`},
		{"avenue before", `проспект Абая Кунанбаева 10`},
		{"branch named after a person", `Филиал Жумабаев закрыт до понедельника`},
		{"abstract noun beside a surname", `Управление Омаров сообщает`},
		{"strong surname beside a given-name-like word", `Клиент: ⟦person_name:Жумабаев Ерасыл⟧`},
		// SMS centre and messenger fields
		{"smpp da", `sms oa=SHOP da=⟦phone:77011234567⟧ status=DELIVRD`},
		{"viber", `{"viber":"⟦phone:77011234567⟧"}`},
		{"camel dest addr", `{"sourceAddr":"SHOP","destAddr":"⟦phone:77011234567⟧"}`},
		// a surname without an ending beside a given name and patronymic
		{"surname before", `Я, ⟦person_name:Құдайқұл Назерке Сериковна⟧, прошу`},
		{"surname after", `спросить ⟦person_name:Назерке Сериковна Құдайқұл⟧`},
		{"verb before is not a surname", `Позвоните ⟦person_name:Назерке Сериковна⟧`},
		// Kazakh surnames that are an ancestor's compound name
		{"compound -ғали", `Здравствуйте. ⟦person_name:Жұмағали Аружан⟧, клиент с 2026`},
		{"compound -mbet", `Regards, ⟦person_name:Aizhan Tasmagambet⟧`},
		{"latin -skaia", `Thanks, ⟦person_name:Iuliia Vishnevskaia⟧`},
		// a mail display name
		{"display name", `To: "⟦person_name:Aruzhan Tasbolat⟧" <⟦email:a.t@example.kz⟧>`},
		{"display name bare", `created by ⟦person_name:Тасболат Аружан⟧ <⟦email:a.t@example.kz⟧> via web`},
		{"display name of a team", `From: Support Team <⟦email:support@example.kz⟧>`},
		{"display name of a company", `newsletter Acme Widgets <⟦email:news@example.com⟧>`},
		// names of other origins in Latin letters, with or without diacritics
		{"turkish", `Thanks, ⟦person_name:Ayşe Öztürk⟧`},
		{"turkish caps folded", `{"name":"⟦person_name:OZTURK AYSE⟧"}`},
		{"capital with diacritic first", `fio="⟦person_name:Özdemir Hakan⟧"`},
		{"italian csv", `1;⟦person_name:Esposito⟧;⟦person_name:Francesca⟧;;x`},
		{"indian text", `Здравствуйте. ⟦person_name:Mehta Kavya⟧, клиент с 2026`},
		{"spanish", `Regards, ⟦person_name:José Fernández⟧`},
		{"product is not a name", `Nokia Lumia Cruz Control Ultra`},
		{"intro kk", `Менің есімім ⟦person_name:Құдайқұл Аружан⟧, байланыс`},
		{"intro ru", `Моё имя ⟦person_name:Құдайқұл Аружан⟧, деньги`},
		{"escaped whole value under a name key", `{"requester":{"name":"⟦person_name:\u0422\u0430\u0441\u0431\u043e\u043b\u0430\u0442 \u0410\u0440\u0443\u0436\u0430\u043d⟧","email":"x"}}`},
		{"escaped description is not a name value", `{"description":"\u0422\u0430\u0441\u0431\u043e\u043b\u0430\u0442 \u0421\u0435\u0440\u0432\u0438\u0441, ok"}`},
		// sign-offs on the line before, role words, greetings, "I am"
		{"signoff newline", "{\"text\":\"refund please\\n\\nRegards,\\n⟦person_name:Aruzhan Tasbolat⟧\"}"},
		{"signoff br", `<p>С уважением,<br>⟦person_name:Тасболат Аружан⟧<br><a href="mailto:x">`},
		{"no signoff before a line", "{\"text\":\"Status:\\nAruzhan Tasbolat\"}"},
		{"role word", `Өтініміңізді менеджер ⟦person_name:Тасболат Аружан⟧ қарайды`},
		{"greeting", `Hello, ⟦person_name:Aruzhan Tasbolat⟧ again, still waiting`},
		{"i am", `I am ⟦person_name:Aruzhan Tasbolat⟧ and I was charged twice`},
		{"greeting before a product", `Hello, Welcome Aboard Premium`},
		{"short name keys", `fname=⟦person_name:Aruzhan⟧ lname=⟦person_name:Tasbolatova⟧ status=ok`},
		// the Russian name keys written in Latin letters
		{"latin keys", `{"familiya":"⟦person_name:Сейтова⟧","imya":"⟦person_name:Аружан⟧","otchestvo":""}`},
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

// TestTestPANsValid: every published test card number is a valid PAN (so
// the list never widens what a PAN is, only what a bare one weighs).
func TestTestPANsValid(t *testing.T) {
	for p := range testPANs {
		if !validPAN([]byte(p)) {
			t.Errorf("test PAN %s… is not a valid PAN", p[:6])
		}
	}
}
