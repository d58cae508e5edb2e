package scanner

import (
	"bytes"
	"unicode/utf8"
)

// The subject that owns an expiry or a security code.
//
// A card grammar phrase ("valid till", "expires", "security code") says
// what the value is, not whose it is. In free text the clause before it
// may name another owner: "promo code SPRING19 valid till 11/26", "TLS
// certificate for api.example.kz expires 07/26", "gift card security code
// 472", "подарочной карты код безопасности 472", "SIM-карта … PIN",
// "loyalty card 7000… points 12 card security code 1234". Those are not a
// payment card's.
//
// The rule, read back from the value over the clause (up to eight
// blank-separated chunks; '.', ';', '!', '?', '|' or a line break ends the
// clause, a structured field — a quote, a brace, a key= — ends it too):
//
//	a PAN anywhere before in the record  → the card's (as otherExpiry)
//	a card word with a payment-card qualifier (bank card, credit card,
//	Visa card, банковская карта, төлем картасы)
//	                                     → the card's (stop)
//	a card word owned by a non-card modifier (gift card, loyalty card,
//	SIM card, подарочная карта, сыйлық картасы, sim_card)
//	                                     → not the card's (stop)
//	a non-card subject (promo, coupon, voucher, certificate, TLS, token,
//	licence, subscription, loyalty, … opsneg.go's nonCardSubjects)
//	                                     → not the card's, unless a bare
//	                                       card word stood nearer the value
//	a bare card word (card, карта)       → remembered, the walk goes on
//	any other word (the subject's own code, a host name, "for", "для")
//	                                     → looked over
//
// Words of the card grammar (code, security, valid, expires, back…) are
// the phrase itself and never a subject, so "secret code" stays a
// qualifier. A value under a key (`exp=`, `"cvv":"`) is judged by its key
// alone: a card key with a non-card modifier (`giftCardSecurityCode`) is
// not the card's; other keys are read where they are (opsneg.go's
// subjects, cardctx.go).

// cardModifiers are the stems of words that make a card word name a card
// that is not a payment card: gift card, loyalty card, SIM card.
var cardModifiers = []string{
	"gift", "loyalty", "bonus", "reward", "sim", "esim", "club", "discount", "member", "key", "access",
	"memory", "sd", "microsd", "transit", "transport", "travel", "fuel", "library", "student", "id", "smart",
	"гифт", "подароч", "бонус", "сим", "клуб", "дисконт", "скидоч", "накопит", "лояльн", "транспорт", "проездн",
	"топлив", "студен", "сыйлық", "бонустық", "жеңілдік", "жол",
}

// otherSubjects are non-card subjects of this rule beyond opsneg.go's
// nonCardSubjects (which name subjects with an expiry of their own).
var otherSubjects = []string{
	"loyalty", "лояльн", "gift", "подароч", "гифт", "сыйлық", "iccid", "puk", "certificate", "сертиф", "sim", "esim",
	"key", "keys", "member", "offer", "batch", "sla", "account", "login", "логин", "билет", "серия",
	"warranty", "insurance", "гарант", "страхов", "кепілдік", "deal", "campaign", "discount", "sale", "акци", "предложени", "скидк", "жеңілдік",
	// codes that open things: lockers, doors, parcels
	"locker", "parcel", "door", "alarm", "wifi", "постамат", "посылк", "двер", "домофон", "сейф",
}

// paymentQualifiers are the stems of words that make a card word a
// payment card's whatever else the clause names.
var paymentQualifiers = []string{
	"bank", "credit", "debit", "payment", "visa", "mastercard", "maestro", "amex", "unionpay", "jcb", "mir",
	"банковск", "банк", "кредитн", "дебет", "платёж", "платеж", "зарплат", "банктік", "төлем", "несие",
}

// hasStemPart reports whether w, or one of its key parts (split as key
// names are), starts with one of stems.
func hasStemPart(w []byte, stems []string) bool {
	if len(w) > 48 {
		return false
	}
	var buf [104]byte
	start := 0
	for i := 0; i <= len(w); i++ {
		if i < len(w) && !isKeySep(w, i) {
			continue
		}
		if i > start {
			part := lowerInto(buf[:0], w[start:i])
			if part[0] == '_' || part[0] == '-' || part[0] == '.' || part[0] == '[' {
				part = part[1:]
			}
			for _, st := range stems {
				if len(part) >= len(st) && string(part[:len(st)]) == st {
					if len(st) > 3 || len(part) <= len(st)+1 || part[0] >= utf8.RuneSelf {
						return true // short Latin stems ("sim", "id", "key") only as whole words
					}
				}
			}
		}
		start = i
		if i < len(w) && !isUpperASCII(w[i]) {
			start = i + 1
		}
	}
	return false
}

// cardGrammarW are the grammar classes that make a word part of the
// phrase, never its subject.
const cardGrammarW = ctxCodeW | ctxSecW | ctxWeakW | ctxBackW | ctxCountW | ctxExpW | ctxCVV

