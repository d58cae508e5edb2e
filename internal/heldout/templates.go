package heldout

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tazala/tazala"
)

// Field-name vocabularies. A triple or list is one author's naming; pick
// and pickIdx take from this part's half.
var (
	splitNameKeys = [][3]string{
		{"last_name", "first_name", "middle_name"},
		{"surname", "given_name", "patronymic"},
		{"lastName", "firstName", "middleName"},
		{"фамилия", "имя", "отчество"},
		{"holder_last", "holder_first", "holder_middle"},
		{"тегі", "аты", "әкесінің_аты"},
		{"family_name", "name", "father_name"},
		{"LastName", "FirstName", "SecondName"},
	}
	iinKeys    = []string{"iin", "iin_number", "client_iin", "personal_iin", "customer_iin", "iinCode", "payer_iin", "ИИН"}
	phoneKeys  = []string{"phone", "msisdn", "mobile_phone", "tel", "contact_number", "phone_no", "mobilePhone", "телефон"}
	emailKeys  = []string{"email", "email_address", "mail", "e_mail", "contact_email", "user_email", "emailAddr", "почта"}
	panKeys    = []string{"card_number", "pan", "cardNo", "card_pan", "primary_account_number", "cardnum", "CardNumber", "номер_карты"}
	expKeys    = []string{"card_exp", "expiry", "exp_date", "valid_thru", "expiration", "validThru", "cardExpiry", "срок_действия"}
	cvvKeys    = []string{"cvc", "cvv2", "security_code", "cvv", "card_cvc", "cvc2", "cardCvv", "cvv_code"}
	holderKeys = []string{"holder", "cardholder_name", "full_name", "customer_name", "fio", "owner_name", "holderName", "payer_fio"}
	tables     = []string{"public.card_holders", "billing.customers", "kyc_profiles", "acq.card_tokens", "crm.clients", "payments.payer"}
	delims     = []string{",", ";", "|", "\t", ",", ";"}
)

func (g *Generator) pickIdx(n int) int {
	if g.part >= Blind {
		return g.r.IntN(n)
	}
	k := (n - int(g.part) + 1) / 2
	return 2*g.r.IntN(k) + int(g.part)
}

// csvRow: a CSV export row without a header: positions only.
func (g *Generator) csvRow(l *rec, p person) {
	d := g.pick(delims)
	q := ""
	if g.chance(3) && d != "\t" {
		q = `"`
	}
	f := func(k tazala.Kind, v string) {
		l.s(d).s(q)
		if k != 0 {
			l.v(k, v)
		} else {
			l.s(v)
		}
		l.s(q)
	}
	l.s(q + g.ts() + q)
	f(0, g.pick([]string{"AUTH", "SALE", "REFUND", "VOID", "CAPTURE", "REVERSAL"}))
	f(0, strconv.Itoa(100000+g.r.IntN(900000)))
	f(tazala.KindName, p.last)
	f(tazala.KindName, p.first)
	if p.middle != "" {
		f(tazala.KindName, p.middle)
	}
	f(tazala.KindIIN, p.iin)
	f(tazala.KindPhone, p.phone)
	f(tazala.KindEmail, p.email)
	if g.chance(2) {
		f(tazala.KindPAN, g.groupPAN(p.pan))
		f(tazala.KindExpiry, p.exp)
		if g.chance(2) {
			f(tazala.KindCVV, p.cvv)
		}
	} else {
		f(0, p.pan[:6]+strings.Repeat("*", len(p.pan)-10)+p.pan[len(p.pan)-4:])
	}
	f(0, fmt.Sprintf("%d.%02d", g.r.IntN(500000), g.r.IntN(100)))
	f(0, g.any([]string{"KZT", "USD", "RUB"}))
	f(0, g.any([]string{"00", "05", "51", "91"}))
}

