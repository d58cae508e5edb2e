package scanner

import (
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
)

// TestValidators checks the validators on their own, with true and false
// examples per rule.
func TestValidators(t *testing.T) {
	iin := []struct {
		v    string
		want bool
		why  string
	}{
		{"900101300017", true, "1990-01-01, century digit 3, control 5"},
		{"050229500017", false, "2005-02-29 does not exist"},
		{"040229600011", true, "2004-02-29, leap year"},
		{"901301300017", false, "month 13"},
		{"900132300016", false, "day 32"},
		{"900101700012", false, "century digit 7"},
		{"900101000018", false, "century digit 0"},
		{"900101300016", false, "wrong control digit"},
		{"120840589303", false, "business BIN: fifth digit 4"},
		{"991231600012", false, "born in 2099: in the future"},
		{"90010130001", false, "11 digits"},
	}
	for _, c := range iin {
		if got := validIIN([]byte(c.v), 2026); got != c.want {
			t.Errorf("validIIN(%s): got %v, want %v (%s)", c.why, got, c.want, c.why)
		}
	}
	pan := []struct {
		v    string
		want bool
		why  string
	}{
		{"4111111111111111", true, "Visa test number"},
		{"5555555555554444", true, "Mastercard test number"},
		{"2223003122003222", true, "Mastercard 2-series"},
		{"378282246310005", true, "Amex"},
		{"6011111111111117", true, "Discover"},
		{"3530111333300000", true, "JCB"},
		{"6200000000000005", true, "UnionPay"},
		{"2200000000000004", true, "Mir"},
		{"4111111111111112", false, "Luhn fails"},
		{"1111111111111117", false, "Luhn-valid, no network"},
		{"9111111111111113", false, "Luhn-valid, no network"},
		{"378282246310006", false, "Amex, Luhn fails"},
		{"41111111111111", false, "Visa with 14 digits"},
	}
	for _, c := range pan {
		if got := validPAN([]byte(c.v)); got != c.want {
			t.Errorf("validPAN(%s): got %v, want %v", c.why, got, c.want)
		}
	}
}

