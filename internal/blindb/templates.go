package blindb

import (
	"strings"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
)

type tmpl func(g *Generator, b *builder)

// category is one kind of source; its variants alternate Tune, Held, Tune…
type category struct {
	name     string
	weight   int
	variants []tmpl
}

var categories []category

func init() {
	categories = []category{
		{"chat", 14, chatTemplates},
		{"ticket", 10, ticketTemplates},
		{"crm", 9, crmTemplates},
		{"event", 10, eventTemplates},
		{"mailhdr", 6, mailTemplates},
		{"mta", 8, mtaTemplates},
		{"sms", 9, smsTemplates},
		{"kyc", 7, kycTemplates},
		{"card", 3, cardTemplates},
		{"negative", 24, negTemplates},
	}
}

func (g *Generator) lang() string {
	switch x := g.r.Float64(); {
	case x < 0.5:
		return "ru"
	case x < 0.75:
		return "kk"
	}
	return "en"
}

func (g *Generator) custPhrase(c *pctx) string {
	switch c.lang {
	case "kk":
		return pick(g, custKK)
	case "en":
		return pick(g, custEN)
	}
	return pick(g, custRU)
}

func (g *Generator) opPhrase(c *pctx) string {
	switch c.lang {
	case "kk":
		return pick(g, opKK)
	case "en":
		return pick(g, opEN)
	}
	return pick(g, opRU)
}

func (g *Generator) sigPhrase(c *pctx) string {
	switch c.lang {
	case "kk":
		return pick(g, sigKK)
	case "en":
		return pick(g, sigEN)
	}
	return pick(g, sigRU)
}

func (g *Generator) subject(c *pctx) string {
	switch c.lang {
	case "kk":
		return pick(g, subjectsKK)
	case "en":
		return pick(g, subjectsEN)
	}
	return pick(g, subjectsRU)
}

// chatMsg is one chat message: the customer's (true) or the operator's.
func (g *Generator) chatMsg(c *pctx) (txt, bool) {
	if g.chance(0.72) {
		return g.expand(g.custPhrase(c), c), true
	}
	return g.expand(g.opPhrase(c), c), false
}

// style is a JSON producer's layout and escaping: UTF-8 mostly; the
// escaping styles are split between the parts.
func (g *Generator) style() jsonStyle {
	st := jsonStyle{spaced: g.chance(0.3)}
	if g.chance(0.35) {
		st.e = pick(g, []esc{escASCII, escASCIIUp, escASCII, escPHP})
	}
	return st
}

// nameParts returns the split name fields' values (surname, given,
// patronymic), sometimes upper-cased or transliterated as a whole.
func (g *Generator) nameParts(p person) (s, gv, pt string) {
	s, gv, pt = p.sur, p.given, p.patr
	if !p.latin && g.chance(0.1) {
		s, gv, pt = g.translit(s), g.translit(gv), g.translit(pt)
	}
	if g.chance(0.12) {
		s, gv, pt = upper(s), upper(gv), upper(pt)
	}
	return
}

func nameVal(s string) any {
	if s == "" {
		return nil
	}
	return val(tazala.KindName, s)
}

func orEmpty(s string) any {
	if s == "" {
		return ""
	}
	return val(tazala.KindName, s)
}

// ---- chats ----

var chatTemplates = []tmpl{
	// Tune: plain application log of a live chat.
	func(g *Generator, b *builder) {
		c := g.newCtx(g.lang())
		m, cust := g.chatMsg(c)
		role := "operator"
		if cust {
			role = "client"
		}
		b.rawf("%s INFO  livechat.session [sid=c-%s] %s: ", g.isoTS(), g.hex(6), role).text(m)
	},
	// Held: bracketed chat transcript.
	func(g *Generator, b *builder) {
		c := g.newCtx(g.lang())
		m, cust := g.chatMsg(c)
		role := "agent"
		if cust {
			role = "visitor"
		}
		b.rawf("[%s] <%s #%d> ", g.ruTS(), role, g.between(1000, 99999)).text(m)
	},
	// Tune: messenger webhook event; the sender's number in a labelled field.
	func(g *Generator, b *builder) {
		c := g.newCtx(g.lang())
		m, _ := g.chatMsg(c)
		from := obj{{"phone", jpnum{tazala.KindPhone, g.msisdn()}}}
		if g.chance(0.5) {
			from = obj{{"wa_id", val(tazala.KindPhone, g.msisdn())}, {"profile", obj{{"name", val(tazala.KindName, g.name(c.p))}}}}
		}
		b.jdoc(obj{{"ts", g.isoZ()}, {"channel", any1(g, []string{"whatsapp", "telegram", "web"})}, {"direction", "in"},
			{"from", from}, {"text", m}}, g.style())
	},
	// Held: conversation event with the author's display name.
	func(g *Generator, b *builder) {
		c := g.newCtx(g.lang())
		m, cust := g.chatMsg(c)
		author := obj{{"type", "agent"}, {"display", val(tazala.KindName, g.name(c.operator(g)))}}
		if cust {
			author = obj{{"type", "customer"}, {"display", val(tazala.KindName, g.name(c.p))}}
		}
		b.jdoc(obj{{"@timestamp", g.isoTS()}, {"conversation", obj{{"id", g.uuid()}, {"lang", c.lang}}},
			{"message", obj{{"author", author}, {"body", m}}}}, g.style())
	},
	// Tune: logfmt bot log.
	func(g *Generator, b *builder) {
		c := g.newCtx(g.lang())
		m, cust := g.chatMsg(c)
		role := "bot"
		if cust {
			role = "user"
		}
		b.rawf("time=%s level=info app=helpdesk-bot chat_id=%d role=%s text=\"", g.isoZ(), g.between(100000, 9999999), role).text(m).raw("\"")
	},
	// Held: syslog line of a chat daemon, quoting the previous message.
	func(g *Generator, b *builder) {
		c := g.newCtx(g.lang())
		m, _ := g.chatMsg(c)
		b.rawf("%s support-web-%d chatd[%d]: conv=%s lang=%s msg: ", g.syslogTS(), g.between(1, 4), g.between(300, 32000), g.hex(10), c.lang)
		if g.chance(0.3) {
			q, _ := g.chatMsg(c)
			b.raw("> ").text(q).raw(" || ")
		}
		b.text(m)
	},
}

