package blindg

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tazala/tazala"
)

const (
	kIIN   = tazala.KindIIN
	kPhone = tazala.KindPhone
	kMail  = tazala.KindEmail
	kPAN   = tazala.KindPAN
	kExp   = tazala.KindExpiry
	kCVV   = tazala.KindCVV
	kName  = tazala.KindName
)

// nClean is the number of PII-free templates at the head of templates.
const nClean = 13

type tmpl func(g *Generator, b *builder)

var templates = []tmpl{
	// ---- PII-free operational lines ----
	cleanSettlement, cleanRouter, cleanMasked, cleanThreeDS, cleanNumbers,
	cleanKafka, cleanPayout, cleanDeploy, cleanDates, cleanMailIDs, cleanBadPhones,
	cleanCardMetrics, cleanPlaces,
	// ---- lines with personal data ----
	gwCardJSON, ruCardText, kkCardText, enCardText, kvCard, xmlCard, urlCard,
	csvCard, isoMsg, ruSupport, kkSupport, enSupport, formLine, profileJSON,
	mtaLine, transferLine, holderMasked, cvvAmongCodes, phoneText, wideCardJSON,
	cvvSpeech, panContainers,
}

func (g *Generator) otp() string { return g.digits(4 + 2*g.r.IntN(2)) }

func (g *Generator) amount() string {
	return strconv.Itoa(100+g.r.IntN(900000)) + "." + g.digits(2)
}

func cleanSettlement(g *Generator, b *builder) {
	rrn := g.notIIN()
	if g.r.IntN(3) == 0 {
		rrn = g.iin() // an RRN that happens to pass the IIN checks: still an RRN
	}
	b.s(`{"ts":"`, g.stamp(), `","svc":"settle-worker","batch":`, strconv.Itoa(1000+g.r.IntN(9000)),
		`,"rrn":"`, rrn, `","stan":"`, g.digits(6), `","mcc":"`, pick(g, []string{"5411", "5999", "4829", "6011", "5812"}),
		`","currency":"`, pick(g, []string{"398", "643", "840", "978"}), `","terminal_id":"T`, g.digits(7),
		`","merchant_bin":"`, g.bin(), `","approval_code":"`, g.authCode(), `","resp_code":"`,
		pick(g, []string{"00", "05", "51", "54", "91"}), `","cvv_result":"`, pick(g, []string{"M", "N", "P", "U"}),
		`","cards_in_batch":`, strconv.Itoa(1+g.r.IntN(400)), `,"port":8443}`)
}

func cleanRouter(g *Generator, b *builder) {
	b.s(g.stamp(), " INFO acq-router: card bin ", g.pan()[:6], " routed to host 10.12.", strconv.Itoa(g.r.IntN(255)), ".7:8583, cvc2 check=",
		pick(g, []string{"N (no match)", "M (match)", "P (not processed)", "S (should be present)"}),
		", cvv attempts ", strconv.Itoa(1+g.r.IntN(3)), " of 3, seq ", g.digits(3), ", retry in ", strconv.Itoa(30+g.r.IntN(200)), "s")
}

func cleanMasked(g *Generator, b *builder) {
	d := g.pan16()
	b.s(g.stamp(), " WARN chargeback-svc: dispute ", "CB-", g.digits(8), " opened, card ", g.masked(), " last4=", d[12:],
		" reason_code=", pick(g, []string{"10.4", "4837", "13.1", "4853"}), " amount=", g.amount(), " KZT")
}

func cleanThreeDS(g *Generator, b *builder) {
	b.s(`{"ts":"`, g.stamp(), `","component":"3ds-server","msg":"challenge sent","acs_trans_id":"`, g.uuid(),
		`","otp_len":6,"code":"`, g.otp(), `","eci":"0`, strconv.Itoa(1+g.r.IntN(7)), `","ares":"`, pick(g, []string{"Y", "C", "N"}),
		`","card_scheme":"`, pick(g, []string{"visa", "mastercard", "mir", "unionpay"}), `","attempt":`, strconv.Itoa(1+g.r.IntN(3)), `}`)
}

