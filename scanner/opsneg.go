package scanner

import "unicode/utf8"

// Negative evidence from operational logs: labels, groupings and words
// that a reader of real service logs takes as "not personal data".
// Each rule here is a general reading of a log format (ISO 8583 dumps,
// access-log columns, signed ledger amounts, product names), not a list
// of strings seen in one corpus.

// ISO 8583 data elements. Payment switches log a message as its numbered
// fields: `F37=…`, `DE037: …`, `field 37 = …`, `bit37`, `fld_42`. The
// number names the field's meaning, so it is the value's label. Field 2
// is the PAN, 14 the expiry (YYMM), 35 and 45 the track data (PAN and
// expiry inside); every other field (amounts, STAN, dates, RRN (37),
// approval code (38), response code (39), terminal (41) and merchant (42)
// ids, currency, PIN block, account ids…) is a transaction datum, never a
// person's IIN, phone or card number.

// isoElementPrefixes are the words written before a data-element number,
// longest first so that "field37" is not read as "f" + "ield37".
var isoElementPrefixes = []string{"element", "field", "поле", "fld", "bit", "de", "f"}

// isoFieldCtx returns the hints of ISO 8583 data element n.
func isoFieldCtx(n int) ctx {
	switch n {
	case 2, 35, 45:
		return ctxCard
	case 14:
		return ctxExpiry
	}
	return ctxNeg
}