// ---- tickets ----

func (g *Generator) body(c *pctx) txt {
	t := g.expand(g.custPhrase(c), c)
	if g.chance(0.6) {
		t = t.lit("\n\n").add(g.expand(g.sigPhrase(c), c))
	}
	return t
}

func (g *Generator) fwd(c *pctx) txt {
	var w string
	if c.lang == "en" {
		w = pick(g, fwdEN)
	} else {
		w = pick(g, fwdRU)
	}
	return g.expand(w, c).add(g.body(c))
}

var ticketTemplates = []tmpl{
	// Tune: helpdesk ticket JSON with requester object and a signed body.
	func(g *Generator, b *builder) {
		c := g.newCtx(g.lang())
		req := obj{{"name", val(tazala.KindName, g.name(c.p))}, {"email", g.marker("E", c)}}
		b.jdoc(obj{{"ticket", obj{{"id", g.between(10000, 999999)}, {"status", "open"}, {"requester", req},
			{"subject", g.subject(c)}, {"description", g.body(c)}}}}, g.style())
	},
	// Held: CRM case with contact and a comment thread.
	func(g *Generator, b *builder) {
		c := g.newCtx(g.lang())
		contact := obj{{"fullName", val(tazala.KindName, g.name(c.p))}, {"mobilePhone", g.marker("P", c)}}
		comments := arr{obj{{"author", "agent"}, {"body", g.expand(g.opPhrase(c), c)}}}
		if g.chance(0.5) {
			comments = append(comments, obj{{"author", "customer"}, {"body", g.fwd(c)}})
		}
		b.jdoc(obj{{"case", obj{{"number", "CASE-" + digits(g, 6)}, {"contact", contact}, {"comments", comments}}}}, g.style())
	},
	// Tune: plain helpdesk log line naming the requester with address.
	func(g *Generator, b *builder) {
		c := g.newCtx(g.lang())
		b.rawf("helpdesk[%d]: ticket #%d created by ", g.between(100, 9999), g.between(10000, 999999))
		b.text(g.expand("{N} <{E}>", c)).rawf(" via %s, subject=%q", any1(g, []string{"email", "web", "phone"}), g.subject(c))
	},
	// Held: ticket article log with quoted from= header.
	func(g *Generator, b *builder) {
		c := g.newCtx(g.lang())
		b.rawf("%s zammad.article created ticket=%s from=\"", g.spaceTS(), g.expand("{TCK}", c).plain())
		b.text(g.expand("{N} <{E}>", c)).raw("\" to=").text(g.expand("{SE}", c)).raw(" type=email")
	},
	// Tune: e-mail to ticket, forwarded message in the body.
	func(g *Generator, b *builder) {
		c := g.newCtx(g.lang())
		b.jdoc(obj{{"source", "mail"}, {"mailbox", g.marker("SE", c)}, {"subject", "Fwd: " + g.subject(c)}, {"body", g.fwd(c)}}, g.style())
	},
	// Held: reply with the quoted customer message.
	func(g *Generator, b *builder) {
		c := g.newCtx(g.lang())
		t := g.expand(g.opPhrase(c), c).lit("\n\n").add(g.fwd(c))
		b.jdoc(obj{{"reply", obj{{"ticketId", g.between(1000, 99999)}, {"text", t}, {"public", true}}}}, g.style())
	},
}

// ---- CRM / KYC exports ----

