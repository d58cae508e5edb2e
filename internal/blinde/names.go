package blinde

import "strings"

// gendered surname: masculine and feminine forms ("" feminine: same).
type sn struct{ m, f string }

var kkSurnames = []sn{
	{"Жұмабаев", "Жұмабаева"}, {"Нұрланов", "Нұрланова"}, {"Қасымов", "Қасымова"},
	{"Оспанов", "Оспанова"}, {"Төлеуов", "Төлеуова"}, {"Құдайбергенов", "Құдайбергенова"},
	{"Ғабдуллин", "Ғабдуллина"}, {"Серікбаев", "Серікбаева"}, {"Мұқанов", "Мұқанова"},
	{"Бөкейханов", "Бөкейханова"}, {"Үсенов", "Үсенова"}, {"Ысқақов", "Ысқақова"},
	{"Әбдірахманов", "Әбдірахманова"}, {"Сәрсенбаев", "Сәрсенбаева"}, {"Есқожин", "Есқожина"},
	{"Тәжібаев", "Тәжібаева"}, {"Шәріпов", "Шәріпова"}, {"Жақсылықов", "Жақсылықова"},
	{"Әміров", "Әмірова"}, {"Іскаков", "Іскакова"}, {"Бейсенов", "Бейсенова"},
	{"Сейітқали", "Сейітқали"}, {"Дүйсенбаев", "Дүйсенбаева"}, {"Қонаев", "Қонаева"},
	{"Ахметов", "Ахметова"}, {"Садыков", "Садыкова"}, {"Байжанов", "Байжанова"},
}

var ruSurnames = []sn{
	{"Иванов", "Иванова"}, {"Петров", "Петрова"}, {"Смирнов", "Смирнова"},
	{"Кузнецов", "Кузнецова"}, {"Соколов", "Соколова"}, {"Лебедев", "Лебедева"},
	{"Козлов", "Козлова"}, {"Новиков", "Новикова"}, {"Морозов", "Морозова"},
	{"Волков", "Волкова"}, {"Ким", "Ким"}, {"Пак", "Пак"}, {"Шевченко", "Шевченко"},
}

var kkMale = []string{"Ерлан", "Қайрат", "Дәурен", "Нұрсұлтан", "Жәнібек", "Ғалым", "Бақытжан", "Әлішер", "Серік", "Асқар", "Мұхтар", "Ержан", "Талғат", "Төлеген", "Ұлан", "Іліяс", "Нұрлыбек", "Дархан", "Әділет", "Мирас"}
var kkFemale = []string{"Әсел", "Айгерім", "Гүлнар", "Мөлдір", "Ұлжан", "Үміт", "Іңкәр", "Сәуле", "Ақбота", "Назерке", "Шаһизада", "Заһира", "Ләззат", "Әйгерім", "Аружан", "Динара", "Жансая", "Гүлмира"}
var ruMale = []string{"Сергей", "Дмитрий", "Алексей", "Андрей", "Михаил", "Павел", "Игорь", "Владимир", "Николай"}
var ruFemale = []string{"Ольга", "Татьяна", "Наталья", "Екатерина", "Ирина", "Анна", "Светлана", "Елена"}

// patronymics: Kazakh -ұлы/-қызы and Russian-style forms.
var kkPatr = []sn{
	{"Қайратұлы", "Қайратқызы"}, {"Ерланұлы", "Ерланқызы"}, {"Бақытжанұлы", "Бақытжанқызы"},
	{"Серікұлы", "Серікқызы"}, {"Ғалымұлы", "Ғалымқызы"}, {"Нұрланұлы", "Нұрланқызы"},
	{"Ерланович", "Ерлановна"}, {"Қайратович", "Қайратовна"}, {"Серикович", "Сериковна"},
	{"Бауыржанович", "Бауыржановна"}, {"Маратович", "Маратовна"}, {"Әбілұлы", "Әбілқызы"},
}
var ruPatr = []sn{
	{"Сергеевич", "Сергеевна"}, {"Петрович", "Петровна"}, {"Андреевич", "Андреевна"},
	{"Николаевич", "Николаевна"}, {"Викторович", "Викторовна"}, {"Александрович", "Александровна"},
}

var latMale = []string{"Yerlan", "Dauren", "Nursultan", "Zhanibek", "Galym", "Askar", "Timur", "Daniyar", "Arman", "Sergey", "Dmitry", "Alexey", "Marat", "Azamat"}
var latFemale = []string{"Aigerim", "Assel", "Madina", "Aruzhan", "Dinara", "Gulnara", "Moldir", "Saule", "Zhansaya", "Olga", "Anna", "Tatyana", "Kamila"}
var latSurnames = []sn{
	{"Zhumabayev", "Zhumabayeva"}, {"Nurlanov", "Nurlanova"}, {"Kassymov", "Kassymova"},
	{"Ospanov", "Ospanova"}, {"Tuleuov", "Tuleuova"}, {"Abenov", "Abenova"},
	{"Serikbayev", "Serikbayeva"}, {"Mukanov", "Mukanova"}, {"Iskakov", "Iskakova"},
	{"Ivanov", "Ivanova"}, {"Petrov", "Petrova"}, {"Smirnov", "Smirnova"},
	{"Sadykov", "Sadykova"}, {"Baizhanov", "Baizhanova"}, {"Seitkali", "Seitkali"},
}