// sqlInsert: an INSERT statement as a query log prints it, with or
// without a column list.
func (g *Generator) sqlInsert(l *rec, p person) {
	names := g.nameKeys()
	type col struct {
		name string
		k    tazala.Kind
		v    string
		num  bool
	}
	cols := []col{
		{"id", 0, strconv.Itoa(1 + g.r.IntN(9_000_000)), true},
		{"created_at", 0, g.ts(), false},
		{names[0], tazala.KindName, p.last, false},
		{names[1], tazala.KindName, p.first, false},
	}
	if p.middle != "" {
		cols = append(cols, col{names[2], tazala.KindName, p.middle, false})
	}
	cols = append(cols,
		col{g.pick(iinKeys), tazala.KindIIN, p.iin, g.chance(4) && p.iin[0] != '0'},
		col{g.pick(phoneKeys), tazala.KindPhone, p.phone, false},
		col{g.pick(emailKeys), tazala.KindEmail, p.email, false},
		col{"status", 0, g.any([]string{"active", "blocked", "pending"}), false},
		col{"version", 0, strconv.Itoa(g.r.IntN(40)), true},
	)
	if g.chance(2) {
		cols = append(cols,
			col{g.pick(panKeys), tazala.KindPAN, p.pan, false},
			col{g.pick(expKeys), tazala.KindExpiry, p.exp, false},
			col{g.pick(cvvKeys), tazala.KindCVV, p.cvv, false})
	}
	l.s(g.ts() + " UTC [" + strconv.Itoa(1000+g.r.IntN(60000)) + "] LOG:  statement: ")
	l.s("INSERT INTO " + g.pick(tables))
	if !g.chance(3) {
		l.s(" (")
		for i, c := range cols {
			if i > 0 {
				l.s(", ")
			}
			l.s(c.name)
		}
		l.s(")")
	}
	l.s(" VALUES (")
	for i, c := range cols {
		if i > 0 {
			l.s(", ")
		}
		if !c.num {
			l.s("'")
		}
		if c.k != 0 {
			l.v(c.k, c.v)
		} else {
			l.s(c.v)
		}
		if !c.num {
			l.s("'")
		}
	}
	l.s(");")
}

// debezium: a change event of a CDC connector with row data and source
// coordinates (LSN, transaction id, epochs).
func (g *Generator) debezium(l *rec, p person) {
	l.ascii = g.chance(4)
	names := g.nameKeys()
	row := func(after bool) {
		l.s("{")
		l.num("id", 0, strconv.Itoa(1+g.r.IntN(9_000_000))).s(",")
		if g.chance(2) {
			l.field(names[0], tazala.KindName, p.last).s(",")
			l.field(names[1], tazala.KindName, p.first).s(",")
			if p.middle != "" {
				l.field(names[2], tazala.KindName, p.middle).s(",")
			}
		} else {
			l.field(g.pick(holderKeys), tazala.KindName, g.fullName(p)).s(",")
		}
		if g.chance(5) && p.iin[0] != '0' {
			l.num(g.pick(iinKeys), tazala.KindIIN, p.iin).s(",")
		} else {
			l.field(g.pick(iinKeys), tazala.KindIIN, p.iin).s(",")
		}
		l.field(g.pick(phoneKeys), tazala.KindPhone, p.phone).s(",")
		l.field(g.pick(emailKeys), tazala.KindEmail, p.email).s(",")
		if after && g.chance(2) {
			l.field(g.pick(panKeys), tazala.KindPAN, g.groupPAN(p.pan)).s(",")
			l.field(g.pick(expKeys), tazala.KindExpiry, p.exp).s(",")
			l.field(g.pick(cvvKeys), tazala.KindCVV, p.cvv).s(",")
		}
		l.num("updated_at", 0, strconv.FormatInt(1_760_000_000_000_000+g.r.Int64N(1e13), 10)).s(",")
		l.num("row_version", 0, strconv.Itoa(g.r.IntN(100)))
		l.s("}")
	}
	l.s(`{"schema":null,"payload":{"before":`)
	if g.chance(2) {
		l.s("null")
	} else {
		row(false)
	}
	l.s(`,"after":`)
	row(true)
	lsn := strconv.FormatInt(70_000_000_000+g.r.Int64N(2e10), 10)
	l.s(`,"source":{"version":"2.7.3.Final","connector":"postgresql","name":"pg-main","ts_ms":` + strconv.FormatInt(1_760_000_000_000+g.r.Int64N(1e10), 10))
	l.s(`,"snapshot":"false","db":"payments","sequence":"[\"` + lsn + `\",\"` + strconv.FormatInt(70_000_000_000+g.r.Int64N(2e10), 10) + `\"]","schema":"public","table":"` + g.any([]string{"card_holders", "clients"}) + `"`)
	l.s(`,"txId":` + strconv.FormatInt(700_000_000+g.r.Int64N(2e8), 10) + `,"lsn":` + lsn + `,"xmin":null},"op":"` + g.any([]string{"c", "u", "r"}) + `","ts_ms":` + strconv.FormatInt(1_760_000_000_000+g.r.Int64N(1e10), 10) + `}}`)
}

