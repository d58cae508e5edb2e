package scanner

import (
	"bytes"
	"hash/maphash"
	"unicode"
	"unicode/utf8"

	"github.com/tazala/tazala"
)

// ctx is a set of hints that a label (a JSON key or the word before a value
// in text) gives about the value that follows it.
type ctx uint32

const (
	ctxIIN        ctx = 1 << iota // ИИН, ЖСН, iin
	ctxPhone                      // phone, тел, msisdn
	ctxEmail                      // email, почта
	ctxCard                       // card, pan, карта
	ctxExpiry                     // exp, срок, expiry
	ctxCVV                        // cvv, cvc, cvv2
	ctxNameStrong                 // full_name, fio, cardholder: the whole value is a name
	ctxNameWeak                   // name: a name if it looks like one
	ctxNameIntro                  // "меня зовут", "Thanks,": a name follows in text
	ctxNeg                        // rrn, order_id, terminal: transaction identifiers, not personal
	ctxMsgID                      // message-id: local@host ids, not e-mail addresses
	ctxCompany                    // merchant, company: names below are not persons
	ctxNotName                    // a word that never is part of a person's name
	ctxNameSoft                   // "это", "мен", "this is": a name may follow if the lexicon knows a word of it
)

// labelWords maps a lower-cased label word to its hints.
var labelWords = map[string]ctx{}

// labelPrefixes maps a lower-cased prefix to its hints (for inflected words
// such as "карты", "картам", "телефоны").
var labelPrefixes = []struct {
	p string
	c ctx
}{
	{"идентификацион", ctxIIN}, {"сәйкестендір", ctxIIN}, {"карт", ctxCard}, {"картас", ctxCard}, {"телефон", ctxPhone}, {"действ", ctxExpiry}, {"годн", ctxExpiry}, {"valid", ctxExpiry},
	{"cardnum", ctxCard}, {"card_num", ctxCard}, {"card_no", ctxCard}, {"cardno", ctxCard},
	{"expir", ctxExpiry}, {"exp_", ctxExpiry}, {"expdate", ctxExpiry}, {"exp-", ctxExpiry},
	{"cvv", ctxCVV}, {"cvc", ctxCVV}, {"mobile", ctxPhone}, {"msisdn", ctxPhone}, {"phone", ctxPhone},
	{"email", ctxEmail}, {"e-mail", ctxEmail}, {"заказ", ctxNeg}, {"транзакц", ctxNeg}, {"терминал", ctxNeg},
	{"order", ctxNeg}, {"invoice", ctxNeg}, {"счет", ctxNeg}, {"счёт", ctxNeg}, {"тапсырыс", ctxNeg},
}

