package blindf

import (
	"fmt"
	"strings"

	"github.com/tazala/tazala"
)

const (
	kPAN = tazala.KindPAN
	kExp = tazala.KindExpiry
	kCVV = tazala.KindCVV
)

// negPair is a code-shaped field that is not a card security code.
type negPair struct {
	key string
	val func(g *Generator) string
}

func fixed(vs ...string) func(g *Generator) string {
	return func(g *Generator) string { return vs[g.r.IntN(len(vs))] }
}
func digs(lo, hi int) func(g *Generator) string {
	return func(g *Generator) string { return g.digits(g.in(lo, hi)) }
}
func rng(lo, hi int) func(g *Generator) string {
	return func(g *Generator) string { return fmt.Sprint(g.in(lo, hi)) }
}

// negKV: even entries Tune, odd Held.
var negKV = []negPair{
	{"otp", digs(4, 6)},
	{"sms_code", digs(3, 6)},
	{"three_ds_code", digs(3, 6)},
	{"confirm_code", digs(3, 4)},
	{"pin_try", digs(4, 4)},
	{"pin_block_len", fixed("4", "6")},
	{"response_code", fixed("000", "051", "116", "100", "909", "05", "14")},
	{"resp_code", fixed("00", "51", "054", "121", "911")},
	{"reason_code", fixed("101", "202", "305", "4837", "4853")},
	{"decline_reason", fixed("110", "123", "208", "905")},
	{"approval_code", digs(6, 6)},
	{"auth_code", digs(6, 6)},
	{"cvv2_result", fixed("M", "N", "P", "U")},
	{"cvcCheck", fixed("pass", "fail", "unchecked")},
	{"currency", fixed(currency...)},
	{"ccy_num", fixed(currency...)},
	{"mcc", fixed(mccs...)},
	{"merchant_category", fixed(mccs...)},
	{"terminal", digs(3, 4)},
	{"term_id", digs(3, 4)},
	{"batch", digs(3, 3)},
	{"batch_no", digs(3, 4)},
	{"seq", digs(3, 4)},
	{"sequence_no", digs(3, 3)},
	{"http_status", fixed("200", "402", "403", "422", "500", "503")},
	{"status", fixed("201", "400", "404", "409", "502")},
	{"card_program", digs(3, 4)},
	{"program_id", digs(3, 4)},
	{"bin_len", fixed("6", "8")},
	{"bin_length", fixed("6", "8")},
	{"installments", rng(2, 24)},
	{"installment_count", fixed("3", "6", "12", "24")},
	{"attempts", rng(1, 5)},
	{"retry_count", rng(1, 9)},
	{"promo", digs(4, 5)},
	{"gift_code", digs(4, 6)},
	{"port", fixed("8443", "443", "9092", "5432")},
	{"upstream_port", fixed("8080", "6379", "8123")},
	{"card_seq_no", fixed("001", "002", "000")},
	{"pan_seq", fixed("01", "00", "002")},
}

func (g *Generator) neg() negPair { return negKV[g.idx(len(negKV))] }

// negText: code-shaped numbers near card words in free text (Tune even, Held odd).
var negText = []func(g *Generator) string{
	func(g *Generator) string {
		return "код из СМС для подтверждения оплаты картой: " + g.digits(g.in(4, 6))
	},
	func(g *Generator) string {
		return "одноразовый код 3-D Secure по карте " + g.digits(g.in(4, 6))
	},
	func(g *Generator) string { return "картаға келген SMS код " + g.digits(4) },
	func(g *Generator) string {
		return "карта бойынша растау коды " + g.digits(g.in(4, 6))
	},
	func(g *Generator) string {
		return "card declined, response code " + fixed("051", "005", "116", "121")(g)
	},
	func(g *Generator) string { return "card payment failed with HTTP " + fixed("402", "500", "403")(g) },
	func(g *Generator) string { return "последние 3 цифры карты " + g.digits(3) },
	func(g *Generator) string { return "last 3 digits of card " + g.digits(3) },
	func(g *Generator) string {
		return "оплата картой в рассрочку на " + fixed("3", "6", "12", "24")(g) + " мес"
	},
	func(g *Generator) string { return "card installment plan " + fixed("3", "6", "12")(g) + " months" },
	func(g *Generator) string {
		return "неверный PIN карты введён " + fixed("2", "3")(g) + " раза"
	},
	func(g *Generator) string {
		return "картаның PIN коды " + fixed("3", "2")(g) + " рет қате терілді"
	},
	func(g *Generator) string { return "card terminal " + g.digits(4) + " batch " + g.digits(3) + " closed" },
	func(g *Generator) string {
		return "терминал " + g.digits(4) + " партия " + g.digits(3) + " по картам закрыта"
	},
	func(g *Generator) string {
		return "промокод " + g.digits(5) + " на оплату картой"
	},
	func(g *Generator) string { return "gift card code " + g.digits(g.in(5, 6)) + " redeemed" },
	func(g *Generator) string {
		return "card auth currency " + fixed(currency...)(g) + " mcc " + fixed(mccs...)(g)
	},
	func(g *Generator) string {
		return "валюта карты " + fixed(currency...)(g) + ", MCC " + fixed(mccs...)(g)
	},
	func(g *Generator) string { return "CVV check result: " + fixed("M", "N", "P")(g) + ", card verified" },
	func(g *Generator) string {
		return "cvcCheck: " + fixed("pass", "fail")(g) + " for card ending " + g.digits(4)
	},
	func(g *Generator) string { return "approval code " + g.digits(6) + " for card payment" },
	func(g *Generator) string { return "код авторизации " + g.digits(6) + " по карте" },
	func(g *Generator) string { return "card bin length " + fixed("6", "8")(g) + " program " + g.digits(3) },
	func(g *Generator) string {
		return "карта программасы " + g.digits(3) + ", BIN ұзындығы " + fixed("6", "8")(g)
	},
}

