package blindk

import (
	"fmt"

	"github.com/tazala/tazala"
)

const (
	kIIN  = tazala.KindIIN
	kPh   = tazala.KindPhone
	kMail = tazala.KindEmail
	kPAN  = tazala.KindPAN
	kExp  = tazala.KindExpiry
	kCVV  = tazala.KindCVV
	kName = tazala.KindName
)

type tmpl func(*Generator, *builder)

var piiTemplates = []tmpl{
	// SIM registration at a dealer point, JSON.
	func(g *Generator, b *builder) {
		p := g.person()
		b.s(`{"ts":"`, g.ts(), `","svc":"sim-registration","dealer_bin":"`, g.BIN(), `","subscriber":{"iin":"`)
		b.v(kIIN, g.IIN())
		b.s(`","full_name":"`)
		b.v(kName, p.cyr)
		b.s(`","msisdn":"`)
		b.v(kPh, g.Phone())
		b.s(`"},"iccid":"`, g.iccid(), `","tariff":"`, g.pick(tariffs), `","result":"REGISTERED"}`)
	},
	// SIM registration, plain log line.
	func(g *Generator, b *builder) {
		p := g.person()
		b.s(g.ts(), " INFO  simreg.dealer[", g.digits(4), "] регистрация SIM: ФИО: ")
		b.v(kName, p.cyr)
		b.s(", ИИН ")
		b.v(kIIN, g.IIN())
		b.s(", номер ")
		b.v(kPh, g.Phone())
		b.s(", ICCID ", g.iccid(), ", документ проверен")
	},
	// Mobile number portability request.
	func(g *Generator, b *builder) {
		b.s(g.ts(), " mnp-gw request_id=MNP-", g.digits(8), " donor=\"", g.pick(donors), "\" msisdn=")
		b.v(kPh, g.Phone())
		b.s(" owner_iin=")
		b.v(kIIN, g.IIN())
		b.s(" port_window=", fmt.Sprintf("%02d:00-%02d:00", g.r.IntN(4), 4+g.r.IntN(3)), " status=", g.pick([]string{"ACCEPTED", "PENDING_DONOR", "REJECTED_DEBT"}))
	},
	// Roaming support chat, Russian.
	func(g *Generator, b *builder) {
		p := g.person()
		b.s(`{"chat":"rm-`, g.digits(7), `","lang":"ru","from":"client","text":"Здравствуйте! Меня зовут `)
		b.v(kName, p.cyr)
		b.s(`. Я в Турции, на номере `)
		b.v(kPh, g.Phone())
		b.s(` не работает интернет в роуминге. Ответ пришлите на `)
		b.v(kMail, p.email)
		b.s(`","agent":"`, g.pick(givF), `"}`)
	},
	// Roaming support chat, Kazakh.
	func(g *Generator, b *builder) {
		p := g.person()
		b.s(`{"chat":"rm-`, g.digits(7), `","lang":"kk","from":"client","text":"Сәлеметсіз бе, менің атым `)
		b.v(kName, p.cyr)
		b.s(`. Роуминг қосылмады, нөмірім `)
		b.v(kPh, g.Phone())
		b.s(`, ЖСН `)
		b.v(kIIN, g.IIN())
		b.s(`. Рахмет!"}`)
	},
	// Roaming support chat, English.
	func(g *Generator, b *builder) {
		p := g.person()
		b.s(`{"chat":"rm-`, g.digits(7), `","lang":"en","from":"client","text":"Hello, my name is `)
		b.v(kName, titleLat(p.lat))
		b.s(`. I am in Dubai and my SIM `)
		b.v(kPh, g.Phone())
		b.s(` shows no service. Please email me at `)
		b.v(kMail, p.email)
		b.s(`"}`)
	},
	// Bill payment by card, gateway JSON.
	func(g *Generator, b *builder) {
		b.s(`{"ts":"`, g.ts(), `","gw":"billpay","account":"`)
		b.v(kPh, g.Phone())
		b.s(`","card":{"pan":"`)
		b.v(kPAN, g.PAN())
		b.s(`","exp":"`)
		b.v(kExp, g.expiry())
		b.s(`","cvc2":"`)
		b.v(kCVV, g.cvv())
		b.s(`"},"amount":`, fmt.Sprintf("%d.00", 500+g.r.IntN(20000)), `,"currency":"KZT","rrn":"`, g.notIIN(), `","stan":"`, g.digits(6), `","mcc":"4814"}`)
	},
	// Bill payment web form, key=value.
	func(g *Generator, b *builder) {
		b.s(g.ts(), " WARN payform.submit order=INV-", g.digits(10), " card_number=")
		b.v(kPAN, g.PAN())
		b.s(" valid_thru=")
		b.v(kExp, g.expiry())
		b.s(" cvv=")
		b.v(kCVV, g.cvv())
		b.s(" amount=", fmt.Sprint(1000+g.r.IntN(9000)), " KZT retry=", fmt.Sprint(g.r.IntN(3)))
	},
	// Card issuance, JSON.
	func(g *Generator, b *builder) {
		p := g.person()
		b.s(`{"event":"card.issued","ts":"`, g.ts(), `","client_iin":"`)
		b.v(kIIN, g.IIN())
		b.s(`","embossed_name":"`)
		b.v(kName, p.lat)
		b.s(`","pan_masked":"`, g.masked(), `","product":"Digital Visa Gold","branch":"`, g.pick(cities), ` №`, g.digits(2), `"}`)
	},
	// Card delivery by courier.
	func(g *Generator, b *builder) {
		p := g.person()
		b.s(g.ts(), " courier.dispatch: доставка карты, получатель ")
		b.v(kName, p.cyr)
		b.s(", адрес г. ", g.pick(cities), ", ", g.pick(streets), " ", fmt.Sprint(1+g.r.IntN(200)), ", кв. ", fmt.Sprint(1+g.r.IntN(150)), ", тел. ")
		b.v(kPh, g.Phone())
		b.s(", окно 10:00-14:00, трек DLV", g.digits(9))
	},
	// Mobile banking login.
	func(g *Generator, b *builder) {
		p := g.person()
		b.s(g.ts(), " auth.login ok login=")
		b.v(kMail, p.email)
		b.s(" device_id=", g.uuid(), " ip=10.", fmt.Sprint(g.r.IntN(255)), ".", fmt.Sprint(g.r.IntN(255)), ".", fmt.Sprint(1+g.r.IntN(254)), " app=4.", fmt.Sprint(g.r.IntN(20)), ".", fmt.Sprint(g.r.IntN(10)), " otp_ttl=120 session=", g.hex(24))
	},
	// Mobile banking audit: phone change.
	func(g *Generator, b *builder) {
		b.s(`{"audit":"profile.phone_changed","at":`, fmt.Sprint(1767225600000+g.r.Int64N(20000000000)), `,"old_phone":"`)
		b.v(kPh, g.Phone())
		b.s(`","new_phone":"`)
		b.v(kPh, g.Phone())
		b.s(`","device":{"imei":"`, g.imei(), `","model":"Galaxy A54"},"confirmed_by":"sms_otp"}`)
	},
	// Card verification decline with masked PAN and expiry.
	func(g *Generator, b *builder) {
		p := g.person()
		b.s(g.ts(), " ERROR acq.3ds decline code=05 cardholder=\"")
		b.v(kName, p.lat)
		b.s("\" pan=", g.masked(), " exp_date=")
		b.v(kExp, g.expiry())
		b.s(" auth_code=", g.hex(6), " terminal=T", g.digits(7))
	},
	// Support ticket e-mail notification.
	func(g *Generator, b *builder) {
		p := g.person()
		b.s(g.ts(), " notify.mail to=<")
		b.v(kMail, p.email)
		b.s("> from=<")
		b.v(kMail, "support@tazalatel.kz") // a company service address is still an e-mail (eval README)
		b.s("> subject=\"Заявка #", g.digits(6), "\" message-id=<", g.hex(16), "@mx1.tazalatel.local>")
	},
}

