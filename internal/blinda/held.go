package blinda

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tazala/tazala"
)

// Held's vocabulary. Nothing here appears in tuneVocab.
var heldVocab = &vocab{
	maleGiven:   []string{"Ержан", "Асхат", "Мирас", "Нуржан", "Ильяс", "Дмитрий", "Андрей", "Максим", "Олжас", "Санжар", "Азамат", "Берик"},
	femaleGiven: []string{"Жулдыз", "Айнур", "Салтанат", "Томирис", "Зарина", "Наталья", "Мария", "Татьяна", "Акбота", "Дана", "Аружан", "Әсем"},
	surnames:    []string{"Абенов", "Байтурсынов", "Мукашев", "Садыков", "Жаксыбеков", "Исмаилов", "Соколов", "Морозов", "Волков", "Лебедев", "Қасымжанов", "Сейткали", "Нурмагамбет", "Оспанов"},
	patronymics: [][2]string{{"Ержанович", "Ержановна"}, {"Асхатович", "Асхатовна"}, {"Берикович", "Бериковна"}, {"Дмитриевич", "Дмитриевна"}, {"Андреевич", "Андреевна"}, {"Тимурович", "Тимуровна"}, {"Асқарұлы", "Асқарқызы"}, {"Ерболұлы", "Ерболқызы"}},
	latMale:     []string{"YERZHAN", "ASKHAT", "MIRAS", "NURZHAN", "ILYAS", "DMITRIY", "ANDREY", "OLZHAS", "SANZHAR", "AZAMAT"},
	latFemale:   []string{"ZHULDYZ", "AINUR", "SALTANAT", "TOMIRIS", "ZARINA", "NATALYA", "MARIYA", "AKBOTA", "ARUZHAN", "ASSEM"},
	latSurnames: []string{"ABENOV", "BAITURSYNOV", "MUKASHEV", "SADYKOV", "ZHAKSYBEKOV", "ISMAILOV", "SOKOLOV", "MOROZOV", "OSPANOV", "SEITKALI"},
	mailDomains: []string{"yandex.ru", "icloud.com", "bk.ru", "list.ru", "hotmail.co.uk", "rambler.ru", "billing.steppe-pay.kz", "enu.edu.kz", "xn--d1acpjx3f.xn--p1ai", "xn--d1acon18c.xn--80ao21a", "мысал.қаз", "почта.рус", "qazaq-soft.org", "mail.astana-hub.com"},
	mailLocal:   []string{"s_g", "gs+t", "i-s", "s.i", "g.sn", "c", "gsn", "s-g+t"},
	expFormats:  []string{"MM.YY", "MM.YYYY", "MM-YYYY", "MM/YY", "MM/YYYY"},
	expLabels: map[string][]string{
		"ru": {"действует до", "годна до", "срок годности"},
		"kk": {"мерзімі", "қолданылу мерзімі"},
		"en": {"expires", "valid thru", "exp. date"},
	},
	cvvLabels: map[string][]string{
		"ru": {"код безопасности", "код с обратной стороны карты", "CVV2"},
		"kk": {"қауіпсіздік коды", "картаның артындағы код"},
		"en": {"security code", "CVC", "CID"},
	},
	phoneLayouts: []string{
		"+7 (XXX) XXX XX XX", "8XXXXXXXXXX", "+7-XXX-XXX-XXXX", "8 XXX XXXXXXX", "+7.XXX.XXX.XX.XX", "8 (XXX) XXX XX XX", "+7 XXX XXXXXXX",
	},
	intlRegions: []string{"AE", "IT", "ES", "PL", "GE", "KR", "BR", "AZ", "JP"},
	testPANs: []string{
		"4000056655665556", "4005519200000004", "4988438843884305", "4000000000000002", "4166676667666746", "4646464646464644", "4012000033330026",
		"5200828282828210", "2222400070000005", "5454545454545454", "2223000048410010", "5577000055770004",
		"378734493671000", "370000000000002",
		"6011000990139424", "6445644564456445", "6011601160116611",
		"3530111333300000", "36227206271667", "3056930009020004", "36006666333344",
		"6205500000000000004", "6250946000000016", "2200000000000053",
	},
	panSeps:   []string{" ", "-", " "},
	companies: []string{"ТОО «Береке Маркет»", "Steppe Bikes LLP", "АО «Каспий Логистик»", "Tengri Books", "Qazaq Coffee", "ТОО «Altyn Dala Group»"},
}

