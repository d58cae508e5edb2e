package synth

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tazala/tazala"
)

// line builds one record and records the spans of labelled values.
type line struct {
	b     []byte
	spans []Span
	// ascii makes JSON strings escape every non-ASCII rune as \uXXXX.
	ascii bool
}

func (l *line) lit(s string) { l.b = append(l.b, s...) }

// val writes labelled text outside JSON.
func (l *line) val(k tazala.Kind, s string) {
	a := len(l.b)
	l.b = append(l.b, s...)
	l.spans = append(l.spans, Span{Kind: k, Start: a, End: len(l.b)})
}

// jstr writes the body of a JSON string.
func (l *line) jstr(s string) {
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			l.b = append(l.b, '\\', byte(r))
		case r < 0x20:
			l.b = append(l.b, fmt.Sprintf("\\u%04x", r)...)
		case r >= 0x80 && l.ascii:
			l.b = append(l.b, fmt.Sprintf("\\u%04x", r)...)
		default:
			l.b = utf8.AppendRune(l.b, r)
		}
	}
}

// kv writes "key":"value"; k = 0 for an unlabelled value.
func (l *line) kv(key string, k tazala.Kind, v string) {
	l.b = append(l.b, '"')
	l.jstr(key)
	l.b = append(l.b, '"', ':', '"')
	a := len(l.b)
	l.jstr(v)
	if k != 0 {
		l.spans = append(l.spans, Span{Kind: k, Start: a, End: len(l.b)})
	}
	l.b = append(l.b, '"')
}

// kn writes "key":number.
func (l *line) kn(key string, k tazala.Kind, v string) {
	l.b = append(l.b, '"')
	l.jstr(key)
	l.b = append(l.b, '"', ':')
	a := len(l.b)
	l.b = append(l.b, v...)
	if k != 0 {
		l.spans = append(l.spans, Span{Kind: k, Start: a, End: len(l.b)})
	}
}

// text writes free text inside a JSON string with labelled parts: parts
// alternate between plain text and {kind, value} pairs.
type part struct {
	k tazala.Kind
	s string
}

func (l *line) jtext(key string, parts ...part) {
	l.b = append(l.b, '"')
	l.jstr(key)
	l.b = append(l.b, '"', ':', '"')
	for _, p := range parts {
		a := len(l.b)
		l.jstr(p.s)
		if p.k != 0 {
			l.spans = append(l.spans, Span{Kind: p.k, Start: a, End: len(l.b)})
		}
	}
	l.b = append(l.b, '"')
}

func (l *line) tparts(parts ...part) {
	for _, p := range parts {
		if p.k != 0 {
			l.val(p.k, p.s)
		} else {
			l.lit(p.s)
		}
	}
}

func t(s string) part                { return part{s: s} }
func v(k tazala.Kind, s string) part { return part{k: k, s: s} }

func (g *Generator) uuid() string {
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", g.r.Uint32(), g.r.IntN(1<<16), g.r.IntN(1<<12), 0x8000|g.r.IntN(1<<14), g.r.Uint64()&(1<<48-1))
}

