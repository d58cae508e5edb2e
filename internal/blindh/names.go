package blindh

var (
	givenM  = []string{"Нұрлан", "Ерлан", "Дәурен", "Асхат", "Бауыржан", "Тимур", "Арман", "Самат", "Дмитрий", "Алексей", "Игорь", "Руслан", "Жандос", "Мейірхан", "Ержан", "Олжас"}
	givenF  = []string{"Айгерім", "Гүлнар", "Динара", "Мадина", "Жанар", "Сәуле", "Анна", "Ольга", "Наталья", "Ақбота", "Әсем", "Камила", "Аружан", "Салтанат"}
	surname = []string{"Ахметов", "Омаров", "Жұмабеков", "Серікбаев", "Тұрсынов", "Исаев", "Қасымов", "Байжанов", "Смирнов", "Ковалев", "Әбдірахманов", "Нұрпейісов", "Сапаров", "Мұқанов", "Есенов", "Кравцов"}
	fatherM = []string{"Серікұлы", "Болатұлы", "Ерланович", "Маратович", "Сергеевич", "Қайратұлы", "Нурланович", "Бекович"}
	fatherF = []string{"Серікқызы", "Болатқызы", "Ерлановна", "Маратовна", "Сергеевна", "Қайратқызы", "Нурлановна", "Бековна"}

	latGiven = []string{"Nurlan", "Yerlan", "Dauren", "Askhat", "Aigerim", "Dinara", "Madina", "Timur", "Arman", "Saule", "Zhanar", "Olzhas", "Aruzhan", "Saltanat"}
	latSur   = []string{"Akhmetov", "Omarov", "Serikbayev", "Tursynov", "Kassymov", "Baizhanov", "Zhumabekov", "Mukanov", "Yessenov", "Saparov", "Issayev", "Abdrakhmanov"}
)

// person is one synthetic individual.
type person struct {
	cyr     string // full Cyrillic name in the chosen order
	lat     string // Latin "Given Surname"
	latSurn string // Latin surname, lower-cased in e-mails
	given   string // Cyrillic given name alone (a negative when used alone)
}

func (g *Generator) person() person {
	female := g.n(2) == 0
	var giv, pat string
	sur := g.pick(surname)
	if female {
		giv, pat = g.pick(givenF), g.pick(fatherF)
		sur += "а"
	} else {
		giv, pat = g.pick(givenM), g.pick(fatherM)
	}
	var cyr string
	switch g.n(5) {
	case 0, 1:
		cyr = sur + " " + giv + " " + pat
	case 2:
		cyr = sur + " " + giv
	case 3:
		cyr = giv + " " + sur
	default:
		cyr = giv + " " + pat + " " + sur
	}
	ls := g.pick(latSur)
	lg := g.pick(latGiven)
	if lg == "Aigerim" || lg == "Dinara" || lg == "Madina" || lg == "Saule" || lg == "Zhanar" || lg == "Aruzhan" || lg == "Saltanat" {
		ls += "a"
	}
	lat := lg + " " + ls
	if g.n(4) == 0 {
		lat = ls + " " + lg
	}
	return person{cyr: cyr, lat: lat, latSurn: ls, given: giv}
}