var heldTemplates = []template{
	{"jpos-isomsg", hJPOS},
	{"mpi-3ds1", hMPI},
	{"psp-notification", hPSPNotification},
	{"php-json", hPHPJSON},
	{"envoy-json", hEnvoy},
	{"python-repr", hPythonRepr},
	{"go-gosyntax", hGoSyntax},
	{"pg-statement", hPGStatement},
	{"csv-quoted", hCSVQuoted},
	{"xml-attrs", hXMLAttrs},
	{"logfmt", hLogfmt},
	{"operator-ru", hNoteRU},
	{"operator-kk", hNoteKK},
	{"agent-en", hNoteEN},
	{"sandbox-vectors", hSandbox},
	{"aml-json", hAML},
	{"ivr", hIVR},
	{"vts-chain", hVTSChain},
	{"redis-monitor", hRedis},
	{"syslog-5424", hSyslog5424},
	{"kotlin-data", hKotlin},
	{"ruby-params", hRubyHash},
	{"rust-debug", hRustDebug},
	{"http-headers", hHeaders},
	{"letter-mixed", hLetterKK},
}

var heldNegatives = []template{
	{"neg-envoy", hnEnvoy},
	{"neg-pg-wal", hnPGWal},
	{"neg-3ds-result", hn3DSResult},
	{"neg-k8s", hnK8s},
	{"neg-go-panic", hnGoPanic},
	{"neg-payout", hnPayout},
	{"neg-mta", hnMTA},
	{"neg-card-ops", hnCardOps},
	{"neg-dummy-phones", hnTestFixture},
	{"neg-agent", hnAgent},
}

func syslogTS(g *Generator) string {
	return fmt.Sprintf("%s %2d %s", g.pick([]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}), 1+g.intn(28), g.clock())
}

func hJPOS(g *Generator, b *builder) {
	c := g.card()
	b.s(syslogTS(g), " q2 ChannelAdaptor[", g.pick([]string{"visa-in", "mc-in", "local-out"}), "] <isomsg direction=\"incoming\"><field id=\"0\" value=\"0200\"/><field id=\"2\" value=\"").p(tazala.KindPAN, c.pan)
	b.s("\"/><field id=\"3\" value=\"000000\"/><field id=\"4\" value=\"", fmt.Sprintf("%012d", 100*(1+g.intn(90000))), "\"/><field id=\"11\" value=\"", g.stan(), "\"/><field id=\"37\" value=\"", g.rrn(), "\"/>")
	if g.chance(0.5) {
		b.s("<field id=\"48.7\" name=\"card-holder\" value=\"").p(tazala.KindName, g.lat(g.person())).s("\"/>")
	}
	b.s("<field id=\"41\" value=\"", g.tid(), "\"/><field id=\"42\" value=\"", g.mid(), "\"/><field id=\"49\" value=\"398\"/></isomsg>")
}

func hMPI(g *Generator, b *builder) {
	c := g.card()
	b.s(syslogTS(g), " mpi[", fmt.Sprint(1000+g.intn(9000)), "]: VEReq merchant=\"", g.pick(g.v.companies), "\" pan=").p(tazala.KindPAN, g.fmtPAN(c.pan))
	if g.chance(0.7) {
		b.s(" ", g.pick([]string{"expires", "cardExpiry", "exp_date"}), "=").p(tazala.KindExpiry, g.exp())
	}
	b.s(" | VERes enrolled=Y acsUrl=https://acs.issuer.kz/pa | PARes status=", g.pick([]string{"Y", "A", "N"}), " eci=0", fmt.Sprint(1+g.intn(7)), " cavv=", hex(g, 28), "= xid=", hex(g, 28), "=")
}