// kvLine: a logfmt line.
func (g *Generator) kvLine(l *rec, p person) {
	l.s("ts=" + strings.ReplaceAll(g.ts(), " ", "T") + "Z level=" + g.any([]string{"info", "warn", "debug"}) + " svc=" + g.any([]string{"acq-gw", "kyc", "p2p", "wallet"}))
	l.s(" req=" + g.hex(16) + " ")
	quoted := func(key string, k tazala.Kind, v string) {
		l.s(" " + key + "=")
		if strings.ContainsAny(v, " ") {
			l.s(`"`).v(k, v).s(`"`)
		} else {
			l.v(k, v)
		}
	}
	l.s("msg=" + g.pick([]string{`"payer verified"`, `"card bound"`, `"transfer accepted"`, `"profile updated"`, `"3ds challenge"`, `"limit check"`}))
	switch g.r.IntN(3) {
	case 0:
		names := g.nameKeys()
		quoted(names[0], tazala.KindName, p.last)
		quoted(names[1], tazala.KindName, p.first)
		if p.middle != "" {
			quoted(names[2], tazala.KindName, p.middle)
		}
	case 1:
		quoted(g.pick(holderKeys), tazala.KindName, g.latinName(p))
	default:
		quoted(g.pick(holderKeys), tazala.KindName, g.fullName(p))
	}
	quoted(g.pick(iinKeys), tazala.KindIIN, p.iin)
	quoted(g.pick(phoneKeys), tazala.KindPhone, p.phone)
	if g.chance(2) {
		quoted(g.pick(emailKeys), tazala.KindEmail, p.email)
	}
	if g.chance(2) {
		quoted(g.pick(panKeys), tazala.KindPAN, g.groupPAN(p.pan))
		quoted(g.pick(expKeys), tazala.KindExpiry, p.exp)
		if g.chance(2) {
			quoted(g.pick(cvvKeys), tazala.KindCVV, p.cvv)
		}
	}
	l.s(fmt.Sprintf(" offset=%d partition=%d lat_ms=%d bytes=%d", 70_000_000_000+g.r.Int64N(2e10), g.r.IntN(12), g.r.IntN(900), g.r.IntN(1<<20)))
}

// mtaLog: mail server lines: recipients and senders are addresses,
// Message-IDs and queue ids are not.
func (g *Generator) mtaLog(l *rec, p person) {
	qid := strings.ToUpper(g.hex(10))
	host := g.any([]string{"mx01", "smtp-out-2", "relay.int"})
	mid := fmt.Sprintf("%d.%s.%s@%s", 1_760_000_000+g.r.IntN(1e7), g.hex(8), strings.ToLower(qid), g.any([]string{"notify.bank.kz", "mailer.shop.kz", "mx.example.com"}))
	pre := fmt.Sprintf("Dec %2d %02d:%02d:%02d %s ", 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), host)
	switch g.r.IntN(5) {
	case 0:
		l.s(pre+fmt.Sprintf("postfix/qmgr[%d]: %s: from=<", g.r.IntN(99999), qid)).v(tazala.KindEmail, p.email).s(fmt.Sprintf(">, size=%d, nrcpt=1 (queue active)", 1000+g.r.IntN(90000)))
	case 1:
		l.s(pre + fmt.Sprintf("postfix/cleanup[%d]: %s: message-id=<%s>", g.r.IntN(99999), qid, mid))
	case 2:
		l.s(pre+fmt.Sprintf("exim[%d]: %s <= ", g.r.IntN(99999), qid)).v(tazala.KindEmail, p.email).s(fmt.Sprintf(" H=(client) [10.%d.%d.%d] P=esmtps S=%d id=%s", g.r.IntN(256), g.r.IntN(256), g.r.IntN(256), 2000+g.r.IntN(50000), mid))
	case 3:
		l.s(pre+fmt.Sprintf("postfix/smtp[%d]: %s: to=<", g.r.IntN(99999), qid)).v(tazala.KindEmail, p.email).s(fmt.Sprintf(">, relay=mx.%s[203.0.113.%d]:25, delay=%d.%d, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as %s)", g.any([]string{"mail.ru", "gmail.com"}), g.r.IntN(255), g.r.IntN(9), g.r.IntN(99), strings.ToUpper(g.hex(9))))
	default:
		l.s(pre+fmt.Sprintf("sendmail[%d]: %s: Message-ID: <%s>, msgid=<%s> from ", g.r.IntN(99999), qid, mid, mid)).v(tazala.KindEmail, p.email)
	}
}