// otherCardSubject reports whether the expiry or code at text position a
// belongs, by the clause before it, to something that is not a payment
// card (see above).
func (s *Scanner) otherCardSubject(g *seg, a int) bool {
	if s.otherObject(g, a) {
		return true // {"promo":{"valid_till":"12/26"}}, <GiftCard><Code>
	}
	if s.lastPAN >= 0 {
		return false // a PAN earlier in the record: its card's (as otherExpiry)
	}
	t := g.text
	if keyed(t, a, g.lo) {
		// a key's value: the key alone tells ("giftCardSecurityCode=")
		w, _, ok := prevWord(t, a, g.lo)
		if !ok {
			return false
		}
		c := s.wordBits(w)
		if c&ctxCard == 0 && !containsFold(w, "card") && s.authTokenRecord() {
			return true // {"token_type":"bearer","expires_in":3600,"valid_until":"09/27"}
		}
		return c&(ctxCard|ctxModW) == ctxCard|ctxModW
	}
	p := a
	sawCard := false
	var prevChunk []byte // the chunk read before (nearer the value)
	for k := 0; k < 8; k++ {
		// blanks and commas between chunks
		for p > g.lo && (t[p-1] == ' ' || t[p-1] == '\t' || t[p-1] == ',' || t[p-1] == ':' || t[p-1] == '(' || t[p-1] == ')') {
			p--
		}
		if p == g.lo {
			break
		}
		e := p
		for p > g.lo && t[p-1] != ' ' && t[p-1] != '\t' && e-p < 64 {
			p--
		}
		chunk := t[p:e]
		switch c := chunk[len(chunk)-1]; c {
		case ';', '!', '?', '|', '\n':
			return false // the clause ends
		case '.':
			// a sentence's end, unless an abbreviation of the phrase ("exp.")
			if s.ctxOf(chunk[:len(chunk)-1])&cardGrammarW == 0 {
				return false
			}
		}
		// a quote or a bracket ends the clause; in "CN=host" the value
		// after '=' is read
		stop := false
	scan:
		for i := len(chunk) - 1; i >= 0; i-- {
			switch chunk[i] {
			case '"', '{', '}', '[', ']', '<', '>', '\n', ';', '|':
				chunk, stop = chunk[i+1:], true
				break scan
			case '=':
				chunk = chunk[i+1:]
				break scan
			}
		}
		w := trimWord(chunk)
		if len(w) > 0 {
			if r, done := s.judgeChunk(g, w, p, &sawCard, prevChunk); done {
				return r
			}
			prevChunk = w
		}
		if stop {
			break
		}
	}
	return false
}

// judgeChunk applies the rule above to one word w starting at p; done
// reports whether it decided.
func (s *Scanner) judgeChunk(g *seg, w []byte, p int, sawCard *bool, nearer []byte) (other, done bool) {
	if allDigits(w) {
		return false, false // the subject's own number
	}
	c := s.wordBits(w)
	if c&ctxCard != 0 {
		switch {
		case c&ctxPayW != 0:
			return false, true // "bank_card"
		case c&ctxModW != 0:
			return true, true // "sim-карта", "giftCard"
		case nearer != nil && s.wordBits(nearer)&ctxModW != 0 && isAfterCardWord(nearer):
			return true, true // "карта лояльности"
		}
		if m := s.wordBefore(g, p); m != nil {
			mc := s.wordBits(m)
			if mc&ctxPayW != 0 {
				return false, true // "credit card", "банковской карты"
			}
			if mc&ctxModW != 0 {
				return true, true // "gift card", "подарочной карты"
			}
			if nounCompound(m, w) && mc&cardGrammarW == 0 && mc&(ctxSubjW|ctxOSubjW) != 0 {
				return true, true // "warranty card", "кепілдік картасы"
			}
		}
		*sawCard = true
		return false, false
	}
	if c&cardGrammarW != 0 {
		return false, false // the phrase itself
	}
	if c&(ctxSubjW|ctxOSubjW) != 0 {
		return !*sawCard, true
	}
	return false, false
}

// isAfterCardWord reports whether w is a modifier written after its card
// word ("карта лояльности", "карты клуба").
func isAfterCardWord(w []byte) bool {
	return len(w) > 0 && w[0] >= utf8.RuneSelf
}

// wordBefore returns the blank-separated word right before position p in
// g (trimmed of punctuation), or nil.
func (s *Scanner) wordBefore(g *seg, p int) []byte {
	t := g.text
	for p > g.lo && (t[p-1] == ' ' || t[p-1] == '\t') {
		p--
	}
	e := p
	for p > g.lo && t[p-1] != ' ' && t[p-1] != '\t' && t[p-1] != '"' && t[p-1] != '=' && e-p < 48 {
		p--
	}
	if w := trimWord(t[p:e]); len(w) > 0 {
		return w
	}
	return nil
}

