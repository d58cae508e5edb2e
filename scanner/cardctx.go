package scanner

import (
	"bytes"
	"unicode/utf8"
)

// Card context as a small grammar rather than a list of phrases.
//
// Every label word gets word classes from stems in Russian, Kazakh and
// English (below); a phrase is the run of such words right before a value,
// inside one clause (a '.', ',', ';', '!', '?', '|', a bracket or a line
// break ends it; so does any word outside the grammar; a parenthesised
// hint such as "(MM/YY)" is looked over). Rules on the
// union of a phrase's classes decide:
//
//	CVV    := CVVTERM                      cvv, cvc2, CSC, код CVV, CVV коды
//	        | CODE & SEC                   security code, код безопасности, қауіпсіздік коды
//	        | CODE & BACK | COUNT & BACK   код на обороте, the 3 digits on the back, артындағы үш сан
//	                                       (even after "подтверждения": nothing else is on the back)
//	        | CODE & WEAK & card evidence  код проверки, секретный код, құпия код, 3-digit code
//	        | CODE & CARD                  card code
//	        unless NEG                     sms/otp/auth/approval/response code, mcc, pin
//	EXPIRY := EXP                          срок действия (карты), годен до, жарамдылық мерзімі, мерзімі аяқталуы, valid thru, exp. date, MM/YY
//
// "Card evidence" is a card word in the phrase or a PAN or expiry found
// earlier in the record. Key names (card_security_code, sec_code,
// cardVerificationValue, cvc2_value) are split into parts at '_', '-', '.'
// and camelCase steps and read with the same classes; a part such as
// result, status, check or attempts makes the key a CVV check's outcome,
// not a code.
//
// Positional chains (PAN → expiry → code) are in expiry.go (nearVia): a
// phrase of the grammar may stand between the links.

// Word classes of the grammar (bits of ctx above the label hints).
const (
	ctxCodeW  ctx = 1 << (iota + 16) // code, код, коды, value, number, digits, цифры, сан
	ctxSecW                          // security, безопасности, қауіпсіздік, защитный, қорғаныс
	ctxWeakW                         // verification, проверки, секретный, құпия, тексеру, трёхзначный
	ctxBackW                         // back, reverse, обороте, обратной, артқы, артындағы
	ctxCountW                        // 3, 4, три, үш, three: "the 3 digits"
	ctxNegW                          // otp, sms, auth, approval, response, mcc, pin: another code
	ctxExpW                          // срок, действ-, годен, мерзім, жарамды, exp, valid, thru, mm/yy
	ctxFillW                         // on, the, of, на, с, до, по, date, дата, side, сторона, жағы
)

// phraseCtx are the classes that continue a phrase.
const phraseCtx = ctxCodeW | ctxSecW | ctxWeakW | ctxBackW | ctxCountW | ctxNegW | ctxExpW | ctxFillW | ctxCVV | ctxCard | ctxExpiry

