package blindh

import (
	"fmt"
	"strings"

	"github.com/tazala/tazala"
)

const (
	kIIN   = tazala.KindIIN
	kPhone = tazala.KindPhone
	kEmail = tazala.KindEmail
	kPAN   = tazala.KindPAN
	kExp   = tazala.KindExpiry
	kCVV   = tazala.KindCVV
	kName  = tazala.KindName
)

var cities = []string{"Алматы", "Астана", "Шымкент", "Қарағанды", "Ақтөбе", "Павлодар", "Өскемен", "Атырау"}
var streets = []string{"Абая", "Төле би", "Сәтпаев", "Жібек жолы", "Кабанбай батыра", "Назарбаева", "Розыбакиева", "Мангилик Ел"}
var products = []string{"Смартфон Redmi Note 13 8/256", "Чайник Tefal KO 1.7 л", "Кроссовки Nike Air 42", "Детская коляска Chicco", "Наушники JBL Tune 520", "Казан чугунный 12 л", "Пылесос Dyson V11"}
var companies = []string{"ТОО «Жарық Логистик»", "ТОО \"Дала Трейд\"", "ИП «Береке Маркет»", "АО «Шаңырақ Пэй»", "ТОО «Alatau Goods»", "ТОО \"Kok Tobe Electronics\""}

func (g *Generator) addr() string {
	return "г. " + g.pick(cities) + ", ул. " + g.pick(streets) + " " + fmt.Sprint(1+g.n(200)) + ", кв. " + fmt.Sprint(1+g.n(150))
}

// pii writes one line with personal data; it reports whether it is JSON.
func (g *Generator) pii(l *line) bool {
	switch g.n(18) {
	case 14:
		return g.sellerJSON(l)
	case 15:
		g.push(l)
	case 16:
		return g.chatEN(l)
	case 17:
		g.afKK(l)
	case 0:
		return g.orderJSON(l)
	case 1:
		return g.paymentJSON(l)
	case 2:
		g.courier(l)
	case 3:
		g.courierKK(l)
	case 4:
		g.seller(l)
	case 5:
		g.refund(l)
	case 6:
		return g.chatJSON(l, "ru")
	case 7:
		return g.chatJSON(l, "kk")
	case 8:
		g.chatText(l)
	case 9:
		g.notifySMS(l)
	case 10:
		g.notifyMail(l)
	case 11:
		return g.antifraudJSON(l)
	case 12:
		g.antifraudText(l)
	default:
		return g.refundJSON(l)
	}
	return false
}

func (g *Generator) orderJSON(l *line) bool {
	p := g.person()
	l.ascii = g.n(4) == 0
	l.t(`{`).key(true, "at").js(0, g.ts()).key(false, "evt").js(0, g.pick([]string{"checkout.placed", "order.created", "cart.converted"}))
	l.key(false, "order_no").js(0, fmt.Sprintf("MP-%d-%s", 2026, g.digits(7)))
	l.key(false, "customer").t("{").key(true, "full_name").js(kName, p.cyr)
	l.key(false, "msisdn").js(kPhone, g.phone())
	if g.n(2) == 0 {
		l.key(false, "mail").js(kEmail, g.email(p.latSurn))
	}
	l.t("}").key(false, "ship_to").js(0, g.addr())
	l.key(false, "items").t(fmt.Sprintf("[{\"sku\":\"SKU-%s\",\"qty\":%d}]", g.digits(8), 1+g.n(3)))
	l.key(false, "total_kzt").t(g.amount()).t("}")
	return true
}

func (g *Generator) paymentJSON(l *line) bool {
	p := g.person()
	l.t(`{`).key(true, "time").js(0, g.ts()).key(false, "psp").js(0, "shanyraq-pay").key(false, "op").js(0, g.pick([]string{"auth", "sale", "3ds.challenge"}))
	l.key(false, "card").t("{").key(true, "number").js(kPAN, g.pan())
	l.key(false, "valid_thru").js(kExp, g.expiry())
	if g.n(3) == 0 {
		l.key(false, "cvc2").js(kCVV, g.cvv())
	}
	holder := p.lat
	if g.n(2) == 0 {
		holder = strings.ToUpper(holder)
	}
	l.key(false, "cardholder").js(kName, holder).t("}")
	l.key(false, "rrn").js(0, g.rrn()).key(false, "approval").js(0, fmt.Sprintf("%06d", g.n(1000000)))
	l.key(false, "mcc").t(g.pick([]string{"5311", "5399", "4215"})).key(false, "terminal").js(0, "TRM"+g.digits(6))
	l.key(false, "amount").t(g.amount()).key(false, "rc").js(0, "00").t("}")
	return true
}