// TestDetectors is the table of true and false examples per detector: the
// marked part of each input (between ⟦ and ⟧) must be found with that
// kind, and nothing else.
func TestDetectors(t *testing.T) {
	cases := []struct {
		name string
		in   string // ⟦kind:value⟧ marks expected findings
	}{
		// IIN
		{"iin json", `{"iin":"⟦iin:900101300017⟧"}`},
		{"iin json number", `{"payer":{"iin":⟦iin:900101300017⟧}}`},
		{"iin text label", `ИИН: ⟦iin:900101300017⟧, спасибо`},
		{"iin kazakh label", `ЖСН ⟦iin:900101300017⟧`},
		{"iin bare", `client ⟦iin:900101300017⟧ ok`},
		{"iin invalid json fallback", `{"iin":⟦iin:090818600012⟧}`},
		{"rrn valid iin shape", `{"rrn":"900101300017"}`},
		{"order valid iin shape", `order_id=900101300017`},
		{"bin", `{"bin":"120840589303"}`},
		{"iin inside longer number", `x=19001013000170 y`},
		{"iin glued to letters", `ref=AB900101300017`},
		{"bad control", `ИИН 900101300016`},
		// phone
		{"phone +7 spaced", `tel ⟦phone:+7 701 540 18 02⟧.`},
		{"phone +7 parens", `phone=⟦phone:+7 (701) 540-18-02⟧ ok`},
		{"phone 8 prefix", `{"msisdn":"⟦phone:87015401802⟧"}`},
		{"phone 8 dashes", `звоните ⟦phone:8-701-540-18-02⟧`},
		{"phone russia", `⟦phone:+7 916 123 45 67⟧`},
		{"phone uk", `call ⟦phone:+44 20 7946 0958⟧ now`},
		{"phone uzbek", `⟦phone:+998 90 123 45 67⟧`},
		{"phone invalid country", `+999 12 345 6789`},
		{"phone +7 bad range", `+7 101 540 18 02`},
		{"epoch ms", `ts=1666299804000`},
		{"date", `2024-05-30 12:00:01`},
		{"amount", `amount=87015401802.50`},
		{"amount grouped", `итого 87 015 401 802 тенге`},
		{"timezone", `2023-01-30T03:52:27.097+06:00`},
		// email
		{"email plain", `mail ⟦email:a.b+shop@mail.kz⟧.`},
		{"email brackets", `to=<⟦email:Asel.Li@Outlook.COM⟧>,`},
		{"email mailto", `href="mailto:⟦email:help@ioka.kz⟧"`},
		{"email idn", `⟦email:иван@почта.рф⟧ ⟦email:ivan@пример.қаз⟧`},
		{"message id", `message-id=<20250101.ABC@ioka.kz>`},
		{"retina file", `logo@2x.png`},
		{"handle", `follow @ioka_support`},
		{"no tld", `user@localhost and a@b.internal`},
		{"url encoded", `GET /pay?phone=⟦phone:%2B77011234567⟧&email=⟦email:a.b%40mail.kz⟧&x=%20`},
		// card
		{"pan spaced", `card ⟦card_pan:4111 1111 1111 1111⟧ ok`},
		{"pan dashed", `card=⟦card_pan:4111-1111-1111-1111⟧`},
		{"pan amex", `⟦card_pan:3782 822463 10005⟧`},
		{"pan 19", `⟦card_pan:6200 0000 0000 0000 000⟧`},
		{"masked pan", `440043******1234 and 4400 43** **** 1234`},
		{"last4", `{"last4":"1111"}`},
		{"luhn no network", `id=1111111111111117`},
		{"luhn fails", `4111111111111112`},
		// expiry and cvv
		{"expiry label", `exp=⟦card_expiry:12/27⟧`},
		{"expiry srok", `срок ⟦card_expiry:05/2030⟧`},
		{"expiry json", `{"expiry":"⟦card_expiry:11/25⟧"}`},
		{"expiry after pan", `⟦card_pan:4111111111111111⟧ ⟦card_expiry:12/27⟧`},
		{"expiry valid thru", `valid thru ⟦card_expiry:01/29⟧`},
		{"date not expiry", `date 05/11/2024`},
		{"expiry dashed", `exp: ⟦card_expiry:12-27⟧`},
		{"expiry mmyy", `{"exp":"⟦card_expiry:0330⟧"}`},
		{"expiry and code after card", `Карта ⟦card_pan:5555 5555 5555 4444⟧ до ⟦card_expiry:12/29⟧, код ⟦card_cvv:123⟧`},
		{"no code without card", `заказ 12/29, код 123`},
		{"dashed date", `date 2024-05-30`},
		{"public test cards", `cards ⟦card_pan:4242424242424242⟧ ⟦card_pan:36227206271667⟧ ⟦card_pan:3566002020360505⟧ ⟦card_pan:6759649826438453⟧`},
		{"fraction not expiry", `installments 3/12`},
		{"cvv label", `cvv=⟦card_cvv:123⟧`},
		{"cvv upper", `CVV ⟦card_cvv:4321⟧.`},
		{"cvv json", `{"cvc2":"⟦card_cvv:123⟧"}`},
		{"no cvv without context", `qty 123`},
		{"mcc", `{"mcc":"5411"}`},
		// names
		{"name json strong", `{"full_name":"⟦person_name:Попова Ирина Николаевна⟧"}`},
		{"name cardholder caps", `{"cardholder":"⟦person_name:ASEL LI⟧"}`},
		{"name text intro", `Меня зовут ⟦person_name:Ержан Болатұлы⟧, помогите`},
		{"name english", `Regards, ⟦person_name:Aruzhan Omarova⟧`},
		{"name lexicon", `Перезвоните. ⟦person_name:Смирнов Дмитрий⟧`},
		{"name kazakh", `⟦person_name:Әсем Маратқызы Омарова⟧ жазды`},
		{"company ip", `{"name":"ИП Садыков"}`},
		{"company too", `{"merchant":{"name":"Arman Foods"}}`},
		{"lone given", `{"first_name":"Арман"}`},
		{"greeting", `Добрый день, Уважаемая поддержка`},
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

func spanStr(k tazala.Kind, a, b int) string {
	return k.String() + "@" + itoa(a) + "-" + itoa(b)
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for i > 0 {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
	}
	return string(b)
}

// parseMarked removes ⟦kind:…⟧ markers and returns the plain line and the
// expected findings as kind@start-end.
func parseMarked(t *testing.T, in string) (string, []string) {
	t.Helper()
	var out strings.Builder
	var want []string
	for {
		i := strings.Index(in, "⟦")
		if i < 0 {
			out.WriteString(in)
			break
		}
		out.WriteString(in[:i])
		in = in[i+len("⟦"):]
		j := strings.Index(in, "⟧")
		c := strings.IndexByte(in, ':')
		if j < 0 || c < 0 || c > j {
			t.Fatalf("bad marker in test case")
		}
		k, err := tazala.ParseKind(in[:c])
		if err != nil {
			t.Fatal(err)
		}
		a := out.Len()
		out.WriteString(in[c+1 : j])
		want = append(want, spanStr(k, a, out.Len()))
		in = in[j+len("⟧"):]
	}
	return out.String(), want
}

// TestNamesInContext covers name phrasing beyond the first table: label
// words inside the capitalised run, camelCase keys, all-caps holders.
func TestNamesInContext(t *testing.T) {
	cases := []struct{ name, in string }{
		{"label word before", `Клиент ⟦person_name:Жумабаев Ерасыл Кайратович⟧ оплатил`},
		{"camel key", `{"customerFullName":"⟦person_name:Нурмагамбетова Аяулым⟧"}`},
		{"caps fio", `{"fio":"⟦person_name:АХМЕТОВ АРМАН⟧"}`},
		{"holder label", `Holder: ⟦person_name:GULNAZ AKHMETOVA⟧ exp ⟦card_expiry:04/29⟧`},
		{"security code", `security code ⟦card_cvv:123⟧`},
		{"not names", `Welcome Admin Login page opened by Support Team`},
		{"places", `Алматы Арена, ул. Абая 10, Бизнес Центр Нурлы Тау`},
		{"products", `iPhone 15 Pro Max Space Black`},
		{"kazakh surname without ending", `Перезвоните. ⟦person_name:Жұмабай Нұрлан⟧. ⟦person_name:Серікбай Әсел⟧ жазды`},
		{"shop is not a surname", `Магазин Бекзат, Welcome Admin Login`},
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

func TestPaths(t *testing.T) {
	s := New(Config{Paths: true})
	line := `{"payer":{"contacts":[{"email":"a@mail.kz"},{"phone":"+7 701 540 18 02"}],"iin":900101300017}}`
	fs := s.Scan([]byte(line), nil)
	var got []string
	for _, f := range fs {
		got = append(got, f.Kind.String()+"="+f.Path)
	}
	want := "email=payer.contacts[0].email phone=payer.contacts[1].phone iin=payer.iin"
	if strings.Join(got, " ") != want {
		t.Errorf("paths %v, want %s", got, want)
	}
}

// TestIssue12Formats covers the formats of issue 12 one case each: split
// names, expiry separators and labels, CVV phrases, positional chains,
// CSV and SQL values, punycode e-mails, Message-IDs and operational
// numbers that are not personal data.
func TestIssue12Formats(t *testing.T) {
	cases := []struct{ name, in string }{
		{"split name json", `{"last_name":"⟦person_name:Оспанов⟧","first_name":"⟦person_name:Ерасыл⟧","middle_name":"⟦person_name:Серикович⟧"}`},
		{"split name kazakh keys", `{"тегі":"⟦person_name:Оспанова⟧","аты":"⟦person_name:Аяжан⟧"}`},
		{"split name logfmt", `surname=⟦person_name:Новиков⟧ given_name=⟦person_name:Павел⟧ status=ok`},
		{"split name csv", `2026-01-01;SALE;⟦person_name:Рахимов⟧;⟦person_name:Рустем⟧;⟦person_name:Маратович⟧;ok`},
		{"lone first name", `{"first_name":"Арман","city":"Алматы"}`},
		{"json key not a part", `{"FirstName":"⟦person_name:Анна⟧","SecondName":"⟦person_name:Олеговна⟧"}`},
		{"role word", `Иесі ⟦person_name:Соколов Павел⟧ жазды`},
		{"verb before name", `Здравствуйте! Обращается ⟦person_name:Ибраева Аяжан Сериковна⟧.`},
		{"expiry dots", `срок действия ⟦card_expiry:12.2029⟧`},
		{"expiry spaced slash", `valid thru ⟦card_expiry:12 / 27⟧`},
		{"expiry exp date", `exp. date ⟦card_expiry:03/30⟧`},
		{"expiry kazakh", `жарамдылық мерзімі ⟦card_expiry:09-28⟧`},
		{"chain", `⟦card_pan:4111 1111 1111 1111⟧ / ⟦card_expiry:05.2031⟧ / ⟦card_cvv:123⟧`},
		{"csv card", `⟦email:a@b.kz⟧,⟦card_pan:4000 6615 9153 7775⟧,⟦card_expiry:12/2027⟧,⟦card_cvv:794⟧,96179.28,USD`},
		{"sql values", `VALUES (1, '⟦card_pan:4111111111111111⟧', '⟦card_expiry:12/27⟧', '⟦card_cvv:123⟧');`},
		{"cvv back", `the 3 digits on the back: ⟦card_cvv:123⟧`},
		{"cvv obrote", `три цифры на обороте ⟦card_cvv:456⟧`},
		{"pan 13 visa", `card ⟦card_pan:4222222222222⟧`},
		{"pan 19 mir", `card ⟦card_pan:2200 1234 5678 9012 341⟧`},
		{"punycode email", `mail ⟦email:ivan@xn--80a1acny.xn--p1ai⟧.`},
		{"exim id", `<= ⟦email:a@mail.kz⟧ H=(x) id=1760001234.ab12cd34@notify.bank.kz`},
		{"kafka offset", `Committed offset 87012345678 for partition payments-3`},
		{"json offset", `{"offset":77012345678,"seq":900101300017,"lsn":"0/16B3748"}`},
		{"prometheus value", `payments_total{service="gw",le="10"} 87012345678 1765264860067`},
		{"prometheus iin-like value", `ledger_entries_total{service="gw"} 900101300017 1765264860067`},
		{"bare iin alone", `⟦iin:900101300017⟧`},
		{"bare iin in a url path", `GET /api/v1/clients/⟦iin:900101300017⟧/cards HTTP/1.1`},
		{"bare phone alone is weak", `87012345678`},
		{"url id", `GET /api/v1/orders/77012345678?page=2 HTTP/1.1`},
		{"decimal uptime", `kernel: [83968.493093] eth0 up`},
		{"rows counters", `rows_read=4111111111111111 rows_written=900101300017 watermark=87012345678`},
	}
	s := New(Config{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
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
