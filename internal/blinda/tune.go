package blinda

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tazala/tazala"
)

// Tune's vocabulary. Nothing here appears in heldVocab.
var tuneVocab = &vocab{
	maleGiven:   []string{"Айдар", "Ерлан", "Нурлан", "Данияр", "Арман", "Болат", "Иван", "Сергей", "Алексей", "Тимур", "Руслан", "Бауыржан"},
	femaleGiven: []string{"Айгерим", "Динара", "Асель", "Жанар", "Гульнара", "Мадина", "Елена", "Ольга", "Анна", "Сауле", "Алия", "Камила"},
	surnames:    []string{"Нурланов", "Жумабаев", "Сейтказиев", "Ахметов", "Касымов", "Есенов", "Иванов", "Петров", "Смирнов", "Кузнецов", "Омаров", "Тулегенов", "Бекмухамбетов", "Сарсенбаев"},
	patronymics: [][2]string{{"Серикович", "Сериковна"}, {"Маратович", "Маратовна"}, {"Болатович", "Болатовна"}, {"Нурланович", "Нурлановна"}, {"Кайратович", "Кайратовна"}, {"Александрович", "Александровна"}, {"Серікұлы", "Серікқызы"}, {"Қайратұлы", "Қайратқызы"}},
	latMale:     []string{"AIDAR", "ERLAN", "NURLAN", "DANIYAR", "ARMAN", "BOLAT", "IVAN", "SERGEY", "TIMUR", "RUSLAN"},
	latFemale:   []string{"AIGERIM", "DINARA", "ASSEL", "ZHANAR", "GULNARA", "MADINA", "ELENA", "OLGA", "SAULE", "ALIYA"},
	latSurnames: []string{"NURLANOV", "ZHUMABAYEV", "SEITKAZIYEV", "AKHMETOV", "KASSYMOV", "YESSENOV", "IVANOV", "PETROV", "OMAROV", "TULEGENOV"},
	mailDomains: []string{"gmail.com", "mail.ru", "mail.kz", "inbox.kz", "yandex.kz", "outlook.com", "proton.me", "post.example-bank.kz", "corp.almaty-logistics.kz", "xn--80aswg.xn--p1ai", "xn--e1afmkfd.xn--p1ai", "пример.рф", "kaznu.edu.kz", "freedom-tech.co.uk"},
	mailLocal:   []string{"g.s", "gs", "i.s", "g_s", "g.s+t", "sn", "g-s", "g.s.n", "s.g"},
	expFormats:  []string{"MM/YY", "MM/YY", "MM/YYYY", "MM-YY", "MM / YY"},
	expLabels: map[string][]string{
		"ru": {"срок действия", "срок", "ср. действия"},
		"kk": {"жарамдылық мерзімі", "жарамды мерзімі"},
		"en": {"expiry", "exp", "expiration date"},
	},
	cvvLabels: map[string][]string{
		"ru": {"код CVV", "CVC-код", "трёхзначный код"},
		"kk": {"CVV коды", "CVC-коды"},
		"en": {"CVV", "cvc2", "CVV2/CVC2", "card verification code"},
	},
	phoneLayouts: []string{
		"+7 XXX XXX XX XX", "+7XXXXXXXXXX", "8 (XXX) XXX-XX-XX", "8-XXX-XXX-XX-XX", "+7 (XXX) XXX-XX-XX", "8 XXX XXX XX XX",
	},
	intlRegions: []string{"DE", "GB", "US", "TR", "CN", "UZ", "FR", "IN", "KG"},
	testPANs: []string{
		"4111111111111111", "4242424242424242", "4012888888881881", "4222222222222", "4917610000000000003",
		"5555555555554444", "5105105105105100", "2223003122003222", "5425233430109903",
		"378282246310005", "371449635398431", "340000000000009",
		"6011111111111117", "6011981111111113", "3566002020360505", "3569990010095841",
		"30569309025904", "38520000023237", "6200000000000005", "6243030000000001",
		"6759649826438453", "6304000000000000", "2200000000000004",
	},
	panSeps:   []string{" ", " ", "-"},
	companies: []string{"ТОО «Дала Трейд»", "Astana Coffee Lab", "Nomad Fitness LLP", "АО «Жетысу Энерго»", "SkyMall Almaty", "Green Market"},
}