// stems of the word classes: a lower-cased word part belongs to a class
// when it equals an exact entry or starts with a prefix entry.
var phraseStems = []struct {
	s     string
	c     ctx
	exact bool
}{
	// card security code terms
	{"cvv", ctxCVV, false}, {"cvc", ctxCVV, false}, {"csc", ctxCVV, true}, {"cvn", ctxCVV, true},
	{"cvd", ctxCVV, true}, {"cav2", ctxCVV, true}, {"cid", ctxCVV, true}, {"cvv2", ctxCVV, true}, {"cvn2", ctxCVV, true}, {"cvd2", ctxCVV, true},
	{"cv2", ctxCVV, true}, {"4dbc", ctxCVV, true},
	// code words
	{"code", ctxCodeW, true}, {"codes", ctxCodeW, true}, {"value", ctxCodeW, true}, {"digits", ctxCodeW, true}, {"digit", ctxCodeW, true},
	{"numbers", ctxCodeW, true}, {"код", ctxCodeW, false}, {"цифр", ctxCodeW, false}, {"число", ctxCodeW, true},
	{"сан", ctxCodeW, true}, {"саны", ctxCodeW, true}, {"сандар", ctxCodeW, false}, {"цифрлар", ctxCodeW, false},
	// security qualifiers
	{"security", ctxSecW, true}, {"sec", ctxSecW, true}, {"безопасн", ctxSecW, false}, {"қауіпсіз", ctxSecW, false},
	{"защитн", ctxSecW, false}, {"қорғаныс", ctxSecW, false}, {"қорған", ctxSecW, false},
	// weak qualifiers: also used for one-time codes, need card evidence
	{"verification", ctxWeakW, true}, {"verify", ctxWeakW, true}, {"secret", ctxWeakW, true}, {"secure", ctxWeakW, true},
	{"провер", ctxWeakW, false}, {"секрет", ctxWeakW, false}, {"құпия", ctxWeakW, false}, {"тексер", ctxWeakW, false},
	{"трёхзнач", ctxWeakW, false}, {"трехзнач", ctxWeakW, false}, {"үштаңбалы", ctxWeakW, true}, {"таңбалы", ctxWeakW, true},
	{"контрольн", ctxWeakW, false}, {"сәйкестендіру", ctxWeakW, false},
	{"значн", ctxWeakW, false}, {"верифик", ctxWeakW, false}, // "3-значный", "код верификации"
	// the back of the card
	{"back", ctxBackW, true}, {"reverse", ctxBackW, true}, {"rear", ctxBackW, true}, {"оборот", ctxBackW, false},
	{"обратн", ctxBackW, false}, {"тыльн", ctxBackW, false}, {"артқы", ctxBackW, false}, {"артын", ctxBackW, false},
	{"арт", ctxBackW, true}, {"сыртын", ctxBackW, false}, {"сыртқы", ctxBackW, false},
	{"сзади", ctxBackW, true}, {"позади", ctxBackW, true}, {"задн", ctxBackW, false}, {"backside", ctxBackW, true},
	{"behind", ctxBackW, true}, {"арқасындағы", ctxBackW, true}, {"арқасында", ctxBackW, true}, {"сырт", ctxBackW, true},
	{"flip", ctxBackW, true}, {"flipside", ctxBackW, true},
	// counts of digits
	{"3", ctxCountW, true}, {"4", ctxCountW, true}, {"три", ctxCountW, true}, {"трёх", ctxCountW, true},
	{"трех", ctxCountW, true}, {"четыре", ctxCountW, true}, {"үш", ctxCountW, true}, {"төрт", ctxCountW, true},
	{"three", ctxCountW, true}, {"four", ctxCountW, true},
	// other codes; the last digits of a card number are not a code
	{"last", ctxNegW, true}, {"последн", ctxNegW, false}, {"соңғы", ctxNegW, true}, {"ending", ctxNegW, true},
	{"otp", ctxNegW, true}, {"sms", ctxNegW, true}, {"смс", ctxNegW, false}, {"auth", ctxNegW, false},
	{"approval", ctxNegW, true}, {"approve", ctxNegW, false}, {"response", ctxNegW, true}, {"resp", ctxNegW, true},
	{"reason", ctxNegW, true}, {"mcc", ctxNegW, true}, {"pin", ctxNegW, true}, {"пин", ctxNegW, false},
	{"promo", ctxNegW, false}, {"промо", ctxNegW, false}, {"confirm", ctxNegW, false}, {"подтвержд", ctxNegW, false},
	{"авториз", ctxNegW, false}, {"ответ", ctxNegW, false}, {"transaction", ctxNegW, true}, {"транзакц", ctxNegW, false},
	{"error", ctxNegW, true}, {"err", ctxNegW, true}, {"ошибк", ctxNegW, false}, {"status", ctxNegW, true},
	{"zip", ctxNegW, true}, {"postal", ctxNegW, true}, {"post", ctxNegW, true}, {"почтов", ctxNegW, false},
	{"activation", ctxNegW, true}, {"активац", ctxNegW, false}, {"access", ctxNegW, true}, {"http", ctxNegW, true},
	{"result", ctxNegW, true}, {"check", ctxNegW, true}, {"match", ctxNegW, true}, {"attempts", ctxNegW, true},
	{"attempt", ctxNegW, true}, {"count", ctxNegW, true}, {"length", ctxNegW, true}, {"len", ctxNegW, true},
	{"required", ctxNegW, true}, {"present", ctxNegW, true}, {"enabled", ctxNegW, true}, {"mode", ctxNegW, true},
	{"country", ctxNegW, true}, {"currency", ctxNegW, true}, {"region", ctxNegW, true}, {"branch", ctxNegW, true},
	{"bonus", ctxNegW, true}, {"бонус", ctxNegW, false}, {"coupon", ctxNegW, true}, {"купон", ctxNegW, false},
	{"voucher", ctxNegW, true}, {"invite", ctxNegW, true}, {"referral", ctxNegW, true}, {"reset", ctxNegW, true},
	{"password", ctxNegW, true}, {"пароль", ctxNegW, false}, {"2fa", ctxNegW, true}, {"mfa", ctxNegW, true},
	{"totp", ctxNegW, true}, {"одноразов", ctxNegW, false}, {"бір", ctxNegW, true}, {"рет", ctxNegW, false},
	{"qr", ctxNegW, true}, {"order", ctxNegW, true}, {"заказ", ctxNegW, false}, {"terminal", ctxNegW, true},
	{"терминал", ctxNegW, false}, {"merchant", ctxNegW, true}, {"rrn", ctxNegW, true}, {"stan", ctxNegW, true},
	{"amount", ctxNegW, true}, {"сумм", ctxNegW, false}, {"сома", ctxNegW, false}, {"iso", ctxNegW, true},
	{"area", ctxNegW, true}, {"city", ctxNegW, true}, {"dial", ctxNegW, true}, {"phone", ctxNegW, false},
	{"телефон", ctxNegW, false}, {"bank", ctxNegW, true}, {"банк", ctxNegW, false}, {"товар", ctxNegW, false},
	{"product", ctxNegW, true}, {"item", ctxNegW, true}, {"sku", ctxNegW, true}, {"exit", ctxNegW, true},
	{"return", ctxNegW, true}, {"ret", ctxNegW, true}, {"rc", ctxNegW, true}, {"op", ctxNegW, true},
	// other numbers of a card: its programme, its sequence number (CSN,
	// PSN), its 3-D Secure codes
	{"program", ctxNegW, false}, {"программ", ctxNegW, false}, {"бағдарлама", ctxNegW, false},
	{"seq", ctxNegW, false}, {"csn", ctxNegW, true}, {"psn", ctxNegW, true}, {"последовательн", ctxNegW, false},
	{"3ds", ctxNegW, true}, {"3d", ctxNegW, true}, {"d", ctxNegW, true}, {"ds", ctxNegW, true}, {"threeds", ctxNegW, true}, {"3dsecure", ctxNegW, true},
	// expiry
	{"exp", ctxExpW, true}, {"expir", ctxExpW, false}, {"expdate", ctxExpW, true}, {"expires", ctxExpW, true},
	{"expiring", ctxExpW, true}, {"valid", ctxExpW, true}, {"validity", ctxExpW, true}, {"thru", ctxExpW, true},
	{"validthru", ctxExpW, true}, {"срок", ctxExpW, false}, {"действ", ctxExpW, false}, {"годн", ctxExpW, false},
	{"годен", ctxExpW, true}, {"истек", ctxExpW, false}, {"истёк", ctxExpW, false}, {"окончан", ctxExpW, false},
	{"мерзім", ctxExpW, false}, {"жарамд", ctxExpW, false}, {"жарамды", ctxExpW, true}, {"аяқтал", ctxExpW, false},
	{"mm", ctxExpW, true}, {"yy", ctxExpW, true}, {"yyyy", ctxExpW, true}, {"мм", ctxExpW, true}, {"гг", ctxExpW, true},
	{"гггг", ctxExpW, true}, {"ай", ctxExpW, true}, {"жж", ctxExpW, true}, {"аа", ctxExpW, true},
	{"бітеді", ctxExpW, true}, {"good", ctxExpW, true}, {"бітуі", ctxExpW, true}, {"бітетін", ctxExpW, true}, {"өтеді", ctxExpW, true}, {"өтетін", ctxExpW, true},
	// fillers
	{"on", ctxFillW, true}, {"the", ctxFillW, true}, {"of", ctxFillW, true}, {"at", ctxFillW, true}, {"its", ctxFillW, true},
	{"is", ctxFillW, true}, {"your", ctxFillW, true}, {"my", ctxFillW, true}, {"на", ctxFillW, true}, {"с", ctxFillW, true},
	{"со", ctxFillW, true}, {"до", ctxFillW, true}, {"по", ctxFillW, true}, {"its", ctxFillW, true}, {"date", ctxFillW, true},
	{"дата", ctxFillW, true}, {"күні", ctxFillW, true}, {"side", ctxFillW, true}, {"сторон", ctxFillW, false},
	{"жағ", ctxFillW, false}, {"until", ctxFillW, true}, {"to", ctxFillW, true}, {"through", ctxFillW, true},
	{"дейін", ctxFillW, true}, {"good", ctxFillW, true}, {"указан", ctxFillW, false}, {"көрсетілген", ctxFillW, true},
	{"number", ctxFillW, true}, {"num", ctxFillW, true}, {"no", ctxFillW, true}, {"номер", ctxFillW, false},
	{"нөмір", ctxFillW, false}, {"time", ctxFillW, true}, {"время", ctxFillW, true}, {"уақыт", ctxFillW, false},
	{"till", ctxFillW, true}, {"in", ctxFillW, true}, {"в", ctxFillW, true}, {"во", ctxFillW, true},
	{"бетін", ctxFillW, false}, {"бетінде", ctxFillW, false}, {"күн", ctxFillW, true},
	{"мой", ctxFillW, true}, {"менің", ctxFillW, true}, {"моей", ctxFillW, true}, {"карточки", ctxFillW, true},
	// copulas and verbs of printing between the phrase and the value:
	// "the three digits on the back are 123", "код сзади — 123", "на обороте написано 123"
	{"are", ctxFillW, true}, {"was", ctxFillW, true}, {"were", ctxFillW, true}, {"it's", ctxFillW, true},
	{"printed", ctxFillW, true}, {"written", ctxFillW, true}, {"shown", ctxFillW, true}, {"reads", ctxFillW, true},
	{"says", ctxFillW, true}, {"это", ctxFillW, true}, {"там", ctxFillW, true}, {"есть", ctxFillW, true},
	{"написан", ctxFillW, false}, {"напечатан", ctxFillW, false}, {"нанесен", ctxFillW, false},
	{"жазылған", ctxFillW, true}, {"басылған", ctxFillW, true}, {"тұр", ctxFillW, true},
	{"ваш", ctxFillW, true}, {"ваша", ctxFillW, true}, {"вашей", ctxFillW, true}, {"вашу", ctxFillW, true},
	{"вашего", ctxFillW, true}, {"сіздің", ctxFillW, true}, {"our", ctxFillW, true}, {"their", ctxFillW, true},
	// requests of an agent or a voice menu: "назовите код с обратной стороны", "кодты айтыңыз", "please enter"
	{"назовите", ctxFillW, true}, {"введите", ctxFillW, true}, {"укажите", ctxFillW, true}, {"продиктуйте", ctxFillW, true},
	{"скажите", ctxFillW, true}, {"сообщите", ctxFillW, true}, {"пожалуйста", ctxFillW, true}, {"айтыңыз", ctxFillW, true},
	{"енгізіңіз", ctxFillW, true}, {"жазыңыз", ctxFillW, true}, {"айтып", ctxFillW, true}, {"беріңіз", ctxFillW, true},
	{"enter", ctxFillW, true}, {"say", ctxFillW, true}, {"tell", ctxFillW, true}, {"type", ctxFillW, true},
	{"provide", ctxFillW, true}, {"please", ctxFillW, true}, {"me", ctxFillW, true}, {"what", ctxFillW, true},
	// "expires end 10/25", "expiry month/year 10/25", "действует до конца 10/25"
	{"end", ctxFillW, true}, {"конца", ctxFillW, true}, {"month", ctxFillW, true}, {"year", ctxFillW, true},
	{"месяц", ctxFillW, true}, {"год", ctxFillW, true}, {"жыл", ctxFillW, true}, {"соңына", ctxFillW, true},
	{"a", ctxFillW, true}, {"an", ctxFillW, true}, {"this", ctxFillW, true},
}