func cleanNumbers(g *Generator, b *builder) {
	switch g.r.IntN(3) {
	case 0:
		b.s("loyalty: account ", g.outOfRange(), " credited ", strconv.Itoa(10+g.r.IntN(900)), " points (card program Aqsha Plus)")
	case 1:
		b.s("order_id=", g.badLuhn(), " invoice=INV-", g.digits(10), " status=PAID ref=", g.notIIN(), g.digits(3))
	default:
		b.s("trace_id=", g.digits(8), g.iin(), " span=", g.hex(16), " duration_ms=", strconv.Itoa(g.r.IntN(5000)))
	}
}

func cleanKafka(g *Generator, b *builder) {
	b.s(g.stamp(), " consumer group scan-", strconv.Itoa(g.r.IntN(9)), " partition ", strconv.Itoa(g.r.IntN(64)), " offset ",
		g.digits(9), " lag 0 epoch_ms=", strconv.FormatInt(g.ts, 10), " build ", strconv.Itoa(1+g.r.IntN(3)), ".", strconv.Itoa(g.r.IntN(20)),
		".", strconv.Itoa(g.r.IntN(9)), " commit ", g.hex(40))
}

func cleanPayout(g *Generator, b *builder) {
	b.s("payout to ", pick(g, companies), " BIN ", g.bin(), " IBAN KZ", g.digits(2), "125KZT", g.digits(10), " amount ", g.amount(),
		" KZT, branch ", pick(g, streets), " ", strconv.Itoa(1+g.r.IntN(200)), ", ", pick(g, cities))
}

func cleanDeploy(g *Generator, b *builder) {
	b.s("deploy ", pick(g, products), " v", strconv.Itoa(1+g.r.IntN(5)), ".", strconv.Itoa(g.r.IntN(30)), " by ", pick(g, teams),
		": ", strconv.Itoa(2+g.r.IntN(9)), " card endpoints, card_limit=", strconv.Itoa(1+g.r.IntN(10)),
		", cvc_required=true, pin_len=4, timeout 30s; on call: ", pick(g, loneGiven))
}

func cleanDates(g *Generator, b *builder) {
	b.s("statement ", two(int64(1+g.r.IntN(28))), "/", two(int64(1+g.r.IntN(12))), "/2025 generated for merchant ", pick(g, companies),
		": installment ", strconv.Itoa(1+g.r.IntN(11)), "/12, MCC ", pick(g, []string{"6011", "5411", "5732"}),
		", currency 398, year 20", strconv.Itoa(26+g.r.IntN(5)), ", ", strconv.Itoa(g.r.IntN(300)), " cards reissued")
}

func cleanMailIDs(g *Generator, b *builder) {
	b.s("postfix/cleanup[", strconv.Itoa(1000+g.r.IntN(30000)), "]: ", strings.ToUpper(g.hex(10)), ": message-id=<",
		g.hex(12), ".", g.digits(6), "@mx", strconv.Itoa(1+g.r.IntN(4)), ".tulpar.internal> asset=logo@2x.png sender_handle=@tulpar_support")
}

func cleanBadPhones(g *Generator, b *builder) {
	b.s("ivr: call from +7 (", pick(g, []string{"123", "555", "012", "200"}), ") ", g.digits(3), "-", g.digits(2), "-", g.digits(2),
		" rejected (invalid range), otp ", g.otp(), " not sent, amount ", g.amount(), ", version 4.", strconv.Itoa(g.r.IntN(20)))
}

// ---- card templates ----

var cvvKeys = []string{"sec_code", "cvc2", "csc", "card_verif_value", "cvv2", "security_code", "cvn"}
var expKeys = []string{"valid_thru", "exp", "expiry", "good_thru", "exp_date", "srok"}
var panKeys = []string{"num", "pan", "number", "card_no", "account_number"}
var holderKeys = []string{"holder", "embossed_name", "cardholder_name", "name_on_card"}