var tuneTemplates = []template{
	{"iso8583-named", tIso8583},
	{"3ds2-areq", t3DS2},
	{"tokenizer", tTokenizer},
	{"webhook-snake", tWebhookSnake},
	{"gateway-kebab", tGatewayKebab},
	{"nginx-query", tNginxQuery},
	{"java-tostring", tJavaToString},
	{"go-struct", tGoStruct},
	{"sql-insert", tSQLInsert},
	{"csv-semicolon", tCSVSemicolon},
	{"soap", tSOAP},
	{"yaml-flow", tYAMLFlow},
	{"note-ru", tNoteRU},
	{"note-kk", tNoteKK},
	{"note-en", tNoteEN},
	{"qa-vectors", tQAVectors},
	{"kyc", tKYC},
	{"notify", tNotify},
	{"sms-gw", tSMS},
	{"graphql", tGraphQL},
	{"proto-text", tProtoText},
	{"dotnet-anon", tDotNet},
	{"php-print-r", tPHPPrintR},
	{"ecs-json", tECS},
	{"note-free-ru", tNoteFreeRU},
}

var tuneNegatives = []template{
	{"neg-nginx", tnNginx},
	{"neg-kafka", tnKafka},
	{"neg-iso-resp", tnIsoResp},
	{"neg-metrics", tnMetrics},
	{"neg-app-event", tnAppEvent},
	{"neg-settlement", tnSettlement},
	{"neg-java-trace", tnJavaTrace},
	{"neg-mail", tnMail},
	{"neg-placeholder", tnPlaceholder},
	{"neg-operator", tnOperator},
}

func logTS(g *Generator) string {
	return fmt.Sprintf("2025-%02d-%02d %s.%03d", 1+g.intn(12), 1+g.intn(28), g.clock(), g.intn(1000))
}

func tIso8583(g *Generator, b *builder) {
	c := g.card()
	mti := g.pick([]string{"0100", "0200", "0120"})
	b.s(logTS(g), " INFO  [acq-switch-", fmt.Sprint(1+g.intn(4)), "] ISO8583 MTI=", mti, " PAN=").p(tazala.KindPAN, c.pan)
	b.s(" procCode=000000 amount=", fmt.Sprintf("%012d", 100*(1+g.intn(90000))), " STAN=", g.stan(), " localTime=", strings.ReplaceAll(g.clock(), ":", ""))
	if g.chance(0.7) {
		b.s(" expiry=").p(tazala.KindExpiry, g.exp())
	}
	b.s(" posEntry=0", g.pick([]string{"51", "71", "10", "12"}), " MCC=", g.mcc(), " RRN=", g.rrn(), " TID=", g.tid(), " MID=", g.mid(), " currency=398")
	if g.chance(0.4) {
		b.s(" cardholder=\"").p(tazala.KindName, g.lat(g.person())).s("\"")
	}
	if g.chance(0.3) {
		b.s(" cvv2Result=M")
	}
}

func t3DS2(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s(logTS(g), " 3ds-server AReq->DS messageVersion=2.2.0 threeDSServerTransID=", g.uuid(), " acctNumber=").p(tazala.KindPAN, c.pan)
	b.s(" cardholderName=\"").p(tazala.KindName, g.lat(p)).s("\"")
	if g.chance(0.7) {
		b.s(" email=").p(tazala.KindEmail, g.email(p))
	}
	if g.chance(0.5) {
		b.s(" mobilePhone=").p(tazala.KindPhone, g.anyPhone())
	}
	b.s(" purchaseAmount=", g.minor(), " purchaseCurrency=398 purchaseExponent=2 mcc=", g.mcc(), " merchantName=\"", g.pick(g.v.companies), "\"")
	b.s(" deviceChannel=02 browserIP=", g.ip())
}

func tTokenizer(g *Generator, b *builder) {
	c := g.card()
	op := g.pick([]string{"tokenize", "tokenize", "update"})
	b.s("[vault-tokenizer] ", g.ts(), " op=", op, " req_id=", g.uuid(), " pan=").p(tazala.KindPAN, g.fmtPAN(c.pan))
	if g.chance(0.8) {
		b.s(" exp=").p(tazala.KindExpiry, g.exp())
	}
	b.s(" -> token=tok_", hex(g, 24), " bin=", c.pan[:6], " last4=", c.pan[len(c.pan)-4:], " network=", c.network, " took=", fmt.Sprint(2+g.intn(80)), "ms")
	if g.chance(0.3) {
		b.s(" previous=").s(g.masked(c.pan))
	}
}