func hPSPNotification(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	add := obj{{"cardSummary", c.pan[len(c.pan)-4:]}, {"cardBin", c.pan[:6]}, {"expiryDate", pstr{tazala.KindExpiry, g.exp()}},
		{"cardHolderName", pstr{tazala.KindName, g.lat(p)}}, {"issuerCountry", "KZ"}}
	if g.chance(0.6) {
		add = append(add, kv{"shopperEmail", pstr{tazala.KindEmail, g.email(p)}})
	}
	if g.chance(0.4) {
		add = append(add, kv{"shopperTelephone", pstr{tazala.KindPhone, g.anyPhone()}})
	}
	item := obj{{"NotificationRequestItem", obj{
		{"additionalData", add},
		{"amount", obj{{"currency", "KZT"}, {"value", num(g.minor())}}},
		{"eventCode", g.pick([]string{"AUTHORISATION", "CAPTURE", "REFUND"})},
		{"eventDate", g.ts()},
		{"merchantAccountCode", "SteppeECOM"},
		{"merchantReference", "order-" + g.digits(7)},
		{"pspReference", "8" + g.safe(15)},
		{"paymentMethod", c.network},
		{"success", "true"},
	}}}
	b.doc(obj{{"live", "false"}, {"notificationItems", arr{item}}}, jstyle{esc: escUTF8})
}

func hPHPJSON(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	o := obj{{"status", "ok"}, {"order", obj{{"id", num(fmt.Sprint(100000 + g.intn(900000)))}, {"created", g.ts()[:10]}}},
		{"card_no", pstr{tazala.KindPAN, g.fmtPAN(c.pan)}}, {"valid_thru", pstr{tazala.KindExpiry, g.exp()}},
		{"holder", pstr{tazala.KindName, g.name(p)}}}
	if g.chance(0.5) {
		o = append(o, kv{"tel", pstr{tazala.KindPhone, g.phone()}})
	}
	if g.chance(0.5) {
		o = append(o, kv{"mail", pstr{tazala.KindEmail, g.email(p)}})
	}
	if g.chance(0.5) {
		o = append(o, kv{"iin", pstr{tazala.KindIIN, g.iin()}})
	}
	o = append(o, kv{"return_url", "https://shop.example.kz/pay/return?id=" + g.digits(6)})
	b.doc(o, jstyle{esc: escPHP})
}

func hEnvoy(g *Generator, b *builder) {
	p := g.person()
	pb := &builder{}
	pb.s("/v1/payers/lookup?source=app")
	enc := func(s string) string {
		if g.chance(0.6) {
			return url.QueryEscape(s)
		}
		return s
	}
	switch g.intn(3) {
	case 0:
		pb.s("&iin=").p(tazala.KindIIN, g.iin())
	case 1:
		pb.s("&msisdn=").p(tazala.KindPhone, enc("+7"+g.national()))
	default:
		pb.s("&contact=").p(tazala.KindEmail, enc(g.email(p)))
	}
	pb.s("&ts=", g.epochMs())
	// splice the path with its spans into the JSON line
	o := obj{{"start_time", g.ts()}, {"method", "GET"}, {"path", "\x00"}, {"protocol", "HTTP/2"}, {"response_code", 200 + 100*g.intn(3)},
		{"bytes_sent", 100 + g.intn(9000)}, {"duration", g.intn(900)}, {"upstream_host", g.ip() + ":8080"}, {"x_request_id", g.uuid()}, {"user_agent", "grpc-go/1.64.0"}}
	tmp := &builder{}
	tmp.doc(o, jstyle{esc: escUTF8})
	i := strings.Index(string(tmp.buf), `\u0000`)
	b.isJSON = true
	b.s(string(tmp.buf[:i]))
	off := len(b.buf)
	b.s(string(pb.buf))
	for _, sp := range pb.spans {
		b.spans = append(b.spans, Span{Kind: sp.Kind, Start: sp.Start + off, End: sp.End + off})
	}
	b.s(string(tmp.buf[i+len(`\u0000`):]))
}

func pyq(s string) string { return "'" + s + "'" }