func (g *Generator) negTextLine() string { return negText[g.idx(len(negText))](g) }

// maskedPAN is a masked card number or last-4 field (never a PAN).
func (g *Generator) maskedPAN() string {
	c := g.card()
	d := c.digits
	switch g.r.IntN(4) {
	case 0:
		return d[:6] + strings.Repeat("*", len(d)-10) + d[len(d)-4:]
	case 1:
		return d[:4] + " " + d[4:6] + "** **** " + d[len(d)-4:]
	case 2:
		return "**** " + d[len(d)-4:]
	}
	return d[:6] + "XXXXXX" + d[len(d)-4:]
}

func (g *Generator) head() string {
	return g.ts() + " " + g.pick(levels) + " [" + g.pick(services) + "] "
}

// posTmpls hold card data; index parity decides the part. Pairs (2k, 2k+1)
// are the same family written differently.
var posTmpls = []tmpl{
	// 0/1 JSON strings
	func(g *Generator, b *bld) {
		c := g.card()
		b.s(`{"ts":"`, g.ts(), `","event":"`, g.pick(events), `","`, g.pick(panFields), `":"`)
		b.v(kPAN, g.write(c.digits))
		b.s(`","`, g.pick(expFields), `":"`)
		b.v(kExp, c.exp)
		if g.chance(0.6) {
			b.s(`","`, g.pick(cvvFields), `":"`)
			b.v(kCVV, c.cvv)
		}
		n := g.neg()
		b.s(`","`, n.key, `":"`, n.val(g), `","amount":`, fmt.Sprint(g.in(100, 900000)), `}`)
	},
	func(g *Generator, b *bld) {
		c := g.card()
		n := g.neg()
		b.s(`{"level":"`, strings.ToLower(g.pick(levels)), `","svc":"`, g.pick(services), `","req":{"card":{"`, g.pick(panFields), `":"`)
		b.v(kPAN, g.write(c.digits))
		b.s(`","`, g.pick(cvvFields), `":"`)
		b.v(kCVV, c.cvv)
		b.s(`","`, g.pick(expFields), `":"`)
		b.v(kExp, c.exp)
		b.s(`"},"`, n.key, `":"`, n.val(g), `"},"trace":"`, g.id(), `"}`)
	},
	// 2/3 JSON numbers
	func(g *Generator, b *bld) {
		c := g.card()
		n := g.neg()
		b.s(`{"event":"`, g.pick(events), `","`, g.pick(panFields), `":`)
		b.v(kPAN, c.digits)
		b.s(`,"`, n.key, `":`, numOrStr(n.val(g)), `,"ok":true}`)
	},
	func(g *Generator, b *bld) {
		c := g.card()
		b.s(`{"id":"`, g.id(), `","payload":{"`, g.pick(panFields), `":`)
		b.v(kPAN, c.digits)
		b.s(`,"`, g.pick(cvvFields), `":`)
		if c.cvv[0] == '0' { // a JSON number has no leading zero
			c.cvv = "7" + c.cvv[1:]
		}
		b.v(kCVV, c.cvv)
		n := g.neg()
		b.s(`,"`, n.key, `":`, numOrStr(n.val(g)), `}}`)
	},
	// 4/5 XML attributes
	func(g *Generator, b *bld) {
		c := g.card()
		b.s(g.head(), `ISO20022 <Card number="`)
		b.v(kPAN, g.write(c.digits))
		b.s(`" expiry="`)
		b.v(kExp, c.exp)
		b.s(`" scheme="`, g.pick(netWords), `"/>`)
	},
	func(g *Generator, b *bld) {
		c := g.card()
		n := g.neg()
		b.s(`<PaymentCard pan="`)
		b.v(kPAN, g.write(c.digits))
		b.s(`" cvc="`)
		b.v(kCVV, c.cvv)
		b.s(`" `, n.key, `="`, n.val(g), `" />`)
	},
	// 6/7 XML elements
	func(g *Generator, b *bld) {
		c := g.card()
		e := g.pick(xmlElems)
		b.s(g.head(), "request body: <Auth><", e, ">")
		b.v(kPAN, g.write(c.digits))
		b.s("</", e, "><ExpDate>")
		b.v(kExp, c.exp)
		b.s("</ExpDate><Currency>", g.pick(currency), "</Currency></Auth>")
	},
	func(g *Generator, b *bld) {
		c := g.card()
		e := g.pick(xmlElems)
		b.s("<soap:Body><Pay><", e, ">")
		b.v(kPAN, g.write(c.digits))
		b.s("</", e, "><CVV2>")
		b.v(kCVV, c.cvv)
		b.s("</CVV2><MCC>", g.pick(mccs), "</MCC></Pay></soap:Body>")
	},
	// 8/9 form-encoded and URL query
	func(g *Generator, b *bld) {
		c := g.card()
		n := g.neg()
		b.s(g.head(), "POST /v2/pay body=merchant=", g.id()[:8], "&", g.pick(panFields), "=")
		b.v(kPAN, g.write(c.digits, "", "-", "", "-"))
		b.s("&", g.pick(cvvFields), "=")
		b.v(kCVV, c.cvv)
		b.s("&", n.key, "=", n.val(g))
	},
	func(g *Generator, b *bld) {
		c := g.card()
		n := g.neg()
		b.s(`GET https://`, g.pick(hosts), `/api/cards/check?`, n.key, "=", n.val(g), "&", g.pick(panFields), "=")
		b.v(kPAN, g.write(c.digits, "", "-", "", "."))
		b.s("&lang=ru HTTP/1.1 ", fixed("200", "402", "400")(g))
	},
	// 10/11 CSV/TSV/pipe with header
	func(g *Generator, b *bld) {
		c := g.card()
		b.s(g.head(), "csv import header=pan,exp,cvv,amount row=")
		b.v(kPAN, g.write(c.digits, "", " ", "-"))
		b.s(",")
		b.v(kExp, c.exp)
		b.s(",")
		b.v(kCVV, c.cvv)
		b.s(",", fmt.Sprint(g.in(100, 99999)), ".00")
	},
	func(g *Generator, b *bld) {
		c := g.card()
		b.s("export header=card_no|valid_thru|cvc2|ccy data=")
		b.v(kPAN, g.write(c.digits, "", " ", "."))
		b.s("|")
		b.v(kExp, c.exp)
		b.s("|")
		b.v(kCVV, c.cvv)
		b.s("|", g.pick(currency))
	},
	// 12/13 rows without header
	func(g *Generator, b *bld) {
		c := g.card()
		b.s(g.id()[:10], ",", g.ts(), ",")
		b.v(kPAN, g.write(c.digits, "", " ", "-", nbsp))
		b.s(",")
		b.v(kExp, c.exp)
		b.s(",", g.pick(currency), ",", fmt.Sprint(g.in(1, 9999)), ".50")
	},
	func(g *Generator, b *bld) {
		c := g.card()
		b.s(g.id()[:8], "\t")
		b.v(kPAN, g.write(c.digits, "", " ", "."))
		b.s("\t")
		b.v(kExp, c.exp)
		b.s("\t", g.pick(mccs), "\t", fixed("APPROVED", "DECLINED")(g))
	},
	// 14/15 key=value
	func(g *Generator, b *bld) {
		c := g.card()
		n := g.neg()
		b.s(g.head(), "card bind ", g.pick(panFields), "=")
		b.v(kPAN, g.write(c.digits, "", "-", "."))
		b.s(" ", g.pick(expFields), "=")
		b.v(kExp, c.exp)
		b.s(" ", n.key, "=", n.val(g))
	},
	func(g *Generator, b *bld) {
		c := g.card()
		n := g.neg()
		b.s("time=", g.ts(), " level=", strings.ToLower(g.pick(levels)), " msg=\"charge\" ", g.pick(panFields), "=\"")
		b.v(kPAN, g.write(c.digits))
		b.s("\" ", g.pick(cvvFields), "=")
		b.v(kCVV, c.cvv)
		b.s(" ", n.key, "=", n.val(g), " ", g.pick(expFields), "=")
		b.v(kExp, c.exp)
	},
	// 16/17 SQL
	func(g *Generator, b *bld) {
		c := g.card()
		b.s("INSERT INTO ", g.pick(tables), " (id, pan, exp, mcc) VALUES (", fmt.Sprint(g.in(1000, 999999)), ", '")
		b.v(kPAN, g.write(c.digits, "", "", " "))
		b.s("', '")
		b.v(kExp, c.exp)
		b.s("', ", g.pick(mccs), ");")
	},
	func(g *Generator, b *bld) {
		c := g.card()
		b.s(g.head(), "slow query 1", fmt.Sprint(g.in(100, 999)), "ms: UPDATE ", g.pick(tables), " SET status='", fixed("blocked", "active")(g), "' WHERE card_number = '")
		b.v(kPAN, g.write(c.digits, "", "-"))
		b.s("' AND batch = ", g.digits(3))
	},
	// 18/19 exceptions and stack traces
	func(g *Generator, b *bld) {
		c := g.card()
		f := g.pick(javaFiles)
		b.s(g.pick(exClasses), ": invalid card number ")
		b.v(kPAN, g.write(c.digits))
		b.s(" at kz.pay.card.", f, ".validate(", f, ".java:", fmt.Sprint(g.in(100, 999)), ") at kz.pay.api.Handler.handle(Handler.java:", fmt.Sprint(g.in(10, 999)), ")")
	},
	func(g *Generator, b *bld) {
		c := g.card()
		b.s(`Traceback (most recent call last): File "/srv/app/cards.py", line `, fmt.Sprint(g.in(100, 999)), `, in charge; `, g.pick(exClasses), `: card '`)
		b.v(kPAN, g.write(c.digits))
		b.s(`' rejected by issuer, cvv `)
		b.v(kCVV, c.cvv)
	},
	// 20/21 support chats in JSON with quoted free text
	func(g *Generator, b *bld) {
		c := g.card()
		l := g.lang()
		b.s(`{"ticket":"`, g.id()[:8], `","channel":"chat","text":"Клиент пишет: \"`)
		switch l {
		case 0:
			b.s("не проходит оплата, ", g.pick(panLabRu), " ")
			b.v(kPAN, g.write(c.digits))
			b.s(", ", g.expLabel(0), " ")
			b.v(kExp, c.exp)
		case 1:
			b.s("төлем өтпей жатыр, ", g.pick(panLabKk), " ")
			b.v(kPAN, g.write(c.digits))
			b.s(", ", g.expLabel(1), " ")
			b.v(kExp, c.exp)
		default:
			b.s("payment keeps failing, my ", g.pick(panLabEn), " is ")
			b.v(kPAN, g.write(c.digits))
			b.s(", ", g.expLabel(2), " ")
			b.v(kExp, c.exp)
		}
		b.s(`\""}`)
	},
	func(g *Generator, b *bld) {
		c := g.card()
		l := g.lang()
		b.s(`{"conversation":"`, g.id()[:8], `","from":"customer","body":"`)
		switch l {
		case 0:
			b.s("Здравствуйте! Вот данные: ")
			b.v(kPAN, g.write(c.digits))
			b.s(" ", g.cvvLabel(0), " ")
			b.v(kCVV, c.cvv)
			b.s(", спишите пожалуйста")
		case 1:
			b.s("Сәлеметсіз бе, деректер: ")
			b.v(kPAN, g.write(c.digits))
			b.s(" ", g.cvvLabel(1), " ")
			b.v(kCVV, c.cvv)
			b.s(", тексеріңізші")
		default:
			b.s("Hi, here it is: ")
			b.v(kPAN, g.write(c.digits))
			b.s(" ", g.cvvLabel(2), " ")
			b.v(kCVV, c.cvv)
			b.s(" thanks")
		}
		b.s(`","lang":"`, []string{"ru", "kk", "en"}[l], `"}`)
	},
	// 22/23 plain text after labels
	func(g *Generator, b *bld) {
		c := g.card()
		l := g.lang()
		b.s(g.head(), g.panLabel(l), ": ")
		b.v(kPAN, g.write(c.digits))
		b.s(" ", g.expLabel(l), ": ")
		b.v(kExp, c.exp)
		b.s(" ", g.cvvLabel(l), ": ")
		b.v(kCVV, c.cvv)
	},
	func(g *Generator, b *bld) {
		c := g.card()
		l := g.lang()
		b.s(g.head(), g.panLabel(l), " ")
		b.v(kPAN, g.write(c.digits))
		b.s(" (", g.expLabel(l), " ")
		b.v(kExp, c.exp)
		b.s(") ", g.negTextLine())
	},
	// 24/25 no label
	func(g *Generator, b *bld) {
		c := g.card()
		b.s(g.head(), "tokenize ")
		b.v(kPAN, g.write(c.digits))
		b.s(" -> tok_", g.id())
	},
	func(g *Generator, b *bld) {
		c := g.card()
		b.s(g.head(), "charge ", fmt.Sprint(g.in(100, 50000)), " KZT ")
		b.v(kPAN, g.write(c.digits))
		b.s(" ")
		b.v(kExp, c.exp)
		b.s(" ")
		b.v(kCVV, c.cvv)
		b.s(" -> ", fixed("approved", "declined")(g))
	},
}