func tWebhookSnake(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	st := jstyle{esc: escUTF8}
	if g.chance(0.5) {
		st = jstyle{esc: escASCII, spaced: true}
	}
	billing := obj{
		{"address", obj{{"city", "Almaty"}, {"country", "KZ"}, {"line1", "пр. Абая " + fmt.Sprint(1+g.intn(200))}, {"postal_code", "0500" + g.digits(2)}}},
		{"email", pstr{tazala.KindEmail, g.email(p)}},
		{"name", pstr{tazala.KindName, g.name(p)}},
	}
	if g.chance(0.6) {
		billing = append(billing, kv{"phone", pstr{tazala.KindPhone, g.anyPhone()}})
	} else {
		billing = append(billing, kv{"phone", nil})
	}
	cardObj := obj{{"brand", c.network}, {"country", "KZ"}, {"last4", c.pan[len(c.pan)-4:]}, {"funding", "debit"},
		{"checks", obj{{"cvc_check", "pass"}, {"address_line1_check", nil}}}, {"fingerprint", hex(g, 16)}}
	meta := obj{{"order_id", "ord_" + g.alnum(10)}}
	if g.chance(0.5) {
		meta = append(meta, kv{"iin", pstr{tazala.KindIIN, g.iin()}})
	}
	if g.chance(0.3) {
		meta = append(meta, kv{"employer_bin", g.bin()})
	}
	o := obj{
		{"id", "evt_" + g.alnum(24)}, {"object", "event"}, {"api_version", "2024-06-20"}, {"created", num(g.epoch())},
		{"data", obj{{"object", obj{
			{"id", "ch_" + g.alnum(24)}, {"amount", num(g.minor())}, {"currency", "kzt"},
			{"billing_details", billing},
			{"payment_method_details", obj{{"card", cardObj}, {"type", "card"}}},
			{"metadata", meta},
			{"refunds", arr{}},
		}}}},
		{"livemode", false}, {"pending_webhooks", 1}, {"type", "charge.succeeded"},
	}
	b.doc(o, st)
}

func tGatewayKebab(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	var iin any = pstr{tazala.KindIIN, g.iin()}
	if g.chance(0.5) {
		iin = pnum{tazala.KindIIN, g.iinNum()}
	}
	var pan any = pstr{tazala.KindPAN, g.fmtPAN(c.pan)}
	if g.chance(0.3) {
		pan = pnum{tazala.KindPAN, c.pan}
	}
	var cvv any = pstr{tazala.KindCVV, g.cvv(c)}
	if g.chance(0.3) && c.network != "amex" {
		cvv = pnum{tazala.KindCVV, g.cvvNum()}
	}
	contacts := arr{obj{{"kind", "phone"}, {"value", pstr{tazala.KindPhone, g.anyPhone()}}, {"verified", true}}}
	if g.chance(0.3) {
		contacts = append(contacts, obj{{"kind", "msisdn"}, {"value", pnum{tazala.KindPhone, "7" + g.national()}}})
	}
	if g.chance(0.7) {
		contacts = append(contacts, obj{{"kind", "email"}, {"value", pstr{tazala.KindEmail, g.email(p)}}, {"verified", false}})
	}
	o := obj{
		{"request-id", g.uuid()},
		{"payer", obj{{"full-name", pstr{tazala.KindName, g.cyr(p)}}, {"iin", iin}, {"contacts", contacts}}},
		{"card", obj{{"card-number", pan}, {"expiry-date", pstr{tazala.KindExpiry, g.exp()}}, {"security-code", cvv}}},
		{"amount", obj{{"value", num(g.amount())}, {"currency", "KZT"}}},
		{"installments", obj{{"count", 3 * (1 + g.intn(4))}, {"ratio", num("0.0" + fmt.Sprint(1+g.intn(9)))}}},
		{"terminal-id", g.tid()},
	}
	if g.chance(0.04) {
		// a sloppy producer: an IIN with its leading zero as a number
		b.json = false
		s := g.iin()
		for s[0] != '0' {
			s = g.iin()
		}
		o[1].v.(obj)[1].v = pnum{tazala.KindIIN, s}
	}
	b.doc(o, jstyle{esc: escUTF8})
}