// stemExact and stemPrefix index phraseStems.
var (
	stemExact  = map[string]ctx{}
	stemFirst  [256]bool // the first bytes of prefix stems
	stemPrefix []struct {
		s string
		c ctx
	}
)

func init() {
	for _, st := range phraseStems {
		if st.exact {
			stemExact[st.s] |= st.c
		} else {
			stemFirst[st.s[0]] = true
			stemPrefix = append(stemPrefix, struct {
				s string
				c ctx
			}{st.s, st.c})
		}
	}
}

// stemClass returns the classes of one lower-cased word part.
func stemClass(p []byte) ctx {
	c := stemExact[string(p)]
	if len(p) == 0 || !stemFirst[p[0]] {
		return c
	}
	for _, st := range stemPrefix {
		if len(p) >= len(st.s) && string(p[:len(st.s)]) == st.s {
			c |= st.c
		}
	}
	return c
}

// phraseClass returns the grammar classes of a label word: the union of
// its parts' classes (parts split at '_', '-', '.' and camelCase steps),
// and ctxCVV when the parts make a card security code key
// (card_security_code, sec_code, cardVerificationValue).
func phraseClass(w []byte) ctx {
	var buf [96]byte
	if len(w) > len(buf) {
		return 0
	}
	var u, card ctx
	parts := 0
	start := 0
	for i := 0; i <= len(w); i++ {
		if i == len(w) || isKeySep(w, i) {
			if i > start {
				part := lowerInto(buf[:0], w[start:i])
				u |= stemClass(part)
				card |= labelWords[string(part)] & ctxCard
				if len(part) >= 4 && (string(part[:4]) == "card" || string(part[:4]) == "карт") {
					card |= ctxCard
				}
				parts++
			}
			start = i
			if i < len(w) && !isUpperASCII(w[i]) {
				start = i + 1
			}
		}
	}
	if parts > 1 {
		switch {
		case u&ctxNegW != 0:
			u &^= ctxCVV
		case u&ctxCVV != 0,
			u&ctxCodeW != 0 && u&(ctxSecW|ctxBackW) != 0,
			card != 0 && u&(ctxSecW|ctxWeakW) != 0:
			u |= ctxCVV
		}
	}
	return u
}