func init() {
	add := func(c ctx, words ...string) {
		for _, w := range words {
			labelWords[w] |= c
		}
	}
	add(ctxIIN, "iin", "иин", "жсн", "identification", "iin_number", "payer_iin", "client_iin", "customer_iin", "individual_iin", "iin_bin", "iinbin",
		// national identity and taxpayer numbers: in Kazakhstan the IIN is both
		"national_id", "nationalid", "national_number", "national_id_number", "nid", "citizen_id", "individual_id",
		"personal_id", "personal_code", "personalcode", "id_number", "idnumber", "identity_number", "tax_id", "taxid",
		"taxpayer_id", "tin", "inn", "инн")
	add(ctxPhone, "phone", "tel", "тел", "telephone", "mobile", "msisdn", "phone_number", "phonenumber", "contact_phone",
		"телефон", "телефона", "телефону", "телефоным", "телефоны", "номер", "номерім", "call", "at", "whatsapp", "sms",
		// telecom and messaging fields whose value is a subscriber number:
		// SMPP/SMS gateway addresses, call records (A/B numbers, caller
		// line identity), WhatsApp ids (the number itself)
		"dst", "dest", "dst_addr", "dest_addr", "destination_addr", "destination_address", "source_addr", "src_addr",
		"msisdn_to", "msisdn_from", "a_number", "b_number", "anumber", "bnumber", "ani", "dnis", "cli", "clid",
		"caller", "callee", "caller_id", "callerid", "calling_number", "called_number", "calling", "called",
		"wa_id", "waid", "whatsapp_id", "whatsappid", "viber", "viber_phone", "subscriber", "subscriber_number",
		"oa", "da", "originator", "orig_addr", "dest_number", "receiver", "callback", "callback_number",
		"calling_party", "called_party", "callingparty", "calledparty", "party_a", "party_b", "e164",
		"phone_e164", "tel_number", "to_msisdn", "from_msisdn")
	add(ctxEmail, "email", "mail", "почта", "пошта", "e-mail", "to", "from", "mailto", "поштасы", "почту", "почты")
	add(ctxCard, "card", "cards", "pan", "card_number", "cardnumber", "card_no", "pan_number", "карта", "карты", "карту", "картой",
		"картам", "картасы", "карточка", "карточки", "account_number", "primary_account_number", "debug",
		// credit-card abbreviations of forms and gateways
		"cc", "ccn", "ccnum", "cc_num", "cc_number", "ccnumber", "creditcard", "credit_card", "debitcard", "debit_card",
		// funding, device and token PANs; account numbers as card gateways name the PAN
		"fpan", "dpan", "tpan", "funding_pan", "fundingpan", "accountnumber", "acctnum", "acct_num", "acct_number", "acctnumber",
		// a wallet's token number is a device PAN
		"token_number", "tokennumber", "token_pan", "tokenpan")
	add(ctxExpiry, "exp", "expiry", "expires", "expiration", "exp_date", "expiry_date", "expdate", "exp_month_year",
		"valid", "thru", "срок", "действия", "истекает", "истекает:", "expire", "expiring", "годна", "годен", "мерзімі", "мерзім", "card_exp", "card_expiry",
		// the Russian and Kazakh words written in Latin letters
		"srok", "srok_deystviya", "srok_deistviya", "srok_dejstviya", "merzimi", "merzim", "deystvuet", "deistvuet")
	add(ctxCVV, "безопасности", "cvv2/cvc2", "cvv/cvc", "cvc/cvv", "cvv", "cvc", "cvv2", "cvc2", "cid", "csc", "cvn", "security_code", "securitycode", "card_cvv", "card_cvc", "cav2", "cvd")
	add(ctxNameStrong, "full_name", "fullname", "fio", "фио", "holder", "cardholder", "card_holder", "holder_name",
		"cardholder_name", "payer_name", "customer_name", "client_name", "sender_name", "recipient_name",
		"beneficiary_name", "person_name", "owner_name", "contact_name", "account_holder", "name_on_card",
		"аты-жөні", "аты_жөні", "клиент", "плательщик", "получатель", "отправитель", "держатель")
	add(ctxNameWeak, "name", "имя", "аты", "фамилия", "отчество", "тегі", "surname", "patronymic", "lastname", "firstname",
		"middlename", "givenname", "familyname", "customer", "payer", "client", "sender", "recipient", "user", "contact", "owner", "author",
		// the Russian and Kazakh field names written in Latin letters
		"familiya", "familiia", "familija", "familia", "imya", "imia", "otchestvo", "tegi", "aty",
		"akesinin_aty", "akesinin",
		// short and alternative forms of the name-part keys
		"fname", "lname", "mname", "given", "family", "second_name", "secondname",
		"имени", "фамилии")
	add(ctxNameSoft, "это", "мен", "i'm", "im", "бұл", "бул",
		// role words and greetings before a name
		"менеджер", "менеджера", "manager", "оператор", "operator", "специалист", "specialist", "агент", "agent",
		"консультант", "consultant", "курьер", "courier", "кассир", "cashier", "сотрудник", "маман", "қызметкер",
		"представитель", "hello", "hi", "hey", "здравствуйте", "привет", "сәлем", "салем")
	add(ctxNameIntro, "иесі", "иесі:", "владелец", "владельца", "owner", "owner:", "cardholder:",
		"зовут", "фио", "thanks", "regards", "уважением", "құрметпен", "атым", "есімім", "уважаемый", "уважаемая",
		"dear", "mr", "mrs", "ms", "miss", "г-н", "г-жа", "господин", "госпожа", "құрметті", "cardholder", "holder",
		"клиент", "клиента", "плательщик", "плательщика", "получатель", "отправитель", "держатель", "sincerely", "cheers",
		"спасибо", "рахмет", "signed", "from", "от",
		// role words of a transfer and a letter's writer: "алушы Шынар Тоқтар", "пишет Анна Ким"
		"алушы", "жіберуші", "төлеуші", "пишет", "пишу")
	add(ctxNeg, "rrn", "order", "order_id", "orderid", "order_no", "terminal", "terminal_id", "tid", "mid", "merchant_id",
		"stan", "auth", "auth_code", "authcode", "approval_code", "mcc", "invoice", "invoice_id", "bin", "biin", "бин",
		"payment_id", "transaction_id", "txn_id", "txn", "trace_id", "request_id", "ticket", "ticket_id", "ref",
		"reference", "rrn_id", "arn", "batch", "batch_id", "receipt", "receipt_no", "чек", "заказ", "заказа", "заказу",
		"otp", "code", "код", "sku", "qty", "amount", "сумма", "price", "id", "uuid", "ts", "timestamp", "created_ms",
		"iban", "account", "договор", "contract", "tapsyrys", "№", "no", "nr", "version", "build", "port", "pid",
		// operational numbers: offsets, log sequence numbers, epochs, sizes, counters
		"offset", "offsets", "lsn", "seq", "seqno", "seq_no", "sequence", "epoch", "xid", "txid", "tx_id", "xmin", "xmax",
		"watermark", "lag", "size", "bytes", "rows", "records", "count", "counter", "total", "duration", "latency",
		"lat", "elapsed", "took", "ms", "us", "ns", "packets", "dropped", "cursor", "page", "limit", "partition",
		"parts", "uptime", "started", "finished", "position", "generation", "index", "checksum", "hash", "etag",
		"nonce", "inode", "commit", "revision", "rev", "mtu", "le", "quantile", "bucket", "shard", "segment",
		"block", "height", "slot", "tick", "frame", "attempt", "retry", "retries", "timeout", "ttl", "avg", "p50",
		"p90", "p95", "p99", "sum", "gauge", "worker", "thread", "consumer", "producer",
		"broker", "leader", "term", "chunk", "file_size", "filesize")
	add(ctxMsgID, "message-id", "message_id", "messageid", "msgid", "msg_id", "in-reply-to", "references", "x-message-id")
	add(ctxCompany, "merchant", "company", "organization", "organisation", "shop", "store", "bank", "issuer", "acquirer",
		"brand", "product", "item", "items", "service", "partner", "provider", "vendor", "legal_name", "merchant_name",
		"company_name", "org", "employer", "app", "application", "event", "file", "filename", "city", "street", "address")
	add(ctxNotName, "ип", "тоо", "ао", "ооо", "оао", "зао", "жшс", "жк", "llp", "llc", "ltd", "inc", "jsc", "plc", "gmbh",
		"corp", "co", "group", "bank", "банк", "foods", "motors", "market", "store", "shop", "service", "services",
		"hello", "hi", "dear", "thanks", "thank", "regards", "please", "order", "payment", "refund", "card", "my", "the",
		"здравствуйте", "добрый", "доброе", "добрая", "день", "вечер", "утро", "уважаемая", "уважаемый", "прошу",
		"спасибо", "заказ", "оплата", "карта", "сәлеметсіз", "қайырлы", "құрметті", "құрметпен", "менің", "меня",
		"мой", "моя", "моей", "я", "мы", "вы", "kzt", "usd", "rub", "eur", "info", "warn", "error", "debug", "trace",
		"visa", "mastercard", "mir", "jcb", "amex", "unionpay", "maestro", "discover", "астана", "алматы", "almaty",
		"astana", "казахстан", "kazakhstan", "республика", "рк", "ул", "пр", "мкр", "г", "kz", "api", "id", "iin", "иин",
		"жсн", "фио", "тел", "email", "cvv", "exp", "pan", "ok", "null", "true", "false", "none", "n/a", "support",
		"поддержка", "team", "команда", "ioka", "kaspi", "halyk", "fintech", "арена", "плаза", "центр", "center",
		"сити", "city", "mall", "hotel", "отель", "кафе", "cafe", "restaurant", "ресторан", "аптека", "pharmacy",
		// capitalised words with surname-like endings (-ин, -ов, -ская)
		"магазин", "бензин", "витамин", "кофеин", "берлин", "пекин", "кремль", "готов", "admin", "login", "pin",
		"cabin", "domain", "plugin", "bitcoin", "berlin", "linkedin", "main", "margin", "origin", "lupin",
		"наличными", "онлайн", "online", "offline", "оффлайн", "пин", "логин", "админ",
		// units of an organisation, named after a street or a person
		"филиал", "филиала", "отделение", "отделения", "бөлімше", "бөлімшесі", "branch", "office", "офис",
		"управление", "департамент", "отдел", "отдела", "department", "division", "subsidiary")
}