// qenc URL-encodes a query value half of the time (clients that do not
// encode, or a log that writes the decoded query, give the raw value).
func qenc(g *Generator, s string) string {
	if g.chance(0.5) {
		return url.QueryEscape(s)
	}
	return s
}

func tNginxQuery(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s(g.ip(), " - - [04/Mar/2025:", g.clock(), " +0500] \"GET /api/v2/checkout/confirm?order_id=ORD-", g.digits(8))
	switch g.intn(3) {
	case 0:
		b.s("&pan=").p(tazala.KindPAN, c.pan).s("&exp=").p(tazala.KindExpiry, qenc(g, strings.ReplaceAll(g.exp(), " ", "")))
	case 1:
		b.s("&email=").p(tazala.KindEmail, qenc(g, g.email(p)))
	default:
		b.s("&phone=").p(tazala.KindPhone, qenc(g, "+7"+g.national()))
	}
	if g.chance(0.5) {
		b.s("&lang=ru&amount=", g.amount())
	}
	b.s(" HTTP/1.1\" ", g.pick([]string{"200", "302", "400"}), " ", fmt.Sprint(200+g.intn(4000)), " \"-\" \"", g.pick([]string{"okhttp/4.12.0", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)", "Dart/3.3 (dart:io)"}), "\" rt=0.", g.digits(3), " uct=0.00", g.digits(1))
}

func tJavaToString(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s(logTS(g)[:23], " ERROR [http-nio-8080-exec-", fmt.Sprint(1+g.intn(20)), "] k.p.gateway.CardService - Authorization failed for PaymentRequest(orderId=", g.alnum(12), ", amount=", g.amount(), ", card=Card{number=").p(tazala.KindPAN, c.pan)
	b.s(", expiry=").p(tazala.KindExpiry, g.exp())
	if g.chance(0.5) {
		b.s(", cvc=").p(tazala.KindCVV, g.cvv(c))
	}
	b.s(", holder='").p(tazala.KindName, g.lat(p)).s("'}")
	if g.chance(0.6) {
		b.s(", customer=Customer{id=", fmt.Sprint(g.intn(900000)), ", email=").p(tazala.KindEmail, g.email(p)).s(", phone=").p(tazala.KindPhone, g.anyPhone()).s("}")
	}
	b.s(") java.net.SocketTimeoutException: Read timed out at k.p.gateway.IssuerClient.send(IssuerClient.java:", fmt.Sprint(80+g.intn(200)), ")")
}

func tGoStruct(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("time=", g.ts(), " level=ERROR msg=\"charge failed\" err=\"issuer: 05 do not honor\" req=&{ID:ord_", g.alnum(8), " Card:{Number:").p(tazala.KindPAN, c.pan)
	b.s(" Exp:").p(tazala.KindExpiry, g.exp())
	if g.chance(0.6) {
		b.s(" CVC:").p(tazala.KindCVV, g.cvv(c))
	}
	b.s(" Holder:").p(tazala.KindName, g.lat(p)).s("} Contact:{Email:").p(tazala.KindEmail, g.email(p))
	b.s(" Phone:").p(tazala.KindPhone, g.phone()).s("} AmountMinor:", g.minor(), " Attempt:", fmt.Sprint(1+g.intn(3)), "}")
}

func tSQLInsert(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("INSERT INTO card_vault.cards VALUES (", fmt.Sprint(10000+g.intn(90000)), ", '", g.ts()[:19], "', '").p(tazala.KindPAN, c.pan).s("', '")
	b.p(tazala.KindExpiry, g.exp()).s("', '").p(tazala.KindName, g.name(p)).s("', '").p(tazala.KindIIN, g.iin()).s("', ")
	if g.chance(0.5) {
		b.s("'").p(tazala.KindPhone, g.phone()).s("'")
	} else {
		b.s("NULL")
	}
	b.s(", 'ACTIVE', ", fmt.Sprint(g.intn(5)), ");")
}

func tCSVSemicolon(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s(g.ts()[:10], ";ORD-", g.digits(9), ";").p(tazala.KindPAN, g.fmtPAN(c.pan)).s(";").p(tazala.KindExpiry, g.exp()).s(";")
	if g.chance(0.5) {
		b.p(tazala.KindCVV, g.cvv(c)).s(";")
	}
	b.p(tazala.KindName, g.lat(p)).s(";", g.amount(), ";KZT;", g.pick([]string{"APPROVED", "DECLINED", "REVERSED"}), ";", g.rrn(), ";", g.auth())
}

func tSOAP(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s(logTS(g), " DEBUG soap-client >> <soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns2=\"urn:pay:v3\"><soapenv:Body><ns2:PaymentRequest><ns2:OrderId>", g.alnum(10), "</ns2:OrderId><ns2:CardNumber>")
	b.p(tazala.KindPAN, c.pan).s("</ns2:CardNumber><ns2:ExpiryDate>").p(tazala.KindExpiry, g.exp()).s("</ns2:ExpiryDate>")
	if g.chance(0.5) {
		b.s("<ns2:CVV2>").p(tazala.KindCVV, g.cvv(c)).s("</ns2:CVV2>")
	}
	b.s("<ns2:Payer><ns2:FullName>").p(tazala.KindName, g.cyr(p)).s("</ns2:FullName><ns2:IIN>").p(tazala.KindIIN, g.iin()).s("</ns2:IIN>")
	if g.chance(0.6) {
		b.s("<ns2:Email>").p(tazala.KindEmail, g.email(p)).s("</ns2:Email>")
	}
	b.s("</ns2:Payer><ns2:Amount currency=\"KZT\">", g.amount(), "</ns2:Amount></ns2:PaymentRequest></soapenv:Body></soapenv:Envelope>")
}

func tYAMLFlow(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("customer: {name: ").p(tazala.KindName, g.name(p)).s(", phone: \"").p(tazala.KindPhone, g.anyPhone()).s("\", iin: ").p(tazala.KindIIN, g.iin())
	if g.chance(0.5) {
		b.s(", email: ").p(tazala.KindEmail, g.email(p))
	}
	b.s("}, card: {number: ").p(tazala.KindPAN, c.pan).s(", expiry: ").p(tazala.KindExpiry, g.exp()).s("}, order: {id: ", g.alnum(8), ", amount: ", g.amount(), "}")
}

func tNoteRU(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("[crm] ", g.ts()[:16], " оператор #", fmt.Sprint(100+g.intn(900)), ": ")
	switch g.intn(4) {
	case 0:
		b.s("клиент продиктовал номер карты ").p(tazala.KindPAN, g.fmtPAN(c.pan)).s(", ", g.expLabel("ru"), " ").p(tazala.KindExpiry, g.exp()).s(", просит перевыпуск.")
	case 1:
		b.s("звонил ").p(tazala.KindName, g.cyr(p)).s(", ИИН ").p(tazala.KindIIN, g.iin()).s(", просит вернуть платёж по заказу №", g.digits(7), ".")
	case 2:
		b.s("клиент назвал ", g.cvvLabelFor("ru", c), " ").p(tazala.KindCVV, g.cvv(c)).s(" по телефону, карту заблокировали. Перезвонить на ").p(tazala.KindPhone, g.phone()).s(".")
	default:
		b.s("ФИО: ").p(tazala.KindName, g.cyr(p)).s(", почта ").p(tazala.KindEmail, g.email(p)).s(", карта ", g.masked(c.pan), ", сумма ", g.amount(), " тг.")
	}
}

func tNoteKK(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("[crm] ", g.ts()[:16], " операторлық жазба: ")
	switch g.intn(3) {
	case 0:
		b.s("карта иесінің аты-жөні ").p(tazala.KindName, g.cyr(p)).s(", ЖСН ").p(tazala.KindIIN, g.iin()).s(".")
	case 1:
		b.s("клиент карта нөмірін айтты: ").p(tazala.KindPAN, g.fmtPAN(c.pan)).s(", ", g.expLabel("kk"), " ").p(tazala.KindExpiry, g.exp()).s(". Карта бұғатталды.")
	default:
		b.s("байланыс телефоны ").p(tazala.KindPhone, g.phone()).s(", электрондық пошта ").p(tazala.KindEmail, g.email(p)).s(", өтініш №", g.digits(6), ".")
	}
}

func tNoteEN(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("[support] ticket ", g.alnum(6), ": ")
	switch g.intn(3) {
	case 0:
		b.s("Customer ").p(tazala.KindName, g.lat(p)).s(" called from ").p(tazala.KindPhone, g.anyPhone()).s(" about a double charge of ", g.amount(), " KZT on card ending ", c.pan[len(c.pan)-4:], ".")
	case 1:
		b.s("cardholder read out the card number ").p(tazala.KindPAN, g.fmtPAN(c.pan)).s(" and ", g.expLabel("en"), " ").p(tazala.KindExpiry, g.exp()).s("; reissue requested.")
	default:
		b.s("confirmation sent to ").p(tazala.KindEmail, g.email(p)).s(", RRN ", g.rrn(), ", auth code ", g.auth(), ".")
	}
}

func tQAVectors(g *Generator, b *builder) {
	p := g.pick(g.v.testPANs)
	c := card{pan: p, network: networkOf(p)}
	b.s("--- PASS: TestCheckout/", c.network, "_", fmt.Sprint(len(p)), " (0.", g.digits(2), "s) card=").p(tazala.KindPAN, g.fmtPAN(p))
	b.s(" exp=").p(tazala.KindExpiry, g.exp()).s(" cvc=").p(tazala.KindCVV, g.cvv(c)).s(" 3ds=frictionless")
}

func tKYC(g *Generator, b *builder) {
	p := g.person()
	b.s(logTS(g), " kyc-svc verify iin=").p(tazala.KindIIN, g.iin())
	if g.chance(0.5) {
		b.s(" employer_bin=", g.bin())
	}
	b.s(" name=\"").p(tazala.KindName, g.cyr(p)).s("\" result=", g.pick([]string{"MATCH", "PARTIAL", "NO_MATCH"}), " score=0.", g.digits(2))
	if g.chance(0.3) {
		b.s(" request_no=", g.badIIN())
	}
}

func tNotify(g *Generator, b *builder) {
	p := g.person()
	b.s(logTS(g), " notify-svc receipt e-mailed from ").p(tazala.KindEmail, g.pick([]string{"noreply@dala-pay.kz", "receipts@pay.example-bank.kz"})).s(" to ").p(tazala.KindEmail, g.email(p)).s(" template=receipt_v3 msg_id=<", hex(g, 16), "@notify.internal> size=", fmt.Sprint(2000+g.intn(30000)))
}

func tSMS(g *Generator, b *builder) {
	b.s(logTS(g), " sms-gw submit_sm dst=").p(tazala.KindPhone, g.anyPhone()).s(" src=PAYKZ text=\"Kod podtverzhdeniya: ", g.digits(6), "\" msg_id=", hex(g, 12), " parts=1 status=ESME_ROK")
}

// ---- Tune negatives ----

func tnNginx(g *Generator, b *builder) {
	path := g.pick([]string{"/healthz", "/static/img/logo@2x.png", "/api/v2/orders/" + g.digits(9) + "/status", "/metrics", "/api/v2/terminals/" + g.tid()})
	b.s(g.ip(), " - - [04/Mar/2025:", g.clock(), " +0500] \"GET ", path, " HTTP/1.1\" 200 ", fmt.Sprint(100+g.intn(9000)), " \"-\" \"kube-probe/1.29\" rt=0.00", g.digits(1))
}

func tnKafka(g *Generator, b *builder) {
	b.s(logTS(g), " INFO  [consumer-payments-", fmt.Sprint(g.intn(8)), "] Committed offset=", g.pick([]string{"7", "8"}), g.digits(10), " partition=", fmt.Sprint(g.intn(32)), " topic=acq.auth lag=", fmt.Sprint(g.intn(5000)), " ts=", g.epochMs())
}

func tnIsoResp(g *Generator, b *builder) {
	c := g.card()
	b.s(logTS(g), " INFO  [acq-switch-1] ISO8583 MTI=0110 PAN=", g.masked(c.pan), " STAN=", g.stan(), " RRN=", g.rrn(), " authCode=", g.auth(), " respCode=", g.pick([]string{"00", "05", "51", "54", "91"}), " TID=", g.tid(), " MCC=", g.mcc(), " amount=", fmt.Sprintf("%012d", 100*(1+g.intn(90000))))
}

func tnMetrics(g *Generator, b *builder) {
	b.s("acq_auth_latency_seconds_bucket{issuer=\"", g.pick([]string{"halyk", "kaspi", "forte", "bcc"}), "\",le=\"0.", g.digits(2), "\"} ", fmt.Sprint(g.intn(90000000)), " ", g.epochMs())
}

func tnAppEvent(g *Generator, b *builder) {
	c := g.card()
	o := obj{{"event", "payment.captured"}, {"id", g.uuid()}, {"ts", num(g.epochMs())}, {"amount", num(g.amount())}, {"currency", "KZT"},
		{"card", obj{{"bin", c.pan[:6]}, {"last4", c.pan[len(c.pan)-4:]}, {"masked", g.masked(c.pan)}}},
		{"merchant", obj{{"mid", g.mid()}, {"mcc", g.mcc()}, {"name", g.pick(g.v.companies)}}}, {"attempt", 1 + g.intn(3)}}
	b.doc(o, jstyle{esc: escUTF8})
}

func tnSettlement(g *Generator, b *builder) {
	b.s("settlement batch=", g.digits(6), " date=", fmt.Sprintf("%02d/%02d/2025", 1+g.intn(28), 1+g.intn(12)), " count=", fmt.Sprint(g.intn(90000)), " total=", g.amount(), " KZT fee=", g.amount(), " merchant_bin=", g.bin(), " iban=", g.iban(), " ref=", g.notPAN(), " doc=", g.embeddedIIN())
}

func tnJavaTrace(g *Generator, b *builder) {
	b.s(logTS(g)[:23], " WARN  [pool-3-thread-", fmt.Sprint(g.intn(16)), "] k.p.gateway.RetryPolicy - attempt ", fmt.Sprint(1+g.intn(5)), "/5 failed: io.grpc.StatusRuntimeException: UNAVAILABLE at io.grpc.stub.ClientCalls.toStatusRuntimeException(ClientCalls.java:268) at k.p.IssuerGrpcClient.authorize(IssuerGrpcClient.java:", fmt.Sprint(40+g.intn(200)), ") traceId=", hex(g, 32))
}

func tnPlaceholder(g *Generator, b *builder) {
	b.s(logTS(g), " WARN  [profile-sync] skipped placeholder contact msisdn=+7 000 000 00 00 fax=+7 (100) 000-00-00 otp_len=6 build=", fmt.Sprint(g.intn(9)), ".", fmt.Sprint(g.intn(40)), ".", fmt.Sprint(g.intn(200)), " uptime_s=", fmt.Sprint(g.intn(9000000)))
}

func tnOperator(g *Generator, b *builder) {
	name := g.pick(g.v.femaleGiven)
	if g.chance(0.5) {
		name = g.pick(g.v.maleGiven)
	}
	b.s("[crm] ", g.ts()[:16], " оператор ", name, " закрыл(а) заявку №", g.digits(7), ", ответ отправлен в ", g.clock(), ", ts_us=", g.epochUs(), ", оценка 5/5.")
}

func tnMail(g *Generator, b *builder) {
	b.s(logTS(g), " notify-svc bounce message-id=<", hex(g, 12), ".", g.digits(6), "@mx", fmt.Sprint(g.intn(9)), ".relay.internal> from twitter handle @", g.pick([]string{"kaspi_help", "pay_support", "dala_shop"}), " asset=logo@2x.png retry=", fmt.Sprint(g.intn(5)))
}

func tGraphQL(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	in := obj{{"cardNumber", pstr{tazala.KindPAN, g.fmtPAN(c.pan)}}, {"expMonthYear", pstr{tazala.KindExpiry, g.exp()}}, {"holderName", pstr{tazala.KindName, g.lat(p)}}}
	if g.chance(0.4) {
		in = append(in, kv{"cvc", pstr{tazala.KindCVV, g.cvv(c)}})
	}
	if g.chance(0.5) {
		in = append(in, kv{"billingEmail", pstr{tazala.KindEmail, g.email(p)}})
	}
	o := obj{{"operationName", "AddCard"}, {"variables", obj{{"input", in}, {"clientMutationId", g.uuid()}}},
		{"query", "mutation AddCard($input: CardInput!) { addCard(input: $input) { id last4 brand } }"}}
	b.doc(o, jstyle{esc: escGo})
}

func tProtoText(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s(logTS(g), " DEBUG grpc issuer.v1.Cards/Enroll req=card:{number:\"").p(tazala.KindPAN, c.pan).s("\" expiry:\"").p(tazala.KindExpiry, g.exp()).s("\" holder:\"").p(tazala.KindName, g.name(p)).s("\"}")
	b.s(" customer:{phone:\"").p(tazala.KindPhone, g.anyPhone()).s("\"")
	if g.chance(0.5) {
		b.s(" iin:\"").p(tazala.KindIIN, g.iin()).s("\"")
	}
	b.s("} channel:MOBILE deadline_ms:", fmt.Sprint(500+g.intn(3000)))
}

func tDotNet(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("fail: Pay.Api.Controllers.CardsController[0] System.ComponentModel.DataAnnotations.ValidationException: Validation failed for { CardNumber = ").p(tazala.KindPAN, g.fmtPAN(c.pan))
	b.s(", ExpiryDate = ").p(tazala.KindExpiry, g.exp())
	if g.chance(0.5) {
		b.s(", Cvv = ").p(tazala.KindCVV, g.cvv(c))
	}
	b.s(", HolderName = ").p(tazala.KindName, g.lat(p)).s(", Email = ").p(tazala.KindEmail, g.email(p)).s(" } at Pay.Api.Validation.Ensure(Object model) in /src/Pay.Api/Validation.cs:line ", fmt.Sprint(10+g.intn(200)))
}

func tPHPPrintR(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("[", logTS(g)[:19], "] production.ERROR: gateway rejected Array ( [order_id] => ", g.digits(7), " [card_number] => ").p(tazala.KindPAN, c.pan).s(" [exp] => ").p(tazala.KindExpiry, g.exp())
	if g.chance(0.5) {
		b.s(" [cvv] => ").p(tazala.KindCVV, g.cvv(c))
	}
	b.s(" [holder] => ").p(tazala.KindName, g.name(p)).s(" [phone] => ").p(tazala.KindPhone, g.phone()).s(" [amount] => ", g.amount(), " [currency] => 398 )")
}

func tECS(g *Generator, b *builder) {
	p := g.person()
	user := obj{{"email", pstr{tazala.KindEmail, g.email(p)}}, {"full_name", pstr{tazala.KindName, g.name(p)}}, {"id", g.uuid()}}
	labels := obj{{"tenant", "kz-retail"}}
	if g.chance(0.6) {
		labels = append(labels, kv{"iin", pstr{tazala.KindIIN, g.iin()}})
	}
	if g.chance(0.5) {
		labels = append(labels, kv{"contact_phone", pstr{tazala.KindPhone, g.anyPhone()}})
	}
	o := obj{{"@timestamp", g.ts()}, {"log.level", "info"}, {"message", "profile updated"}, {"ecs.version", "8.11.0"},
		{"service.name", "profile-api"}, {"user", user}, {"labels", labels}, {"event.duration", num(g.ndigits(7))},
		{"trace.id", hex(g, 32)}, {"http.response.status_code", 200}}
	b.doc(o, jstyle{esc: escUTF8})
}

func tNoteFreeRU(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("[crm] ", g.ts()[:16], " заметка: ")
	switch g.intn(3) {
	case 0:
		who := "клиент "
		if p.female {
			who = "клиентка "
		}
		b.s(who).p(tazala.KindName, g.cyr(p)).s(" жалуется на двойное списание ", g.amount(), " тг, RRN ", g.rrn(), ", код авторизации ", g.auth(), ".")
	case 1:
		b.s("продиктовали: ").p(tazala.KindPAN, g.fmtPAN(c.pan)).s(" ").p(tazala.KindExpiry, g.exp()).s(" ").p(tazala.KindCVV, g.cvv(c)).s(" — данные не сохраняем, попросили перевыпуск.")
	default:
		b.s("новый номер клиента ").p(tazala.KindPhone, g.anyPhone()).s(", старый ", g.masked(c.pan), " закрыт ", fmt.Sprintf("%02d/%02d/2025", 1+g.intn(28), 1+g.intn(12)), ".")
	}
}