func hPythonRepr(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("ERROR:payments.worker:capture failed for {'order': '", g.alnum(8), "', 'card': {'pan': ").s("'").p(tazala.KindPAN, c.pan).s("'")
	if g.chance(0.6) {
		b.s(", 'cvv': '").p(tazala.KindCVV, g.cvv(c)).s("'")
	}
	b.s(", 'exp': '").p(tazala.KindExpiry, g.exp()).s("'}, 'payer': {'name': '").p(tazala.KindName, g.name(p)).s("'")
	if g.chance(0.6) {
		b.s(", 'email': '").p(tazala.KindEmail, g.email(p)).s("'")
	}
	if g.chance(0.5) {
		b.s(", 'phone': '").p(tazala.KindPhone, g.anyPhone()).s("'")
	}
	b.s("}, 'amount': Decimal('", g.amount(), "')} Traceback (most recent call last): File \"/srv/app/worker.py\", line ", fmt.Sprint(40+g.intn(300)), ", in capture KeyError: ", pyq("issuer_ref"))
}

func hGoSyntax(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("panic: recovered: billing.ChargeRequest{Card:billing.Card{PAN:\"").p(tazala.KindPAN, c.pan).s("\", Expiry:\"").p(tazala.KindExpiry, g.exp()).s("\"")
	if g.chance(0.5) {
		b.s(", CVC:\"").p(tazala.KindCVV, g.cvv(c)).s("\"")
	}
	b.s(", Owner:\"").p(tazala.KindName, g.name(p)).s("\"}, Email:\"").p(tazala.KindEmail, g.email(p)).s("\", Phone:\"").p(tazala.KindPhone, g.anyPhone())
	b.s("\", AmountTiyn:", g.minor(), ", Retries:0x", fmt.Sprint(g.intn(4)), "} goroutine ", fmt.Sprint(100+g.intn(9000)), " [running]")
}

func hPGStatement(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("2025-03-0", fmt.Sprint(1+g.intn(9)), " ", g.clock(), ".", g.digits(3), " +06 [", fmt.Sprint(1000+g.intn(60000)), "] app@payments LOG:  duration: 0.", g.digits(3), " ms  statement: ")
	switch g.intn(3) {
	case 0:
		b.s("UPDATE customers SET phone = '").p(tazala.KindPhone, g.phone()).s("', email = '").p(tazala.KindEmail, g.email(p)).s("' WHERE iin = '").p(tazala.KindIIN, g.iin()).s("' AND employer_bin = '", g.bin(), "'")
	case 1:
		b.s("SELECT id, status FROM cards WHERE pan = '").p(tazala.KindPAN, c.pan).s("' AND holder_name = '").p(tazala.KindName, g.cyr(p)).s("' LIMIT 1")
	default:
		b.s("INSERT INTO payers (iin, full_name, created_at) VALUES (").p(tazala.KindIIN, g.iinNum()).s(", '").p(tazala.KindName, g.cyr(p)).s("', now())")
	}
}

func hCSVQuoted(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("\"", g.uuid(), "\",\"").p(tazala.KindName, g.lat(p)).s("\",\"").p(tazala.KindPAN, g.fmtPAN(c.pan)).s("\",\"").p(tazala.KindExpiry, g.exp()).s("\",")
	b.s("\"", fmt.Sprintf("%d,%03d.%02d", 1+g.intn(900), g.intn(1000), g.intn(100)), "\",\"KZT\",")
	if g.chance(0.5) {
		b.s("\"").p(tazala.KindIIN, g.iin()).s("\",")
	} else {
		b.s(",")
	}
	b.s("\"").p(tazala.KindPhone, g.phone()).s("\",\"", g.pick([]string{"settled", "chargeback", "pending"}), "\"")
}

