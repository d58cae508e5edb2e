package blindk

import "strings"

type person struct {
	cyr   string // "Surname Given Patronymic" or a shorter form
	given string // Cyrillic given name alone
	lat   string // Latin, as embossed on a card
	email string
}

var (
	surM      = []string{"Нурланов", "Сейтов", "Жумабаев", "Ахметов", "Касымов", "Абенов", "Тулегенов", "Ермеков", "Иванов", "Смирнов", "Кузнецов", "Соколов", "Бекмуханов", "Оспанов"}
	surL      = []string{"NURLANOV", "SEITOV", "ZHUMABAYEV", "AKHMETOV", "KASSYMOV", "ABENOV", "TULEGENOV", "YERMEKOV", "IVANOV", "SMIRNOV", "KUZNETSOV", "SOKOLOV", "BEKMUKHANOV", "OSPANOV"}
	givM      = []string{"Ерлан", "Данияр", "Асхат", "Бауыржан", "Тимур", "Алексей", "Дмитрий", "Нурбол", "Арман", "Санжар"}
	givML     = []string{"ERLAN", "DANIYAR", "ASKHAT", "BAURZHAN", "TIMUR", "ALEKSEY", "DMITRIY", "NURBOL", "ARMAN", "SANZHAR"}
	givF      = []string{"Айгерим", "Динара", "Асель", "Жанар", "Ольга", "Мария", "Алия", "Гульнара", "Мадина", "Камила"}
	givFL     = []string{"AIGERIM", "DINARA", "ASSEL", "ZHANAR", "OLGA", "MARIYA", "ALIYA", "GULNARA", "MADINA", "KAMILA"}
	patM      = []string{"Серикович", "Нурланович", "Бахытович", "Александрович", "Ерланович", "Маратович", "Болатович"}
	patF      = []string{"Сериковна", "Нурлановна", "Бахытовна", "Александровна", "Ерлановна", "Маратовна", "Болатовна"}
	mailHosts = []string{"mail.ru", "gmail.com", "mail.kz", "inbox.kz", "yandex.kz", "outlook.com", "bk.ru"}
)

func (g *Generator) person() person {
	si := g.r.IntN(len(surM))
	pi := g.r.IntN(len(patM))
	female := g.r.IntN(2) == 0
	var p person
	var gi int
	var sur, pat, surLat, givLat string
	if female {
		gi = g.r.IntN(len(givF))
		p.given = givF[gi]
		givLat = givFL[gi]
		sur, pat, surLat = surM[si]+"а", patF[pi], surL[si]+"A"
	} else {
		gi = g.r.IntN(len(givM))
		p.given = givM[gi]
		givLat = givML[gi]
		sur, pat, surLat = surM[si], patM[pi], surL[si]
	}
	switch g.r.IntN(4) {
	case 0:
		p.cyr = p.given + " " + sur
	case 1:
		p.cyr = sur + " " + p.given
	default:
		p.cyr = sur + " " + p.given + " " + pat
	}
	p.lat = givLat + " " + surLat
	p.email = strings.ToLower(givLat) + []string{".", "_", ""}[g.r.IntN(3)] + strings.ToLower(surLat)
	if g.r.IntN(3) == 0 {
		p.email += g.digits(2)
	}
	p.email += "@" + g.pick(mailHosts)
	return p
}

// titleLat is "Aigerim Nurlanova" from "AIGERIM NURLANOVA".
func titleLat(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		f[i] = w[:1] + strings.ToLower(w[1:])
	}
	return strings.Join(f, " ")
}

var (
	cities  = []string{"Алматы", "Астана", "Шымкент", "Караганда", "Актобе", "Павлодар", "Усть-Каменогорск"}
	streets = []string{"ул. Абая", "пр. Достык", "ул. Толе би", "пр. Республики", "ул. Кунаева", "мкр. Самал-2", "ул. Сатпаева"}
	teams   = []string{"Команда биллинга", "Отдел роуминга", "Группа MNP", "NOC Астана", "Служба карточного процессинга", "Команда мобильного банка"}
	tariffs = []string{"Безлимит Плюс", "Жастар 3000", "Roaming Travel Pack", "Семейный", "Smart 15 ГБ"}
	donors  = []string{"Beeline KZ", "Kcell", "Tele2 Altel", "Activ"}
)
