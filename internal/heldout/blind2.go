package heldout

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tazala/tazala"
)

// The Blind2 part's vocabulary: a fourth set of alternatives (keyed, like
// blindVocab, by the first element of the list they replace), written
// before the CVV and expiry detectors were generalised and never tuned
// on: card forms, payment-gateway requests and support mail in Russian,
// Kazakh and English as their authors write them, its own field names and
// names, and two record shapes of its own (a form-encoded request and a
// multi-line support e-mail). Its scores are reported as measured.
var blind2Vocab = map[string][]string{
	// field names
	"iin":                 {"iinValue", "iin_client", "ownerIIN", "ЖСН", "subject_iin"},
	"phone":               {"phoneNumber", "msisdn_e164", "contact_tel", "mob", "ұялы_телефон", "tel_mobile"},
	"email":               {"emailAddress", "mail_to", "contact_mail", "e_mail_addr", "эл_почта"},
	"card_number":         {"cardPan", "pan_number", "card_num", "ccnum", "номер_карточки", "карта_нөмірі"},
	"card_exp":            {"expDate", "card_valid_thru", "expiryDate", "срок_карты", "valid_to", "жарамдылық_мерзімі", "cc_exp"},
	"cvc":                 {"cvv2", "cvc2_value", "cardCvc", "csc", "cc_cvv", "card_verification", "securityCode", "cvn"},
	"holder":              {"cardholderName", "holder_fio", "embossed_name", "имя_держателя", "иесінің_аты"},
	"public.card_holders": {"acq.cardholders", "kyc.subjects", "bank.customers_v2"},
	// positional separators
	" ": {" ; ", "  ", " — ", ", ", " :: "},
	// Russian
	"Меня зовут ":      {"С вами ", "Беспокоит ", "Владелица карты ", "Обратилась ", "От клиента "},
	"Здравствуйте! ":   {"Добрый день! ", "Здравствуйте, ", "Алло. "},
	"Номер карты ":     {"Карта: ", "Номер карточки ", "Реквизиты карты: ", "Карта клиента "},
	", срок действия ": {", действительна по ", ", срок действия карты ", ", дата окончания ", ", срок до ", ", exp. ", ", мм/гг "},
	// (the Russian and English tickets share this list's key)
	", CVV ": {", CVV2/CVC2: ", ", код на обороте ", ", трёхзначный код ", ", защитный код ", ", код CVV ", ", cvc-код ",
		", CVV2: ", ", CVC code ", ", CVV number ", ", 3-digit code on the back ", ", CSC ", ", card verification code "},
	"ИИН ":              {"ИИН клиента: ", "индивидуальный идентификационный номер "},
	". Перезвоните на ": {". Мой телефон ", ". Тел.: ", ". Связь: "},
	", почта ":          {", мой email ", ", эл. почта ", ", адрес почты "},
	// Kazakh
	"Сәлеметсіз бе! ":       {"Сәлеметсіздер ме! ", "Қайырлы кеш! "},
	"Менің атым ":           {"Хат жазған ", "Өтініш беруші ", "Карта иесінің аты-жөні: ", "Клиент "},
	"Карта нөмірі ":         {"Карточка нөмірі ", "Карта нөмірім ", "Банк картасы "},
	", жарамдылық мерзімі ": {", картаның мерзімі ", ", қолданыс мерзімі ", ", жарамдылық уақыты ", ", мерзімі: "},
	", CVV коды ":           {", CVC коды ", ", картаның артындағы үш сан ", ", қорғаныс коды ", ", CVV2 коды: ", ", тексеру саны "},
	"ЖСН ":                  {"ЖСН-ім: ", "Жеке сәйкестендіру нөмірі "},
	". Телефон: ":           {". Байланыс телефоны ", ". Тел: ", ". Ұялы нөмірім "},
	", пошта ":              {", электронды поштам ", ", e-mail мекенжайы "},
	// English
	"Hello, ":       {"Hi, ", "Good morning, ", "Hello team, "},
	"my name is ":   {"name: ", "this is customer ", "writing on behalf of ", "I am the cardholder, "},
	"Card number ":  {"Card #", "Card num ", "Credit card ", "Debit card number: ", "CC: "},
	", valid thru ": {", exp: ", ", expires on ", ", expiry date ", ", valid to ", ", MM/YY ", ", exp date: "},
	"My IIN is ":    {"IIN ", "ID (IIN): "},
	". Call me at ": {". My number is ", ". Phone number: ", ". WhatsApp "},
	" or write to ": {", my email is ", " or email ", ", contact e-mail "},
	". Regards, ":   {". Best regards, ", ". Many thanks, ", ". Respectfully, "},
	// names
	"Ерасыл":     {"Данияр", "Алмас", "Мирас", "Сергей", "Дмитрий", "Нурсултан", "Қанат", "Арман"},
	"Аяжан":      {"Әсел", "Меруерт", "Айгуль", "Мария", "Алина", "Жазира", "Камила", "Индира"},
	"Жаксылыков": {"Искаков", "Байжанов", "Мусин", "Кузнецов", "Попов", "Омаров", "Есенов", "Шайхиев"},
}