// chain writes card data positionally: PAN, expiry and code separated by
// blanks or punctuation, no labels.
func (g *Generator) chain(l *rec, p person, withCVV bool) {
	sep := g.pick([]string{" ", "; ", ", ", " | ", " / ", "  "})
	l.v(tazala.KindPAN, g.groupPAN(p.pan)).s(sep).v(tazala.KindExpiry, p.exp)
	if withCVV {
		l.s(sep).v(tazala.KindCVV, p.cvv)
	}
}

func (g *Generator) ticketRU(l *rec, p person) {
	l.ascii = g.chance(5)
	l.s(`{"at":"` + g.ts() + `","channel":"` + g.any([]string{"chat", "email", "call-center"}) + `","text":"`)
	intro := g.pick([]string{"Меня зовут ", "Это ", "Пишет вам ", "Владелец карты: ", "Я, ", "Держатель карты ", "Обращается ", "Клиент "})
	l.j(g.pick([]string{"Здравствуйте! ", "Добрый день. ", "Доброе утро, ", "Приветствую. "})).j(intro).jv(tazala.KindName, g.fullName(p)).j(". ")
	switch g.r.IntN(3) {
	case 0:
		l.j(g.pick([]string{"Номер карты ", "Карта ", "Платёжная карта ", "Моя карта "})).jv(tazala.KindPAN, g.groupPAN(p.pan))
		l.j(g.pick([]string{", срок действия ", ", действует до ", ", годна до ", ", истекает ", ", срок ", ", до "})).jv(tazala.KindExpiry, p.exp)
		l.j(g.pick([]string{", CVV ", ", код CVC2: ", ", три цифры на обороте: ", ", CVV-код ", ", код безопасности ", ", проверочный код "})).jv(tazala.KindCVV, p.cvv)
	case 1:
		l.j("Данные карты: ")
		chainStart := len(l.b)
		_ = chainStart
		g.jchain(l, p)
	default:
		l.j(g.pick([]string{"ИИН ", "мой ИИН: ", "ИИН/ЖСН ", "иин "})).jv(tazala.KindIIN, p.iin)
	}
	l.j(g.pick([]string{". Перезвоните на ", ". Мой номер ", ". Телефон для связи: ", ". Звоните: "})).jv(tazala.KindPhone, p.phone)
	l.j(g.pick([]string{", почта ", ", e-mail: ", ", пишите на ", ", адрес "})).jv(tazala.KindEmail, p.email)
	l.j(". Заявка №" + g.digits(8) + ` от ` + strconv.Itoa(1+g.r.IntN(28)) + ".12.2026" + `"}`)
}

// jchain is chain inside a JSON string.
func (g *Generator) jchain(l *rec, p person) {
	sep := g.pick([]string{" ", "; ", ", ", " | ", " / ", "  "})
	l.jv(tazala.KindPAN, g.groupPAN(p.pan)).j(sep).jv(tazala.KindExpiry, p.exp).j(sep).jv(tazala.KindCVV, p.cvv)
}