func (g *Generator) ts() string {
	return fmt.Sprintf("20%02d-%02d-%02dT%02d:%02d:%02d.%03dZ", 21+g.r.IntN(5), 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
}

func (g *Generator) exp() string {
	if g.r.IntN(3) == 0 {
		return fmt.Sprintf("%02d/20%02d", 1+g.r.IntN(12), 25+g.r.IntN(8))
	}
	return fmt.Sprintf("%02d/%02d", 1+g.r.IntN(12), 25+g.r.IntN(8))
}

func (g *Generator) cvv() string {
	if g.r.IntN(10) == 0 {
		return g.digits(4)
	}
	return g.digits(3)
}

func (g *Generator) amount() string {
	return strconv.Itoa(100+g.r.IntN(900000)) + "." + g.digits(2)
}

var companies = []string{"ТОО «Жаркын Трейд»", "ИП Байжанов", "АО \"Qazaq Retail\"", "Sky Motors LLP", "ТОО Нур Фуд", "Arman Foods"}

// Next returns a new record.
func (g *Generator) Next() Record {
	l := &line{}
	switch n := g.r.IntN(100); {
	case n < 35:
		g.checkoutJSON(l)
	case n < 50:
		g.appLog(l)
	case n < 62:
		g.supportJSON(l)
	case n < 75:
		g.mailLog(l)
	case n < 82:
		g.negatives(l)
	case n < 87:
		g.accessLog(l)
	default:
		g.supportText(l)
	}
	return Record{Line: l.b, Spans: l.spans}
}

func (g *Generator) checkoutJSON(l *line) {
	c := g.customer()
	l.ascii = g.r.IntN(4) == 0
	l.lit("{")
	l.kv("@timestamp", 0, g.ts())
	l.lit(",")
	l.kv("trace", 0, g.uuid())
	l.lit(",")
	l.kv("type", 0, g.pick([]string{"checkout.completed", "checkout.failed", "refund.created"}))
	l.lit(`,"shop":{`)
	l.kv("biin", 0, g.BIN())
	l.lit(",")
	l.kv("title", 0, g.pick(companies))
	l.lit(",")
	l.kv("tid", 0, "T"+g.digits(7))
	l.lit(`},"customer":{`)
	l.kv(g.pick([]string{"fio", "fullName", "payer_name", "cardholder"}), tazala.KindName, g.fullName(c))
	l.lit(",")
	if g.r.IntN(5) == 0 && c.iin[0] != '0' {
		l.kn("iin", tazala.KindIIN, c.iin)
	} else {
		l.kv(g.pick([]string{"iin", "iinNumber", "client_iin"}), tazala.KindIIN, c.iin)
	}
	l.lit(",")
	l.kv(g.pick([]string{"msisdn", "mobile", "contact_phone"}), tazala.KindPhone, c.phone)
	l.lit(",")
	l.kv(g.pick([]string{"mail", "e_mail", "email"}), tazala.KindEmail, c.email)
	l.lit(`},"payment":{`)
	l.kv("pan_masked", 0, g.maskedPAN(c.pan))
	l.lit(",")
	l.kv("exp", tazala.KindExpiry, g.exp())
	l.lit(",")
	rrn := g.digits(12)
	if g.r.IntN(3) == 0 {
		rrn = g.IIN() // an RRN that happens to pass the IIN rules is still an RRN
	}
	l.kv("rrn", 0, rrn)
	l.lit(",")
	l.kv("approval", 0, g.digits(6))
	l.lit(`,"amount":{`)
	l.kn("value", 0, g.amount())
	l.lit(`,"ccy":"KZT"},"installments":"3/12"},"items":[`)
	for i := g.r.IntN(3); i >= 0; i-- {
		l.lit(`{"sku":"` + g.digits(8) + `","qty":` + strconv.Itoa(1+g.r.IntN(4)) + `}`)
		if i > 0 {
			l.lit(",")
		}
	}
	l.lit(`],"created_us":` + strconv.FormatInt(1_600_000_000_000_000+g.r.Int64N(1e14), 10) + "}")
}

func (g *Generator) appLog(l *line) {
	c := g.customer()
	l.lit(fmt.Sprintf("%s WARN  [pool-%d-thread-%d] k.i.payout.PayoutService - payout retry ", g.ts(), g.r.IntN(9), g.r.IntN(40)))
	l.tparts(t("client_iin="), v(tazala.KindIIN, c.iin), t(" msisdn="), v(tazala.KindPhone, c.phone))
	if g.r.IntN(2) == 0 {
		l.tparts(t(" card="), v(tazala.KindPAN, g.groupPAN(c.pan)), t(" exp="), v(tazala.KindExpiry, g.exp()))
	} else {
		l.tparts(t(" card_mask=" + g.maskedPAN(c.pan)))
	}
	l.lit(fmt.Sprintf(" attempt=%d rrn=%s order=%s stan=%s", 1+g.r.IntN(3), g.digits(12), g.IIN(), g.digits(6)))
}

func (g *Generator) supportJSON(l *line) {
	c := g.customer()
	l.ascii = g.r.IntN(3) == 0
	l.lit(`{"case":` + strconv.Itoa(g.r.IntN(1_000_000)) + `,"via":"chat","opened":"` + g.ts() + `",`)
	name := g.fullName(c)
	switch g.r.IntN(3) {
	case 0:
		l.jtext("message",
			t("Добрый вечер! Я, "), v(tazala.KindName, name), t(", ИИН "), v(tazala.KindIIN, c.iin),
			t(", не могу оплатить заказ №"+g.digits(9)+". Карта "), v(tazala.KindPAN, g.groupPAN(c.pan)),
			t(", действует до "), v(tazala.KindExpiry, g.exp()), t(", код CVV "), v(tazala.KindCVV, g.cvv()),
			t(". Пишите на "), v(tazala.KindEmail, c.email), t(" или звоните "), v(tazala.KindPhone, c.phone), t("."))
	case 1:
		l.jtext("message",
			t("Сәлеметсіз бе, менің атым "), v(tazala.KindName, name), t(". ЖСН: "), v(tazala.KindIIN, c.iin),
			t(". Телефон: "), v(tazala.KindPhone, c.phone), t(". Карта нөмірі "), v(tazala.KindPAN, g.groupPAN(c.pan)),
			t(", мерзімі "), v(tazala.KindExpiry, g.exp()), t(". Рахмет!"))
	default:
		l.jtext("message",
			t("Dear support, this is "), v(tazala.KindName, latinName(c)), t(" ("), v(tazala.KindEmail, c.email),
			t("). My card "), v(tazala.KindPAN, g.groupPAN(c.pan)), t(" expiring "), v(tazala.KindExpiry, g.exp()),
			t(" with CVC "), v(tazala.KindCVV, g.cvv()), t(" was declined twice. Phone "), v(tazala.KindPhone, c.phone),
			t(". Order ref "+g.digits(12)+"."))
	}
	l.lit("}")
}

func latinName(c customer) string {
	cap := func(s string) string {
		if s == "" {
			return s
		}
		return string(s[0]-'a'+'A') + s[1:]
	}
	return cap(latin(c.given)) + " " + cap(latin(c.sur))
}

func (g *Generator) supportText(l *line) {
	c := g.customer()
	l.lit(g.ts() + " INFO  support-bot: ticket " + strconv.Itoa(g.r.IntN(99999)) + " text=\"")
	switch g.r.IntN(2) {
	case 0:
		l.tparts(t("Уважаемая поддержка, ФИО: "), v(tazala.KindName, strings.TrimSpace(c.sur+" "+c.given+" "+c.pat)),
			t(", контактный номер "), v(tazala.KindPhone, c.phone), t(", почта "), v(tazala.KindEmail, c.email),
			t(". Версия приложения 3.12.4, код подтверждения "+g.digits(6)+"."))
	default:
		l.tparts(t("Hi, please refund order "+g.digits(12)+" to card "), v(tazala.KindPAN, g.groupPAN(c.pan)),
			t(". Regards, "), v(tazala.KindName, latinName(c)))
	}
	l.lit("\"")
}

func (g *Generator) mailLog(l *line) {
	c := g.customer()
	q := fmt.Sprintf("%X", g.r.Uint64()&0xFFFFFFFFFF)
	host := g.pick([]string{"mx1", "mx2", "relay-02"})
	switch g.r.IntN(3) {
	case 0:
		l.lit(fmt.Sprintf("Mar %2d 10:%02d:%02d %s postfix/smtp[%d]: %s: to=<", 1+g.r.IntN(28), g.r.IntN(60), g.r.IntN(60), host, g.r.IntN(99999), q))
		l.val(tazala.KindEmail, c.email)
		l.lit(">, relay=mx.example.kz[10.1.2.3]:25, delay=0.4, dsn=2.0.0, status=sent (250 OK)")
	case 1:
		l.lit(fmt.Sprintf("Mar %2d 10:%02d:%02d %s postfix/cleanup[%d]: %s: message-id=<%d.%s@ioka.kz>", 1+g.r.IntN(28), g.r.IntN(60), g.r.IntN(60), host, g.r.IntN(99999), q, 20250101000000+g.r.IntN(1000000), q))
	default:
		l.lit("notify: sent receipt template=receipt_v2 rcpt=")
		l.val(tazala.KindEmail, c.email)
		l.lit(" attachments=logo@2x.png,receipt.pdf reply-to=")
		l.val(tazala.KindEmail, "support@ioka.kz")
	}
}

func (g *Generator) negatives(l *line) {
	l.lit(fmt.Sprintf("settlement batch=%s rrn=%s stan=%s tid=%s mid=%s mcc=5411 amount=%s KZT iban=KZ%s bin=%s ts=%d ts_us=%d ",
		g.digits(6), g.digits(12), g.digits(6), g.digits(8), g.digits(15), g.amount(), g.digits(18), g.BIN(),
		1_600_000_000+g.r.IntN(1e8), 1_600_000_000_000_000+g.r.Int64N(1e14)))
	l.lit(fmt.Sprintf("masked=%s last4=%s ref=%s luhn_other=%s order_id=%s otp=%s ver=3.%d.%d sha=%016x%016x date=05/11/2024 handle=@ioka_support uuid=%s",
		g.maskedPAN(g.PAN()), g.digits(4), g.BadIIN(), g.BadRangePAN(), g.IIN(), g.digits(6), g.r.IntN(20), g.r.IntN(50), g.r.Uint64(), g.r.Uint64(), g.uuid()))
}

func (g *Generator) accessLog(l *line) {
	c := g.customer()
	l.lit(fmt.Sprintf("10.%d.%d.%d - - [%02d/Mar/2026:10:%02d:%02d +0600] \"GET /api/v2/lookup?", g.r.IntN(256), g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(28), g.r.IntN(60), g.r.IntN(60)))
	local, domain, _ := strings.Cut(c.email, "@")
	l.tparts(t("iin="), v(tazala.KindIIN, c.iin), t("&email="), v(tazala.KindEmail, local+"%40"+domain))
	if p := c.phone; strings.HasPrefix(p, "+7") && !strings.ContainsAny(p, " ()-") {
		l.tparts(t("&msisdn="), v(tazala.KindPhone, "%2B"+p[1:]))
	}
	l.lit(fmt.Sprintf("&session=%x HTTP/1.1\" 200 %d \"-\" \"okhttp/4.12.0\"", g.r.Uint64(), 200+g.r.IntN(5000)))
}