var blind2NameKeys = [][3]string{
	{"last_nm", "first_nm", "middle_nm"},
	{"familyName", "givenName", "patronymicName"},
	{"фамилия_держателя", "имя_держателя", "отчество_держателя"},
	{"клиент_тегі", "клиент_аты", "клиент_әкесінің_аты"},
}

// Blind2's own labels for the form and e-mail shapes.
var (
	blind2FormPAN = []string{"card[number]", "cardNumber", "pan", "cc_number", "card.number"}
	blind2FormExp = []string{"card[expiry]", "exp", "cc_exp", "card.expiry", "expiry_date"}
	blind2FormCVV = []string{"card[cvc]", "cvv2", "cc_csc", "card.cvv", "cvc"}
	blind2MailPAN = []string{"Card: ", "Номер карты: ", "Карта нөмірі: ", "PAN: "}
	blind2MailExp = []string{"Exp: ", "Срок действия: ", "Действует до: ", "Жарамдылық мерзімі: ", "Valid thru: ", "Expiry: "}
	blind2MailCVV = []string{"CVV: ", "CVC2: ", "Код безопасности: ", "Қауіпсіздік коды: ", "Security code: ", "CVV/CVC: "}
)

// blind2Expiry writes an expiry in the formats people type by hand as well
// as the machine ones.
func (g *Generator) blind2Expiry() string {
	m := 1 + g.r.IntN(12)
	y := 26 + g.r.IntN(8)
	switch g.r.IntN(6) {
	case 0:
		return fmt.Sprintf("%02d / 20%02d", m, y)
	case 1:
		return fmt.Sprintf("%02d/ %02d", m, y)
	case 2:
		return fmt.Sprintf("%d/%02d", m, y) // "3/27"
	}
	return g.expiry()
}

// formPost: a payment-gateway access log with a form-encoded body.
func (g *Generator) formPost(l *rec, p person) {
	l.s(g.ts() + " DEBUG [gw-http] POST /api/v" + strconv.Itoa(1+g.r.IntN(3)) + "/charges rid=" + g.hex(12) + " body=")
	l.s("amount=" + strconv.Itoa(100+g.r.IntN(900000)) + "&currency=KZT&")
	l.s(g.any(blind2FormPAN)+"=").v(tazala.KindPAN, p.pan)
	l.s("&"+g.any(blind2FormExp)+"=").v(tazala.KindExpiry, p.exp)
	l.s("&"+g.any(blind2FormCVV)+"=").v(tazala.KindCVV, p.cvv)
	if g.chance(2) {
		l.s("&email=").v(tazala.KindEmail, p.email)
	}
	l.s("&order_id=" + strconv.Itoa(g.r.IntN(1e8)) + " status=" + g.any([]string{"200", "402", "422"}))
}

// mailBody: a support e-mail with one field a line, as a JSON string.
func (g *Generator) mailBody(l *rec, p person) {
	l.s(`{"ts":"` + g.ts() + `","mailbox":"support","subject":"`)
	l.j(g.any([]string{"Не проходит оплата", "Card declined", "Төлем өтпейді", "Списание"}))
	l.s(`","body":"`)
	l.j(g.any([]string{"Добрый день!\n", "Hello,\n", "Сәлеметсіз бе!\n"}))
	l.j(g.any(blind2MailPAN)).jv(tazala.KindPAN, g.groupPAN(p.pan)).j("\n")
	l.j(g.any(blind2MailExp)).jv(tazala.KindExpiry, p.exp).j("\n")
	l.j(g.any(blind2MailCVV)).jv(tazala.KindCVV, p.cvv).j("\n")
	l.j(g.any([]string{"Телефон: ", "Phone: ", "Тел: "})).jv(tazala.KindPhone, p.phone).j("\n--\n")
	l.jv(tazala.KindName, strings.TrimSpace(g.fullName(p)))
	l.s(`"}`)
}