func hXMLAttrs(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("<payment id=\"", g.alnum(12), "\" amount=\"", g.amount(), "\" currency=\"KZT\"><card number=\"").p(tazala.KindPAN, c.pan).s("\" expires=\"").p(tazala.KindExpiry, g.exp()).s("\"")
	if g.chance(0.4) {
		b.s(" cvc=\"").p(tazala.KindCVV, g.cvv(c)).s("\"")
	}
	b.s(" holder=\"").p(tazala.KindName, g.lat(p)).s("\"/><payer iin=\"").p(tazala.KindIIN, g.iin()).s("\" email=\"").p(tazala.KindEmail, g.email(p)).s("\" tel=\"").p(tazala.KindPhone, g.anyPhone()).s("\"/><terminal id=\"", g.tid(), "\" mcc=\"", g.mcc(), "\"/></payment>")
}

func hLogfmt(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("ts=", g.ts(), " svc=card-issuing event=card.reissue card_number=\"").p(tazala.KindPAN, g.fmtPAN(c.pan)).s("\" valid_thru=\"").p(tazala.KindExpiry, g.exp()).s("\" owner=\"").p(tazala.KindName, g.name(p)).s("\"")
	if g.chance(0.5) {
		b.s(" contact_email=").p(tazala.KindEmail, g.email(p))
	}
	if g.chance(0.5) {
		b.s(" msisdn=").p(tazala.KindPhone, "7"+g.national())
	}
	b.s(" iin=").p(tazala.KindIIN, g.iin()).s(" old_card=", g.masked(c.pan), " duration_ms=", fmt.Sprint(g.intn(900)))
}

func hNoteRU(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("Комментарий оператора (", g.ts()[:10], "): ")
	switch g.intn(4) {
	case 0:
		b.s("Меня зовут, говорит, ").p(tazala.KindName, g.cyr(p)).s(", карта ").p(tazala.KindPAN, g.fmtPAN(c.pan)).s(" ", g.expLabel("ru"), " ").p(tazala.KindExpiry, g.exp()).s(", деньги списаны дважды.")
	case 1:
		b.s("держатель карты ").p(tazala.KindName, g.cyr(p)).s(" сообщил ", g.cvvLabelFor("ru", c), " ").p(tazala.KindCVV, g.cvv(c)).s(" постороннему, карту перевыпускаем.")
	case 2:
		b.s("перезвонить по номеру ").p(tazala.KindPhone, g.phone()).s(" или написать на ").p(tazala.KindEmail, g.email(p)).s(", заявка ", g.digits(8), ".")
	default:
		b.s("Владелец: ").p(tazala.KindName, g.cyr(p)).s(", ИИН ").p(tazala.KindIIN, g.iin()).s(", работодатель ", g.pick(g.v.companies), " (БИН ", g.bin(), ").")
	}
}

func hNoteKK(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("Оператордың ескертпесі: ")
	switch g.intn(3) {
	case 0:
		b.s("Иесі ").p(tazala.KindName, g.cyr(p)).s(" картасының нөмірі ").p(tazala.KindPAN, g.fmtPAN(c.pan)).s(", ", g.expLabel("kk"), " ").p(tazala.KindExpiry, g.exp()).s(".")
	case 1:
		b.s("Менің атым ").p(tazala.KindName, g.cyr(p)).s(", ЖСН ").p(tazala.KindIIN, g.iin()).s(", телефон ").p(tazala.KindPhone, g.phone()).s(".")
	default:
		b.s("клиент ", g.cvvLabelFor("kk", c), " ").p(tazala.KindCVV, g.cvv(c)).s(" айтып қойды, карта ", g.masked(c.pan), " бұғатталды.")
	}
}

func hNoteEN(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("Agent note: ")
	switch g.intn(3) {
	case 0:
		b.s("spoke with ").p(tazala.KindName, g.lat(p)).s(", card ").p(tazala.KindPAN, g.fmtPAN(c.pan)).s(" ", g.expLabel("en"), " ").p(tazala.KindExpiry, g.exp()).s(" declined at merchant ", g.pick(g.v.companies), ".")
	case 1:
		b.s("caller gave the ", g.cvvLabelFor("en", c), " ").p(tazala.KindCVV, g.cvv(c)).s(" by mistake; advised to reissue. Callback ").p(tazala.KindPhone, g.anyPhone()).s(".")
	default:
		b.s("Regards, ").p(tazala.KindName, g.lat(p)).s(" <").p(tazala.KindEmail, g.email(p)).s(">")
	}
}

