package blindb

import (
	"fmt"
	"strings"

	"github.com/tazala/tazala"
)

// pctx holds the people of one line, so that a name, its e-mail and its
// phone belong together.
type pctx struct {
	p, op       person
	hasOp       bool
	em, ph, iin string
	lang        string // ru, kk, en
}

func (g *Generator) newCtx(lang string) *pctx {
	return &pctx{p: g.person(), lang: lang}
}

func (c *pctx) operator(g *Generator) person {
	if !c.hasOp {
		c.op, c.hasOp = g.person(), true
	}
	return c.op
}

// expand renders a phrase with {MARKERS}; labelled markers become spans.
//
//	{N} full name   {NF} Фамилия Имя [Отчество]   {NG} Имя Фамилия   {NL} name in Latin
//	{G} customer's given name alone (not labelled)   {OG} operator's given name alone
//	{ON} operator's full name   {P} +7 phone   {PI} international phone   {E} e-mail
//	{SE} service e-mail   {I} IIN   {C} company   {ST} street   {CITY} city
//	{PR} product   {OTP} one-time code   {ORD} order id   {TCK} ticket id   {AMT} amount
//	{D} date   {H} @handle   {PAN} {EXP} {CVV} card values   {MPAN} masked PAN
//	{BIN} business BIN   {X} 12-digit non-IIN   {F} file name with @
func (g *Generator) expand(s string, c *pctx) txt {
	var t txt
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return t.lit(s)
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			panic("blindb: unclosed marker in " + s)
		}
		if i > 0 {
			t = t.lit(s[:i])
		}
		t = append(t, g.marker(s[i+1:i+j], c)...)
		s = s[i+j+1:]
	}
}

func (g *Generator) marker(m string, c *pctx) txt {
	p := c.p
	switch m {
	case "N":
		if c.lang == "en" {
			return val(tazala.KindName, g.latinName(p, g.nameForm(p)))
		}
		return val(tazala.KindName, g.name(p))
	case "NF":
		return val(tazala.KindName, p.fullName(formSGP))
	case "NG":
		return val(tazala.KindName, p.fullName(formGS))
	case "NL":
		f := formGS
		if g.chance(0.25) {
			f = formSG
		}
		return val(tazala.KindName, g.latinName(p, f))
	case "G":
		if c.lang == "en" && !p.latin {
			return lit(g.translit(p.given))
		}
		return lit(p.given)
	case "OG":
		op := c.operator(g)
		if c.lang == "en" && !op.latin {
			return lit(g.translit(op.given))
		}
		return lit(op.given)
	case "ON":
		op := c.operator(g)
		if c.lang == "en" {
			return val(tazala.KindName, g.latinName(op, formGS))
		}
		return val(tazala.KindName, g.name(op))
	case "P":
		if c.ph == "" {
			c.ph = g.phone()
		}
		return val(tazala.KindPhone, c.ph)
	case "PI":
		return val(tazala.KindPhone, g.intlPhone())
	case "E":
		if c.em == "" {
			c.em = g.email(p)
		}
		return val(tazala.KindEmail, c.em)
	case "SE":
		return val(tazala.KindEmail, g.serviceEmail())
	case "I":
		if c.iin == "" {
			c.iin = g.iin()
		}
		return val(tazala.KindIIN, c.iin)
	case "C":
		return lit(pick(g, companies))
	case "ST":
		return lit(pick(g, streets))
	case "CITY":
		return lit(pick(g, cities))
	case "PR":
		return lit(pick(g, products))
	case "OTP":
		return lit(g.otp())
	case "ORD":
		return lit(pick(g, orderPrefixes) + fmt.Sprint(g.between(1, 6)) + digits(g, g.between(5, 9)))
	case "TCK":
		return lit(pick(g, ticketPrefixes) + digits(g, g.between(4, 7)))
	case "AMT":
		return lit(g.amount())
	case "D":
		return lit(g.date())
	case "H":
		return lit("@" + p.asciiKey + "_" + p.asciiSur[:1] + fmt.Sprint(g.between(1, 99)))
	case "PAN":
		return val(tazala.KindPAN, g.pan())
	case "EXP":
		return val(tazala.KindExpiry, g.expiry())
	case "CVV":
		return val(tazala.KindCVV, g.cvv())
	case "MPAN":
		return lit(g.maskedPAN())
	case "BIN":
		return lit(g.notIIN(0))
	case "X":
		return lit(g.twelve())
	case "F":
		return lit(any1(g, []string{"logo@2x.png", "avatar@3x.jpg", "banner@2x.webp", "icon-close@2x.svg", "photo_2026@1x.png"}))
	}
	panic("blindb: unknown marker {" + m + "}")
}

// Plain vocabularies (hard negatives), split between the parts.

var companies = []string{
	"ТОО «Алтын Дала»", "АО «Северный Ветер»", "ТОО «Жібек Жолы Логистик»", "ЖШС «Ақ Бидай»",
	"Steppe Logistics LLP", "Orda Soft LLP", "ТОО «Сары-Арқа Транс»", "АҚ «Дала Энерго»",
	"АО «Тау Сервис»", "Caspian Digital JSC", "ТОО «Ахметов и партнёры»", "ТОО «Бекмұханов Групп»",
	"Kazakh Agro Export LLP", "ТОО «Ақ Жол Строй»", "ТОО «Нұр Сауда»", "Silk Way Couriers LLP",
}

var streets = []string{
	"ул. Сатпаева 90", "проспект Абая 150", "ул. Байтурсынова 12", "Әуезов көшесі 45",
	"мкр. Самал-2, д. 58", "ул. Кабанбай батыра 83", "Сәтбаев даңғылы 17", "ул. Шокана Уалиханова 33",
	"Ахмет Байтұрсынұлы көшесі 8", "пр. Аль-Фараби 77/7", "ул. Толе би 190", "Бөгенбай батыр көшесі 24",
	"ул. Жандосова 60", "Райымбек даңғылы 221", "ул. Гоголя 39", "Қабанбай батыр даңғылы 11",
	"ул. Пушкина 2", "Достық даңғылы 240",
}

var cities = []string{
	"Алматы", "Астана", "Шымкент", "Қарағанды", "Караганда", "Ақтөбе", "Павлодар", "Атырау",
	"г. Сатпаев", "Сәтбаев қаласы", "г. Курчатов", "Өскемен", "Усть-Каменогорск", "Тараз", "Кызылорда", "Семей",
}

var products = []string{
	"Smart Card Plus", "Gold Premium", "«Бизнес Старт»", "Joly Travel", "«Таза Кэшбэк»", "Green Deposit",
	"Family Pack", "«Алтын Депозит»", "Apple Pay", "«Семейный Пакет»", "Google Pay", "«Жұлдыз Бонус»",
	"Travel Light", "Samsung Pay", "Служба Поддержки", "Customer Care",
}

var orderPrefixes = []string{"ORD-", "ZK-", "№", "INV-", "A", "заказ-", "#", "TX"}

var ticketPrefixes = []string{"#", "SUP-", "TCK-", "№", "HD-", "CASE-"}