// phraseBefore walks back over the words of the grammar right before p,
// in one clause, up to maxWords words (fillers such as "the", "of", "is"
// count half: "the code on the back of the card is 123"), and returns the
// union of their classes (the words' label hints included) and how many
// words it read.
func (s *Scanner) phraseBefore(g *seg, p, maxWords int) (u ctx, n int) {
	t := g.text
	fill := 0
	for n-fill/2 < maxWords {
		i := p
		for i > g.lo && p-i < 32 {
			c := t[i-1]
			if c < utf8.RuneSelf {
				if c == ' ' || c == '\t' || c == ':' || c == '=' || c == '"' || c == '\'' || c == '/' || c == '-' || c == '#' || c == '*' {
					i--
					continue
				}
				if c == '>' && i-1 > g.lo && t[i-2] == '=' {
					// "[card_code] => 123", "\"card_code\"=>\"123\"": a
					// PHP or Ruby key's arrow, and the bracket before it
					i -= 2
					for i > g.lo && t[i-1] == ' ' {
						i--
					}
					if i > g.lo && t[i-1] == ']' {
						i--
					}
					continue
				}
				if (c == 'n' || c == 'r') && i-1 > g.lo && t[i-2] == '\\' && (i-2 == g.lo || !isWordByte(t[i-3]) || i-3 > g.lo && t[i-4] == '\\') {
					// a multipart field's name, then "\r\n\r\n" written
					// out, then its value
					i -= 2
					continue
				}
				if c == ')' && i < p {
					// a parenthesised hint, "(MM/YY)", "(АА/ЖЖ)": looked over
					if o := bytes.LastIndexByte(t[max(g.lo, i-24):i-1], '('); o >= 0 {
						i = max(g.lo, i-24) + o
						continue
					}
				}
				if c == '.' && i-1 > g.lo && isWordByte(t[i-2]) && i < p {
					// "exp. date", "Тел.: ": a short abbreviation's dot
					if w, _, ok := prevWord(t, i-1, g.lo); ok && len(w) <= 8 && !allDigits(w) {
						i--
						continue
					}
				}
				break
			}
			r, sz := utf8.DecodeLastRune(t[g.lo:i])
			if r == '\u00a0' || r == '—' || r == '–' || r == '№' || r == '«' || r == '»' {
				i -= sz
				continue
			}
			break
		}
		if i == g.lo || !isWordByte(t[i-1]) {
			return u, n
		}
		w, ws, ok := prevWord(t, i, g.lo)
		if !ok || ws >= i {
			return u, n
		}
		c := s.ctxOf(w)
		if c&phraseCtx == 0 {
			return u, n
		}
		if c&phraseCtx == ctxFillW {
			fill++
		}
		u |= c
		n++
		p = ws
	}
	return u, n
}