// isoFieldNumber parses 1–3 ASCII digits (leading zeros allowed) as a data
// element number 1–128; 0 when w is not one.
func isoFieldNumber(w []byte) int {
	if len(w) == 0 || len(w) > 3 {
		return 0
	}
	n := 0
	for _, c := range w {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	if n < 1 || n > 128 {
		return 0
	}
	return n
}

// isoLabelCtx reads a lower-cased label word written as a data-element
// prefix glued to its number (`f37`, `de037`, `field_42`, `bit-2`,
// `fld.14`); ok is false for any other word.
func isoLabelCtx(lw []byte) (ctx, bool) {
	if len(lw) < 2 || len(lw) > 12 || lw[len(lw)-1] < '0' || lw[len(lw)-1] > '9' {
		return 0, false
	}
	for _, p := range isoElementPrefixes {
		if len(lw) <= len(p) || string(lw[:len(p)]) != p {
			continue
		}
		rest := lw[len(p):]
		if c := rest[0]; c == '_' || c == '-' || c == '.' || c == '#' {
			rest = rest[1:]
		}
		if n := isoFieldNumber(rest); n > 0 {
			return isoFieldCtx(n), true
		}
		return 0, false
	}
	return 0, false
}

// isoElementWord reports whether w (any case) is a word written before a
// spaced data-element number: "field 37", "DE 42", "поле 37", "bit 2".
func isoElementWord(w []byte) bool {
	if len(w) > 8 {
		return false
	}
	var buf [16]byte
	lw := lowerInto(buf[:0], w)
	switch string(lw) {
	case "field", "fld", "de", "bit", "element", "поле", "поля":
		return true
	}
	return false
}

// isoSpacedCtx returns the hints of a label written as a data-element
// word and its number apart ("field 37", "DE 042:"): num is the word
// right before the value, numStart where it starts.
func isoSpacedCtx(t []byte, num []byte, numStart, lo int) (ctx, bool) {
	n := isoFieldNumber(num)
	if n == 0 {
		return 0, false
	}
	if w, _, ok := prevWord(t, numStart, lo); ok && isoElementWord(w) {
		return isoFieldCtx(n), true
	}
	return 0, false
}

// isoXMLCtx reads jPOS-style XML dumps, `<field id="37" value="…"/>`: the
// value's label is "value", the field number two words before it.
func isoXMLCtx(t []byte, w []byte, ws, lo int) (ctx, bool) {
	if len(w) != 5 || !hasPrefixFold(w, "value") {
		return 0, false
	}
	num, ns, ok := prevWord(t, ws, lo)
	if !ok {
		return 0, false
	}
	n := isoFieldNumber(num)
	if n == 0 {
		return 0, false
	}
	if id, is, ok := prevWord(t, ns, lo); ok && len(id) == 2 && hasPrefixFold(id, "id") {
		if f, _, ok := prevWord(t, is, lo); ok && isoElementWord(f) {
			return isoFieldCtx(n), true
		}
	}
	return 0, false
}

// isoCtxAt returns the hints of an ISO 8583 data-element label written
// apart from its value, when w (the word before the value, starting at
// ws) is one: "field 37 =", "DE 042:", "[037]", `<field id="37" value=`.
func isoCtxAt(t []byte, w []byte, ws, lo int) (ctx, bool) {
	if len(w) == 5 {
		return isoXMLCtx(t, w, ws, lo)
	}
	if len(w) > 3 || !isDigit(w[0]) {
		return 0, false
	}
	if len(w) == 3 && w[0] == '0' && ws > lo && ws+3 < len(t) &&
		(t[ws-1] == '[' && t[ws+3] == ']' || t[ws-1] == '<' && t[ws+3] == '>') {
		if n := isoFieldNumber(w); n > 0 {
			return isoFieldCtx(n), true // "[037] …", "<042> …": a dump's field tag
		}
	}
	return isoSpacedCtx(t, w, ws, lo)
}

// ownerNumberNouns are the bare "number" nouns whose owner is the word before
// them: "Reference Number", "transaction no", "заявки номер".
var ownerNumberNouns = map[string]bool{
	"number": true, "num": true, "no": true, "nr": true, "номер": true, "нөмір": true, "нөмірі": true, "номера": true,
}

// ownerNeg adds ctxNeg to a label l that is a bare number noun whose
// owner is a transaction or operational word ("Retrieval Reference
// Number", "Transaction number", "batch no"): the number is that
// datum's, not a person's.
func (c *candidate) ownerNeg(l ctx) ctx {
	if l&^ctxSubjW == 0 && (c.abbrevOwnerNeg() || c.pathSegmentNeg()) {
		return ctxNeg // "Receipt No. …", "/transactions/…"
	}
	if l&ctxFillW == 0 || l&(ctxNeg|personCtx|ctxCVV|ctxExpiry) != 0 {
		return l
	}
	w, ws, ok := prevWord(c.g.text, c.from, c.g.lo)
	if !ok || len(w) > 12 {
		return l
	}
	var buf [16]byte
	if !ownerNumberNouns[string(lowerInto(buf[:0], w))] {
		return l
	}
	if o, _, ok := prevWord(c.g.text, ws, c.g.lo); ok {
		if oc := c.s.ctxOf(o); oc&ctxNeg != 0 && oc&personCtx == 0 {
			return l | ctxNeg
		}
	}
	return l
}

func init() {
	// transaction data named by words the label list lacks
	for _, w := range []string{"transaction", "transactions", "retrieval", "trace", "stan", "approval", "acceptor",
		// operational objects and counters of service logs
		"checkpoint", "memory", "mem", "heap", "rss", "hits", "misses", "evicted", "keys", "commands",
		"connections", "correlation", "msg", "event", "events", "cheque", "receipts", "payments", "transfers",
		"refunds", "jobs", "builds", "runs", "batches", "operations", "documents", "segments", "messages",
		"packet", "packets", "frames", "goroutine", "tid", "uid", "gid", "line", "lineno", "квитанция",
		"квитанции", "операция", "операции", "операций", "документ", "документа"} {
		labelWords[w] |= ctxNeg
	}
}

// Numeric columns. Access logs, `--describe` tables and metrics print
// numbers side by side separated by blanks (`401 DC 78086 438119 2932`).
// Two neighbouring columns are not one phone or card number unless their
// grouping is how such a number is written.

// spacedColumns reports whether the groups of a national phone candidate
// are blank-separated columns rather than a phone's grouping: a first
// group of five or more digits (the prefix and area code are written as
// one group of 1 or 4 digits: "8 701 …", "8701 …") followed by another
// group of five or more ("78086 438119"). A phone label keeps it a phone.
func (c *candidate) spacedColumns() bool {
	if len(c.gs) < 2 || c.seps != ' ' || c.mixed || c.gs[0].b-c.gs[0].a < 5 {
		return false
	}
	long := false
	for _, x := range c.gs[1:] {
		if x.b-x.a >= 5 {
			long = true
		}
	}
	return long && c.label()&ctxPhone == 0
}

// panGroupingNetwork reports whether a 4-6-x grouping fits the network:
// only Amex (4-6-5) and Diners (4-6-4, 4-6-5) print their numbers so; a
// Maestro or Visa number in 4-6-4 is three neighbouring columns
// ("6745 262558 1221").
func panGroupingNetwork(d []byte, gs []group) bool {
	if len(gs) != 3 || gs[1].b-gs[1].a != 6 {
		return true
	}
	switch cardNetwork(d) {
	case "amex", "diners":
		return true
	}
	return false
}

// plusAmount reports whether the '+'-prefixed run at t[from] is a signed
// amount, not a phone number: its only '.' (or ',') is followed by one or
// two digits that end the run ("+4956956.21", a ledger credit). Phones are
// written with dots throughout ("+7.701.540.18.02") or none.
func plusAmount(t []byte, from int) bool {
	dots, last := 0, -1
	i := from + 1
	for ; i < len(t); i++ {
		c := t[i]
		if isDigit(c) {
			continue
		}
		if (c == '.' || c == ',') && i+1 < len(t) && isDigit(t[i+1]) {
			dots++
			last = i
			continue
		}
		if (c == ' ' || c == '-' || c == '(' || c == ')') && i+1 < len(t) && (isDigit(t[i+1]) || t[i+1] == '(') {
			continue
		}
		break
	}
	return dots == 1 && i-last-1 <= 2
}

// Expiry of something else. Service logs are full of expiry dates that
// are not a card's: certificates, tokens, licences, passwords, domains,
// subscriptions, leases, contracts ("certificate expires 12/27",
// "cert_expiry=03/2027", "срок действия сертификата 05/28", "token exp
// 12/26"). An expiry whose clause names such a subject, with no card word
// in it and no PAN earlier in the record, is not a card expiry.

// nonCardSubjects are the stems of subjects with an expiry of their own.
var nonCardSubjects = []string{
	"cert", "tls", "ssl", "x509", "token", "jwt", "licen", "password", "passwd", "domain", "subscription",
	"trial", "session", "cookie", "lease", "contract", "warranty", "policy", "quota", "apikey", "kerberos",
	"ticket", "pgp", "gpg", "ssh", "acme", "csr", "crl", "ocsp", "secret", "kubeconfig", "retention", "snapshot",
	"сертификат", "токен", "лицензи", "парол", "домен", "подписк", "сесси", "аренд", "договор", "гаранти",
	"полис", "ключ", "квот", "құпиясөз", "кілт", "келісімшарт",
	// goods, lots and shelf life; loyalty points, coupons; documents
	"lot", "product", "goods", "sku", "drug", "medicine", "товар", "продукт", "парти", "препарат", "лекарств",
	"годност", "bonus", "cashback", "coupon", "voucher", "promo", "бонус", "балл", "кешбэк", "купон", "ваучер",
	"промо", "passport", "паспорт", "удостоверени", "insurance", "страхов", "membership", "абонемент",
	"experiment", "эксперимент",
	// tariffs, offers, discounts, installment plans, links and invoices
	"tariff", "тариф", "offer", "discount", "sale", "campaign", "акци", "скидк", "кампани", "предложени",
	"installment", "рассрочк", "link", "ссылк", "invite", "invitation", "приглашени", "invoice", "счет", "счёт",
}

// measureParts are key parts that make "exp" an exponent or a duration
// ("exp_backoff_ms", "retry.exp.base"): such a key labels no expiry.
var measureParts = map[string]bool{
	"ms": true, "us": true, "ns": true, "sec": true, "secs": true, "seconds": true, "millis": true, "mins": true,
	"minutes": true, "pct": true, "percent": true, "ratio": true, "rate": true, "factor": true, "base": true,
	"jitter": true, "multiplier": true, "backoff": true, "delay": true, "interval": true, "timeout": true,
	"ttl": true, "retry": true, "retries": true, "attempt": true, "attempts": true, "weight": true, "score": true,
	"exponent": true, "max": true, "min": true,
}

// measureKey reports whether a compound label word has a measure part.
func measureKey(w []byte) bool {
	if !hasSep(w) || len(w) > 48 {
		return false
	}
	var buf [64]byte
	start := 0
	for i := 0; i <= len(w); i++ {
		if i < len(w) && !isKeySep(w, i) {
			continue
		}
		if i > start {
			part := w[start:i]
			if part[0] == '_' || part[0] == '-' || part[0] == '.' || part[0] == '[' {
				part = part[1:]
			}
			if measureParts[string(lowerInto(buf[:0], part))] {
				return true
			}
		}
		start = i
	}
	return false
}

// staleYear reports whether the expiry text [a,b), written with a
// separator (MM/YY, M/YY, MM.YYYY), has a year more than ten years before
// the scanner's reference year or more than twenty after it: no card in
// use expires so ("status 1/12", "exp 11/99").
func (s *Scanner) staleYear(t []byte, a, b int) bool {
	k := b
	for k > a && isDigit(t[k-1]) {
		k--
	}
	if k == a || b-k < 2 || k-a > 4 && isDigit(t[a+2]) && isDigit(t[a+3]) {
		return false // no separator (MMYY/YYMM), or the year first (YYYY-MM)
	}
	y := int(t[b-2]-'0')*10 + int(t[b-1]-'0')
	now := s.maxYear % 100
	d := (y - now + 100) % 100 // years after now, modulo the century
	return d > 20 && d < 90
}

// ctxSubjW marks a word naming a subject with an expiry of its own
// (subjectClass, memoised with ctxOf's hints): a bit above the label
// hints and the card grammar's classes, below the memo's own top bit
// (hashcache.go).
const ctxSubjW ctx = 1 << 30

// subjectBits is a bitset over a hash of the first three bytes of every
// nonCardSubjects stem (lower case): a quick "no" for most word parts.
var subjectBits = func() (b [1 << 12]bool) {
	for _, st := range nonCardSubjects {
		b[bits3(st[0], st[1], st[2])] = true
	}
	return
}()

func bits3(a, b, c byte) uint32 {
	return (uint32(a)<<16 | uint32(b)<<8 | uint32(c)) * 2654435761 >> 20
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c | 0x20
	}
	return c
}