// panText returns a PAN written for a text or JSON-string context and whether it is Amex.
func (g *Generator) panText(plain bool) (string, bool) {
	d := g.pan()
	return g.groupPAN(d, plain), strings.HasPrefix(d, "34") || strings.HasPrefix(d, "37")
}

func gwCardJSON(g *Generator, b *builder) {
	p, amex := g.panText(true)
	b.s(`{"ts":"`, g.stamp(), `","svc":"acq-gw","op":"purchase","card":{"`, pick(g, panKeys), `":`)
	if g.r.IntN(4) == 0 {
		d := strings.NewReplacer(" ", "", "-", "").Replace(p)
		b.v(kPAN, d)
	} else {
		b.js(kPAN, p)
	}
	b.s(`,"`, pick(g, expKeys), `":`).js(kExp, g.expiry())
	b.s(`,"`, pick(g, cvvKeys), `":`).js(kCVV, g.cvv(amex))
	if g.r.IntN(2) == 0 {
		b.s(`,"`, pick(g, holderKeys), `":`).js(kName, g.latinName())
	}
	b.s(`},"otp":"`, g.otp(), `","pin_tries":`, strconv.Itoa(g.r.IntN(3)), `,"three_ds":{"eci":"05","auth_code":"`, g.authCode(),
		`"},"resp":"00","mcc":"`, pick(g, []string{"5411", "5999", "4121"}), `","cur":"398","cvv_attempts":`, strconv.Itoa(1+g.r.IntN(3)),
		`,"amount":`, g.amount(), `}`)
}

func ruCardText(g *Generator, b *builder) {
	p, amex := g.panText(true)
	b.s(g.stamp(), " payform: клиент ввёл карту ").v(kPAN, p).s(pick(g, []string{", срок действия ", ", действует до ", ", срок "})).v(kExp, g.expiry())
	b.s(pick(g, []string{", код на обороте карты ", ", CVC2/CVV2: ", ", код безопасности ", ", трёхзначный код "})).v(kCVV, g.cvv(amex))
	b.s("; SMS-код ", g.otp(), " введён, PIN не запрашивался, MCC ", pick(g, []string{"5999", "5411"}), ", валюта 398, попытка ", strconv.Itoa(1+g.r.IntN(3)))
}

func kkCardText(g *Generator, b *builder) {
	p, amex := g.panText(true)
	b.s("төлем: карта нөмірі ").v(kPAN, p).s(pick(g, []string{", жарамдылық мерзімі ", ", қолданылу мерзімі ", ", мерзімі "})).v(kExp, g.expiry())
	b.s(pick(g, []string{", карта сыртындағы код ", ", CVV коды ", ", қауіпсіздік коды "})).v(kCVV, g.cvv(amex))
	b.s(". Бір реттік SMS-код: ", g.otp(), ", авторизация коды ", g.authCode(), ", жауап коды ", pick(g, []string{"00", "05", "51"}))
}

func enCardText(g *Generator, b *builder) {
	p, amex := g.panText(true)
	label := "CVV "
	if amex {
		label = pick(g, []string{"CID ", "4-digit CID "})
	} else {
		label = pick(g, []string{"CVV ", "CVC ", "security code ", "the 3 digits on the back "})
	}
	b.s("support call: customer read out card ").v(kPAN, p).s(pick(g, []string{", expires ", ", exp ", ", valid thru "})).v(kExp, g.expiry())
	b.s(", ", label).v(kCVV, g.cvv(amex))
	b.s("; approval code ", g.authCode(), ", response ", pick(g, []string{"05 do not honor", "51 insufficient funds", "00 approved"}),
		", stan ", g.digits(6), ", cvv result ", pick(g, []string{"M", "N"}))
}

