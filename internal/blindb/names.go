package blindb

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name vocabularies. Every list is split by pick: even entries are Tune's,
// odd entries Held's.

var kzMale = []string{
	"Айдос", "Ерлан", "Нұрлан", "Данияр", "Бауыржан", "Асқар", "Ерболат", "Мақсат",
	"Серік", "Әлихан", "Тимур", "Жандос", "Ғалым", "Қайрат", "Дәурен", "Ақжол",
	"Нұржан", "Бекзат", "Ілияс", "Санжар", "Арман", "Рүстем", "Олжас", "Еркебұлан",
	"Мұхтар", "Азамат", "Ұлан", "Әділет", "Жақсылық", "Дастан", "Ержан", "Самат",
	"Бағдат", "Талғат", "Мейрам", "Әбілқайыр", "Ернұр", "Нұрсұлтан", "Шыңғыс", "Абылай",
}

var kzFemale = []string{
	"Айгерім", "Гүлнар", "Жанар", "Мөлдір", "Динара", "Ақмарал", "Әсем", "Салтанат",
	"Гүлжан", "Айжан", "Назерке", "Ұлжан", "Қарлығаш", "Әлия", "Балжан", "Жұлдыз",
	"Толқын", "Меруерт", "Айнұр", "Шолпан", "Дана", "Інкәр", "Сәуле", "Аружан",
	"Томирис", "Гүлмира", "Ләззат", "Күнсұлу", "Зәһира", "Шаһизада", "Аида", "Дариға",
	"Мадина", "Гаухар", "Ақбота", "Перизат", "Нұргүл", "Жансая", "Камила", "Әйгерім",
}

// Kazakh surnames in their male form; the female form adds "а".
var kzSurStem = []string{
	"Жұмабаев", "Нұрланов", "Тоқтаров", "Әбдірахманов", "Омаров", "Серікбаев", "Қасымов",
	"Бекмұханов", "Есенов", "Ахметов", "Мұқанов", "Бәйтенов", "Исабеков", "Құдайбергенов",
	"Өтепов", "Үсенов", "Ғабитов", "Шәріпов", "Ермеков", "Қалиев", "Сұлтанбеков", "Тұрсынов",
	"Байжанов", "Оспанов", "Смағұлов", "Жаксыбеков", "Нұрпейісов", "Әлібеков", "Көшербаев",
	"Дүйсенбаев", "Рахымжанов", "Молдабеков", "Тілеуов", "Қожанов", "Иманғалиев", "Сапаров",
	"Абенов", "Мамыров", "Ізбасаров", "Түсіпов", "Қуанышев", "Шайкенов",
}

// Kazakh surnames that do not change with gender.
var kzSurFixed = []string{
	"Сейткали", "Жақып", "Қожахмет", "Нұрмағамбет", "Әміре", "Жұмағұл", "Серікбай",
	"Төлеген", "Бекет", "Оразалы", "Мырзахмет", "Әбдіқадыр", "Қалдыбай", "Ержігіт",
}

// Fathers' names for Kazakh patronymics (-ұлы/-қызы, or Russian-style).
var kzFather = []string{
	"Серік", "Ерлан", "Болат", "Қайрат", "Асқар", "Мұрат", "Нұрлан", "Бақыт", "Ғани",
	"Жанат", "Талғат", "Марат", "Ермек", "Дәулет", "Оралхан", "Әбіл", "Құрманғали", "Санат",
	"Еркін", "Бейбіт",
}

var ruMale = []string{
	"Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Николай", "Павел", "Игорь",
	"Владимир", "Константин", "Евгений", "Роман", "Олег", "Виктор", "Артём", "Глеб",
	"Станислав", "Вячеслав", "Григорий", "Юрий", "Фёдор", "Илья", "Максим", "Тимофей",
}