// subjectClass returns ctxSubjW for a label word that is, or has a key
// part that is, a non-card subject: "certificate", "cert_expiry",
// "tlsNotAfter", "сертификата". Parts split as key names do (isKeySep).
func subjectClass(w []byte) ctx {
	if len(w) > 48 {
		return 0
	}
	start := 0
	for i := 0; i <= len(w); i++ {
		if i < len(w) && !isKeySep(w, i) {
			continue
		}
		if part := w[start:i]; len(part) >= 3 && part[0] != '_' && part[0] != '-' && part[0] != '.' && part[0] != '[' {
			// Cyrillic capitals differ from small letters in the
			// first bytes: those parts are lowered before the look-up
			if part[0] >= 0x80 {
				var buf [8]byte
				lp := lowerInto(buf[:0], part[:min(len(part), 4)])
				if len(lp) >= 3 && subjectBits[bits3(lp[0], lp[1], lp[2])] && subjectPart(part) {
					return ctxSubjW
				}
			} else if subjectBits[bits3(lowerASCII(part[0]), lowerASCII(part[1]), lowerASCII(part[2]))] && subjectPart(part) {
				return ctxSubjW
			}
		}
		start = i
		if i < len(w) && !isUpperASCII(w[i]) {
			start = i + 1
		}
	}
	return 0
}