// cvvPhrase reports whether the phrase before the number at [p,e) names a
// card security code.
func (s *Scanner) cvvPhrase(g *seg, p, e int) bool {
	u, n := s.phraseBefore(g, p, 5)
	if n == 0 {
		return false
	}
	if s.cvvRule(u) {
		return true
	}
	if u&ctxNegW == 0 && (u&ctxSecW != 0 || u&ctxWeakW != 0 && (u&ctxCard != 0 || s.lastPAN >= 0)) && numberNounBefore(g, p) {
		return true // "security number 123", "card verification number 123"
	}
	// "назвал трёхзначный код 123 по телефону, карту заблокировали": the
	// card word that a weak qualifier needs may follow in the sentence
	return u&(ctxCodeW|ctxWeakW) == ctxCodeW|ctxWeakW && u&(ctxNegW|ctxCard) == 0 && s.cardWordAfter(g, e)
}

// cardWordAfter reports whether a card word (карта, card, карточка)
// follows position e in the same sentence, within a few words.
func (s *Scanner) cardWordAfter(g *seg, e int) bool {
	t := g.text
	for k, words := e, 0; k < len(t) && k-e < 96 && words < 6; {
		c := t[k]
		if c == '.' || c == '!' || c == '?' || c == '\n' || c == ';' || isDigit(c) {
			return false
		}
		if !isWordByte(c) || c == '_' || c == '-' {
			k++
			continue
		}
		we := k
		for we < len(t) && isWordByte(t[we]) && t[we] != '_' && t[we] != '-' {
			we++
		}
		if s.ctxOf(t[k:we])&ctxCard != 0 {
			return true
		}
		words++
		k = we
	}
	return false
}