// trimWord strips punctuation around a chunk ("(gift", "card,").
func trimWord(w []byte) []byte {
	for len(w) > 0 && !isWordByte(w[0]) {
		w = w[1:]
	}
	for len(w) > 0 && !isWordByte(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	return w
}

// keyed reports whether the value at a follows a key: `key=`, `"key":"`,
// `"key":`.
func keyed(t []byte, a, lo int) bool {
	k := a
	if k > lo && (t[k-1] == '"' || t[k-1] == '\'') {
		k--
	}
	for k > lo && t[k-1] == ' ' {
		k--
	}
	if k <= lo {
		return false
	}
	switch t[k-1] {
	case '=':
		return true
	case ':':
		return k-1 > lo && (t[k-2] == '"' || t[k-2] == '\'')
	}
	return false
}

// otherObject reports whether the value at a is a field of a JSON object
// or XML element named for a non-card subject or a non-card card
// ("promo":{…}, "giftCard":{…}, <Certificate>): a PAN elsewhere in the
// record does not make it the card's.
func (s *Scanner) otherObject(g *seg, a int) bool {
	if !keyed(g.text, a, g.lo) && (g.off == nil || g.key == 0) && (a == 0 || g.text[a-1] != '>') {
		return false // not a field's value
	}
	w, ok := s.ownerKey(g, a)
	if !ok || len(w) == 0 {
		return false
	}
	c := s.wordBits(w)
	if c&ctxCard != 0 {
		return c&(ctxModW|ctxPayW) == ctxModW
	}
	if c&ctxTokW != 0 {
		return false // a network token's expiry is its card's (the DPAN is a PAN)
	}
	return c&(ctxSubjW|ctxOSubjW) != 0
}

var tokenStems = []string{"token", "токен"}

// Owner classes of a word, memoised with its ctxOf hints (wordBits) and
// never returned by ctxOf: bits above the card grammar's classes.
const (
	ctxModW   ctx = 1 << 24 // a part is a card modifier: gift, loyalty, SIM
	ctxOSubjW ctx = 1 << 25 // a part is one of otherSubjects
	ctxPayW   ctx = 1 << 26 // a part is a payment-card qualifier
	ctxTokW   ctx = 1 << 27 // a part is a token
	ownerBits     = ctxModW | ctxOSubjW | ctxPayW | ctxTokW
)

// ownerClass returns the owner classes of a word.
func ownerClass(w []byte) ctx {
	var c ctx
	if hasStemPart(w, cardModifiers) {
		c |= ctxModW
	}
	if hasStemPart(w, otherSubjects) {
		c |= ctxOSubjW
	}
	if hasStemPart(w, paymentQualifiers) {
		c |= ctxPayW
	}
	if hasStemPart(w, tokenStems) {
		c |= ctxTokW
	}
	return c
}

// nounCompound reports whether noun m before the card word w names the
// kind of card: English compounds ("warranty card") and Kazakh ones with
// the possessive ("кепілдік картасы"); a Russian noun before "карты" is
// its owner's ("счёт карты", the card's account).
func nounCompound(m, w []byte) bool {
	if m[0] < utf8.RuneSelf {
		return true
	}
	return hasStemPart(w, []string{"картас"})
}

// tokenExpiry reports whether the keyed value at a, in a record with no
// PAN, belongs to an access token (authTokenRecord) by a key with no card
// word: "expires_in":1215 is not an MMYY expiry.
func (s *Scanner) tokenExpiry(g *seg, a int) bool {
	if s.lastPAN >= 0 || !keyed(g.text, a, g.lo) {
		return false
	}
	w, _, ok := prevWord(g.text, a, g.lo)
	return ok && s.wordBits(w)&ctxCard == 0 && !containsFold(w, "card") && s.authTokenRecord()
}

// authTokenRecord reports whether the record is an access token's (an
// OAuth 2.0 token response, RFC 6749 §5.1, or its log line): it names
// access_token, refresh_token, id_token, token_type or expires_in. An
// expiry in it with no card word in its key and no PAN in the record is
// the token's. One pass over the record's underscores, once per record.
func (s *Scanner) authTokenRecord() bool {
	if s.authTok != 0 {
		return s.authTok > 0
	}
	s.authTok = -1
	t := s.line
	for i := bytes.IndexByte(t, '_'); i >= 0; {
		before, after := t[:i], t[i+1:]
		if len(after) > 1 && (after[0] == 't' || after[0] == 'i' && after[1] == 'n') { // most underscores go no further
			switch {
			case bytes.HasPrefix(after, []byte("token")) &&
				(bytes.HasSuffix(before, []byte("access")) || bytes.HasSuffix(before, []byte("refresh")) || bytes.HasSuffix(before, []byte("id"))),
				bytes.HasPrefix(after, []byte("type")) && bytes.HasSuffix(before, []byte("token")),
				bytes.HasPrefix(after, []byte("in")) && bytes.HasSuffix(before, []byte("expires")):
				s.authTok = 1
				return true
			}
		}
		j := bytes.IndexByte(after, '_')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