func (g *Generator) courier(l *line) {
	p := g.person()
	l.t(g.ts() + " INFO courier-svc dlv=D" + g.digits(9) + " courier_id=" + g.digits(5) + " step=" + g.pick([]string{"picked_up", "en_route", "handed_over"}))
	l.t(" recipient=\"").v(kName, p.cyr).t("\" tel=").v(kPhone, g.phone())
	l.t(" addr=\"" + g.addr() + "\" eta=" + fmt.Sprint(5+g.n(90)) + "m")
}

func (g *Generator) courierKK(l *line) {
	p := g.person()
	l.t(g.ts()+" [жеткізу] тапсырыс №"+g.digits(8)+" алушы: ").v(kName, p.cyr)
	l.t(", байланыс телефоны ").v(kPhone, g.phone()).t(", мекенжайы: " + g.addr() + ". Курьер жолда.")
}

func (g *Generator) seller(l *line) {
	p := g.person()
	l.t(g.ts() + " seller-onboarding: заявка S-" + g.digits(6) + " " + g.pick(companies) + " БИН " + g.bin())
	l.t(", руководитель ").v(kName, p.cyr)
	if g.n(2) == 0 {
		l.t(" (ИИН ").v(kIIN, g.iin()).t(")")
	}
	l.t(", e-mail для договора ").v(kEmail, g.email(p.latSurn)).t(", статус=kyc_pending")
}

func (g *Generator) refund(l *line) {
	l.t(g.ts()+" WARN refunds: return RT-"+g.digits(6)+" order MP-2026-"+g.digits(7)+" refund to card ").v(kPAN, g.pan())
	l.t(" exp ").v(kExp, g.expiry())
	l.t(" amount=" + g.amount() + " KZT reason=" + g.pick([]string{"damaged", "wrong_size", "not_delivered"}) + " rrn=" + g.rrn())
}

func (g *Generator) refundJSON(l *line) bool {
	p := g.person()
	l.ascii = g.n(3) == 0
	l.t(`{`).key(true, "ts").js(0, g.ts()).key(false, "svc").js(0, "refund-worker").key(false, "return_id").js(0, "RT-"+g.digits(6))
	l.key(false, "payer").t("{").key(true, "fio").js(kName, p.cyr).key(false, "pan").js(kPAN, g.panDigits())
	l.key(false, "exp").js(kExp, g.expiry()).t("}")
	l.key(false, "orig_masked").js(0, g.masked()).key(false, "amount").t(g.amount()).t("}")
	return true
}

func (g *Generator) chatJSON(l *line, lang string) bool {
	p := g.person()
	l.ascii = g.n(4) == 0
	l.t(`{`).key(true, "ticket").t(fmt.Sprint(100000+g.n(900000))).key(false, "channel").js(0, "chat").key(false, "lang").js(0, lang).key(false, "text").jopen()
	if lang == "ru" {
		switch g.n(3) {
		case 0:
			l.t("Здравствуйте, меня зовут ").v(kName, p.cyr).t(", заказ не пришёл. Мой номер ").v(kPhone, g.phone()).t(", перезвоните пожалуйста")
		case 1:
			l.t("Добрый день! Возврат по заказу MP-2026-"+g.digits(7)+" не поступил на карту ").v(kPAN, g.pan()).t(", срок действия ").v(kExp, g.expiry()).t(". ИИН ").v(kIIN, g.iin())
		default:
			l.t("Курьер не дозвонился, пишите на ").v(kEmail, g.email(p.latSurn)).t(". С уважением, ").v(kName, p.cyr)
		}
	} else {
		switch g.n(3) {
		case 0:
			l.t("Сәлеметсіз бе! Менің атым ").v(kName, p.cyr).t(", тапсырысым кешікті. Телефоным: ").v(kPhone, g.phone())
		case 1:
			l.t("Ақша қайтарылмады, ЖСН ").v(kIIN, g.iin()).t(", карта нөмірі ").v(kPAN, g.pan())
		default:
			l.t("Рахмет, күтемін. Құрметпен, ").v(kName, p.cyr)
		}
	}
	l.jclose().key(false, "agent").js(0, "bot-"+g.digits(2)).t("}")
	return true
}