// cvvRule applies the CVV rules to a phrase's classes.
func (s *Scanner) cvvRule(u ctx) bool {
	switch {
	case u&ctxBackW != 0 && u&(ctxCodeW|ctxCountW) != 0:
		return true // no other code is printed on the back of a card
	case u&ctxNegW != 0:
		return false
	case u&ctxCVV != 0:
		return true
	case u&ctxCodeW != 0 && u&(ctxSecW|ctxBackW) != 0:
		return true
	case u&ctxBackW != 0 && u&(ctxCountW|ctxSecW) != 0:
		return true // "the security number on the reverse"
	case u&ctxCodeW != 0 && u&ctxCard != 0:
		return true
	case u&ctxBackW != 0 && u&ctxCard != 0:
		return true // "на обороте карты написано 123"
	case u&ctxCodeW != 0 && u&ctxWeakW != 0:
		return s.lastPAN >= 0 || s.lastExp >= 0
	}
	return false
}

// expiryPhrase reports whether the phrase before p names an expiry.
func (s *Scanner) expiryPhrase(g *seg, p int) bool {
	u, n := s.phraseBefore(g, p, 4)
	return n > 0 && u&(ctxExpW|ctxExpiry) != 0 && u&ctxNegW == 0
}

// hintBefore reports whether a parenthesised hint or an abbreviation's
// dot ends right before p ("(MM/YY) 12/27", "(АА/ЖЖ): 12/27", "exp. 12/27"),
// where the label look-up stops.
func hintBefore(g *seg, p int) bool {
	for k := p - 1; k >= g.lo && p-k <= 3; k-- {
		switch g.text[k] {
		case ' ', ':', '\t':
			continue
		case ')', '.':
			return true
		}
		return false
	}
	return false
}