func hSandbox(g *Generator, b *builder) {
	p := g.pick(g.v.testPANs)
	c := card{pan: p, network: networkOf(p)}
	b.s("[sandbox] using ", c.network, " test card ").p(tazala.KindPAN, g.fmtPAN(p)).s(", ", g.pick([]string{"expires", "exp. date", "valid thru"}), " ").p(tazala.KindExpiry, g.exp())
	b.s(", ", g.pick([]string{"CVC", "security code"}), " ").p(tazala.KindCVV, g.cvv(c)).s(" -> 3DS challenge, OTP ", g.digits(4))
}

func hAML(g *Generator, b *builder) {
	p := g.person()
	var iin any = pnum{tazala.KindIIN, g.iinNum()}
	if g.chance(0.4) {
		iin = pstr{tazala.KindIIN, g.iin()}
	}
	o := obj{{"checkId", g.uuid()},
		{"subject", obj{{"iin", iin}, {"fio", pstr{tazala.KindName, g.cyr(p)}}, {"pep", false}}},
		{"employer", obj{{"bin", g.bin()}, {"name", g.pick(g.v.companies)}}},
		{"contact", obj{{"phone", pnum{tazala.KindPhone, "8" + g.national()}}, {"channel", "sms"}}},
		{"lists", arr{"UN", "OFAC", "KFM"}}, {"score", num("0." + g.digits(3))}, {"ts", num(g.epochMs())}}
	b.doc(o, jstyle{esc: escASCII, spaced: true})
}

func hIVR(g *Generator, b *builder) {
	p := g.person()
	b.s(syslogTS(g), " ivr-", fmt.Sprint(1+g.intn(4)), " call_id=", hex(g, 16), " ani=").p(tazala.KindPhone, g.anyPhone()).s(" dnis=7111 menu=3.2")
	if g.chance(0.6) {
		b.s(" verified_by=iin iin=").p(tazala.KindIIN, g.iin())
	}
	if g.chance(0.5) {
		b.s(" caller=\"").p(tazala.KindName, g.cyr(p)).s("\"")
	}
	b.s(" wait_s=", fmt.Sprint(g.intn(600)))
}

func hVTSChain(g *Generator, b *builder) {
	c := g.card()
	sep := g.pick([]string{"|", ";", " | "})
	b.s("VTS provision tokenRequestorID=400", g.digits(8), " data=").p(tazala.KindPAN, c.pan).s(sep).p(tazala.KindExpiry, g.exp())
	if g.chance(0.6) {
		b.s(sep).p(tazala.KindCVV, g.cvv(c))
	}
	b.s(" tokenReferenceID=DNITHE", g.alnum(20), " decision=APPROVED")
}

// ---- Held negatives ----

func hnEnvoy(g *Generator, b *builder) {
	o := obj{{"start_time", g.ts()}, {"method", "POST"}, {"path", "/v1/orders/" + g.digits(10) + "/capture"}, {"response_code", 200}, {"bytes_received", g.intn(5000)},
		{"duration", g.intn(900)}, {"x_request_id", g.uuid()}, {"upstream_cluster", "payments-v2"}, {"trace", hex(g, 32)}}
	b.doc(o, jstyle{esc: escUTF8})
}

func hnPGWal(g *Generator, b *builder) {
	b.s("2025-03-0", fmt.Sprint(1+g.intn(9)), " ", g.clock(), " +06 [", fmt.Sprint(1000+g.intn(60000)), "] LOG:  checkpoint complete: wrote ", fmt.Sprint(g.intn(9000)), " buffers; lsn=", strings.ToUpper(hex(g, 2)), "/", strings.ToUpper(hex(g, 8)), " seq=", g.pick([]string{"7", "8"}), g.digits(10), " xid=", g.digits(9))
}

func hn3DSResult(g *Generator, b *builder) {
	c := g.card()
	b.s(syslogTS(g), " acs: RReq transStatus=Y eci=05 acctNumber=", g.masked(c.pan), " authenticationValue=", hex(g, 28), "= dsTransID=", g.uuid(), " otp_attempts=", fmt.Sprint(1+g.intn(3)))
}

