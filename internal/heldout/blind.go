package heldout

// The Blind part's vocabulary: alternatives to each list of the other two
// parts (keyed by that list's first element), and its own names. Written
// after the detectors were tuned on the other parts; its scores are
// reported as measured, never tuned on.
var blindVocab = map[string][]string{
	// field names
	"iin":                 {"iin_no", "taxpayer_iin", "holderIin", "ИИН_клиента", "person_iin_code"},
	"phone":               {"cell", "cellphone", "mobile_no", "contactPhone", "tel_number", "номер_телефона"},
	"email":               {"mailbox", "email_addr", "e-mail", "notify_email", "электронная_почта"},
	"card_number":         {"pan_full", "cardNumber", "card_no", "pan_clear", "карта_номер"},
	"card_exp":            {"exp_mm_yy", "expiry_date", "card_expiration", "validUntil", "мерзімі"},
	"cvc":                 {"cvv2_code", "cvc_value", "sec_code", "card_security_code"},
	"holder":              {"card_holder", "holderFullName", "client_fio", "name_on_card", "аты_жөні"},
	"public.card_holders": {"core.persons", "ops.payers", "loyalty.members"},
	// positional separators
	" ": {" - ", "\t", " ;"},
	// Russian
	"Меня зовут ":       {"Моё имя ", "Пишу от имени ", "На связи ", "Держатель: ", "Клиентка ", "Плательщик "},
	"Здравствуйте! ":    {"Привет! ", "Добрый вечер. ", "Доброй ночи, "},
	"Номер карты ":      {"Карточка ", "По карте ", "Карта №"},
	", срок действия ":  {", срок годности ", ", годен до ", ", срок окончания ", ", действительна до ", ", exp "},
	", CVV ":            {", CVC ", ", код с обратной стороны ", ", секретный код ", ", код проверки "},
	"ИИН ":              {"ИИН клиента ", "ЖСН/ИИН: ", "ИИН: "},
	". Перезвоните на ": {". Контактный телефон ", ". Мобильный: ", ". Позвоните "},
	", почта ":          {", электронка ", ", e-mail для чеков: ", ", ящик "},
	// Kazakh
	"Сәлеметсіз бе! ":       {"Салем! ", "Кеш жарық. "},
	"Менің атым ":           {"Менің аты-жөнім ", "Мен, ", "Карта ұстаушы: ", "Төлеуші "},
	"Карта нөмірі ":         {"Картаның нөмірі ", "Карта №"},
	", жарамдылық мерзімі ": {", мерзімі аяқталуы ", ", жарамдылығы ", ", қолдану мерзімі "},
	", CVV коды ":           {", CVV2 ", ", құпия код ", ", тексеру коды "},
	"ЖСН ":                  {"ЖСН нөмірі ", "ЖСН-ім "},
	". Телефон: ":           {". Ұялы телефон ", ". Телефоным "},
	", пошта ":              {", e-mail ", ", электронды пошта "},
	// English
	"Hello, ":       {"Hey, ", "Greetings. "},
	"my name is ":   {"I'm ", "the cardholder is ", "my full name: ", "customer "},
	"Card number ":  {"PAN ", "Card no. ", "Payment card "},
	", valid thru ": {", expiry ", ", exp ", ", valid until ", ", expiring ", ", exp date "},
	"My IIN is ":    {"IIN number ", "individual id number (IIN) "},
	". Call me at ": {". Text me at ", ". Tel ", ". Cell: "},
	" or write to ": {", e-mail: ", " and my email is "},
	". Regards, ":   {". Cheers, ", ". Kind regards, ", ". Yours, "},
	// names
	"Ерасыл":     {"Асылбек", "Жанболат", "Олжас", "Тимур", "Ерназар", "Игорь", "Артём", "Бауыржан"},
	"Аяжан":      {"Айым", "Дильназ", "Томирис", "Ольга", "Екатерина", "Гаухар", "Ляззат", "Динара"},
	"Жаксылыков": {"Абенов", "Садыков", "Нургалиев", "Ахметжанов", "Смирнов", "Ковальчук", "Кравченко", "Утепов"},
}

var blindNameKeys = [][3]string{
	{"surname_ru", "name_ru", "patronymic_ru"},
	{"lname", "fname", "mname"},
	{"last", "first", "middle"},
	{"фамилия_клиента", "имя_клиента", "отчество_клиента"},
}