// speakerWords label the turn of the customer in a call or chat
// transcript ("клиент: 321").
var speakerWords = map[string]bool{
	"клиент": true, "клиентка": true, "абонент": true, "покупатель": true, "пользователь": true, "держатель": true,
	"тұтынушы": true, "клиенттің": true, "client": true, "caller": true, "customer": true, "cust": true, "user": true,
	"cardholder": true, "holder": true, "buyer": true, "payer": true, "subscriber": true,
}

// turnQuestion returns the classes of the phrase that ends the previous
// turn when the value at p opens the customer's answer: "оператор:
// назовите три цифры на обороте. клиент: 321", "agent: and the code on
// the back? caller: 321". ok is false when p does not open such a turn.
func (s *Scanner) turnQuestion(g *seg, p int) (u ctx, ok bool) {
	t := g.text
	k := p
	for k > g.lo && t[k-1] == ' ' {
		k--
	}
	if k == g.lo || t[k-1] != ':' {
		return 0, false // most values: no turn label right before
	}
	w, ws, found := prevWord(t, k-1, g.lo)
	if !found || len(w) > 24 || ws+len(w) != k-1 {
		return 0, false
	}
	var buf [32]byte
	if !speakerWords[string(lowerInto(buf[:0], w))] {
		return 0, false
	}
	k = ws
	for k > g.lo && (t[k-1] == ' ' || t[k-1] == '\t') {
		k--
	}
	if k == g.lo {
		return 0, false
	}
	switch t[k-1] {
	case '.', '?', '!', '\n', '|':
	default:
		return 0, false
	}
	u, n := s.phraseBefore(g, k-1, 5)
	return u, n > 0
}

// numberNounBefore reports whether the word right before p is "number"
// or "номер" (with label punctuation between).
func numberNounBefore(g *seg, p int) bool {
	w, _, ok := prevWord(g.text, p, g.lo)
	if !ok || len(w) > 12 {
		return false
	}
	var buf [16]byte
	switch string(lowerInto(buf[:0], w)) {
	case "number", "no", "num", "номер", "нөмірі", "нөмір":
		return true
	}
	return false
}