func hnK8s(g *Generator, b *builder) {
	b.s("I0304 ", g.clock(), ".", g.digits(6), "       1 event.go:294] Pod payments/api-", hex(g, 10), "-", strings.ToLower(g.alnum(5)), " Successfully pulled image \"registry.internal/payments/api:v", fmt.Sprint(g.intn(9)), ".", fmt.Sprint(g.intn(30)), ".", fmt.Sprint(g.intn(10)), "\" in 1.", g.digits(3), "s")
}

func hnGoPanic(g *Generator, b *builder) {
	b.s("goroutine ", fmt.Sprint(g.intn(90000)), " [chan receive, ", fmt.Sprint(g.intn(60)), " minutes]: git.internal/pay/settle.(*Batcher).run(0xc000", hex(g, 6), ", {0x1", hex(g, 6), ", 0xc00", hex(g, 7), "}) /src/settle/batch.go:", fmt.Sprint(g.intn(400)), " +0x", hex(g, 3))
}

func hnPayout(g *Generator, b *builder) {
	b.s("payout ", fmt.Sprintf("%02d/%02d/2025", 1+g.intn(28), 1+g.intn(12)), " recipient=\"", g.pick(g.v.companies), "\" bin=", g.bin(), " iban=", g.iban(), " amount=", g.amount(), " KZT order=", g.safe(12), " contract=", g.embeddedIIN(), " batch=", g.digits(5))
}

func hnAgent(g *Generator, b *builder) {
	name := g.pick(g.v.latFemale)
	if g.chance(0.5) {
		name = g.pick(g.v.latMale)
	}
	b.s("Agent note: escalated by ", capWord(name), " to tier 2 at ", g.clock(), "; queue wait ", fmt.Sprint(g.intn(90)), " min, created_us=", g.epochUs())
}

func hnMTA(g *Generator, b *builder) {
	b.s(syslogTS(g), " mail-relay[", fmt.Sprint(g.intn(90000)), "]: ", strings.ToUpper(hex(g, 10)), ": message-id=<", g.uuid(), "@app-", fmt.Sprint(g.intn(9)), ".payments.local> queued, attachment=banner@3x.png mention=@", g.pick([]string{"steppe_support", "qazaq_pay"}))
}

func hnCardOps(g *Generator, b *builder) {
	c := g.card()
	b.s(syslogTS(g), " card-ops reissue bin=", c.pan[:8], " last4=", c.pan[len(c.pan)-4:], " loyalty_no=", g.notPAN(), " masked=", g.masked(c.pan), " installments=", fmt.Sprint(3*(1+g.intn(8))), " rrn=", g.rrn(), " auth=", g.auth())
}

func hRedis(g *Generator, b *builder) {
	p := g.person()
	b.s(g.epoch(), ".", g.digits(6), " [0 ", g.ip(), ":", fmt.Sprint(30000+g.intn(30000)), "] \"HSET\" \"session:", hex(g, 12), "\"")
	b.s(" \"phone\" \"").p(tazala.KindPhone, g.anyPhone()).s("\"")
	if g.chance(0.6) {
		b.s(" \"email\" \"").p(tazala.KindEmail, g.email(p)).s("\"")
	}
	if g.chance(0.5) {
		b.s(" \"iin\" \"").p(tazala.KindIIN, g.iin()).s("\"")
	}
	b.s(" \"support_from\" \"").p(tazala.KindEmail, g.pick([]string{"help@qazaq-soft.org", "care@billing.steppe-pay.kz"})).s("\" \"ttl\" \"", fmt.Sprint(60*(1+g.intn(60))), "\"")
}

func hnTestFixture(g *Generator, b *builder) {
	b.s(syslogTS(g), " profile-sync: ignoring dummy msisdn \"+7 (000) 000-00-00\" and \"+7-111-111-1111\" (placeholders), retry_in=", fmt.Sprint(g.intn(600)), "s offset=", g.pick([]string{"7", "8"}), g.digits(10))
}