func kvCard(g *Generator, b *builder) {
	p, amex := g.panText(true)
	b.s("ts=", g.stamp(), " level=debug svc=tokenizer pan=").v(kPAN, strings.ReplaceAll(p, " ", "")).s(" expdate=").v(kExp, g.expiry())
	b.s(" ", pick(g, []string{"cvc2", "cvv", "csc", "sec"}), "=").v(kCVV, g.cvv(amex))
	b.s(" otp=", g.otp(), " pin_retry=", strconv.Itoa(g.r.IntN(3)), " seq=", g.digits(3), " port=", pick(g, []string{"8583", "443", "9092"}), " year=20", strconv.Itoa(26+g.r.IntN(4)))
}

func xmlCard(g *Generator, b *builder) {
	p, amex := g.panText(true)
	b.s(`<AuthRequest><Card><Number>`).v(kPAN, p).s(`</Number><Expiry>`).v(kExp, g.expiry()).s(`</Expiry><SecurityCode>`).v(kCVV, g.cvv(amex)).s(`</SecurityCode>`)
	if g.r.IntN(2) == 0 {
		b.s(`<HolderName>`).v(kName, g.latinName()).s(`</HolderName>`)
	}
	b.s(`</Card><ThreeDS><Eci>05</Eci><Otp>`, g.otp(), `</Otp></ThreeDS><Mcc>5411</Mcc><Currency>398</Currency><Stan>`, g.digits(6), `</Stan></AuthRequest>`)
}

func urlCard(g *Generator, b *builder) {
	p, amex := g.panText(false)
	p = strings.ReplaceAll(p, " ", "-")
	b.s(`10.0.3.`, strconv.Itoa(g.r.IntN(255)), ` - - "POST /api/v2/pay/confirm?card_number=`).v(kPAN, p).s(`&cvc=`).v(kCVV, g.cvv(amex))
	b.s(`&otp=`, g.otp(), `&order=`, g.digits(10), ` HTTP/1.1" 200 `, strconv.Itoa(100+g.r.IntN(2000)))
}

func csvCard(g *Generator, b *builder) {
	d := g.pan()
	b.s("export row [date;pan;exp;holder;cur;mcc]: 2026-11-", two(int64(1+g.r.IntN(28))), ";").v(kPAN, d).s(";").v(kExp, g.expiry()).s(";").v(kName, g.latinName())
	b.s(";398;", pick(g, []string{"5411", "5999"}))
}

func isoMsg(g *Generator, b *builder) {
	b.s("iso8583 MTI=0100 DE2=").v(kPAN, g.pan()).s(" DE3=000000 DE4=", g.digits(12), " DE11=", g.digits(6), " DE37=", g.notIIN(),
		" DE38=", g.authCode(), " DE39=00 DE49=398 DE18=", pick(g, []string{"5411", "6011"}))
}

// ---- names, contacts, IINs ----

func ruSupport(g *Generator, b *builder) {
	n := g.name()
	b.s(`{"ticket":"T-`, g.digits(7), `","channel":"web","lang":"ru","body":"`)
	b.jt(pick(g, []string{"Здравствуйте! Меня зовут ", "Добрый день, пишет ", "Здравствуйте, это "})).jv(kName, n)
	b.jt(pick(g, []string{". Мой ИИН ", ". ИИН: ", ", ИИН "})).jv(kIIN, g.iin())
	b.jt(pick(g, []string{", телефон для связи ", ", мой номер ", ", звоните на "})).jv(kPhone, g.phone())
	if g.r.IntN(2) == 0 {
		b.jt(", почта ").jv(kMail, g.email())
	}
	b.jt(". Оплата в " + pick(g, companies) + " не проходит, код из SMS " + g.otp() + " не приходит.")
	if g.r.IntN(2) == 0 {
		b.jt(" С уважением, ").jv(kName, n)
	}
	b.s(`"}`)
}