var crmTemplates = []tmpl{
	// Tune: semicolon CSV with a header.
	func(g *Generator, b *builder) {
		if g.chance(0.12) {
			b.raw("client_id;last_name;first_name;middle_name;iin;phone;email;city")
			return
		}
		c := g.newCtx("ru")
		s, gv, pt := g.nameParts(c.p)
		b.rawf("%d;", g.between(1, 999999)).pii(tazala.KindName, s).raw(";").pii(tazala.KindName, gv).raw(";")
		if pt != "" {
			b.pii(tazala.KindName, pt)
		}
		b.raw(";").text(g.expand("{I};{P};{E};{CITY}", c))
	},
	// Held: quoted comma CSV without header, IIN first.
	func(g *Generator, b *builder) {
		c := g.newCtx("kk")
		s, gv, pt := g.nameParts(c.p)
		b.raw("\"").text(g.expand("{I}", c)).raw("\",\"").pii(tazala.KindName, s).raw("\",\"").pii(tazala.KindName, gv).raw("\",\"")
		if pt != "" {
			b.pii(tazala.KindName, pt)
		}
		b.raw("\",\"").text(g.expand("{P}", c)).rawf("\",\"%s\",%d", g.birthDate(), g.between(0, 1))
	},
	// Tune: fixed-width positional rows.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		s, gv, pt := upper(c.p.sur), upper(c.p.given), upper(c.p.patr)
		pad := func(v string, w int, lab bool) {
			n := len([]rune(v))
			if lab && v != "" {
				b.pii(tazala.KindName, v)
			} else {
				b.raw(v)
			}
			if n < w {
				b.raw(strings.Repeat(" ", w-n))
			} else {
				b.raw(" ")
			}
		}
		b.rawf("%09d ", g.between(1, 999999999))
		pad(s, 20, true)
		pad(gv, 16, true)
		pad(pt, 20, true)
		b.pii(tazala.KindIIN, g.iin()).raw(" ").pii(tazala.KindPhone, g.msisdn()).rawf(" %s", g.date())
	},
	// Held: pipe-delimited KYC row, full name in one column.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("KYC|%s|", g.date()).pii(tazala.KindName, g.name(c.p)).raw("|").text(g.expand("{I}", c)).
			rawf("|%s|", any1(g, []string{"passed", "review", "failed"})).text(g.expand("{P}", c))
	},
	// Tune: tab-separated export with birth date (a date, not a number to label).
	func(g *Generator, b *builder) {
		if g.chance(0.1) {
			b.raw("fio\tbirth_date\tiin\tmobile\tsegment")
			return
		}
		c := g.newCtx("ru")
		b.pii(tazala.KindName, c.p.fullName(formSGP)).rawf("\t%s\t", g.birthDate()).text(g.expand("{I}\t{P}", c)).
			rawf("\t%s", any1(g, []string{"mass", "premium", "vip"}))
	},
	// Held: CRM audit with dotted keys and old/new values.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("crm.audit user=op.%s action=update contact.fio=\"", asciiLower(pick(g, kzSurStem))).pii(tazala.KindName, g.name(c.p)).
			raw("\" contact.phone.old=").pii(tazala.KindPhone, g.phone()).raw(" contact.phone.new=").text(g.expand("{P}", c))
	},
}

// ---- JSON events with nested person objects ----

var eventTemplates = []tmpl{
	// Tune: customer.created with name object (last/first/middle).
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		s, gv, pt := g.nameParts(c.p)
		keys := pick(g, [][3]string{{"last", "first", "middle"}, {"family", "given", "additional"}, {"lastName", "firstName", "middleName"}, {"surname", "name", "patronymic"}})
		b.jdoc(obj{{"type", "customer.created"}, {"id", g.uuid()}, {"data", obj{{"customer", obj{
			{"name", obj{{keys[0], nameVal(s)}, {keys[1], nameVal(gv)}, {keys[2], orEmpty(pt)}}},
			{"birthDate", g.birthDate()}, {"iin", g.marker("I", c)},
			{"contacts", obj{{"mobile", g.marker("P", c)}, {"email", g.marker("E", c)}}}}}}}}, g.style())
	},
	// Held: Kazakh transliterated snake_case field names.
	func(g *Generator, b *builder) {
		c := g.newCtx("kk")
		s, gv, pt := g.nameParts(c.p)
		keys := pick(g, [][3]string{{"tegi", "aty", "akesinin_aty"}, {"tegi", "esimi", "akesinin_esimi"}, {"familiyasy", "aty", "akesinin_aty"}, {"teg", "at", "akesi"}})
		b.jdoc(obj{{"event_type", "klient_tirkeldi"}, {"payload", obj{{"tulga", obj{{keys[0], nameVal(s)}, {keys[1], nameVal(gv)}, {keys[2], orEmpty(pt)}}},
			{"zhsn", g.marker("I", c)}, {"baylanys", obj{{"telefon", g.marker("P", c)}, {"pochta", g.marker("E", c)}}}}}}, g.style())
	},
	// Tune: Russian transliterated camelCase with a contacts array.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		s, gv, pt := g.nameParts(c.p)
		b.jdoc(obj{{"eventName", "ClientUpdated"}, {"client", obj{{"familiya", nameVal(s)}, {"imya", nameVal(gv)}, {"otchestvo", orEmpty(pt)},
			{"kontakty", arr{obj{{"tip", "tel"}, {"znachenie", g.marker("P", c)}}, obj{{"tip", "email"}, {"znachenie", g.marker("E", c)}}}}}}}, g.style())
	},
	// Held: English identity object with a document number.
	func(g *Generator, b *builder) {
		c := g.newCtx("en")
		s, gv, pt := g.nameParts(c.p)
		b.jdoc(obj{{"person", obj{{"surname", nameVal(s)}, {"givenName", nameVal(gv)}, {"patronymic", nameVal(pt)}}},
			{"identity", obj{{"documentNumber", "N" + digits(g, 8)}, {"personalCode", g.marker("I", c)}, {"issuedBy", "МВД РК"}}}}, g.style())
	},
	// Tune: applicant with full name in one field and the employer's BIN.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.jdoc(obj{{"event", "kyc.submitted"}, {"applicant", obj{{"full_name", val(tazala.KindName, g.name(c.p))}, {"phone_number", g.marker("P", c)},
			{"email_address", g.marker("E", c)}}}, {"employer", obj{{"name", pick(g, companies)}, {"bin", g.notIIN(0)}}}}, g.style())
	},
	// Held: order recipient, msisdn as a JSON number, address.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.jdoc(obj{{"evt", "order.placed"}, {"order", "ORD-" + digits(g, 8)}, {"recipient", obj{{"displayName", val(tazala.KindName, g.name(c.p))},
			{"msisdn", jpnum{tazala.KindPhone, g.msisdn()}}, {"addr", obj{{"street", pick(g, streets)}, {"city", pick(g, cities)}}}}}}, g.style())
	},
	// Tune: Cyrillic field names.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		s, gv, pt := g.nameParts(c.p)
		b.jdoc(obj{{"клиент", obj{{"фамилия", nameVal(s)}, {"имя", nameVal(gv)}, {"отчество", orEmpty(pt)}, {"телефон", g.marker("P", c)}}}, {"источник", "crm"}}, g.style())
	},
	// Held: Kazakh Cyrillic field names.
	func(g *Generator, b *builder) {
		c := g.newCtx("kk")
		s, gv, pt := g.nameParts(c.p)
		b.jdoc(obj{{"тегі", nameVal(s)}, {"аты", nameVal(gv)}, {"әкесінің_аты", orEmpty(pt)}, {"ЖСН", g.marker("I", c)}, {"мекенжай", pick(g, streets)}}, g.style())
	},
}