func hSyslog5424(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("<134>1 ", g.ts(), " pay-gw-", fmt.Sprint(1+g.intn(4)), " acq ", fmt.Sprint(1000+g.intn(30000)), " AUTH [card@32473 pan=\"").p(tazala.KindPAN, c.pan).s("\" exp=\"").p(tazala.KindExpiry, g.exp()).s("\"")
	if g.chance(0.5) {
		b.s(" holder=\"").p(tazala.KindName, g.lat(p)).s("\"")
	}
	b.s("][origin ip=\"", g.ip(), "\" tid=\"", g.tid(), "\"] authorised rrn=", g.rrn(), " stan=", g.stan())
}

func hKotlin(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s(g.ts(), " W/CardRepository: save failed CardDto(pan=").p(tazala.KindPAN, c.pan).s(", expiry=").p(tazala.KindExpiry, g.exp())
	if g.chance(0.5) {
		b.s(", cvc=").p(tazala.KindCVV, g.cvv(c))
	}
	b.s(", holderName=").p(tazala.KindName, g.name(p)).s(", phone=").p(tazala.KindPhone, g.anyPhone()).s(", isDefault=true, createdAt=", g.epochMs(), ")")
}

func hRubyHash(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("I, [", g.ts(), " #", fmt.Sprint(1000+g.intn(9000)), "]  INFO -- : Processing by PaymentsController#create as JSON Parameters: {\"payment\"=>{\"card_number\"=>\"").p(tazala.KindPAN, g.fmtPAN(c.pan))
	b.s("\", \"card_expiry\"=>\"").p(tazala.KindExpiry, g.exp()).s("\", \"cardholder\"=>\"").p(tazala.KindName, g.name(p)).s("\"}, \"email\"=>\"").p(tazala.KindEmail, g.email(p)).s("\", \"locale\"=>\"kk\"}")
}

func hRustDebug(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s(g.ts(), " ERROR settle::worker: reconcile mismatch: Card { pan: \"").p(tazala.KindPAN, c.pan).s("\", expiry: \"").p(tazala.KindExpiry, g.exp()).s("\", owner: Some(\"").p(tazala.KindName, g.name(p)).s("\") }")
	b.s(", Payer { iin: \"").p(tazala.KindIIN, g.iin()).s("\", employer_bin: \"", g.bin(), "\" }, amount: ", g.minor(), ", batch: ", g.digits(5))
}

func hHeaders(g *Generator, b *builder) {
	p := g.person()
	b.s("> POST /v2/charges HTTP/1.1 | Host: api.steppe-pay.kz | X-Request-Id: ", g.uuid(), " | X-Customer-Email: ").p(tazala.KindEmail, g.email(p))
	b.s(" | X-Customer-Phone: ").p(tazala.KindPhone, g.anyPhone())
	if g.chance(0.5) {
		b.s(" | X-Customer-Name: ").p(tazala.KindName, g.lat(p))
	}
	b.s(" | Content-Length: ", fmt.Sprint(100+g.intn(900)), " | Idempotency-Key: ", hex(g, 32))
}

func hLetterKK(g *Generator, b *builder) {
	c, p := g.card(), g.person()
	b.s("support-mail body: ")
	switch g.intn(3) {
	case 0:
		b.s("Сәлеметсіз бе! Картам ").p(tazala.KindPAN, g.fmtPAN(c.pan)).s(" ").p(tazala.KindExpiry, g.exp()).s(" бұғатталып қалды. Құрметпен, ").p(tazala.KindName, g.cyr(p)).s(".")
	case 1:
		b.s("Dear ").p(tazala.KindName, g.lat(p)).s(", your card ending ", c.pan[len(c.pan)-4:], " was reissued; the new one arrives by ", fmt.Sprintf("%02d/%02d/2025", 1+g.intn(28), 1+g.intn(12)), ".")
	default:
		b.s("Здравствуйте, я ").p(tazala.KindName, g.cyr(p)).s(", мой e-mail ").p(tazala.KindEmail, g.email(p)).s(", прошу вернуть ", g.amount(), " тг по заказу ", g.digits(8), ".")
	}
}