var cleanTemplates = []tmpl{
	// Billing batch with business identifiers.
	func(g *Generator, b *builder) {
		b.s(g.ts(), " billing.close period=2026-", fmt.Sprintf("%02d", 1+g.r.IntN(12)), " invoices=", fmt.Sprint(10000+g.r.IntN(900000)), " partner_bin=", g.BIN(), " rrn=", g.notIIN(), " order=", g.notIIN(), " status=CLOSED")
	},
	// Cyrillic ops sentence.
	func(g *Generator, b *builder) {
		b.s(g.ts(), " ", g.pick(teams), ": плановые работы на узле ast-core-0", fmt.Sprint(1+g.r.IntN(9)), " с 02:00 до 04:00, тариф «", g.pick(tariffs), "» будет недоступен для подключения. Дежурный ", g.pick(givM), ".")
	},
	// Settlement with IBAN, merchant ids, masked PAN.
	func(g *Generator, b *builder) {
		b.s(g.ts(), " settle merchant_id=", g.digits(15), " tid=", g.digits(8), " mcc=4814 stan=", g.digits(6), " iban=KZ", g.digits(2), "722", g.digits(13), " card=", g.masked(), " last4=", g.digits(4), " bin=", g.digits(6), " amount=", fmt.Sprintf("%d.%02d", g.r.IntN(100000), g.r.IntN(100)))
	},
	// SIM stock movement: ICCIDs and IMEIs are Luhn-valid but not cards.
	func(g *Generator, b *builder) {
		b.s(`{"stock":"sim.transfer","from_wh":"ALA-`, g.digits(2), `","iccid_first":"`, g.iccid(), `","iccid_last":"`, g.iccid(), `","qty":`, fmt.Sprint(100+g.r.IntN(900)), `,"test_handset_imei":"`, g.imei(), `","ts":`, fmt.Sprint(1767225600+g.r.IntN(20000000)), `}`)
	},
	// Release / config note.
	func(g *Generator, b *builder) {
		b.s(g.ts(), " deploy mobile-bank-api v", fmt.Sprint(3+g.r.IntN(3)), ".", fmt.Sprint(g.r.IntN(30)), ".", fmt.Sprint(g.r.IntN(10)), " commit ", g.hex(40), " by ", g.pick(teams), "; otp length 6, rollout 05/11/2026, uuid ", g.uuid(), ", logo asset icon@2x.png, handle @tazala_support")
	},
}