// ---- e-mail headers ----

// addr writes a display-name address: "Name" <a>, Name <a>, or a bare address.
func (g *Generator) addr(b *builder, quoted int) {
	c := g.newCtx(any1(g, []string{"ru", "en"}))
	var n string
	if c.lang == "en" {
		n = g.latinName(c.p, formGS)
	} else {
		n = g.name(c.p)
	}
	switch quoted {
	case 0:
		b.raw("\"").pii(tazala.KindName, n).raw("\" <").text(g.marker("E", c)).raw(">")
	case 1:
		b.pii(tazala.KindName, n).raw(" <").text(g.marker("E", c)).raw(">")
	default:
		b.text(g.marker("E", c))
	}
}

func (g *Generator) hdrPrefix(b *builder) {
	if g.chance(0.4) {
		b.rawf("%s %s: ", g.spaceTS(), pick(g, []string{"imap-sync[hdr]", "mailparser", "ingest.mail", "mail-archiver"}))
	}
}

var mailTemplates = []tmpl{
	func(g *Generator, b *builder) { g.hdrPrefix(b); b.raw("From: "); g.addr(b, 0) },
	func(g *Generator, b *builder) { g.hdrPrefix(b); b.raw("Reply-To: "); g.addr(b, 1) },
	func(g *Generator, b *builder) {
		g.hdrPrefix(b)
		b.raw("To: ")
		for i, n := 0, g.between(1, 4); i < n; i++ {
			if i > 0 {
				b.raw(", ")
			}
			g.addr(b, g.r.IntN(3))
		}
	},
	func(g *Generator, b *builder) {
		g.hdrPrefix(b)
		b.raw("Cc: ")
		for i, n := 0, g.between(1, 3); i < n; i++ {
			if i > 0 {
				b.raw(",\t")
			}
			g.addr(b, 2-g.r.IntN(2))
		}
	},
	func(g *Generator, b *builder) {
		g.hdrPrefix(b)
		if g.chance(0.5) {
			b.raw("Return-Path: <").text(g.marker("E", g.newCtx("ru"))).raw(">")
		} else {
			b.raw("Sender: ")
			g.addr(b, 1)
		}
	},
	func(g *Generator, b *builder) {
		g.hdrPrefix(b)
		if g.chance(0.5) {
			b.raw("Delivered-To: ").text(g.marker("E", g.newCtx("ru")))
		} else {
			b.raw("X-Original-From: ")
			g.addr(b, 0)
		}
	},
	// Tune: Message-ID / In-Reply-To header (no personal data).
	func(g *Generator, b *builder) {
		g.hdrPrefix(b)
		b.rawf("%s: <%s>", any1(g, []string{"Message-ID", "In-Reply-To"}), g.messageID())
	},
	// Held: References header (no personal data).
	func(g *Generator, b *builder) {
		g.hdrPrefix(b)
		b.rawf("References: <%s> <%s>", g.messageID(), g.messageID())
	},
}

// ---- MTA logs ----