func (g *Generator) chatText(l *line) {
	p := g.person()
	l.t(g.ts() + " support-chat conv=" + g.uuid() + " from=customer msg=\"")
	switch g.n(3) {
	case 0:
		l.t("Hi, my name is ").v(kName, p.lat).t(", you can reach me at ").v(kPhone, g.intlPhone()).t(" or ").v(kEmail, g.email(p.latSurn))
	case 1:
		l.t("Please cancel the payment, card ").v(kPAN, g.pan()).t(" exp ").v(kExp, g.expiry()).t(" cvv ").v(kCVV, g.cvv())
	default:
		l.t("Thanks for the quick refund! Regards, ").v(kName, p.lat)
	}
	l.t("\"")
}

func (g *Generator) notifySMS(l *line) {
	l.t(g.ts()+" notifier channel=sms to=").v(kPhone, g.phone()).t(" tpl=" + g.pick([]string{"order_shipped", "courier_near", "otp_login"}))
	l.t(" otp_len=6 provider=kcell-gw status=" + g.pick([]string{"DELIVERED", "QUEUED", "FAILED"}) + " id=" + g.hex(16))
}

func (g *Generator) notifyMail(l *line) {
	p := g.person()
	l.t(g.ts()+" notifier channel=email to=<").v(kEmail, g.email(p.latSurn)).t("> tpl=receipt msgid=<" + g.digits(10) + "." + g.hex(8) + "@mx.bazar.internal>")
	l.t(" subject=\"Чек по заказу MP-2026-" + g.digits(7) + "\"")
}

func (g *Generator) antifraudJSON(l *line) bool {
	l.t(`{`).key(true, "svc").js(0, "antifraud").key(false, "rule").js(0, g.pick([]string{"iin_vs_card_holder", "velocity_24h", "device_reuse"}))
	l.key(false, "subject_iin")
	valid := true
	if g.n(4) == 0 {
		// a JSON number; one that starts with 0 makes the line invalid JSON,
		// as sloppy producers emit it
		v := g.iin()
		valid = v[0] != '0'
		l.v(kIIN, v)
	} else {
		l.js(kIIN, g.iin())
	}
	l.key(false, "device_id").js(0, g.hex(32)).key(false, "ip").js(0, g.ip())
	l.key(false, "score").t(fmt.Sprintf("0.%03d", g.n(1000))).key(false, "decision").js(0, g.pick([]string{"allow", "review", "deny"})).t("}")
	return valid
}

func (g *Generator) antifraudText(l *line) {
	p := g.person()
	l.t(g.ts()+" antifraud: mismatch holder=\"").v(kName, p.lat).t("\" iin=").v(kIIN, g.iin())
	l.t(" device=" + g.uuid() + " ip=" + g.ip() + " bin=" + g.panDigits()[:6] + " action=hold")
}