func numOrStr(s string) string {
	if s == "" {
		return `""`
	}
	if s[0] == '0' && len(s) > 1 {
		return `"` + s + `"`
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return `"` + s + `"`
		}
	}
	return s
}

// negTmpls carry no personal data: code-shaped negatives, masked PANs,
// other dates near card words, plain operations lines.
var negTmpls = []tmpl{
	func(g *Generator, b *bld) {
		n, m := g.neg(), g.neg()
		b.s(`{"ts":"`, g.ts(), `","event":"`, g.pick(events), `","masked_pan":"`, g.maskedPAN(), `","`, n.key, `":"`, n.val(g), `","`, m.key, `":"`, m.val(g), `"}`)
	},
	func(g *Generator, b *bld) {
		n, m := g.neg(), g.neg()
		b.s(`{"card":{"last4":"`, g.digits(4), `","brand":"`, g.pick(netWords), `"},"`, n.key, `":`, numOrStr(n.val(g)), `,"`, m.key, `":`, numOrStr(m.val(g)), `}`)
	},
	func(g *Generator, b *bld) { b.s(g.head(), g.negTextLine()) },
	func(g *Generator, b *bld) { b.s(`{"ticket":"`, g.id()[:8], `","text":"`, g.negTextLine(), `"}`) },
	func(g *Generator, b *bld) {
		n := g.neg()
		b.s(g.head(), "card ", g.maskedPAN(), " ", n.key, "=", n.val(g), " issued ", fmt.Sprintf("%02d.%02d.20%02d", g.in(1, 28), g.in(1, 12), g.in(18, 25)))
	},
	func(g *Generator, b *bld) {
		n := g.neg()
		b.s(g.head(), "карта ", g.maskedPAN(), " выпущена ", fmt.Sprintf("20%02d-%02d-%02d", g.in(18, 25), g.in(1, 12), g.in(1, 28)), ", ", n.key, ": ", n.val(g))
	},
	func(g *Generator, b *bld) {
		f := g.pick(javaFiles)
		b.s(g.pick(exClasses), ": card token expired at kz.pay.card.", f, ".run(", f, ".java:", fmt.Sprint(g.in(100, 999)), ")")
	},
	func(g *Generator, b *bld) {
		b.s(g.head(), "connect card-gw.internal:", fixed("8443", "9443", "443")(g), " GET /v1/cards/", fmt.Sprint(g.in(100, 9999)), "/limits ", fixed("200", "404", "502")(g))
	},
	func(g *Generator, b *bld) {
		b.s("tx date ", fmt.Sprintf("%02d/%02d/2025", g.in(1, 28), g.in(1, 12)), " card payment ", fmt.Sprint(g.in(100, 99999)), " KZT mcc ", g.pick(mccs), " rrn ", g.digits(12))
	},
	func(g *Generator, b *bld) {
		b.s("карта бойынша төлем ", fmt.Sprintf("%02d.%02d.2025", g.in(1, 28), g.in(1, 12)), ", валюта ", g.pick(currency), ", терминал ", g.digits(4))
	},
	func(g *Generator, b *bld) {
		b.s(g.head(), "healthcheck ok latency=", fmt.Sprint(g.in(1, 400)), "ms pool=", fmt.Sprint(g.in(1, 64)))
	},
	func(g *Generator, b *bld) {
		b.s(`{"ts":"`, g.ts(), `","msg":"consumer lag","partition":`, fmt.Sprint(g.in(0, 31)), `,"lag":`, fmt.Sprint(g.in(0, 9999)), `}`)
	},
}