var ruFemale = []string{
	"Анна", "Екатерина", "Ольга", "Татьяна", "Наталья", "Ирина", "Елена", "Марина",
	"Юлия", "Светлана", "Вера", "Ксения", "Дарья", "Полина", "Людмила", "Галина",
	"Валентина", "Алёна", "Маргарита", "Евгения", "Оксана", "Лариса", "Софья", "Вероника",
}

// Russian surnames: [male, female].
var ruSur = [][2]string{
	{"Иванов", "Иванова"}, {"Смирнов", "Смирнова"}, {"Кузнецов", "Кузнецова"}, {"Попов", "Попова"},
	{"Соколов", "Соколова"}, {"Лебедев", "Лебедева"}, {"Козлов", "Козлова"}, {"Новиков", "Новикова"},
	{"Морозов", "Морозова"}, {"Волков", "Волкова"}, {"Соловьёв", "Соловьёва"}, {"Васильев", "Васильева"},
	{"Зайцев", "Зайцева"}, {"Павлов", "Павлова"}, {"Семёнов", "Семёнова"}, {"Голубев", "Голубева"},
	{"Виноградов", "Виноградова"}, {"Богданов", "Богданова"}, {"Воробьёв", "Воробьёва"}, {"Фёдоров", "Фёдорова"},
	{"Вишневский", "Вишневская"}, {"Бондаренко", "Бондаренко"}, {"Белых", "Белых"}, {"Шевчук", "Шевчук"},
	{"Тарасов", "Тарасова"}, {"Белоусов", "Белоусова"}, {"Комаров", "Комарова"}, {"Орлов", "Орлова"},
	{"Киселёв", "Киселёва"}, {"Макаров", "Макарова"}, {"Ковалёв", "Ковалёва"}, {"Полянский", "Полянская"},
	{"Гончаренко", "Гончаренко"}, {"Черных", "Черных"}, {"Ильин", "Ильина"}, {"Пирогов", "Пирогова"},
}

// Russian patronymics: [male, female].
var ruPatr = [][2]string{
	{"Алексеевич", "Алексеевна"}, {"Дмитриевич", "Дмитриевна"}, {"Сергеевич", "Сергеевна"},
	{"Андреевич", "Андреевна"}, {"Николаевич", "Николаевна"}, {"Павлович", "Павловна"},
	{"Игоревич", "Игоревна"}, {"Владимирович", "Владимировна"}, {"Викторович", "Викторовна"},
	{"Олегович", "Олеговна"}, {"Петрович", "Петровна"}, {"Иванович", "Ивановна"},
	{"Геннадьевич", "Геннадьевна"}, {"Юрьевич", "Юрьевна"}, {"Аркадьевич", "Аркадьевна"},
	{"Степанович", "Степановна"},
}

// Foreign customers, written in Latin, by origin: given names, surnames.
var foreign = []struct{ given, sur []string }{
	{[]string{"Michael", "Sarah", "James", "Olivia"}, []string{"Turner", "Whitfield", "Brennan", "Hughes"}},
	{[]string{"Lukas", "Sofia", "Jonas", "Lena"}, []string{"Hoffmann", "Schneider", "Fischer", "Becker"}},
	{[]string{"Mehmet", "Ayşe", "Emre", "Zeynep"}, []string{"Yılmaz", "Demir", "Kaya", "Çelik"}},
	{[]string{"Kenji", "Yuki", "Haruto", "Aiko"}, []string{"Tanaka", "Sato", "Suzuki", "Watanabe"}},
	{[]string{"Marco", "Giulia", "Luca", "Chiara"}, []string{"Rossi", "Bianchi", "Romano", "Ricci"}},
	{[]string{"Pierre", "Camille", "Louis", "Chloé"}, []string{"Dubois", "Lefebvre", "Moreau", "Laurent"}},
	{[]string{"Arjun", "Priya", "Rahul", "Ananya"}, []string{"Sharma", "Kapoor", "Gupta", "Iyer"}},
	{[]string{"Jan", "Anna", "Piotr", "Katarzyna"}, []string{"Nowak", "Kowalski", "Wiśniewski", "Zieliński"}},
}