var mtaHosts = []string{"mx.yandex.ru", "gmail-smtp-in.l.google.com", "mxs.mail.ru", "mx1.inbox.kz", "mail.steppe-pay.kz", "relay.orda-soft.kz"}

var mtaTemplates = []tmpl{
	// Tune: exim arrival.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("%s %s <= ", g.spaceTS(), g.eximID()).text(g.marker("E", c)).
			rawf(" H=%s [%s] P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=%d id=%s", any1(g, mtaHosts), g.ipv4(), g.between(900, 90000), g.messageID())
	},
	// Held: exim delivery, sometimes to an alias with the original address.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("%s %s => ", g.spaceTS(), g.eximID()).text(g.marker("E", c))
		if g.chance(0.4) {
			b.raw(" <").text(g.marker("E", g.newCtx("ru"))).raw(">")
		}
		b.rawf(" R=dnslookup T=remote_smtp H=%s [%s] X=TLS1.2 C=\"250 2.0.0 Ok: queued as %s\"", any1(g, mtaHosts), g.ipv4(), g.alnum(10, true))
	},
	// Tune: sendmail from= line.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("%s mx%d sendmail[%d]: %s: from=<", g.syslogTS(), g.between(1, 4), g.between(1000, 60000), g.sendmailID()).text(g.marker("E", c)).
			rawf(">, size=%d, class=0, nrcpts=%d, msgid=<%s>, proto=ESMTP, daemon=MTA, relay=%s [%s]", g.between(900, 90000), g.between(1, 3), g.messageID(), any1(g, mtaHosts), g.ipv4())
	},
	// Held: sendmail to= line.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("%s mail%d sm-mta[%d]: %s: to=", g.syslogTS(), g.between(1, 4), g.between(1000, 60000), g.sendmailID())
		if g.chance(0.5) {
			b.raw("<").text(g.marker("E", c)).raw(">")
		} else {
			b.text(g.marker("E", c))
		}
		b.rawf(", delay=00:00:0%d, xdelay=00:00:0%d, mailer=esmtp, pri=%d, relay=%s. [%s], dsn=2.0.0, stat=Sent (%s Message accepted for delivery)",
			g.r.IntN(10), g.r.IntN(10), g.between(30000, 200000), any1(g, mtaHosts), g.ipv4(), g.alnum(12, true))
	},
	// Tune: Exchange message tracking CSV.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		s := g.newCtx("ru")
		b.rawf("%s,EX0%d,%s,,SMTP,%s,%d,<%s>,", g.isoZ(), g.between(1, 4), g.ipv4(), any1(g, []string{"RECEIVE", "DELIVER", "SEND"}), g.between(10000, 999999999), g.messageID())
		b.text(g.marker("E", c)).rawf(",250 2.6.0,1,%d,,%s,", g.between(900, 90000), g.subject(c)).text(g.marker("E", s)).raw(",").text(g.marker("E", s)).raw(",")
	},
	// Held: EWS-style mailbox operation.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("%s,%03d [EWS] CreateItem Mailbox=", g.spaceTS(), g.r.IntN(1000)).text(g.marker("E", c)).
			rawf(" Action=SendAndSaveCopy ItemId=AAMkAD%s= ClientIP=%s Result=Success", g.mixed(40), g.ipv4())
	},
	// Tune: exim rejection with sender and recipient.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("%s H=(%s) [%s] F=<", g.spaceTS(), any1(g, []string{"WIN-7QH2", "localhost", "mail.example.com", "ylmf-pc"}), g.ipv4()).text(g.marker("E", c)).raw("> rejected RCPT <").
			text(g.marker("E", g.newCtx("ru"))).raw(">: Unrouteable address")
	},
	// Held: Exchange SMTP receive protocol log.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("%s,EX0%d\\Default Frontend EX0%d,08DC%s,%d,10.0.0.%d:25,%s:%d,<,MAIL FROM:<", g.isoZ(), g.between(1, 4), g.between(1, 4), g.alnum(12, true), g.between(1, 40), g.between(2, 250), g.ipv4(), g.between(1024, 65535)).
			text(g.marker("E", c)).rawf("> SIZE=%d,", g.between(900, 90000))
	},
	// Tune: exim housekeeping (no personal data).
	func(g *Generator, b *builder) {
		switch g.r.IntN(3) {
		case 0:
			b.rawf("%s %s Completed", g.spaceTS(), g.eximID())
		case 1:
			b.rawf("%s SMTP connection from [%s]:%d (TCP/IP connection count = %d)", g.spaceTS(), g.ipv4(), g.between(1024, 65535), g.between(1, 40))
		default:
			b.rawf("%s %s Message is frozen (delivery error message)", g.spaceTS(), g.eximID())
		}
	},
	// Held: sendmail housekeeping (no personal data).
	func(g *Generator, b *builder) {
		if g.chance(0.5) {
			b.rawf("%s mx%d sendmail[%d]: %s: Milter: no action", g.syslogTS(), g.between(1, 4), g.between(1000, 60000), g.sendmailID())
		} else {
			b.rawf("%s mx%d sendmail[%d]: STARTTLS=client, relay=%s., version=TLSv1.3, verify=OK, cipher=TLS_AES_256_GCM_SHA384", g.syslogTS(), g.between(1, 4), g.between(1000, 60000), any1(g, mtaHosts))
		}
	},
}