// subjectPart reports whether a key part starts with a non-card subject
// stem.
func subjectPart(part []byte) bool {
	var buf [104]byte
	lp := lowerInto(buf[:0], part)
	for _, st := range nonCardSubjects {
		if len(lp) >= len(st) && string(lp[:len(st)]) == st {
			return true
		}
	}
	return false
}

// otherExpiry reports whether the expiry at text position a belongs to a
// non-card subject named right before its phrase: the words before the
// value are read back over the card grammar's words (expiry stems,
// fillers: "expires on", "valid thru", "срок действия"), up to five,
// within the clause; the first other word must be the subject
// ("certificate expires on 12/27", "token exp 12/26", "срок действия
// сертификата 05/28"). A card word, or a PAN earlier in the record, keeps
// it a card's. So does a fraction followed by a count noun (fractionCount).
func (s *Scanner) otherExpiry(g *seg, a, b int) bool {
	if s.lastPAN >= 0 {
		return false
	}
	if s.staleYear(g.text, a, b) || fractionCount(g, b) {
		return true
	}
	t := g.text
	p := a
	for k := 0; k < 5; k++ {
		w, ws, ok := prevWord(t, p, g.lo)
		if !ok {
			return false
		}
		for q := ws + len(w); q < p; q++ {
			if c := t[q]; c == '.' || c == ';' || c == '|' || c == '\n' || c == '!' || c == '?' {
				return false // the clause ends
			}
		}
		if allDigits(w) {
			p = ws // the subject's own number: "lot 88231 exp 05/26"
			continue
		}
		c := s.ctxOf(w)
		if c&ctxSubjW != 0 || k == 0 && hasSep(w) && measureKey(w) {
			return true
		}
		if c&ctxCard != 0 || c&phraseCtx == 0 {
			return false // a card word, or the phrase before the value ends
		}
		p = ws
	}
	return false
}