// person is one generated individual.
type person struct {
	sur, given, patr string
	male             bool
	latin            bool   // written in Latin (foreign, or transliterated)
	asciiKey         string // lower-case ASCII given/surname for e-mail local parts
	asciiSur         string
}

func (g *Generator) person() person {
	var p person
	p.male = g.chance(0.5)
	switch x := g.r.Float64(); {
	case x < 0.58: // Kazakh
		if p.male {
			p.given = pick(g, kzMale)
		} else {
			p.given = pick(g, kzFemale)
		}
		if g.chance(0.22) {
			p.sur = pick(g, kzSurFixed)
		} else {
			p.sur = pick(g, kzSurStem)
			if !p.male {
				p.sur += "а"
			}
		}
		f := pick(g, kzFather)
		switch y := g.r.Float64(); {
		case y < 0.35:
			if p.male {
				p.patr = f + "ұлы"
			} else {
				p.patr = f + "қызы"
			}
		case y < 0.8:
			ru := russify(f)
			if strings.HasSuffix(ru, "й") || strings.HasSuffix(ru, "и") {
				ru = strings.TrimSuffix(strings.TrimSuffix(ru, "й"), "и") + "и"
				if strings.HasSuffix(f, "й") {
					ru = strings.TrimSuffix(ru, "и")
				}
				if p.male {
					p.patr = ru + "евич"
				} else {
					p.patr = ru + "евна"
				}
			} else if p.male {
				p.patr = ru + "ович"
			} else {
				p.patr = ru + "овна"
			}
		}
		if g.chance(0.35) { // written the Russian way, without Kazakh letters
			p.given, p.sur, p.patr = russify(p.given), russify(p.sur), russify(p.patr)
		}
	case x < 0.93: // Russian
		sx := 1
		if p.male {
			sx = 0
			p.given = pick(g, ruMale)
		} else {
			p.given = pick(g, ruFemale)
		}
		p.sur = pick(g, ruSur)[sx]
		if g.chance(0.7) {
			p.patr = pick(g, ruPatr)[sx]
		}
	default: // foreign, Latin only
		o := pick(g, foreign)
		p.given = any1(g, o.given)
		p.sur = any1(g, o.sur)
		if strings.HasSuffix(p.sur, "ki") && strings.HasSuffix(p.given, "a") {
			p.sur = strings.TrimSuffix(p.sur, "i") + "a" // Polish feminine form
		}
		p.latin = true
	}
	p.asciiKey = asciiLower(p.given)
	p.asciiSur = asciiLower(p.sur)
	return p
}

// Name forms.
const (
	formSGP = iota // Фамилия Имя Отчество
	formGS         // Имя Фамилия
	formSG         // Фамилия Имя
	formGPS        // Имя Отчество Фамилия
)

// fullName writes p in form f (falling back to two parts when p has no
// patronymic), in the person's own script.
func (p person) fullName(f int) string {
	parts := p.parts(f)
	return strings.Join(parts, " ")
}

func (p person) parts(f int) []string {
	switch {
	case f == formSGP && p.patr != "":
		return []string{p.sur, p.given, p.patr}
	case f == formGPS && p.patr != "":
		return []string{p.given, p.patr, p.sur}
	case f == formSG || f == formSGP:
		return []string{p.sur, p.given}
	default:
		return []string{p.given, p.sur}
	}
}

// name is the usual way a line writes a person's full name: a random form,
// sometimes upper-cased, sometimes transliterated (Latin transliteration
// schemes are split between the parts).
func (g *Generator) name(p person) string {
	f := g.nameForm(p)
	s := p.fullName(f)
	if !p.latin && g.chance(0.12) {
		s = g.translit(s)
	}
	if g.chance(0.08) {
		s = upper(s)
	}
	return s
}

func (g *Generator) nameForm(p person) int {
	switch x := g.r.Float64(); {
	case x < 0.38:
		return formSGP
	case x < 0.68:
		return formGS
	case x < 0.86:
		return formSG
	default:
		return formGPS
	}
}