// clean writes a PII-free operational line; it reports whether it is JSON.
func (g *Generator) clean(l *line) bool {
	switch g.n(14) {
	case 10:
		l.t(g.ts() + " billing: invoice " + g.iin() + " issued to " + g.pick(companies) + ", due 2026-12-" + fmt.Sprintf("%02d", 1+g.n(28)))
	case 11:
		l.t(g.ts() + " push: campaign=black_friday audience=" + fmt.Sprint(g.n(90000)) + " sent, greeting=\"Сәлем, " + g.pick(givenF) + "!\" sample token=" + g.hex(64))
	case 12:
		l.t(g.ts() + " Отчёт команды Жылдам Жеткізу: Батыс хаб закрыл смену, возвратов " + fmt.Sprint(g.n(50)) + ", SLA " + fmt.Sprint(90+g.n(10)) + "%")
	case 13:
		l.t(`{`).key(true, "svc").js(0, "gateway").key(false, "ts_ms").t("17330"+g.digits(8)).key(false, "ver").js(0, "3.12.0").key(false, "order_id").t(fmt.Sprint(100000000000+g.n(800000000000))).key(false, "installments").js(0, "3/12").key(false, "otp_sent").t("true}")
		return true
	case 0:
		l.t(g.ts() + " INFO wms: склад " + g.pick(cities) + "-" + fmt.Sprint(1+g.n(4)) + " отгрузил " + fmt.Sprint(g.n(900)) + " заказов, средняя задержка " + fmt.Sprint(g.n(40)) + " мин")
	case 1:
		l.t(g.ts() + " settlement: payout to " + g.pick(companies) + " BIN " + g.bin() + " iban=KZ" + g.digits(2) + "722C" + g.digits(12) + " amount=" + g.amount() + "00")
	case 2:
		l.t(`{`).key(true, "svc").js(0, "tracking").key(false, "parcel").js(0, g.luhnTrack()).key(false, "hub").js(0, g.pick(cities)).key(false, "rrn").js(0, g.rrn()).key(false, "card_masked").js(0, g.masked()).t("}")
		return true
	case 3:
		l.t(g.ts() + " deploy checkout-api v2." + fmt.Sprint(g.n(30)) + "." + fmt.Sprint(g.n(10)) + " sha=" + g.hex(40) + " by team Жылдам Жеткізу")
	case 4:
		l.t(g.ts() + " kafka consumer=orders-etl partition=" + fmt.Sprint(g.n(12)) + " offset=" + g.digits(9) + " lag=" + fmt.Sprint(g.n(5000)) + " ts_ms=17330" + g.digits(8))
	case 5:
		l.t(g.ts() + " catalog: товар «" + g.pick(products) + "» снят с витрины, остаток 0, продавец " + g.pick(companies))
	case 6:
		l.t(g.ts() + " shift: курьер " + g.pick(givenM) + " начал смену в хабе " + g.pick(cities) + ", машина 0" + g.digits(2) + "ABC02")
	case 7:
		l.t(`{`).key(true, "svc").js(0, "psp-recon").key(false, "stan").js(0, g.digits(6)).key(false, "auth_code").js(0, g.hex(6)).key(false, "bin").js(0, g.panDigits()[:6]).key(false, "last4").js(0, g.digits(4)).key(false, "ok").t("true}")
		return true
	case 8:
		l.t(g.ts() + " promo: код ZIMA" + g.digits(2) + " применён " + fmt.Sprint(g.n(5000)) + " раз, скидка 15%, период 01.12.2026–31.12.2026")
	default:
		l.t(g.ts() + " healthcheck ok upstream=" + g.ip() + ":8443 latency_ms=" + fmt.Sprint(g.n(300)) + " req=" + g.uuid())
	}
	return false
}

func (g *Generator) sellerJSON(l *line) bool {
	p := g.person()
	l.ascii = g.n(3) == 0
	l.t(`{`).key(true, "event").js(0, "seller.kyc.submitted").key(false, "company").js(0, g.pick(companies)).key(false, "bin").js(0, g.bin())
	l.key(false, "director").t("{").key(true, "name").js(kName, p.cyr).key(false, "iin").js(kIIN, g.iin()).key(false, "mobile").js(kPhone, g.phone()).t("}")
	l.key(false, "contact_email").js(kEmail, g.email(p.latSurn)).key(false, "legal_address").js(0, g.addr()).t("}")
	return true
}

func (g *Generator) push(l *line) {
	p := g.person()
	l.t(g.ts()+" push-gw: platform="+g.pick([]string{"fcm", "apns"})+" token="+g.hex(48)+" user_phone=").v(kPhone, g.phone())
	l.t(" title=\"Заказ в пути\" body=\"" + p.given + ", курьер приедет до 18:00\"")
}

func (g *Generator) chatEN(l *line) bool {
	p := g.person()
	l.t(`{"conv":"` + g.uuid() + `","role":"customer","lang":"en","body":`).jopen()
	switch g.n(3) {
	case 0:
		l.t("Hello, I am ").v(kName, p.lat).t(", my IIN is ").v(kIIN, g.iin()).t(" and phone ").v(kPhone, g.phone())
	case 1:
		l.t("Charged twice on card ").v(kPAN, g.pan()).t(", expiry ").v(kExp, g.expiry()).t(", CVC ").v(kCVV, g.cvv()).t(" - please fix")
	default:
		l.t("Order arrived broken. Kind regards, ").v(kName, p.lat)
	}
	l.jclose().t("}")
	return true
}

func (g *Generator) afKK(l *line) {
	p := g.person()
	l.t(g.ts()+" антифрод: ЖСН ").v(kIIN, g.iin()).t(" иесі ").v(kName, p.cyr).t(" картаның иесімен сәйкес келмейді, құрылғы " + g.hex(16) + ", IP " + g.ip())
}