// Names in addresses and company names. A street, avenue or square named
// after a person ("ул. Шокана Уалиханова", "проспект Назарбаева",
// "Кабанбай батыр даңғылы", "Abay avenue") is an address, and the words
// quoted after a legal form (ТОО «Айгуль Текстиль», ИП "Роза Ветров Тур")
// are a company's name: neither is a person in the record.

// streetBefore are the words that precede a street's name; streetAfter
// those that follow it (Kazakh and English write the type after the name).
var streetBefore = map[string]bool{
	"ул": true, "улица": true, "улицы": true, "улице": true, "улицу": true, "пр": true, "пр-т": true, "просп": true,
	"проспект": true, "проспекта": true, "проспекте": true, "пер": true, "переулок": true, "переулка": true,
	"бульвар": true, "бульвара": true, "б-р": true, "бул": true, "шоссе": true, "пл": true, "площадь": true,
	"площади": true, "наб": true, "набережная": true, "мкр": true, "микрорайон": true, "мкрн": true, "проезд": true,
	"тупик": true, "көшесі": true, "даңғылы": true,
}

var streetAfter = map[string]bool{
	"көшесі": true, "көш": true, "даңғылы": true, "даң": true, "шағын": true, "ауданы": true, "атындағы": true,
	"street": true, "st": true, "avenue": true, "ave": true, "av": true, "road": true, "rd": true, "blvd": true,
	"boulevard": true, "lane": true, "ln": true, "square": true, "sq": true, "prospect": true, "prospekt": true,
	"улица": true, "проспект": true,
}

// legalForms are the legal-form abbreviations written before a company's
// quoted name.
var legalForms = map[string]bool{
	"тоо": true, "ип": true, "ао": true, "ооо": true, "оао": true, "зао": true, "пао": true, "нао": true, "жшс": true,
	"ақ": true, "гкп": true, "кгп": true, "рго": true, "llp": true, "llc": true, "jsc": true, "ltd": true, "inc": true,
	"ip": true, "too": true, "ao": true,
}