func kkSupport(g *Generator, b *builder) {
	n := g.name()
	b.s(`{"ticket":"T-`, g.digits(7), `","channel":"app","lang":"kk","text":"`)
	b.jt(pick(g, []string{"Сәлеметсіз бе! Менің атым ", "Сәлеметсіз бе, мен ", "Қайырлы күн! Жазып отырған "})).jv(kName, n)
	b.jt(pick(g, []string{". ЖСН ", ", ЖСН: ", ". Менің ЖСН-ім "})).jv(kIIN, g.iin())
	b.jt(pick(g, []string{", байланыс телефоны ", ", телефон: "})).jv(kPhone, g.phone())
	b.jt(". Картамен төлем өтпей жатыр, " + pick(g, cities) + " қаласы.")
	if g.r.IntN(2) == 0 {
		b.jt(" Құрметпен, ").jv(kName, n)
	}
	b.s(`"}`)
}

func enSupport(g *Generator, b *builder) {
	n := g.name()
	b.s(g.stamp(), " helpdesk: ", pick(g, []string{"Hi team, my name is ", "Hello, this is ", "Dear support, I am "})).v(kName, n)
	b.s(" from ", pick(g, cities), ". Please call me at ").v(kPhone, g.phone()).s(" or write to ").v(kMail, g.email())
	b.s(". My card was declined at ", pick(g, companies), pick(g, []string{". Best regards, ", ". Kind regards, ", ". Thanks, "})).v(kName, n)
}

func formLine(g *Generator, b *builder) {
	if g.r.IntN(2) == 0 {
		b.s("form submit: ФИО=").v(kName, g.name()).s("; ИИН=").v(kIIN, g.iin()).s("; тел=").v(kPhone, g.phone()).s("; email=").v(kMail, g.email())
		b.s("; филиал=", pick(g, cities), "; менеджер=", pick(g, loneGiven))
	} else {
		b.s("Өтініш | Аты-жөні: ").v(kName, g.name()).s(" | ЖСН: ").v(kIIN, g.iin()).s(" | Тел.: ").v(kPhone, g.phone())
		b.s(" | Мекенжай: ", pick(g, streets), " ", strconv.Itoa(1+g.r.IntN(150)), ", ", pick(g, cities))
	}
}

func profileJSON(g *Generator, b *builder) {
	b.s(`{"event":"kyc.updated","client":{"full_name_kk":`).js(kName, g.name()).s(`,"iin_no":`)
	if g.r.IntN(3) == 0 {
		v := g.iin()
		for v[0] == '0' {
			v = g.iin()
		}
		b.v(kIIN, v)
	} else {
		b.js(kIIN, g.iin())
	}
	b.s(`,"mobile":`).js(kPhone, g.phone()).s(`,"mail":`).js(kMail, g.email())
	b.s(`,"employer":`).js(0, pick(g, companies)).s(`,"employer_bin":"`, g.bin(), `"},"manager":`).js(0, pick(g, loneGiven))
	b.s(`,"branch":`).js(0, pick(g, cities)).s(`,"team":`).js(0, pick(g, teams)).s(`}`)
}

func mtaLine(g *Generator, b *builder) {
	if g.r.IntN(2) == 0 {
		b.s("postfix/smtp[", strconv.Itoa(1000+g.r.IntN(30000)), "]: ", strings.ToUpper(g.hex(10)), ": to=<").v(kMail, g.email())
		b.s(">, relay=mx.", pick(g, []string{"mail.kz", "gmail.com", "yandex.ru"}), "[10.1.2.3]:25, delay=0.", g.digits(2), ", status=sent (250 ok)")
	} else {
		b.s("postfix/qmgr[", strconv.Itoa(1000+g.r.IntN(30000)), "]: ", strings.ToUpper(g.hex(10)), ": from=<").v(kMail, pick(g, []string{"noreply@tulparpay.kz", "billing@steppe-digital.com", "alerts@aqsha.kz"}))
		b.s(">, size=", strconv.Itoa(1000+g.r.IntN(90000)), ", nrcpt=1 (queue active)")
	}
}