// latinName is p in Latin letters (for cardholder names, e-mail display
// names in English mail, English chats).
func (g *Generator) latinName(p person, f int) string {
	s := p.fullName(f)
	if p.latin {
		return s
	}
	return g.translit(s)
}

func upper(s string) string { return strings.ToUpper(s) }

var kzToRu = strings.NewReplacer(
	"Ә", "А", "ә", "а", "Ғ", "Г", "ғ", "г", "Қ", "К", "қ", "к", "Ң", "Н", "ң", "н",
	"Ө", "О", "ө", "о", "Ұ", "У", "ұ", "у", "Ү", "У", "ү", "у", "Һ", "Х", "һ", "х",
	"І", "И", "і", "и",
)

// russify writes Kazakh letters the Russian way (Айгерім → Айгерим).
func russify(s string) string { return kzToRu.Replace(s) }

// Transliteration schemes, split between the parts.
var translitSchemes = []map[rune]string{
	// Tune: ICAO 9303 as in passports, Kazakh letters folded.
	{'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
		'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
		'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh",
		'щ': "shch", 'ъ': "ie", 'ы': "y", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
		'ә': "a", 'ғ': "g", 'қ': "k", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u", 'һ': "h", 'і': "i"},
	// Held: Kazakh Latin alphabet (2021), diacritics kept.
	{'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "io", 'ж': "j", 'з': "z",
		'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
		'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "h", 'ц': "ts", 'ч': "ch", 'ш': "ş",
		'щ': "şş", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
		'ә': "ä", 'ғ': "ğ", 'қ': "q", 'ң': "ñ", 'ө': "ö", 'ұ': "ū", 'ү': "ü", 'һ': "h", 'і': "ı"},
	// Tune: informal (Yu/Ya/Kh, y for й).
	{'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh", 'з': "z",
		'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
		'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh",
		'щ': "sch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
		'ә': "a", 'ғ': "g", 'қ': "k", 'ң': "ng", 'ө': "o", 'ұ': "u", 'ү': "u", 'һ': "h", 'і': "i"},
	// Held: BGN-like with Kazakh digraphs (ae/oe/ue, q, gh).
	{'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh", 'з': "z",
		'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
		'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh",
		'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
		'ә': "ae", 'ғ': "gh", 'қ': "q", 'ң': "ng", 'ө': "oe", 'ұ': "u", 'ү': "ue", 'һ': "h", 'і': "i"},
}

func (g *Generator) translit(s string) string { return translitWith(pick(g, translitSchemes), s) }

func translitWith(m map[rune]string, s string) string {
	var b strings.Builder
	startWord := true
	allUpper := s == strings.ToUpper(s)
	for _, r := range s {
		lr := unicode.ToLower(r)
		t, ok := m[lr]
		if !ok {
			b.WriteRune(r)
			startWord = !unicode.IsLetter(r)
			continue
		}
		if t == "" {
			continue
		}
		if allUpper {
			t = strings.ToUpper(t)
		} else if unicode.IsUpper(r) || startWord {
			if unicode.IsUpper(r) {
				f, n := utf8.DecodeRuneInString(t)
				t = string(unicode.ToUpper(f)) + t[n:]
			}
		}
		b.WriteString(t)
		startWord = false
	}
	return b.String()
}

// asciiFold maps the Latin letters with diacritics of the name lists and
// transliterations to ASCII.
var asciiFold = strings.NewReplacer("ş", "s", "ı", "i", "ç", "c", "ğ", "g", "ö", "o", "ü", "u", "ä", "a",
	"ū", "u", "ñ", "n", "ś", "s", "ń", "n", "ł", "l", "é", "e", "è", "e", "ż", "z", "ź", "z")

// asciiLower is the ASCII transliteration used for e-mail local parts.
func asciiLower(s string) string {
	t := asciiFold.Replace(strings.ToLower(translitWith(translitSchemes[2], strings.ToLower(s))))
	var b strings.Builder
	for _, r := range t {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