// lowerWord returns the lower-cased letters-and-hyphen word ending at e
// (exclusive) within [lo,e), and where it starts.
func lowerWordBefore(dst, t []byte, e, lo int) ([]byte, int) {
	a := e
	for a > lo {
		if t[a-1] == '-' || t[a-1] < utf8.RuneSelf && isASCIILetter(t[a-1]) {
			a--
			continue
		}
		if cyrLetterBefore(t, a, lo) {
			a -= 2
			continue
		}
		break
	}
	if e-a > 48 {
		return nil, a
	}
	return lowerInto(dst, t[a:e]), a
}

// addressOrCompany reports whether the capitalised words at [i,end) are
// a street's name or a company's quoted name.
func (s *Scanner) addressOrCompany(g *seg, i, end int) bool {
	t := g.text
	var buf [64]byte
	// before: "ул. ", "проспект ", "ТОО «", `ИП "`, `ТОО \"`
	p := i
	quoted := false
	for p > g.lo && (t[p-1] == '"' || t[p-1] == '\\' || t[p-1] == '\'') {
		p--
		quoted = true
	}
	if p-2 >= g.lo && t[p-2] == 0xC2 && t[p-1] == 0xAB { // «
		p -= 2
		quoted = true
	}
	for p > g.lo && t[p-1] == ' ' {
		p--
	}
	dot := p > g.lo && t[p-1] == '.'
	if dot && !quoted {
		p--
	}
	w, _ := lowerWordBefore(buf[:0], t, p, g.lo)
	if len(w) > 0 {
		if quoted && legalForms[string(w)] {
			return true
		}
		if !quoted && streetBefore[string(w)] {
			return true
		}
	}
	// after: "Кабанбай батыр даңғылы", "Abay avenue"
	q := end
	for q < len(t) && t[q] == ' ' {
		q++
	}
	if q > end {
		e := wordEnd(t, q)
		if e > q && e-q <= 32 {
			lw := lowerInto(buf[:0], t[q:e])
			if streetAfter[string(lw)] {
				return true
			}
			// a capitalised common noun right after: the name is part of
			// a company's or product's ("Thomas Cook Travel")
			if isUpperStart(t, q) && lexFlags(lw)&(wGiven|wSurname) == 0 && commonWord(lw) {
				return true
			}
		}
	}
	return false
}

// abbrevOwnerNeg reads "Receipt No. 0112…", "Ref. No. …", "Batch Nr. …":
// a number noun abbreviated with a full stop (which ends prevWord's
// label) whose owner is a transaction or operational word.
func (c *candidate) abbrevOwnerNeg() bool {
	t, lo := c.g.text, c.g.lo
	p := c.from
	for p > lo && (t[p-1] == ' ' || t[p-1] == ':' || t[p-1] == '\t') {
		p--
	}
	if p <= lo || t[p-1] != '.' {
		return false
	}
	var buf [16]byte
	w, ws := lowerWordBefore(buf[:0], t, p-1, lo)
	if !ownerNumberNouns[string(w)] {
		return false
	}
	for ws > lo && t[ws-1] == ' ' {
		ws--
	}
	if ws > lo && t[ws-1] == '.' {
		ws-- // "Ref. No."
	}
	var obuf [64]byte
	if o, _ := lowerWordBefore(obuf[:0], t, ws, lo); len(o) > 0 {
		oc := c.s.ctxOf(o)
		return oc&ctxNeg != 0 && oc&personCtx == 0
	}
	return false
}

// jsonCounter reports whether the candidate is an unquoted JSON number
// ("processed":770801410007): counters and measures are written so, while
// an IIN, kept with its leading zero, is a string. The caller still takes
// it under a personal key.
func (c *candidate) jsonCounter() bool {
	t, lo := c.g.text, c.g.lo
	p := c.from
	if p <= lo || p < len(t) && t[p] == '"' {
		return false
	}
	for p > lo && t[p-1] == ' ' {
		p--
	}
	if p <= lo || t[p-1] != ':' {
		return false
	}
	p--
	for p > lo && t[p-1] == ' ' {
		p--
	}
	return p > lo && t[p-1] == '"'
}