func transferLine(g *Generator, b *builder) {
	b.s("p2p: ", pick(g, []string{"отправитель ", "плательщик "})).v(kName, g.name()).s(" (", pick(g, companies), "), ", pick(g, []string{"получатель ", "алушы "}))
	b.v(kName, g.name()).s(", сумма ", g.amount(), " KZT, адрес отделения: ", pick(g, streets), ", ", pick(g, cities), ", продукт ", pick(g, products))
}

func holderMasked(g *Generator, b *builder) {
	b.s("card on file: ", pick(g, []string{"cardholder ", "держатель "})).v(kName, g.latinName()).s(", card ", g.masked(), pick(g, []string{", exp ", ", срок "})).v(kExp, g.expiry())
	b.s(", token tok_", g.hex(24), ", bin ", g.pan()[:6], ", last4 ", g.digits(4))
}

func cvvAmongCodes(g *Generator, b *builder) {
	b.s(`{"event":"auth_request","card_ref":"tok_`, g.hex(20), `","`, pick(g, []string{"cvv2", "cvc", "card_cvc", "cvv_value"}), `":`).js(kCVV, g.cvv(false))
	b.s(`,"cvv2_result":"`, pick(g, []string{"M", "N", "P"}), `","otp_code":"`, g.otp(), `","pin_block":"`, strings.ToUpper(g.hex(16)),
		`","acs_code":"`, g.digits(6), `","auth_id":"`, g.authCode(), `","response_code":"`, pick(g, []string{"00", "05", "14"}),
		`","currency_numeric":"`, pick(g, []string{"398", "643", "840"}), `","seq_no":"`, g.digits(3), `","card_count":`, strconv.Itoa(1+g.r.IntN(5)), `}`)
}

func phoneText(g *Generator, b *builder) {
	switch g.r.IntN(3) {
	case 0:
		b.s("callback requested: ").v(kPhone, g.phone()).s(" (WhatsApp ").v(kPhone, g.phone()).s("), ticket ", g.digits(6), ", otp ", g.otp())
	case 1:
		b.s("Хабарлама: қоңырау шалыңыз ").v(kPhone, g.phone()).s(", жұмыс уақыты 09:00-18:00, ", pick(g, cities))
	default:
		b.s("смена номера: старый ").v(kPhone, g.phone()).s(", новый ").v(kPhone, g.phone()).s(", заявка №", g.digits(8))
	}
}

func wideCardJSON(g *Generator, b *builder) {
	var d string
	for {
		d = g.pan()
		if len(d) != 16 {
			break
		}
	}
	amex := strings.HasPrefix(d, "34") || strings.HasPrefix(d, "37")
	b.s(`{"type":"card.saved","wallet":{"pan_value":`)
	if g.r.IntN(2) == 0 {
		b.v(kPAN, d)
	} else {
		b.js(kPAN, g.groupPAN(d, true))
	}
	b.s(`,"exp_mm_yy":`).js(kExp, g.expiry()).s(fmt.Sprintf(`,"%s":`, pick(g, []string{"cid", "cvv", "card_code"}))).js(kCVV, g.cvv(amex))
	b.s(`,"network_currency":"840","installments":`, strconv.Itoa(3+g.r.IntN(10)), `}}`)
}

func cvvSpeech(g *Generator, b *builder) {
	c := g.cvv(false)
	switch g.r.IntN(3) {
	case 0:
		b.s(g.stamp(), " call-center: клиент продиктовал оператору ", pick(g, []string{"CVV ", "CVC-код ", "код CVV2 "})).v(kCVV, c)
		b.s(" и код из SMS ", g.otp(), ", номер обращения ", g.digits(7), ", ответ банка ", pick(g, []string{"05", "57"}))
	case 1:
		b.s("чат: клиент картасының ", pick(g, []string{"CVV кодын ", "CVC кодын "})).v(kCVV, c)
		b.s(" чатқа жазып жіберді, хабарлама жасырылды; PIN қате енгізілді ", strconv.Itoa(1+g.r.IntN(3)), " рет")
	default:
		b.s("fraud-rule R", g.digits(3), ": card security code ").v(kCVV, c)
		b.s(" entered ", strconv.Itoa(2+g.r.IntN(4)), " times from ip 10.4.", strconv.Itoa(g.r.IntN(255)), ".", strconv.Itoa(g.r.IntN(255)),
			", mcc ", pick(g, []string{"7995", "5816"}), ", 3ds version 2.2.0, auth code ", g.authCode())
	}
}

