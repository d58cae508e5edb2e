package blinde

import (
	"fmt"

	tazala "github.com/tazala/tazala"
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

var appEvents = []string{"session.started", "screen.viewed", "profile.updated", "biometry.enabled", "push.token.registered", "limits.changed", "deposit.opened", "statement.requested"}
var appVersions = []string{"5.12.0", "5.12.1", "5.13.0-rc2", "6.0.3"}

// appEvent: mobile-banking app analytics/backend events, JSON camelCase.
func appEvent(g *Generator, b *bld) {
	b.esc = g.chance(0.3)
	p := g.person()
	o := b.obj()
	o.str("timestamp", 0, g.ts()).str("eventType", 0, g.pick(appEvents))
	o.str("sessionId", 0, g.uuid()).lit("userId", 0, fmt.Sprint(g.intn(100000, 9999999)))
	o.str("appVersion", 0, g.pick(appVersions)).str("platform", 0, g.pick([]string{"ios", "android", "web"}))
	d := o.sub("payload")
	switch g.r.IntN(5) {
	case 0:
		d.str("displayName", kName, g.name(p)).str("phoneNumber", kPhone, g.phone())
	case 1:
		d.str("field", 0, "email").str("oldValue", kEmail, g.email(p)).str("newValue", kEmail, g.email(p))
	case 2:
		d.lit("dailyLimit", 0, fmt.Sprint(g.intn(10, 500)*1000)).str("currency", 0, "KZT").str("confirmedBy", 0, "otp").str("otp", 0, g.digits(6))
	case 3:
		d.str("deviceModel", 0, g.pick([]string{"iPhone15,2", "SM-A546E", "Redmi Note 12", "Pixel 8"})).str("pushToken", 0, g.hex(64))
	default:
		d.str("depositType", 0, g.pick([]string{"Стандарт", "Жинақ", "Бірге"})).str("holderName", kName, g.name(p)).str("holderIin", kIIN, g.iin())
	}
	d.end()
	o.lit("latencyMs", 0, fmt.Sprint(g.intn(3, 900)))
	o.end()
}

// p2pTransfer: transfers by phone number, key=value service logs or JSON.
func p2pTransfer(g *Generator, b *bld) {
	p, q := g.person(), g.person()
	if g.chance(0.5) {
		b.esc = g.chance(0.3)
		o := b.obj()
		o.str("ts", 0, g.ts()).str("service", 0, "p2p-gateway").str("transferId", 0, g.uuid())
		o.str("senderPhone", kPhone, g.kzPhone()).str("recipientPhone", kPhone, g.kzPhone())
		if g.chance(0.6) {
			o.str("recipientName", kName, g.cyr(q))
		} else {
			o.str("recipientDisplayName", 0, q.given) // lone given name: not a full name
		}
		o.lit("amount", 0, g.amount()).str("currency", 0, "KZT").str("status", 0, g.pick([]string{"COMPLETED", "PENDING", "DECLINED"}))
		o.str("comment", 0, g.pick([]string{"за обед", "қарыз", "рахмет", "аренда за ноябрь", "", "подарок"}))
		o.end()
		return
	}
	b.s(g.ts(), " INFO  p2p.TransferService - transfer ", g.uuid()[:8], " from=").p(kPhone, g.kzPhone())
	b.s(" to=").p(kPhone, g.kzPhone()).s(" amount=", g.amount(), " KZT")
	if g.chance(0.5) {
		b.s(" payer=\"").p(kName, g.name(p)).s("\"")
	}
	b.s(" fee=0.00 stan=", g.digits(6), " rrn=", g.rrn(), " took=", fmt.Sprint(g.intn(20, 2000)), "ms")
}

var operators = []string{"Beeline KZ", "Kcell", "Activ", "Tele2", "Altel"}
var utilities = []string{"Алматы Су", "АлматыЭнергоСбыт", "Астана-РЭК", "ҚазақТелеком", "Алсеко"}

// topUp: mobile top-ups and utility payments.
func topUp(g *Generator, b *bld) {
	switch g.r.IntN(3) {
	case 0:
		b.s(g.ts(), " payments.topup operator=\"", g.pick(operators), "\" msisdn=").p(kPhone, g.msisdn())
		b.f(" amount=%d KZT status=%s rrn=%s authCode=%s", g.intn(1, 50)*500, g.pick([]string{"OK", "FAILED", "TIMEOUT"}), g.rrn(), g.authCode())
	case 1:
		b.esc = g.chance(0.3)
		p := g.person()
		o := b.obj()
		o.str("ts", 0, g.ts()).str("provider", 0, g.pick(utilities)).str("accountNo", 0, g.digits(10))
		o.str("payerName", kName, g.cyr(p)).str("address", 0, g.address())
		o.lit("amount", 0, g.amount()).str("period", 0, fmt.Sprintf("2026-%02d", g.intn(1, 11)))
		o.str("receiptNo", 0, g.negDigits(14)).str("merchantId", 0, g.negDigits(15)).lit("mcc", 0, "4900")
		o.end()
	default:
		b.s(g.ts(), " WARN billing-adapter: provider ", g.pick(utilities), " timeout after ", fmt.Sprint(g.intn(5, 30)), "s, retry ", fmt.Sprint(g.intn(1, 3)), "/3 for subscriber ").p(kPhone, g.kzPhone())
		b.s(", invoice ", g.negDigits(14))
	}
}

var employers = []string{"ТОО «Дала Трейд»", "АО «Қазақстан темір жолы»", "ТОО «Нұр Логистик»", "КГУ «Школа-гимназия №12»", "АО «KazFood Retail»", "ТОО «Steppe Coffee»"}

// loanApplication: KYC of a consumer loan application.
func loanApplication(g *Generator, b *bld) {
	b.esc = g.chance(0.35)
	p := g.person()
	o := b.obj()
	o.str("@timestamp", 0, g.ts()).str("logger", 0, "loan-origination.kyc").str("applicationId", 0, "LA-"+g.digits(9))
	iin := g.iin()
	switch {
	case g.chance(0.1) && iin[0] == '0':
		o.lit("iin", kIIN, iin) // sloppy producer: numeric IIN with a leading zero (invalid JSON)
	case g.chance(0.15) && iin[0] != '0':
		o.lit("iin", kIIN, iin)
	default:
		o.str("iin", kIIN, iin)
	}
	if g.chance(0.3) {
		o.str("fullNameLatin", kName, g.lat(p))
	} else {
		o.str("fullName", kName, g.cyr(p))
	}
	o.str("mobilePhone", kPhone, g.kzPhone())
	if g.chance(0.6) {
		o.str("email", kEmail, g.email(p))
	}
	e := o.sub("employment")
	e.str("employerName", 0, g.pick(employers)).str("employerBin", 0, g.bin())
	e.lit("monthlyIncome", 0, fmt.Sprint(g.intn(150, 2500)*1000)).lit("experienceMonths", 0, fmt.Sprint(g.intn(3, 240)))
	e.end()
	o.str("registrationAddress", 0, g.address())
	o.lit("requestedAmount", 0, fmt.Sprint(g.intn(10, 500)*10000)).lit("termMonths", 0, fmt.Sprint(g.pick([]string{"6", "12", "24", "36", "60"})))
	o.str("scoringDecision", 0, g.pick([]string{"APPROVE", "REVIEW", "REJECT"})).lit("pkbScore", 0, fmt.Sprint(g.intn(300, 900)))
	o.end()
}

// merchantOnboarding: merchant KYB with company, director and BIN.
func merchantOnboarding(g *Generator, b *bld) {
	p := g.person()
	if g.chance(0.5) {
		b.esc = g.chance(0.3)
		o := b.obj()
		o.str("event", 0, "merchant.onboarding.submitted").str("ts", 0, g.ts())
		o.str("legalName", 0, g.pick(companies)).str("bin", 0, g.bin()).str("iban", 0, g.iban())
		o.str("directorFullName", kName, g.cyr(p)).str("directorIin", kIIN, g.iin())
		o.str("contactPhone", kPhone, g.phone()).str("contactEmail", kEmail, g.email(p))
		o.lit("mcc", 0, g.pick([]string{"5411", "5812", "5999", "7230", "4121"})).str("terminalId", 0, g.digits(8))
		o.end()
		return
	}
	b.s(g.ts(), " INFO onboarding-svc: merchant ", g.pick(companies), " (БИН ", g.bin(), ") approved; director ").p(kName, g.cyr(p))
	b.s(", signer IIN ").p(kIIN, g.iin()).s(", MID ", g.negDigits(15), ", settlement ", g.iban())
}

// cardOperation: card forms, vault dumps, authorisations.
func cardOperation(g *Generator, b *bld) {
	p := g.person()
	switch g.r.IntN(6) {
	case 0: // form submission dump (urlencoded)
		pan := g.pan()
		b.s(g.ts(), " DEBUG card-form POST /api/cards/link body: holder=")
		b.p(kName, g.lat(p))
		b.s("&card_number=").p(kPAN, pan).s("&exp=").p(kExp, g.expiry()).s("&cvc=").p(kCVV, g.cvv(pan)).s("&save=true")
	case 1: // JSON tokenisation request
		b.esc = g.chance(0.2)
		pan := g.pan()
		o := b.obj()
		o.str("requestId", 0, g.uuid()).str("op", 0, "tokenize")
		c := o.sub("card")
		c.str("pan", kPAN, pan).str("expiryDate", kExp, g.expiry()).str("securityCode", kCVV, g.cvv(pan))
		if g.chance(0.5) {
			c.str("cardholderName", kName, g.lat(p))
		}
		c.end()
		o.str("otp", 0, g.digits(6)).lit("attempt", 0, fmt.Sprint(g.intn(1, 3)))
		o.end()
	case 2: // authorisation with only masked data
		b.s(g.ts(), " INFO acquiring.auth pan=", g.masked(), " amount=", g.amount(), " cur=398 mcc=", g.pick([]string{"5411", "5814", "6011"}))
		b.s(" stan=", g.digits(6), " rrn=", g.rrn(), " authCode=", g.authCode(), " rc=00 tid=", g.digits(8), " mid=", g.negDigits(15), " eci=05")
	case 3: // plain text dump line
		pan := g.pan()
		b.s("card dump #", fmt.Sprint(g.intn(1, 900)), ": PAN ").p(kPAN, pan).s(" EXP ").p(kExp, g.expiry()).s(" CVV2 ").p(kCVV, g.cvv(pan))
		b.s(" BIN ", g.panDigits()[:6], " issuer=", g.pick([]string{"Halyk", "Kaspi", "Jusan", "Freedom", "BCC"}))
	case 4: // card reissue JSON with negatives only + name
		b.esc = g.chance(0.3)
		o := b.obj()
		o.str("event", 0, "card.reissue.requested").str("maskedPan", 0, g.masked()).str("last4", 0, g.digits(4))
		o.str("holder", kName, g.cyr(p)).str("reason", 0, g.pick([]string{"lost", "stolen", "expired", "damaged"}))
		o.str("orderId", 0, g.badPAN()).str("cvvResult", 0, g.pick([]string{"M", "N", "P"}))
		o.end()
	default: // 3DS
		pan := g.pan()
		b.s(g.ts(), " 3ds-server: AReq card=").p(kPAN, pan).s(" expiry=").p(kExp, g.expiry())
		b.s(" acsTransId=", g.uuid(), " purchaseAmount=", fmt.Sprint(g.intn(100, 900000)), " messageVersion=2.2.0")
	}
}

// notification: e-mail and SMS delivery logs.
func notification(g *Generator, b *bld) {
	p := g.person()
	switch g.r.IntN(4) {
	case 0:
		b.s(g.ts(), " notify-mailer: queued id=", g.hex(10), " from=<").p(kEmail, g.serviceEmail()).s("> to=<").p(kEmail, g.email(p)).s(">")
		b.s(" message-id=<", g.negDigits(14), ".", g.hex(8), "@mx", fmt.Sprint(g.intn(1, 4)), ".tazabank.local> template=", g.pick([]string{"loan_approved", "statement_ready", "card_shipped"}))
	case 1:
		b.s(g.ts(), " notify-sms: delivered to ").p(kPhone, g.kzPhone()).s(" template=otp_login code=", g.digits(6), " provider=", g.pick(operators), " parts=1 dlr=", g.hex(16))
	case 2:
		b.esc = g.chance(0.3)
		o := b.obj()
		o.str("channel", 0, "email").str("recipient", kEmail, g.email(p)).str("recipientName", kName, g.name(p))
		o.str("subject", 0, g.pick([]string{"Ваша выписка готова", "Несие мақұлданды", "Your card is on its way"}))
		o.str("assets", 0, "logo@2x.png,banner@3x.webp").str("status", 0, "SENT").lit("sizeBytes", 0, fmt.Sprint(g.intn(2000, 90000)))
		o.end()
	default:
		b.s(g.ts(), " notify-push: bounce for ").p(kEmail, g.email(p)).s(" (550 5.1.1 user unknown), fallback sms to ").p(kPhone, g.phone())
	}
}

// transcript: call-centre and chat transcripts in ru/kk/en.
func transcript(g *Generator, b *bld) {
	p := g.person()
	var chat bool
	if chat = g.chance(0.5); chat {
		b.s(g.ts(), " chat-bot session=", g.hex(12), " msg=\"")
	} else {
		b.s("[call ", g.digits(8), "] ")
	}
	switch g.r.IntN(9) {
	case 0:
		b.s("Клиент: Здравствуйте, меня зовут ").p(kName, g.cyr(p)).s(", мой ИИН ").p(kIIN, g.iin()).s(", номер ").p(kPhone, g.kzPhone()).s(".")
	case 1:
		b.s("Оператор Дана: Назовите, пожалуйста, ФИО полностью. Клиент: ").p(kName, p.surname+" "+p.given+" "+p.patr).s(".")
	case 2:
		b.s("Клиент: Сәлеметсіз бе, менің атым ").p(kName, g.cyr(p)).s(", ЖСН ").p(kIIN, g.iin()).s(", телефоным ").p(kPhone, g.kzPhone()).s(".")
	case 3:
		b.s("Customer: Hi, my name is ").p(kName, p.lgiven+" "+p.lsurname).s(", you can reach me at ").p(kPhone, g.intlPhone()).s(" or ").p(kEmail, g.email(p)).s(".")
	case 4:
		pan := g.pan()
		b.s("Клиент: карта ").p(kPAN, pan).s(", срок ").p(kExp, g.expiry()).s(", код на обороте ").p(kCVV, g.cvv(pan)).s(". Оператор: не сообщайте CVV, пожалуйста!")
	case 5:
		b.s("Оператор: ").p(kName, g.cyr(p)).s(", подтвердите последние 4 цифры карты — ", g.digits(4), ". Код из SMS ", g.digits(4), " не сообщайте.")
	case 6:
		b.s("Клиент: Рахмет, Айгерім! Өтінімнің нөмірі ", g.digits(9), ", ", g.digits(2), ".", fmt.Sprintf("%02d", g.intn(1, 12)), ".2026 жібердім. Құрметпен, ").p(kName, p.given+" "+p.surname)
	case 7:
		b.s("Customer: please update my email to ").p(kEmail, g.email(p)).s(", old one was ").p(kEmail, g.email(p)).s(". Regards, ").p(kName, p.lgiven+" "+p.lsurname)
	default:
		b.s("Клиент: запишите телефон для связи ").p(kPhone, g.kzPhone()).s(", спросить Ерлана. Telegram @", g.pick([]string{"erlan_kz", "aigerim.n", "dana_pay"}), ".")
	}
	if chat {
		b.s("\" lang=", g.pick([]string{"ru", "kk", "en"}))
	}
}

var cyrOps = []string{
	"Плановое обслуживание процессингового центра завершено за %d мин, очередь пуста",
	"Репликация базы кредитного конвейера отстаёт на %d мс, алерт снят",
	"Төлем шлюзі қайта іске қосылды, кезек ұзындығы %d",
	"Сверка с Visa за вчера: расхождений %d, отчёт отправлен в команду Settlement",
	"Деплой мобильного банка остановлен: %d подов не прошли readiness",
	"Кэш лимитов прогрет, записей %d",
}
var teams = []string{"Payments Core", "Mobile BFF", "Risk Engine", "Card Platform", "Notifications", "Loan Origination"}

// opsLine: PII-free operational lines.
func opsLine(g *Generator, b *bld) {
	switch g.r.IntN(8) {
	case 0:
		b.s(g.ts(), " INFO consumer group=payments-core topic=", g.pick([]string{"card.auth", "p2p.events", "loan.kyc"}), " partition=", fmt.Sprint(g.intn(0, 23)))
		b.s(" offset=", fmt.Sprint(g.intn(1000000, 2000000000)), " lag=", fmt.Sprint(g.intn(0, 5000)), " commit_ms=", fmt.Sprint(g.intn(1, 90)))
	case 1:
		b.s(fmt.Sprintf("10.%d.%d.%d", g.intn(0, 255), g.intn(0, 255), g.intn(1, 254)), " - - [01/Dec/2026:", fmt.Sprintf("%02d:%02d:%02d", g.intn(0, 23), g.intn(0, 59), g.intn(0, 59)), " +0500] \"GET /api/v3/accounts/", g.uuid(), "/balance HTTP/1.1\" 200 ")
		b.s(fmt.Sprint(g.intn(100, 9000)), " ", fmt.Sprintf("%.3f", g.r.Float64()), " \"TazaBank/", g.pick(appVersions), " (Android 14)\"")
	case 2:
		b.s(g.ts(), " deploy ", g.pick([]string{"mobile-bff", "card-vault", "p2p-gateway", "kyc-svc"}), " ", g.pick(appVersions), " sha=", g.hex(40), " team=\"", g.pick(teams), "\" duration=", fmt.Sprint(g.intn(30, 900)), "s")
	case 3:
		b.s(g.ts(), " ", fmt.Sprintf(g.pick(cyrOps), g.intn(0, 500)))
	case 4:
		b.esc = g.chance(0.3)
		o := b.obj()
		o.str("ts", 0, g.ts()).str("job", 0, "recon-daily").lit("settled", 0, fmt.Sprint(g.intn(1000, 90000)))
		o.lit("amountTotal", 0, g.amount()).str("batchId", 0, g.badIIN()).lit("epochMs", 0, fmt.Sprint(1764547200000+g.r.Int64N(3e9)))
		o.str("note", 0, g.pick([]string{"сверка завершена", "ok", "бәрі дұрыс", "late file from issuer"})).str("owner", 0, g.pick(teams))
		o.end()
	case 5:
		b.s(g.ts(), " INFO acquiring.settle pan=", g.masked(), " rrn=", g.rrn(), " stan=", g.digits(6), " auth=", g.authCode(), " mcc=5411 tid=", g.digits(8), " amt=", g.amount(), " iban=", g.iban())
	case 6:
		b.s(g.ts(), " WARN otp-svc: otp ", g.digits(6), " expired for session ", g.hex(24), ", attempts=", fmt.Sprint(g.intn(1, 5)), ", card ", g.masked(), ", order ", g.badPAN())
	default:
		b.s(g.ts(), " metrics http_request_duration_seconds_bucket{le=\"0.25\",service=\"", g.pick([]string{"mobile-bff", "kyc-svc"}), "\"} ", fmt.Sprint(g.intn(1000, 999999)), " ", fmt.Sprint(1764547200+g.intn(0, 3000000)))
	}
}