// ---- SMS / notification gateways ----

var smsTemplates = []tmpl{
	// Tune: SMPP submit with msisdn and an OTP text.
	func(g *Generator, b *builder) {
		b.rawf("%s smsgw submit_sm dst=", g.spaceTS()).pii(tazala.KindPhone, g.msisdn()).
			rawf(" src=TAZALA seq=%d status=0 text=\"Kod: %s\"", g.between(1, 9999999), g.otp())
	},
	// Held: provider request JSON.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.jdoc(obj{{"provider", any1(g, []string{"smsc", "mobizon", "twilio"})}, {"to", g.marker("P", c)}, {"template", "otp_login"},
			{"params", obj{{"code", g.otp()}, {"ttl", 300}}}, {"status", "DELIVERED"}}, g.style())
	},
	// Tune: notification service to an international number.
	func(g *Generator, b *builder) {
		b.rawf("%s notify-svc INFO sms.send to=", g.isoTS()).pii(tazala.KindPhone, g.intlPhone()).
			rawf(" locale=%s template=%s req=%s", any1(g, []string{"en", "ru", "kk"}), any1(g, []string{"card_blocked", "otp", "payment_ok"}), g.uuid())
	},
	// Held: delivery receipt.
	func(g *Generator, b *builder) {
		_, mo, d, h, mi, _, _ := g.ts()
		b.rawf("dlr id:%s sub:001 dlvrd:001 submit date:26%02d%02d%02d%02d done date:26%02d%02d%02d%02d stat:DELIVRD err:000 dst:", g.alnum(10, true), mo, d, h, mi, mo, d, h, min(mi+1, 59))
		if g.chance(0.5) {
			b.pii(tazala.KindPhone, g.intlPhone())
		} else {
			b.pii(tazala.KindPhone, "+"+g.msisdn())
		}
	},
	// Tune: human-readable send log in Russian.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("[sms] %s отправлено на ", g.ruTS()).text(g.marker("P", c)).rawf(": «Платёж на %s KZT принят»", g.amount())
	},
	// Held: Kazakh send log.
	func(g *Generator, b *builder) {
		c := g.newCtx("kk")
		b.rawf("%s SMS жіберілді: ", g.spaceTS()).text(g.marker("P", c)).rawf(", мәтін: «Растау коды %s»", g.otp())
	},
	// Tune: push fallback to SMS.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("%s WARN push failed for device %s (%s), falling back to sms ", g.isoTS(), g.hex(16), any1(g, []string{"APNS_410", "FCM_UNREGISTERED"})).text(g.marker("P", c))
	},
	// Held: WhatsApp business API message.
	func(g *Generator, b *builder) {
		b.jdoc(obj{{"messaging_product", "whatsapp"}, {"recipient_type", "individual"}, {"to", val(tazala.KindPhone, g.msisdn())},
			{"type", "template"}, {"template", obj{{"name", "delivery_update"}, {"language", obj{{"code", "ru"}}}}}}, g.style())
	},
	// Tune: gateway stats and a rejected invalid number (no personal data).
	func(g *Generator, b *builder) {
		if g.chance(0.5) {
			b.rawf("%s smsgw stats throughput=%d/s queue=%d errors=%d", g.spaceTS(), g.between(10, 900), g.between(0, 5000), g.r.IntN(20))
		} else {
			b.rawf("%s smsgw rejected dst=70%s reason=INVALID_NUMBER", g.spaceTS(), digits(g, 9))
		}
	},
	// Held: balance and sender id notice (no personal data).
	func(g *Generator, b *builder) {
		b.rawf("%s sms.balance=%d KZT rate=%s sender_id=TAZALA approved=true otp_sent=%d", g.isoZ(), g.between(100, 900000), any1(g, []string{"12.5", "9.8", "14"}), g.between(0, 99999))
	},
}

// ---- KYC / identity checks ----

