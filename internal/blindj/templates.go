package blindj

import (
	"strings"

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

func (g *Generator) policyNo() string { return "SKT-" + g.luhn("7", 12) }

// jsonIIN writes an IIN as a JSON string or, sometimes, a bare number.
func (g *Generator) jsonIIN(l *line, iin string) {
	if iin[0] == '0' && g.chance(0.15) {
		l.p(kIIN, iin) // sloppy producer: not valid JSON
		return
	}
	if iin[0] != '0' && g.chance(0.2) {
		l.p(kIIN, iin)
		return
	}
	l.s(`"`)
	l.p(kIIN, iin)
	l.s(`"`)
}

func (g *Generator) policyJSON(l *line) {
	p := g.person()
	l.esc = g.chance(0.25)
	l.f(`{"ts":"%s","service":"policy-core","event":"%s","policy_no":"%s","product":"%s","holder":{"fio":"`, g.ts(), g.pick([]string{"policy.issued", "policy.renewed", "policy.endorsed"}), g.policyNo(), g.pick(products))
	l.p(kName, g.full(p))
	l.s(`","iin":`)
	g.jsonIIN(l, g.IIN())
	l.s(`,"mobile":"`)
	l.p(kPh, g.phone())
	l.s(`","contact_email":"`)
	l.p(kMail, g.email(p))
	l.f(`"},"insurer_bin":"%s","premium_kzt":%d,"branch":"%s"}`, g.BIN(), 5000+g.r.IntN(400000), g.pick(cities))
}

func (g *Generator) claimText(l *line) {
	p := g.person()
	l.f("%s INFO claims-svc [CLM-%d] ", g.ts(), 200000+g.r.IntN(800000))
	switch g.r.IntN(3) {
	case 0:
		l.s("Заявлен страховой случай, заявитель ")
		l.p(kName, g.full(p))
		l.s(", ИИН ")
		l.p(kIIN, g.IIN())
		l.s(", контактный телефон ")
		l.p(kPh, g.phone())
		l.f(", место события: г. %s, полис %s", g.pick(cities), g.policyNo())
	case 1:
		l.s("Claim registered by policyholder ")
		l.p(kName, p.lgiven+" "+p.lsur)
		l.s(" (IIN ")
		l.p(kIIN, g.IIN())
		l.s("), callback on ")
		l.p(kPh, g.phone())
		l.f(", adjuster team %s", g.pick([]string{"Auto-North", "Property-South", "Med-Desk"}))
	default:
		l.s("Выплата одобрена: получатель ")
		l.p(kName, p.sur+" "+p.given+" "+p.pat)
		l.f(", сумма %d.00 KZT, реквизиты KZ%02d%s, уведомление на ", 10000+g.r.IntN(900000), g.r.IntN(100), g.digits(16))
		l.p(kMail, g.email(p))
	}
}

func (g *Generator) loanApp(l *line) {
	p := g.person()
	l.f(`%s loan-origination level=info msg="application received" application_id=APP%s applicant="`, g.ts(), g.digits(10))
	l.p(kName, g.full(p))
	l.s(`" iin=`)
	l.p(kIIN, g.IIN())
	l.s(` mobile="`)
	l.p(kPh, g.phone())
	l.s(`" email=`)
	l.p(kMail, g.email(p))
	l.f(` amount=%d term_months=%d employer_bin=%s score=%d`, 50000+g.r.IntN(2000000), 3+g.r.IntN(33), g.BIN(), 300+g.r.IntN(550))
}

func (g *Generator) collectionsNote(l *line) {
	p, q := g.person(), g.person()
	l.f("%s collections-crm note agent=op%03d case=COL-%s: ", g.ts(), g.r.IntN(500), g.digits(7))
	switch g.r.IntN(4) {
	case 0:
		l.s("Дозвонились до заёмщика ")
		l.p(kName, p.sur+" "+p.given+" "+p.pat)
		l.s(" по номеру ")
		l.p(kPh, g.phone())
		l.s(", обещал погасить до 15 числа. Доп. контакт: супруг(а) ")
		l.p(kName, q.given+" "+q.sur)
		l.s(", тел ")
		l.p(kPh, g.phone())
	case 1:
		l.s("Borrower ")
		l.p(kName, p.lgiven+" "+p.lsur)
		l.s(" dictated a new number ")
		l.p(kPh, g.phone())
		l.s(" and confirmed IIN ")
		l.p(kIIN, g.IIN())
		l.s("; payment plan sent")
	case 3:
		l.s("Поручитель ")
		l.p(kName, p.given+" "+p.pat+" "+p.sur)
		l.s(" подтвердил согласие, связь через ")
		l.p(kMail, g.email(p))
		l.f(", договор %s", g.luhn("7", 12))
	default:
		l.s("Абонент недоступен, сообщение оставлено. Клиент ")
		l.p(kName, g.full(p))
		l.s(", ИИН: ")
		l.p(kIIN, g.IIN())
		l.s(", просрочка 42 дня")
	}
}

func (g *Generator) egovXML(l *line) {
	p := g.person()
	l.f(`%s egov-bridge DEBUG soap response <gbdflResponse><messageId>%08x-%04x-4%03x-a%03x-%012x</messageId><person><iin>`, g.ts(), g.r.Uint32(), g.r.IntN(65536), g.r.IntN(4096), g.r.IntN(4096), g.r.Uint64()>>16)
	l.p(kIIN, g.IIN())
	l.s(`</iin><fullName>`)
	l.p(kName, p.sur+" "+p.given+" "+p.pat)
	l.f(`</fullName><birthPlace>%s</birthPlace><docType>УДЛ</docType><docNumber>0%s</docNumber></person><status>OK</status></gbdflResponse>`, g.pick(cities), g.digits(8))
}

func (g *Generator) egovJSON(l *line) {
	p := g.person()
	l.esc = g.chance(0.3)
	l.f(`{"time":"%s","component":"egov-connector","method":"%s","request":{"requestIin":`, g.ts(), g.pick([]string{"getPersonByIin", "checkAddressRegistry", "verifyIdentity"}))
	g.jsonIIN(l, g.IIN())
	l.s(`,"consentId":"CNS-` + g.digits(9) + `"},"response":{"personFullName":"`)
	l.p(kName, g.full(p))
	l.f(`","region":"%s","phoneVerified":"`, g.pick(cities))
	l.p(kPh, g.phone())
	l.f(`","durationMs":%d}}`, 20+g.r.IntN(900))
}

func (g *Generator) premiumForm(l *line) {
	p := g.person()
	l.f(`%s web-pay POST /premium/pay body: policy=%s&card_number=`, g.ts(), g.policyNo())
	l.p(kPAN, strings.ReplaceAll(g.pan(), " ", "+"))
	l.s("&exp_date=")
	l.p(kExp, strings.ReplaceAll(g.expiry(), "/", "%2F"))
	l.s("&cvc=")
	l.p(kCVV, g.cvv())
	l.s("&cardholder=")
	l.p(kName, strings.ToUpper(p.lgiven)+"+"+strings.ToUpper(p.lsur))
	l.f("&amount=%d", 3000+g.r.IntN(200000))
}

func (g *Generator) gatewayDump(l *line) {
	l.esc = false
	l.f(`{"ts":"%s","gw":"kz-acq","op":"sale","order":"PRM-%s","card":{"number":"`, g.ts(), g.digits(9))
	l.p(kPAN, g.pan())
	l.s(`","expiry":"`)
	l.p(kExp, g.expiry())
	l.s(`","cvv2":"`)
	l.p(kCVV, g.cvv())
	l.f(`"},"rrn":"%s","auth_code":"%s","stan":"%s","mcc":"6300","terminal":"T%s","resp":"00"}`, g.rrn(), g.digits(6), g.digits(6), g.digits(7))
}

func (g *Generator) smsLog(l *line) {
	p := g.person()
	l.f("%s notify-sms provider=%s to=", g.ts(), g.pick([]string{"kcell-smpp", "beeline-http", "tele2-smpp"}))
	l.p(kPh, g.phone())
	switch g.r.IntN(3) {
	case 0:
		l.f(` text="%s, напоминаем: платёж по займу %d KZT до 25.12. Код подтверждения %s"`, p.given, 5000+g.r.IntN(90000), g.digits(6))
	case 1:
		l.f(` text="Құрметті %s, сақтандыру полисіңіз %s рәсімделді"`, p.given, g.policyNo())
	default:
		l.s(` text="Уважаемый клиент `)
		l.p(kName, p.sur+" "+p.given)
		l.s(`, ваша заявка одобрена" status=DELIVRD`)
	}
}

func (g *Generator) mailLog(l *line) {
	p := g.person()
	l.f("%s mx1 postfix/smtp[%d]: %X: to=<", g.ts(), 1000+g.r.IntN(60000), g.r.Uint32())
	l.p(kMail, g.email(p))
	l.f(">, relay=mx.%s[10.2.%d.%d]:25, delay=0.%d, status=sent (250 OK) message-id=<%x.%d@mail-out.sakta.local>", g.pick([]string{"mail.ru", "google.com", "yandex.ru"}), g.r.IntN(255), g.r.IntN(255), g.r.IntN(10), g.r.Uint64(), g.r.IntN(1000))
	if g.chance(0.4) {
		l.s(" from=<")
		l.p(kMail, g.pick([]string{"noreply@sakta-insurance.kz", "claims@sakta-insurance.kz", "info@karyzber.kz"}))
		l.s(">")
	}
}

func (g *Generator) beneficiaryKV(l *line) {
	l.f("%s policy-core beneficiaries policy=%s", g.ts(), g.policyNo())
	for i := 0; i < 1+g.r.IntN(2); i++ {
		p := g.person()
		l.f(" beneficiary[%d].name='", i)
		l.p(kName, p.sur+" "+p.given+" "+p.pat)
		l.f("' beneficiary[%d].iin=", i)
		l.p(kIIN, g.IIN())
		l.f(" beneficiary[%d].share=%d%%", i, 25*(1+g.r.IntN(3)))
	}
}

func (g *Generator) kkNote(l *line) {
	p := g.person()
	l.f("%s support-desk [kk] ", g.ts())
	if g.chance(0.5) {
		l.s("Клиент ")
		l.p(kName, p.sur+" "+p.given+" "+p.pat)
		l.s(" қоңырау шалды, ЖСН ")
		l.p(kIIN, g.IIN())
		l.s(", байланыс нөмірі ")
		l.p(kPh, g.phone())
		l.s(". Төлем кестесі жіберілді.")
	} else {
		l.s("Өтініш иесі: ")
		l.p(kName, p.given+" "+p.sur)
		l.s(", электрондық пошта ")
		l.p(kMail, g.email(p))
		l.f(", қала %s", g.pick(cities))
	}
}

// clean writes a PII-free operational line.
func (g *Generator) clean(l *line) {
	switch g.r.IntN(11) {
	case 9:
		l.f(`{"ts":"%s","svc":"marketing","handle":"@sakta_%s","campaign_id":"%08x-%04x-4%03x-b%03x-%012x","payload":"%s","ref":"%s%s"}`, g.ts(), g.pick([]string{"kz", "support", "news"}), g.r.Uint32(), g.r.IntN(65536), g.r.IntN(4096), g.r.IntN(4096), g.r.Uint64()>>16, g.b64(), g.digits(1), g.IIN()+g.digits(1))
	case 10:
		bad := g.luhn("4"+g.digits(5), 16)
		bad = bad[:15] + string(rune('0'+(int(bad[15]-'0')+1)%10))
		l.f("%s settlement: acct %s rejected (checksum), doc %s%02d%s, installments 3/12, code 05", g.ts(), bad, g.digits(2), 13+g.r.IntN(80), g.digits(8))
	case 0:
		l.f(`{"ts":"%s","gw":"kz-acq","op":"refund","rrn":"%s","auth_code":"%s","stan":"%s","pan_masked":"%s","amount":%d,"currency":"KZT"}`, g.ts(), g.rrn(), g.digits(6), g.digits(6), g.masked(), 1000+g.r.IntN(90000))
	case 1:
		l.f("%s policy-core reconciliation done: %d policies, counterparty BIN %s, contract %s, batch %d", g.ts(), g.r.IntN(5000), g.BIN(), g.policyNo(), g.r.Int64N(1e13)+1700000000000)
	case 2:
		l.f("%s ops: Филиал в г. %s завершил выгрузку реестра договоров за %d.%d с, ошибок нет", g.ts(), g.pick(cities), g.r.IntN(60), g.r.IntN(10))
	case 3:
		l.f(`{"time":"%s","component":"egov-connector","method":"healthCheck","status":"UP","latency_ms":%d,"version":"3.%d.%d","partner":"ТОО «КарызБер Финанс»"}`, g.ts(), g.r.IntN(300), g.r.IntN(20), g.r.IntN(30))
	case 4:
		l.f("%s loan-origination level=warn msg=\"scoring timeout\" application_id=APP%s partner_bin=%s retry=%d", g.ts(), g.digits(10), g.BIN(), g.r.IntN(4))
	case 5:
		l.f("%s product-catalog: тариф «%s» обновлён командой Actuarial, коэффициент %d.%02d, регион %s", g.ts(), g.pick(products), 1, g.r.IntN(100), g.pick(cities))
	case 6:
		l.f("%s notify-sms queue depth=%d otp_sent=%d provider=kcell-smpp window=05/11/2026 commit=%x", g.ts(), g.r.IntN(999), g.r.IntN(9999), g.r.Uint64())
	case 7:
		l.f("%s billing: договор №%s от 12.03.2025 закрыт, счёт KZ%02d%s, заказ %s", g.ts(), g.luhn("7", 16), g.r.IntN(100), g.digits(16), g.rrn())
	default:
		l.f("%s kafka consumer group=tazala-egov lag=%d partition=%d offset=%d uploaded logo@2x.png to cdn", g.ts(), g.r.IntN(100), g.r.IntN(12), g.r.Int64N(1e9))
	}
}

func (g *Generator) chat(l *line) {
	p := g.person()
	l.f("%s chatbot session=%x user_msg=", g.ts(), g.r.Uint32())
	switch g.r.IntN(3) {
	case 0:
		l.s(`"Hello, my name is `)
		l.p(kName, p.lgiven+" "+p.lsur)
		l.s(", I changed my number to ")
		l.p(kPh, g.phone())
		l.s(`, please update policy ` + g.policyNo() + `"`)
	case 1:
		l.s(`"Здравствуйте, меня зовут `)
		l.p(kName, p.given+" "+p.sur)
		l.s(". Хочу оформить займ, мой ИИН ")
		l.p(kIIN, g.IIN())
		l.s(`, пишите на `)
		l.p(kMail, g.email(p))
		l.s(`"`)
	default:
		l.s(`"Сәлеметсіз бе, мен `)
		l.p(kName, p.sur+" "+p.given)
		l.s(", нөмірім ")
		l.p(kPh, g.phone())
		l.s(`, несие туралы сұрағым бар"`)
	}
}

func (g *Generator) cardDictated(l *line) {
	l.f("%s callcenter autopay setup op%03d: ", g.ts(), g.r.IntN(400))
	if g.chance(0.5) {
		l.s("клиент продиктовал карту ")
		l.p(kPAN, g.pan())
		l.s(", срок действия ")
		l.p(kExp, g.expiry())
		l.s(", CVV ")
		l.p(kCVV, g.cvv())
		l.s(" — автосписание премии подключено")
	} else {
		l.s("card ")
		l.p(kPAN, g.pan())
		l.s(" exp ")
		l.p(kExp, g.expiry())
		l.s(" cvc ")
		l.p(kCVV, g.cvv())
		l.f(" linked to loan %s", g.luhn("7", 14))
	}
}

func (g *Generator) kycCSV(l *line) {
	p := g.person()
	l.s("kyc-export;")
	l.s(g.ts()[:10] + ";")
	l.p(kIIN, g.IIN())
	l.s(";")
	l.p(kName, p.sur+" "+p.given+" "+p.pat)
	l.s(";")
	l.p(kPh, g.phone())
	l.s(";")
	l.p(kMail, g.email(p))
	l.f(";%s;risk=%s", g.pick(cities), g.pick([]string{"low", "medium", "high"}))
}

func (g *Generator) egovRequestXML(l *line) {
	p := g.person()
	l.f(`%s egov-bridge INFO outbound <svc:addressRequest><svc:declarantIin>`, g.ts())
	l.p(kIIN, g.IIN())
	l.s(`</svc:declarantIin><svc:declarantName>`)
	l.p(kName, g.full(p))
	l.s(`</svc:declarantName><svc:contactPhone>`)
	l.p(kPh, g.phone())
	l.f(`</svc:contactPhone><svc:organizationBin>%s</svc:organizationBin></svc:addressRequest>`, g.BIN())
}

func (g *Generator) mailNotify(l *line) {
	p := g.person()
	l.f(`%s notify-mail queued to="`, g.ts())
	l.p(kName, p.lgiven+" "+p.lsur)
	l.s(`" <`)
	l.p(kMail, g.email(p))
	l.f(`> subject="Полис %s оформлен" attachment=policy_%s.pdf`, g.policyNo(), g.digits(8))
}

func (g *Generator) gatewayYAML(l *line) {
	p := g.person()
	l.f("%s 3ds-gw dump: pan: ", g.ts())
	l.p(kPAN, g.pan())
	l.s(", exp: ")
	l.p(kExp, g.expiry())
	l.s(", cvc2: ")
	l.p(kCVV, g.cvv())
	l.s(", holder: ")
	l.p(kName, strings.ToUpper(p.lgiven+" "+p.lsur))
	l.f(", eci: 05, xid: %x", g.r.Uint64())
}

func (g *Generator) b64() string {
	const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	b := make([]byte, 40)
	for i := range b {
		b[i] = a[g.r.IntN(64)]
	}
	return string(b) + "=="
}
