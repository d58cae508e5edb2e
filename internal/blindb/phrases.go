package blindb

// Phrasings, per language, split between the parts by pick (even: Tune,
// odd: Held). Single-line; multi-line bodies join them with "\n" inside
// JSON strings only. No double quotes (lines quote them in logfmt).

var custRU = []string{
	"Здравствуйте, меня зовут {N}, не проходит оплата по заказу {ORD}",
	"Добрый день! Это {N}, мой номер {P}, перезвоните пожалуйста",
	"Меня зовут {N}. Телефон для связи {P}, почта {E}",
	"Пишет вам {N}, ИИН {I}, хочу уточнить статус заявки",
	"Я, {NF}, прошу заблокировать доступ к личному кабинету",
	"С вами говорит {N}. Мой ИИН {I}",
	"Здравствуйте. {N}, клиент с {D}. Сменил номер, новый {P}",
	"Добрый вечер, на связи {N}. Ответ прошу прислать на {E}",
	"Пожалуйста, свяжитесь со мной по номеру {P}, спросить {N}",
	"Обращается {NF}, ИИН {I}, тел. {P}",
	"Заявку оформлял(а) {N}, мой email {E}",
	"Контактное лицо: {N}, {P}",
	"Моё имя {N}, деньги списали дважды, сумма {AMT}",
	"Здравствуйте! Я {N}, пишу по поводу возврата, ИИН {I}",
	"ФИО {NF}, телефон {P}, прошу перевыпустить карту",
	"Получатель перевода {N}, номер {P}",
}

var custKK = []string{
	"Сәлеметсіз бе, менің атым {N}, төлем өтпей жатыр",
	"Менің атым {N}. Телефон нөмірім {P}",
	"Мен {N}, ЖСН {I}, өтінімнің мәртебесін білгім келеді",
	"Қайырлы күн! {N} жазып отырмын, поштам {E}",
	"Менің есімім {N}, байланыс телефоны {P}",
	"Сізге {N} хабарласып тұр. ЖСН: {I}",
	"Маған {P} нөміріне қоңырау шалыңызшы, {N}",
	"Аты-жөнім {NF}, электрондық пошта {E}",
	"Сәлем! Бұл {N}, ақша екі рет шешілді, сомасы {AMT}",
	"Мен {N}, жаңа нөмірім {P}",
	"Өтініш берген {N}, ЖСН {I}",
	"Алушы: {N}, телефоны {P}",
}

var custEN = []string{
	"Hi, my name is {NL}, I cannot log in to my account",
	"Hello, this is {NL} speaking, please call me back on {PI}",
	"This is {NL}, my email is {E} and phone {P}",
	"Good afternoon, {NL} here. My IIN is {I}",
	"I am {NL} and I was charged twice for order {ORD}",
	"Please contact me at {E}. Thanks, {NL}",
	"Hi support, {NL} writing. New number: {P}",
	"My name's {NL}, reachable at {PI}",
	"Hello, {NL} again, still waiting for the refund of {AMT}",
	"Dear team, I am {NL}, my phone number changed to {PI}",
	"Customer {NL} requests account closure, contact {E}",
	"You can reach me, {NL}, on {P} after 6 pm",
	"Please reply to mailto:{E}?subject=refund, {NL}",
	"{NL} (mailto:{E}) asks to update the delivery address",
}

// Operator lines: mostly hard negatives (lone given names, role words).
var opRU = []string{
	"Здравствуйте, {G}! Меня зовут {OG}, чем могу помочь?",
	"{G}, спасибо за ожидание. Передала вопрос в Службу Поддержки",
	"Оператор {OG}: уточните, пожалуйста, номер заказа",
	"{G}, ваш запрос {TCK} передан менеджеру {ON}",
	"Добрый день, {G}. Отделение на {ST} работает до 19:00",
	"Ваше обращение принято, специалист {ON} свяжется с вами",
	"{G}, код подтверждения {OTP} никому не сообщайте",
	"Спасибо, {G}! Хорошего дня",
}

var opKK = []string{
	"Сәлеметсіз бе, {G}! Менің атым {OG}, қалай көмектесе аламын?",
	"{G}, күте тұрғаныңызға рахмет",
	"Өтініміңізді менеджер {ON} қарайды",
	"{G}, бөлімшеміз {ST} мекенжайында орналасқан",
	"Рақмет, {G}! Сұрағыңыз {TCK} нөмірімен тіркелді",
	"Маман {ON} сізге хабарласады",
}

var opEN = []string{
	"Hi {G}, my name is {OG}, how can I help you today?",
	"Thanks {G}, I have escalated this to our team lead {ON}",
	"{G}, our office at {ST} is open until 7 pm",
	"Sorry for the wait, {G}. Your ticket {TCK} is in progress",
	"Thank you {G}, have a nice day!",
	"Your case is now with specialist {ON}",
}

// Signatures, joined to a body with a newline.
var sigRU = []string{
	"С уважением,\n{N}\n{P}", "--\n{N}\nтел.: {P}", "Спасибо!\n{N}", "С уважением, {N}",
	"Всего доброго,\n{N}\n{E}", "--\nС уважением,\n{NF}\nмоб. {P}",
	"<p>С уважением,<br>{N}<br><a href=\"mailto:{E}\">{E}</a></p>", "--\n{N} | {P} | <{E}>",
}

var sigKK = []string{
	"Құрметпен,\n{N}", "Рақмет,\n{N}\n{P}", "Құрметпен, {N}, тел. {P}", "Ізгі тілекпен,\n{N}",
}

var sigEN = []string{
	"Regards,\n{NL}", "Best regards,\n{NL}\n{PI}", "Cheers,\n{NL}", "Kind regards,\n{NL}\nMobile: {P}",
	"Thanks,\n{NL}\n{E}", "Sincerely,\n{NL}",
}

// Forwarding and quoting wrappers; %s is the quoted body.
var fwdRU = []string{
	"-------- Пересылаемое сообщение --------\nОт: {N} <{E}>\nДата: {D}\nТема: Возврат средств\n\n",
	"{D}, {N} <{E}> написал(а):\n> ",
	"Начало переадресованного сообщения:\nОт кого: {N} <{E}>\n\n",
	"----- Исходное сообщение -----\nОтправитель: {E}\nИмя: {N}\n\n",
}

var fwdEN = []string{
	"---------- Forwarded message ---------\nFrom: {NL} <{E}>\nDate: {D}\nSubject: Refund\n\n",
	"On {D}, {NL} <{E}> wrote:\n> ",
	"Begin forwarded message:\nFrom: {NL} <{E}>\n\n",
	"-----Original Message-----\nFrom: {NL} [mailto:{E}]\nSent: {D}\n\n",
}

var subjectsRU = []string{"Возврат средств", "Не проходит платёж", "Смена номера телефона", "Блокировка карты", "Жалоба на курьера", "Вопрос по тарифу"}

var subjectsKK = []string{"Төлем өтпеді", "Ақшаны қайтару", "Нөмірді ауыстыру", "Картаны бұғаттау"}

var subjectsEN = []string{"Refund request", "Payment failed", "Change of phone number", "Card blocked", "Account closure", "Complaint"}