// person is one generated individual.
type person struct {
	given, surname, patr string // Cyrillic
	lgiven, lsurname     string // Latin
	female               bool
}

func (g *Generator) person() person {
	var p person
	p.female = g.chance(0.5)
	ru := g.chance(0.3)
	idx := func(n int) int { return g.r.IntN(n) }
	form := func(s sn) string {
		if p.female {
			return s.f
		}
		return s.m
	}
	switch {
	case ru && p.female:
		p.given, p.surname, p.patr = g.pick(ruFemale), form(ruSurnames[idx(len(ruSurnames))]), form(ruPatr[idx(len(ruPatr))])
	case ru:
		p.given, p.surname, p.patr = g.pick(ruMale), form(ruSurnames[idx(len(ruSurnames))]), form(ruPatr[idx(len(ruPatr))])
	case p.female:
		p.given, p.surname, p.patr = g.pick(kkFemale), form(kkSurnames[idx(len(kkSurnames))]), form(kkPatr[idx(len(kkPatr))])
	default:
		p.given, p.surname, p.patr = g.pick(kkMale), form(kkSurnames[idx(len(kkSurnames))]), form(kkPatr[idx(len(kkPatr))])
	}
	if p.female {
		p.lgiven = g.pick(latFemale)
	} else {
		p.lgiven = g.pick(latMale)
	}
	p.lsurname = form(latSurnames[idx(len(latSurnames))])
	return p
}

// cyr writes the Cyrillic full name in one of several orders.
func (g *Generator) cyr(p person) string {
	switch g.r.IntN(6) {
	case 0, 1:
		return p.surname + " " + p.given + " " + p.patr
	case 2:
		return p.given + " " + p.patr + " " + p.surname
	case 3:
		return p.surname + " " + p.given
	case 4:
		return p.given + " " + p.surname
	default:
		return strings.ToUpper(p.surname + " " + p.given + " " + p.patr)
	}
}

// lat writes the Latin full name.
func (g *Generator) lat(p person) string {
	switch g.r.IntN(4) {
	case 0, 1:
		return p.lgiven + " " + p.lsurname
	case 2:
		return p.lsurname + " " + p.lgiven
	default:
		return strings.ToUpper(p.lgiven + " " + p.lsurname)
	}
}

// name writes the person in Cyrillic mostly, Latin sometimes.
func (g *Generator) name(p person) string {
	if g.chance(0.25) {
		return g.lat(p)
	}
	return g.cyr(p)
}

var mailDomains = []string{"mail.kz", "gmail.com", "yandex.kz", "inbox.ru", "bk.ru", "outlook.com", "mail.ru", "icloud.com", "kaztelecom.kz", "proton.me"}

// email derives an address from the Latin name, or a service address.
func (g *Generator) email(p person) string {
	if g.chance(0.03) {
		return g.pick([]string{"әсел.нұрланова@пошта.қаз", "info@банк.қаз", "жалгас@мысал.қаз"})
	}
	gv, sv := strings.ToLower(p.lgiven), strings.ToLower(p.lsurname)
	var local string
	switch g.r.IntN(6) {
	case 0:
		local = gv + "." + sv
	case 1:
		local = gv[:1] + sv
	case 2:
		local = sv + "_" + gv + g.digits(2)
	case 3:
		local = gv + g.digits(4)
	case 4:
		local = gv + "+bank" // tagged address
	default:
		local = sv + "." + gv[:1] + g.digits(2)
	}
	return local + "@" + g.pick(mailDomains)
}

// serviceEmail is a company mailbox (still an e-mail by the definitions).
func (g *Generator) serviceEmail() string {
	return g.pick([]string{"support", "noreply", "kyc", "cards", "loans", "compliance", "onboarding"}) + "@" + g.pick([]string{"tazabank.kz", "tazapay.kz", "mail.tazabank.kz"})
}

var companies = []string{
	"ТОО «Дала Трейд»", "ТОО «Нұр Логистик»", "АО «Астана Моторс Сервис»", "ТОО «Sky Pay Solutions»",
	"ТОО «Алтын Сауда»", "ТОО «Қызылжар Агро»", "ТОО «Жібек Жолы Текстиль»", "АО «KazFood Retail»",
	"ТОО «Көктем Фарм»", "ТОО «Steppe Coffee»", "ИП «Береке Маркет»", "ТОО «Ақ Бидай»",
}

var cities = []string{"г. Алматы", "г. Астана", "г. Шымкент", "г. Қарағанды", "г. Ақтөбе", "г. Өскемен", "г. Павлодар", "г. Атырау"}
var streets = []string{"ул. Абая", "пр. Достык", "ул. Толе би", "пр. Республики", "ул. Кенесары", "мкр. Самал-2", "пр. Тәуелсіздік", "ул. Жібек Жолы"}

func (g *Generator) address() string {
	return g.pick(cities) + ", " + g.pick(streets) + " " + itoa(g.intn(1, 250)) + ", кв. " + itoa(g.intn(1, 300))
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