// ctxOf returns the hints of one label word (any case, UTF-8), with the
// card grammar's word classes (cardctx.go).
func ctxOf(w []byte) ctx {
	c := labelCtxOf(w) | subjectClass(w)
	pc := phraseClass(w)
	c |= pc
	if pc&ctxNegW != 0 && hasSep(w) {
		c &^= ctxCVV // cvv_result, cvc_check: the outcome of a check
	}
	return c
}

// labelCtxOf returns the label hints of one word.
func labelCtxOf(w []byte) ctx {
	if len(w) == 0 || len(w) > 48 {
		return 0
	}
	var buf [96]byte
	lw := lowerInto(buf[:0], w)
	if c, ok := labelWords[string(lw)]; ok {
		return c
	}
	if c, ok := isoLabelCtx(lw); ok {
		return c // F37=, DE042: an ISO 8583 data element (opsneg.go)
	}
	if rest, ok := afterStateWord(w); ok {
		// new_account_number, old_expiry, prevCardNumber: a state word
		// before a key changes which value, not what it is
		return labelCtxOf(rest)
	}
	var c ctx
	for _, p := range labelPrefixes {
		if len(lw) >= len(p.p) && string(lw[:len(p.p)]) == p.p {
			c |= p.c
		}
	}
	if c != 0 {
		return c
	}
	// compound keys: payer_phone, customer-email, cardNumber, billing.iin
	if hasSep(w) {
		start := 0
		for i := 0; i <= len(w); i++ {
			if i == len(w) || isKeySep(w, i) {
				if i > start {
					part := lowerInto(buf[:0], w[start:i])
					c |= labelWords[string(part)] &^ (ctxNameIntro | ctxNotName)
				}
				start = i
				if i < len(w) && !isUpperASCII(w[i]) {
					start = i + 1
				}
			}
		}
		if c&ctxNameWeak != 0 && (hasSuffixFold(w, "name") || langTagged(w, "name")) && c&ctxCompany == 0 {
			// payer_name, customerFullName...: the value is a whole name
			c |= ctxNameStrong
		}
		if c&ctxCompany != 0 {
			c &^= ctxNameWeak | ctxNameStrong
		}
		if c&ctxCard != 0 && containsFold(w, "acceptor") {
			c &^= ctxCard // card_acceptor_id: ISO 8583's merchant (opsneg.go)
		}
		if c&ctxNeg != 0 && hasPrefixFold(w, "primary") && containsFold(w, "account") {
			c |= ctxCard // primaryAccountNumber, PrimaryAcctNum: ISO 8583's PAN
		}
	}
	return c
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

// isKeySep reports whether a key splits before w[i]: at '_', '-', '.', '[', or
// a lower-to-upper camelCase step ("clientIin", "cardHolderName").
func isKeySep(w []byte, i int) bool {
	c := w[i]
	if c == '_' || c == '-' || c == '.' || c == '[' {
		return true
	}
	return i > 0 && isUpperASCII(c) && w[i-1] >= 'a' && w[i-1] <= 'z'
}

func hasSuffixFold(w []byte, suf string) bool {
	if len(w) < len(suf) {
		return false
	}
	t := w[len(w)-len(suf):]
	for i := range t {
		if t[i]|0x20 != suf[i] {
			return false
		}
	}
	return true
}

func hasSep(b []byte) bool {
	for i := range b {
		if isKeySep(b, i) {
			return true
		}
	}
	return false
}

// lowerInto appends the lower-cased w to dst.
func lowerInto(dst, w []byte) []byte { return tazala.AppendLower(dst, w) }

// isWordByte reports whether c can be part of a label word: ASCII letters,
// digits, '_' and '-', and any byte of a multi-byte UTF-8 sequence.
func isWordByte(c byte) bool {
	return c >= 0x80 || c == '_' || c == '-' || (c|0x20 >= 'a' && c|0x20 <= 'z') || (c >= '0' && c <= '9')
}

// labelSkip is punctuation between a label and its value: `iin=`, `"iin":"`,
// `ИИН: `, `to=<`, `(`, `№`.
func labelSkip(c byte) bool {
	switch c {
	case ' ', '\t', ':', '=', '"', '\'', '<', '(', '[', '{', '#', ',', '>', '\\':
		return true
	}
	return false
}

// skipBefore (labelSkip and ']') and asciiWordByte (isWordByte below
// 0x80) as tables for prevWord's loops.
var skipBefore, asciiWordByte = func() (skip, word [256]bool) {
	for c := range utf8.RuneSelf {
		skip[c] = labelSkip(byte(c)) || c == ']'
		word[c] = isWordByte(byte(c))
	}
	return
}()

// prevWord returns the word that ends before position p (skipping label
// punctuation, including the multi-byte «, № and non-breaking space), and
// the position where that word starts. lo bounds the search. ok is false
// when no word is found within a short distance.
func prevWord(t []byte, p, lo int) (w []byte, start int, ok bool) {
	i := p
	skipped := 0
	for i > lo && skipped < 8 {
		c := t[i-1]
		if c < utf8.RuneSelf {
			if !skipBefore[c] {
				break
			}
			i--
			skipped++
			continue
		}
		if cyrLetterBefore(t, i, lo) {
			break
		}
		r, n := utf8.DecodeLastRune(t[lo:i])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		i -= n
		skipped++
	}
	end := i
	lim := max(lo, end-48) // the word is read back while i > lim: 48 bytes at most
	for {
		for i > lim && asciiWordByte[t[i-1]] {
			i--
		}
		if i <= lim || t[i-1] < utf8.RuneSelf {
			break
		}
		if cyrLetterBefore(t, i, lo) {
			i -= 2
			continue
		}
		r, n := utf8.DecodeLastRune(t[lo:i])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '№' {
			break
		}
		i -= n
	}
	// a form key with brackets, card[cvc]=: the word is "card[cvc"
	for i-1 > lo && t[i-1] == '[' && i < end && isWordByte(t[i-2]) && t[i-2] < utf8.RuneSelf {
		i--
		for i > lo && end-i < 48 && t[i-1] < utf8.RuneSelf && isWordByte(t[i-1]) {
			i--
		}
	}
	if i == end {
		return nil, p, false
	}
	if i > lo && t[i-1] == '[' && end < len(t) && t[end] == ']' && string(t[i:end]) == "CVV" {
		// tazala's own mark of a removed CVV: a rescan of redacted output
		// must not take it for a label of the number after it
		return nil, p, false
	}
	return t[i:end], i, true
}

// labelCtx returns the hints of the label before position p: the word
// before it, or for a value at the very start of a decoded JSON string, the
// string's key.
//
// A number right before (the previous element of a list: `[7012…, 7013…]`,
// `"seq":"a,b"`) is looked through, up to four of them, so every element
// of a list gets the list's label.
func (s *Scanner) labelCtx(g *seg, p int) ctx {
	if p-2 >= g.lo && g.text[p-1] == ' ' && g.text[p-2] == '}' {
		// a metric sample, name{labels} value: the metric name is the label
		if b := bytes.LastIndexByte(g.text[max(g.lo, p-512):p-2], '{'); b >= 0 {
			p = max(g.lo, p-512) + b
		}
	}
	w, ws, ok := prevWord(g.text, p, g.lo)
	if ok && (len(w) <= 3 && isDigit(w[0]) || len(w) == 5) {
		if c, iso := isoCtxAt(g.text, w, ws, g.lo); iso {
			return c // "field 37", "DE 42": an ISO 8583 data element
		}
	}
	for k := 0; ok && k < 4 && allDigits(w); k++ {
		w, ws, ok = prevWord(g.text, ws, g.lo)
	}
	if !ok {
		return g.key
	}
	if allDigits(w) {
		return 0
	}
	if g.off == nil && isEscapeTail(w) {
		// the tail of a \u-escaped key: "\u0441\u0440\u043e\u043a":"12/27"
		return s.rawKeyCtx(g.text, p)
	}
	if n, ok := fieldNameAttr(g, w, ws); ok {
		w = n // <field name="card-holder" value="…"/>
	}
	c := s.ctxOf(w)
	if l := idLabelOver(g.text, w, ws, g.lo); l != 0 {
		return l // "invoice_no range starts 620501337021" (idrange.go)
	}
	if c != 0 && ws-1 > g.lo && g.text[ws-1] == '/' && isWordByte(g.text[ws-2]) {
		// "ИИН/БИН: …", "phone/email": a label of two words joined by a
		// slash gives the hints of both
		if w2, _, ok := prevWord(g.text, ws-1, g.lo); ok && len(w2) <= 16 && !allDigits(w2) {
			c |= s.ctxOf(w2)
		}
	}
	return c
}

// isEscapeTail reports whether w looks like the end of a \uXXXX escape
// that prevWord stopped in ("u043a").
func isEscapeTail(w []byte) bool {
	if len(w) != 5 || w[0] != 'u' {
		return false
	}
	_, ok := hex4(w, 1)
	return ok
}

// rawKeyCtx returns the hints of the JSON key of the value at p in raw
// text ("key":"v or "key":v), decoding an escaped key.
func (s *Scanner) rawKeyCtx(t []byte, p int) ctx {
	k := p
	if k > 0 && t[k-1] == '"' {
		k-- // the value's opening quote
	}
	for k > 0 && (t[k-1] == ' ' || t[k-1] == '\t') {
		k--
	}
	if k == 0 || t[k-1] != ':' {
		return 0
	}
	return s.keyCtx(t, k+1)
}

// ctxOf is ctxOf memoised under a seeded hash of the label.
func (s *Scanner) ctxOf(w []byte) ctx {
	return s.wordBits(w) &^ ownerBits
}

// wordBits is ctxOf with the owner classes of cardsubject.go (ownerBits),
// memoised together under a seeded hash of the word.
func (s *Scanner) wordBits(w []byte) ctx {
	h := maphash.Bytes(s.seed, w)
	if c, ok := s.ccache.get(h); ok {
		return ctx(c)
	}
	c := ctxOf(w) | ownerClass(w)
	s.ccache.put(h, uint32(c))
	return c
}

// keyCtx returns the hints of the JSON key before the string that opens at
// start ("key":"…), decoding the key when it is written with escapes
// ("\u0442\u0435\u0433\u0456" is тегі); for other text, the word before.
func (s *Scanner) keyCtx(t []byte, start int) ctx {
	k := start - 1 // the opening quote
	for k > 0 && (t[k-1] == ' ' || t[k-1] == '\t') {
		k--
	}
	if k > 1 && t[k-1] == ':' {
		e := k - 1
		for e > 0 && (t[e-1] == ' ' || t[e-1] == '\t') {
			e--
		}
		if e > 0 && t[e-1] == '"' {
			e-- // the key's closing quote
			a := bytes.LastIndexByte(t[:e], '"')
			for a > 0 && t[a-1] == '\\' {
				a = bytes.LastIndexByte(t[:a-1], '"')
			}
			if a >= 0 && bytes.IndexByte(t[a+1:e], '\\') >= 0 && e-a-1 <= 256 {
				var buf [128]byte
				key, _ := decodeJSONString(buf[:0], nil, t[a+1:e], -1)
				return s.ctxOf(key)
			}
		}
	}
	if w, _, ok := prevWord(t, start, 0); ok {
		return s.ctxOf(w)
	}
	return 0
}

func hasPrefixFold(w []byte, pre string) bool {
	return len(w) >= len(pre) && bytes.EqualFold(w[:len(pre)], []byte(pre))
}

func containsFold(w []byte, sub string) bool {
	for i := 0; i+len(sub) <= len(w); i++ {
		if bytes.EqualFold(w[i:i+len(sub)], []byte(sub)) {
			return true
		}
	}
	return false
}

// cyrLetterBefore reports whether t[i-2:i] is a two-byte Cyrillic letter
// (U+0400–U+04FF but the sign and combining marks U+0482–U+0489): the
// common case of prevWord, without decoding.
func cyrLetterBefore(t []byte, i, lo int) bool {
	if i-2 < lo {
		return false
	}
	l, c := t[i-2], t[i-1]
	return l >= 0xD0 && l <= 0xD3 && c >= 0x80 && c <= 0xBF && !(l == 0xD2 && c >= 0x82 && c <= 0x89)
}

// afterStateWord returns the rest of a compound key whose first part is a
// word of state (new, old, prev, current, original, updated): "new_pan"
// is read as "pan".
func afterStateWord(w []byte) ([]byte, bool) {
	for i := 1; i < len(w) && i <= 9; i++ {
		if !isKeySep(w, i) {
			continue
		}
		var buf [16]byte
		switch string(lowerInto(buf[:0], w[:i])) {
		case "new", "old", "prev", "previous", "current", "curr", "orig", "original", "updated", "replacement":
		default:
			return nil, false
		}
		if w[i] == '_' || w[i] == '-' || w[i] == '.' {
			i++
		}
		return w[i:], i < len(w)
	}
	return nil, false
}

// fieldNameAttr reads a generic value attribute by its element's name:
// when w (at ws) is a "value" attribute (value="…", value='…') and the
// same tag has a name, key or id attribute holding a word before it
// (<field name="card-holder" value="…"/>, <input name="cvv" value="…">),
// it returns that word.
func fieldNameAttr(g *seg, w []byte, ws int) ([]byte, bool) {
	if len(w) != 5 || w[0]|0x20 != 'v' {
		return nil, false
	}
	return fieldNameOf(g, w, ws)
}

// fieldNameOf is fieldNameAttr past its first check.
func fieldNameOf(g *seg, w []byte, ws int) ([]byte, bool) {
	t := g.text
	e := ws + len(w)
	if e >= len(t) || t[e] != '=' {
		return nil, false
	}
	var buf [8]byte
	if string(lowerInto(buf[:0], w)) != "value" {
		return nil, false
	}
	lo := max(g.lo, ws-160)
	tag := t[lo:ws]
	if o := bytes.LastIndexByte(tag, '<'); o >= 0 {
		tag = tag[o:]
	} else if bytes.IndexByte(tag, '>') >= 0 {
		return nil, false
	}
	for _, attr := range [][]byte{[]byte(` name="`), []byte(` name='`), []byte(` key="`)} {
		o := bytes.LastIndex(tag, attr)
		if o < 0 {
			continue
		}
		v := tag[o+len(attr):]
		q := bytes.IndexByte(v, attr[len(attr)-1])
		if q <= 0 || q > 48 {
			continue
		}
		return v[:q], true
	}
	return nil, false
}