var kycTemplates = []tmpl{
	// Tune: key=value verify line.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("%s kyc.verify iin=", g.isoTS()).text(g.marker("I", c)).rawf(" result=MATCH score=0.%02d fio=\"", g.between(50, 99)).pii(tazala.KindName, g.name(c.p)).raw("\"")
	},
	// Held: Kazakh-language check result.
	func(g *Generator, b *builder) {
		c := g.newCtx("kk")
		b.rawf("%s ЖСН ", g.spaceTS()).text(g.marker("I", c)).raw(" тексерілді: ").pii(tazala.KindName, g.name(c.p)).raw(", нәтиже — сәйкес")
	},
	// Tune: state database request/response.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		s, gv, pt := g.nameParts(c.p)
		b.jdoc(obj{{"check", "gbd_fl"}, {"request", obj{{"iin", g.marker("I", c)}, {"requestId", g.uuid()}}},
			{"response", obj{{"lastName", nameVal(s)}, {"firstName", nameVal(gv)}, {"middleName", orEmpty(pt)}, {"birthDate", g.birthDate()}}}}, g.style())
	},
	// Held: IIN as a JSON number; now and then written with its leading zero (not valid JSON).
	func(g *Generator, b *builder) {
		st := g.style()
		if g.chance(0.15) {
			v := g.iinLeadingZero()
			b.rawf("{\"IIN\":").pii(tazala.KindIIN, v).rawf(",\"status\":\"verified\",\"ts\":%s}", g.epoch())
			return
		}
		b.jdoc(obj{{"IIN", jpnum{tazala.KindIIN, g.iinNumber()}}, {"status", "verified"}, {"ts", jnum(g.epoch())}}, st)
	},
	// Tune: unlabelled semicolon rows.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("%s;", g.date()).text(g.marker("I", c)).raw(";").pii(tazala.KindName, g.name(c.p)).rawf(";approved;0.%02d", g.between(50, 99))
	},
	// Held: customer IIN next to the employer's BIN.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("%s onboarding: ИИН клиента ", g.spaceTS()).text(g.marker("I", c)).rawf(", БИН работодателя %s (%s)", g.notIIN(0), pick(g, companies))
	},
	// Tune: sloppy JSON with a leading-zero numeric IIN, or a valid one.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		if g.chance(0.25) {
			b.raw("{\"iin\":").pii(tazala.KindIIN, g.iinLeadingZero()).raw(",\"fio\":\"").pii(tazala.KindName, g.name(c.p)).raw("\",\"ok\":true}")
			return
		}
		b.jdoc(obj{{"iin", jpnum{tazala.KindIIN, g.iinNumber()}}, {"fio", val(tazala.KindName, g.name(c.p))}, {"ok", true}}, g.style())
	},
	// Held: positional KYC record with a birth date.
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("KYC%04d ", g.between(1, 9999)).text(g.marker("I", c)).rawf(" %s %s PASS", strings.ReplaceAll(g.birthDate(), "-", ""), any1(g, []string{"M", "F"}))
	},
}

// ---- card data pasted in chats (small share) ----

var cardTemplates = []tmpl{
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("%s INFO  livechat.session [sid=c-%s] client: ", g.isoTS(), g.hex(6)).text(g.expand(pick(g, []string{
			"номер карты {PAN}, срок действия {EXP}, CVV {CVV}", "карта {PAN} действует до {EXP}", "вот карта {PAN}, срок {EXP}, код cvc {CVV}", "моя карта {PAN}"}), c))
	},
	func(g *Generator, b *builder) {
		c := g.newCtx("en")
		b.rawf("[%s] <visitor #%d> ", g.ruTS(), g.between(1000, 99999)).text(g.expand(pick(g, []string{
			"card {PAN} exp {EXP} cvc {CVV}", "my card number is {PAN}, expiry {EXP}", "card: {PAN} valid thru {EXP} security code {CVV}", "{PAN} {EXP}"}), c))
	},
	func(g *Generator, b *builder) {
		c := g.newCtx("kk")
		b.rawf("time=%s level=info app=helpdesk-bot role=user text=\"", g.isoZ()).text(g.expand(pick(g, []string{
			"карта нөмірі {PAN}, мерзімі {EXP}", "картам {PAN}, CVV {CVV}"}), c)).raw("\"")
	},
	func(g *Generator, b *builder) {
		c := g.newCtx("en")
		b.jdoc(obj{{"form", "card_add"}, {"card", obj{{"number", val(tazala.KindPAN, g.pan())}, {"expiry", val(tazala.KindExpiry, g.expiry())},
			{"holder", val(tazala.KindName, upper(g.latinName(c.p, formGS)))}}}, {"cvc", val(tazala.KindCVV, g.cvv())}}, g.style())
	},
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("%s cards: карта %s привязана, держатель ", g.spaceTS(), g.maskedPAN()).pii(tazala.KindName, g.name(c.p))
	},
	func(g *Generator, b *builder) {
		c := g.newCtx("en")
		b.rawf("%s wallet: cardholder ", g.isoTS()).pii(tazala.KindName, g.latinName(c.p, formGS)).rawf(" added card %s via %s", g.maskedPAN(), pick(g, products))
	},
}

// ---- lines with no personal data ----