// countNouns are the words after a fraction "N/M" that make it a count
// of items, not a month and year: "valid 12/27 records", "10/12 rows
// passed", "проверено 11/25 записей".
var countNouns = []string{
	"record", "row", "item", "file", "node", "pod", "replica", "task", "job", "shard", "partition", "broker",
	"message", "event", "request", "запис", "строк", "файл", "узл", "задач", "сообщен", "событ", "запрос", "шт",
}

// fractionCount reports whether the value ending at text position b is
// followed by a count noun.
func fractionCount(g *seg, b int) bool {
	t := g.text
	if b+1 >= len(t) || t[b] != ' ' || !(isASCIILetter(t[b+1]) || t[b+1] >= 0x80) {
		return false // most expiries end at a quote, a comma or a label
	}
	q := b + 1
	e := wordEnd(t, q)
	if e == q || e-q > 32 || e < len(t) && (t[e] == '=' || t[e] == ':' || t[e] == '"' || t[e] == '_') {
		return false // the key of the next field ("exp=12/27 attempt=2"), not a noun
	}
	var buf [64]byte
	w := lowerInto(buf[:0], t[q:e])
	for _, n := range countNouns {
		if len(w) >= len(n) && string(w[:len(n)]) == n {
			return true
		}
	}
	return false
}

// lexFlags returns the name lexicon's flags of a lower-cased word.
func lexFlags(lw []byte) uint8 {
	lexOnce.Do(loadLexicon)
	return lexicon[string(lw)]
}

// pathSegmentNeg reads a number that is a URL path segment by the segment
// before it: "/api/v1/transactions/7708…" is a transaction's id, while
// "/clients/9001…" (no operational word) keeps its reading.
func (c *candidate) pathSegmentNeg() bool {
	t, lo := c.g.text, c.g.lo
	p := c.from
	if p-2 < lo || t[p-1] != '/' {
		return false
	}
	a := p - 1
	for a > lo && a > p-49 && (isASCIILetter(t[a-1]) || t[a-1] == '_' || t[a-1] == '-') {
		a--
	}
	if a == p-1 || a == lo || t[a-1] != '/' {
		return false
	}
	oc := c.s.ctxOf(t[a : p-1])
	return oc&ctxNeg != 0 && oc&personCtx == 0
}

// unitWords are units and count nouns written after a quantity: "read
// 7708… bytes", "8503… rows affected", "processed 0112… records".
var unitWords = map[string]bool{
	"b": true, "byte": true, "bytes": true, "kb": true, "mb": true, "gb": true, "tb": true, "kib": true, "mib": true,
	"gib": true, "ms": true, "us": true, "µs": true, "ns": true, "s": true, "sec": true, "secs": true,
	"seconds": true, "min": true, "mins": true, "minutes": true, "records": true, "record": true, "rows": true,
	"row": true, "items": true, "entries": true, "messages": true, "msgs": true, "events": true, "keys": true,
	"requests": true, "reqs": true, "ops": true, "files": true, "lines": true, "chunks": true, "blocks": true,
	"pages": true, "objects": true, "tuples": true, "docs": true, "documents": true, "times": true,
	"points": true, "samples": true, "spans": true, "packets": true, "pkts": true, "frames": true, "bits": true,
	"записей": true, "записи": true, "строк": true, "байт": true, "байта": true, "байтов": true,
	"сообщений": true, "событий": true, "запросов": true, "файлов": true, "объектов": true, "раз": true,
	"шт": true, "мс": true, "сек": true, "секунд": true, "мин": true, "минут": true, "кб": true, "мб": true,
	"гб": true, "элементов": true, "документов": true, "транзакций": true, "операций": true,
}

// unitAfter reports whether the digits ending at text position e are
// followed by a unit or a count noun: a quantity, not a person's number.
func unitAfter(t []byte, e int) bool {
	q := e
	if q < len(t) && t[q] == ' ' {
		q++
	}
	w := wordEnd(t, q)
	if w == q || w-q > 20 || w < len(t) && (t[w] == '=' || t[w] == '_' || isDigit(t[w])) {
		return false
	}
	var buf [32]byte
	return unitWords[string(lowerInto(buf[:0], t[q:w]))]
}
