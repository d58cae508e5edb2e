package heldout

import (
	"strconv"

	"github.com/tazala/tazala"
)

// The Blind3 part's vocabulary: a fifth set of alternatives (keyed like
// blindVocab), written after the CVV and expiry grammar and the fixes
// found on Blind2, and never tuned on: the honest figure for phrasings
// and field names nobody has fitted. Two record shapes of its own: a SOAP
// payment request with XML tags and a JSON request with a nested card
// object.
var blind3Vocab = map[string][]string{
	// field names
	"iin":                 {"iinNumber", "client_iin_code", "IIN", "ИИН_плательщика", "payerIinNo"},
	"phone":               {"mobileNumber", "phone_e164", "contact_msisdn", "тел_номер", "phone1"},
	"email":               {"mailAddress", "email_primary", "receipt_email", "пошта_мекенжайы"},
	"card_number":         {"PAN", "cardPAN", "card_no_full", "primaryAccountNumber", "карта_номер_полный"},
	"card_exp":            {"ExpiryDate", "exp_mmyy", "cardExpiryDate", "valid_thru_date", "срокДействия", "expiration_date"},
	"cvc":                 {"CVV2", "cvvCode", "card_cvc2", "cardSecCode", "csc_value", "cvv_value"},
	"holder":              {"nameOnCard", "cardholder_full_name", "payerFullName", "ФИО_держателя", "иесі"},
	"public.card_holders": {"cards.pan_vault", "crm.contact_persons"},
	// positional separators
	" ": {" / ", ", ", "\t", " | "},
	// Russian
	"Меня зовут ":       {"Пишет ", "Обращаюсь как держатель карты: ", "Говорит ", "Заявитель: "},
	"Здравствуйте! ":    {"Добрый день, ", "Здравствуйте. "},
	"Номер карты ":      {"Номер банковской карты ", "Карта № ", "Пластиковая карта "},
	", срок действия ":  {", действительна до ", ", карта действует по ", ", срок действия (ММ/ГГ) ", ", истекает в ", ", окончание срока "},
	", CVV ":            {", CVV/CVC ", ", три цифры с оборота ", ", код безопасности карты ", ", CVC2-код ", ", код подтверждения с обратной стороны ", ", security code "},
	"ИИН ":              {"ИИН заявителя ", "ИИН (12 цифр) "},
	". Перезвоните на ": {". Номер для связи ", ". Контакты: ", ". Телефон "},
	", почта ":          {", эл. адрес ", ", почтовый ящик "},
	// Kazakh
	"Сәлеметсіз бе! ":       {"Саламатсыз ба! ", "Ассалаумағалейкум! "},
	"Менің атым ":           {"Мен карта иесімін: ", "Жазушы ", "Аты-жөнім "},
	"Карта нөмірі ":         {"Банк картасының нөмірі ", "Картаның нөмірі: "},
	", жарамдылық мерзімі ": {", мерзімі бітеді ", ", жарамдылық мерзімі (АА/ЖЖ) ", ", мерзімі өтетін күн ", ", қолданылу мерзімі: "},
	", CVV коды ":           {", CVV2/CVC2 коды ", ", картаның артқы бетіндегі код ", ", қауіпсіздік кодыңыз ", ", үш таңбалы код "},
	"ЖСН ":                  {"Жеке сәйкестендіру нөмірім ", "ЖСН: "},
	". Телефон: ":           {". Телефон нөмірім ", ". Байланыс: "},
	", пошта ":              {", эл. пошта ", ", поштаның мекенжайы "},
	// English
	"Hello, ":       {"Hi there, ", "Good evening, "},
	"my name is ":   {"I'm writing as the cardholder, ", "sender: ", "from ", "customer name: "},
	"Card number ":  {"Card no ", "PAN: ", "Visa card ", "Account number "},
	", valid thru ": {", exp. ", ", expiration date (MM/YY) ", ", good through ", ", card expires ", ", valid till "},
	"My IIN is ":    {"IIN/ЖСН ", "taxpayer IIN "},
	". Call me at ": {". Reach me at ", ". Contact number ", ". Mob. "},
	" or write to ": {", e-mail address: ", " / "},
	". Regards, ":   {". Thank you, ", ". — "},
	// names
	"Ерасыл":     {"Азамат", "Ержан", "Максим", "Алексей", "Санжар", "Айдос"},
	"Аяжан":      {"Алия", "Айдана", "Татьяна", "Ирина", "Гульнара", "Сабина"},
	"Жаксылыков": {"Жумабаев", "Касымов", "Иванов", "Морозов", "Турсынов", "Сейтказиев"},
}

var blind3NameKeys = [][3]string{
	{"lastNm", "firstNm", "midNm"},
	{"customer_surname", "customer_given", "customer_patronymic"},
	{"Фамилия", "Имя", "Отчество"},
	{"тегі_", "есімі", "әкесінің_есімі"},
}

// Blind3's XML tags and nested-object keys.
var (
	blind3TagPAN = []string{"CardNumber", "Pan", "AccountNumber", "PrimaryAcctNum"}
	blind3TagExp = []string{"ExpiryDate", "ExpDate", "CardExpiry", "ValidThru"}
	blind3TagCVV = []string{"CVV2", "Cvc", "SecurityCode", "CardSecurityCode"}
	blind3TagNam = []string{"CardHolder", "HolderName", "NameOnCard"}
	blind3ObjPAN = []string{"number", "pan", "card_number"}
	blind3ObjExp = []string{"expiry", "exp", "expiration", "valid_thru"}
	blind3ObjCVV = []string{"cvc", "cvv", "security_code", "csc"}
)

// soapLog: a SOAP payment request logged with its XML body.
func (g *Generator) soapLog(l *rec, p person) {
	tag := func(name string, k tazala.Kind, v string) {
		l.s("<"+name+">").v(k, v).s("</" + name + ">")
	}
	l.s(g.ts() + " DEBUG [soap-client] request=<soapenv:Envelope><soapenv:Body><PaymentRequest><MerchantId>" + strconv.Itoa(g.r.IntN(1e6)) + "</MerchantId><Card>")
	tag(g.any(blind3TagPAN), tazala.KindPAN, p.pan)
	tag(g.any(blind3TagExp), tazala.KindExpiry, p.exp)
	tag(g.any(blind3TagCVV), tazala.KindCVV, p.cvv)
	tag(g.any(blind3TagNam), tazala.KindName, g.latinName(p))
	l.s("</Card><Amount>" + strconv.Itoa(g.r.IntN(100000)) + ".00</Amount></PaymentRequest></soapenv:Body></soapenv:Envelope>")
}

// nestedCard: a JSON API request with the card as a nested object.
func (g *Generator) nestedCard(l *rec, p person) {
	l.s(`{"ts":"` + g.ts() + `","path":"/v1/payment_intents","request":{"amount":` + strconv.Itoa(g.r.IntN(100000)) + `,"card":{`)
	l.field(g.any(blind3ObjPAN), tazala.KindPAN, g.groupPAN(p.pan)).s(",")
	l.field(g.any(blind3ObjExp), tazala.KindExpiry, p.exp).s(",")
	l.field(g.any(blind3ObjCVV), tazala.KindCVV, p.cvv).s(",")
	l.field("holder", tazala.KindName, g.latinName(p)).s(`},"customer":{`)
	l.field("email", tazala.KindEmail, p.email).s("}}}")
}