func panContainers(g *Generator, b *builder) {
	p, amex := g.panText(true)
	switch g.r.IntN(5) {
	case 0:
		b.s(`{"op":"wallet.sync","cards":[`).js(kPAN, p).s(`,"`, g.masked(), `"],"count":2,"bin":"`, g.pan()[:6], `"}`)
	case 1:
		b.s("payment:\\n  pan: ").v(kPAN, p).s("\\n  exp: ").v(kExp, g.expiry()).s("\\n  retries: ", strconv.Itoa(g.r.IntN(4)))
	case 2:
		b.s("sql: INSERT INTO cards_tmp(pan, exp, cvc, created) VALUES ('").v(kPAN, strings.ReplaceAll(p, " ", "")).s("', '").v(kExp, g.expiry())
		b.s("', '").v(kCVV, g.cvv(amex)).s("', ", strconv.FormatInt(g.ts/1000, 10), ")")
	case 3:
		b.s(`html: <input name="cc-number" value="`).v(kPAN, p).s(`"><input name="cc-exp" value="`).v(kExp, g.expiry())
		b.s(`"><input name="cc-csc" value="`).v(kCVV, g.cvv(amex)).s(`"><input name="otp" value="`, g.otp(), `">`)
	default:
		b.s("| card | valid | holder | mcc |\\n| ").v(kPAN, p).s(" | ").v(kExp, g.expiry()).s(" | ").v(kName, g.latinName()).s(" | 5411 |")
	}
}

func cleanCardMetrics(g *Generator, b *builder) {
	b.s(g.stamp(), " card-svc metrics: cards_active=", strconv.Itoa(100+g.r.IntN(900)), " ", pick(g, []string{"cvv_checks", "cvv_failures", "cvc_mismatch_total", "cvv2_declines"}), "=", strconv.Itoa(100+g.r.IntN(900)),
		" cvv_len=3 cid_len=4 pin_len=4 3ds_version=2.2.0 otp_ttl=", strconv.Itoa(60+g.r.IntN(300)), "s port=8583 card_issue_year=20",
		strconv.Itoa(18+g.r.IntN(7)), " member_since=", two(int64(1+g.r.IntN(12))), "/", strconv.Itoa(15+g.r.IntN(8)),
		" mcc=", pick(g, []string{"5411", "5732", "4111"}), " currency=", pick(g, []string{"398", "643"}), " bin_table=v", strconv.Itoa(g.r.IntN(40)))
}

func cleanPlaces(g *Generator, b *builder) {
	switch g.r.IntN(3) {
	case 0:
		b.s("promo: Welcome to Green Valley Mall, Silk Way City and Almaty Arena; sponsor ", pick(g, companies), "; owner team ", pick(g, teams), "; cashback ", strconv.Itoa(1+g.r.IntN(9)), "%")
	case 1:
		b.s("акция: ТРЦ «Хан Шатыр» и «Мега Сильк Уэй», партнёр ", pick(g, companies), ", адрес ", pick(g, streets), " ", strconv.Itoa(1+g.r.IntN(99)), ", ", pick(g, cities), "; продукт ", pick(g, products))
	default:
		b.s("жаңа филиал: ", pick(g, streets), ", ", pick(g, cities), ", Астана Арена жанында; серіктес ", pick(g, companies), "; жауапты: ", pick(g, loneGiven))
	}
}