func (g *Generator) ticketKZ(l *rec, p person) {
	l.s(g.ts() + " INFO  [support-kz] ticket=" + strconv.Itoa(g.r.IntN(1e6)) + " body=\"")
	l.s(g.pick([]string{"Сәлеметсіз бе! ", "Қайырлы күн! ", "Сәлем. ", "Армысыз! "}))
	l.s(g.pick([]string{"Менің атым ", "Мен ", "Карта иесі: ", "Иесі ", "Менің есімім ", "Жазып отырған "})).v(tazala.KindName, g.fullName(p)).s(". ")
	switch g.r.IntN(3) {
	case 0:
		l.s(g.pick([]string{"Карта нөмірі ", "Картам ", "Карта ", "Төлем картасы "})).v(tazala.KindPAN, g.groupPAN(p.pan))
		l.s(g.pick([]string{", жарамдылық мерзімі ", ", мерзімі ", ", қолданылу мерзімі ", ", жарамды мерзімі "})).v(tazala.KindExpiry, p.exp)
		l.s(g.pick([]string{", CVV коды ", ", қауіпсіздік коды ", ", CVC ", ", артқы жағындағы код "})).v(tazala.KindCVV, p.cvv)
	case 1:
		l.s("Карта деректері: ")
		g.chain(l, p, true)
	default:
		l.s(g.pick([]string{"ЖСН ", "ЖСН: ", "Менің ЖСН ", "ИИН "})).v(tazala.KindIIN, p.iin)
	}
	l.s(g.pick([]string{". Телефон: ", ". Байланыс нөмірі ", ". Нөмірім ", ". Хабарласыңыз: "})).v(tazala.KindPhone, p.phone)
	l.s(g.pick([]string{", пошта ", ", электрондық пошта: ", ", email ", ", поштам "})).v(tazala.KindEmail, p.email)
	l.s(". Рахмет.\"")
}

func (g *Generator) ticketEN(l *rec, p person) {
	l.s(`{"received":"` + g.ts() + `","from":"web","body":"`)
	l.j(g.pick([]string{"Hello, ", "Hi team, ", "Good afternoon. ", "Dear support, "}))
	l.j(g.pick([]string{"my name is ", "this is ", "I am ", "cardholder ", "card owner: ", "account holder "})).jv(tazala.KindName, g.latinName(p)).j(". ")
	switch g.r.IntN(3) {
	case 0:
		l.j(g.pick([]string{"Card number ", "My card ", "Card ", "The card "})).jv(tazala.KindPAN, g.groupPAN(p.pan))
		l.j(g.pick([]string{", valid thru ", ", validThru ", ", expires ", ", exp. date ", ", expiration ", ", good thru "})).jv(tazala.KindExpiry, p.exp)
		l.j(g.pick([]string{", CVV ", ", security code ", ", CVC2 ", ", card verification value ", ", the 3 digits on the back: ", ", CID "})).jv(tazala.KindCVV, p.cvv)
	case 1:
		l.j("Card details: ")
		g.jchain(l, p)
	default:
		l.j(g.pick([]string{"My IIN is ", "IIN: ", "national id (IIN) ", "IIN "})).jv(tazala.KindIIN, p.iin)
	}
	l.j(g.pick([]string{". Call me at ", ". Phone: ", ". Reach me on ", ". Mobile "})).jv(tazala.KindPhone, p.phone)
	l.j(g.pick([]string{" or write to ", ", email ", ", mail me at ", ". Email: "})).jv(tazala.KindEmail, p.email)
	l.j(g.pick([]string{". Regards, ", ". Thanks, ", ". Best, ", ". Sincerely, "})).jv(tazala.KindName, g.latinName(p))
	l.s(`"}`)
}

// nameKeys returns a triple of split-name field names of this part.
func (g *Generator) nameKeys() [3]string {
	switch g.part {
	case Blind:
		return blindNameKeys[g.r.IntN(len(blindNameKeys))]
	case Blind2:
		return blind2NameKeys[g.r.IntN(len(blind2NameKeys))]
	case Blind3:
		return blind3NameKeys[g.r.IntN(len(blind3NameKeys))]
	}
	return splitNameKeys[g.pickIdx(len(splitNameKeys))]
}