var negTemplates = []tmpl{
	func(g *Generator, b *builder) {
		b.text(g.expand("Доставка для {C} по адресу {ST}, {CITY}, заказ {ORD}, сумма {AMT} KZT", g.newCtx("ru")))
	},
	func(g *Generator, b *builder) {
		b.rawf("%s ", g.spaceTS()).text(g.expand("{C} мекенжайы: {ST}, {CITY}. Тапсырыс {ORD}", g.newCtx("kk")))
	},
	func(g *Generator, b *builder) {
		b.rawf("%s pay.auth rrn=%s stan=%s auth=%s mcc=%s pan=%s amount=%s resp=00 merchant=\"%s\" terminal=T%s",
			g.isoTS(), g.notIIN(3), digits(g, 6), g.alnum(6, true), any1(g, []string{"5411", "5812", "4121", "5999"}), g.maskedPAN(), g.amount(), pick(g, companies), digits(g, 7))
	},
	func(g *Generator, b *builder) {
		b.rawf("acquiring: RRN %s, код авторизации %s, БИН %s, IBAN KZ%s%s, рассрочка %d/%d",
			g.notIIN(3), g.alnum(6, true), g.notIIN(0), digits(g, 5), g.alnum(13, true), g.between(1, 12), any1(g, []int{3, 6, 12, 24}))
	},
	func(g *Generator, b *builder) {
		b.rawf("ts=%s req=%s user_id=%d sha=%s dur_ms=%d status=200 path=/api/v2/customers/%d", g.epoch(), g.uuid(), g.between(1, 9999999), g.hex(40), g.between(1, 3000), g.between(1, 9999999))
	},
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		if g.chance(0.5) {
			b.rawf("%s cms: uploaded ", g.spaceTS()).text(g.expand("{F} by {H}", c))
		} else {
			b.rawf("%s social: mention ", g.spaceTS()).text(g.expand("{H} in post", c)).rawf(" %d likes", g.between(0, 900))
		}
	},
	func(g *Generator, b *builder) {
		c := g.newCtx(g.lang())
		var s string
		switch c.lang {
		case "kk":
			s = pick(g, []string{"Сәлеметсіз бе, {G}! Менің атым {OG}.", "{G}, рақмет!", "Қош келдіңіз, {G}", "{OG} операторы қосылды"})
		case "en":
			s = pick(g, []string{"Hi {G}, I am {OG} from support.", "Thanks {G}!", "Welcome back, {G}", "agent {OG} joined the chat"})
		default:
			s = pick(g, []string{"Здравствуйте, {G}! Меня зовут {OG}.", "Спасибо, {G}!", "С возвращением, {G}", "оператор {OG} подключился к чату"})
		}
		b.rawf("%s INFO  livechat.session [sid=c-%s] operator: ", g.isoTS(), g.hex(6)).text(g.expand(s, c))
	},
	func(g *Generator, b *builder) {
		c := g.newCtx("ru")
		b.rawf("[%s] <agent #%d> ", g.ruTS(), g.between(1000, 99999)).text(g.expand(pick(g, []string{
			"Подключена услуга {PR}, тариф {PR}", "{G}, подскажите, пожалуйста, город: {CITY}?", "Акция Happy Friday продлится до конца месяца",
			"Карта {PR} выпускается в отделении на {ST}", "Менеджер {OG} на обеде", "Переведите, пожалуйста, через Apple Pay или Google Pay"}), c))
	},
	func(g *Generator, b *builder) {
		b.rawf("%s %s <= <> R=%s U=mailnull P=local S=%d", g.spaceTS(), g.eximID(), g.eximID(), g.between(900, 9000))
	},
	func(g *Generator, b *builder) {
		b.rawf("%s auth-svc otp issued len=%d code=%s ttl=300 channel=%s attempt=%d", g.isoZ(), 6, digits(g, 6), any1(g, []string{"sms", "push"}), g.between(1, 3))
	},
	func(g *Generator, b *builder) {
		switch g.r.IntN(3) {
		case 0:
			b.rawf("%s sshd[%d]: Accepted publickey for deploy from %s port %d ssh2", g.syslogTS(), g.between(1000, 60000), g.ipv4(), g.between(1024, 65535))
		case 1:
			b.rawf("ci: git clone git@gitlab.tazala.local:pay/core.git (%s)", g.hex(40))
		default:
			b.rawf("%s systemd[1]: Started session %d of user root@node-%d.", g.syslogTS(), g.between(1, 9999), g.between(1, 9))
		}
	},
	func(g *Generator, b *builder) {
		b.rawf("%s mail.ingest duplicate message-id=<%s> skipped, in-reply-to=<%s>", g.isoZ(), g.messageID(), g.messageID())
	},
	func(g *Generator, b *builder) {
		b.rawf("%s ", g.spaceTS()).text(g.expand(pick(g, []string{
			"Бөлімше {ST} мекенжайы бойынша жұмыс істейді", "{CITY} қаласындағы филиал жабылды", "Жаңа өнім {PR} іске қосылды", "{C} келісімшарты жаңартылды"}), g.newCtx("kk")))
	},
	func(g *Generator, b *builder) {
		b.text(g.expand(pick(g, []string{
			"Meeting with {C} at {ST} moved to Friday", "Product {PR} launch in {CITY} postponed", "Partner {C} signed the contract, order {ORD}", "Customer Care shift swap approved"}), g.newCtx("en")))
	},
	func(g *Generator, b *builder) {
		b.rawf("%s app version=%d.%d.%d build=%d released %02d/%02d/2026 installments=%d/%d amount=%s fee=%s",
			g.spaceTS(), g.between(1, 9), g.between(0, 40), g.between(0, 99), g.between(1000, 99999), g.between(1, 28), g.between(1, 12), g.between(1, 12), 12, g.amount(), g.amount())
	},
	func(g *Generator, b *builder) {
		ext := digits(g, 4) + g.twelve()
		for checksum.Luhn([]byte(ext)) {
			ext = digits(g, 4) + g.twelve()
		}
		b.rawf("%s recon: order_id=%s invoice=%s ref=%s ext=%s", g.isoTS(), g.twelve(), g.twelve(), g.notIIN(1), ext)
	},
}
