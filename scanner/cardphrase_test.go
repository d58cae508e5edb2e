package scanner

import (
	"strings"
	"testing"
	"time"
)

// TestCardPhraseRules covers the card-grammar rules added after the card
// corpus by another author (internal/blindd, Tune half): codes introduced
// by "the back of the card" phrases with a copula or verb between, and
// expiries and codes owned by something that is not a payment card
// (cardsubject.go). Values are synthetic; phrasings go beyond the
// corpus's own on purpose.
func TestCardPhraseRules(t *testing.T) {
	const pan = "⟦card_pan:4111111111111111⟧"
	cases := []struct{ name, in string }{
		// the back of the card, in three languages, with a copula or verb
		{"back are", `the three digits on the back are ⟦card_cvv:123⟧`},
		{"back of the card is", `the code on the back of the card is ⟦card_cvv:456⟧`},
		{"back after pan", `card ` + pan + `, exp ⟦card_expiry:03/29⟧, the three digits on the back are ⟦card_cvv:789⟧, thanks`},
		{"printed on the back", `security digits printed on the back: ⟦card_cvv:321⟧`},
		{"last digits on the back", `the last 3 digits on the back were ⟦card_cvv:654⟧`},
		{"сзади", `трёхзначный код сзади ⟦card_cvv:121⟧. оператор: спасибо`},
		{"три цифры сзади", `три цифры сзади ⟦card_cvv:222⟧`},
		{"задней стороне", `код на задней стороне карты ⟦card_cvv:343⟧`},
		{"обороте написано", `на обороте карты написано ⟦card_cvv:454⟧`},
		{"обратной стороне это", `цифры с обратной стороны — это ⟦card_cvv:565⟧`},
		{"артқы жағында жазылған", `артқы жағында жазылған код ⟦card_cvv:676⟧`},
		{"арқасындағы", `картаның арқасындағы үш сан ⟦card_cvv:787⟧`},
		{"security number on the reverse", `the security number on the reverse is ⟦card_cvv:123⟧`},
		{"сырт жағындағы", `сырт жағындағы код ⟦card_cvv:789⟧`},
		{"request verb kk", `Сіздің картаңыздың артқы жағындағы кодты айтыңыз: ⟦card_cvv:543⟧`},
		{"printed on the back of your card", `IVR: please enter the 3 digits printed on the back of your card: ⟦card_cvv:789⟧`},
		// the answer to the previous turn's question
		{"answer ru", `оператор: назовите три цифры на обороте. клиент: ⟦card_cvv:321⟧`},
		{"answer en", `agent: and the three digits on the back? caller: ⟦card_cvv:765⟧`},
		{"answer expiry", `оператор: назовите срок действия карты. клиент: ⟦card_expiry:12/27⟧`},
		{"answer order number", `оператор: назовите номер заказа. клиент: 1234`},
		{"answer sms code", `оператор: код из смс? клиент: 4321`},
		{"not the back of a receipt", `on the back of the receipt code 1234`},
		{"back-off is not the back", `retry back-off 250 ms, code 503`},

		// expiry phrasings
		{"expires end", `Expires End ⟦card_expiry:10/25⟧`},
		{"at the end of", `the card expires at the end of ⟦card_expiry:10/25⟧`},
		{"month/year", `expiry month/year ⟦card_expiry:10/25⟧`},
		{"year alone", `year 10/25`},

		// expiries of things that are not a card
		{"promo code", `promo code SPRING19 valid till 11/26; thank you`},
		{"coupon", `coupon WINTER-5 expires 12/27`},
		{"voucher ru", `ваучер 88123 действует до 05/27`},
		{"промокод", `срок действия промокода SPRING до 12/26`},
		{"tls certificate", `TLS certificate for api.example.kz expires 07/26 (serial ab12cd), renew before expiry`},
		{"ssl cert with a subject", `SSL cert CN=shop.example.kz expires 03/27`},
		{"сертификат", `Сертификат TLS для api.example.kz истекает 07/26`},
		{"subscription", `подписка Premium действует до 11/27`},
		{"licence", `the licence key expires 04/29`},
		{"api token", `API token valid thru 06/27`},
		{"api key", `API key expires 11/26`},
		{"sim", `SIM valid until 04/27`},
		{"offer", `offer valid through 07/27`},
		{"discount code", `discount code FALL23 expires 09/26`},
		{"member since", `member since 03/21, expires 03/27`},
		{"карта лояльности", `карта лояльности действует до 12/27`},
		{"бонусная карта", `бонусная карта действительна до 11/26`},
		{"бонустық карта", `бонустық карта мерзімі 12/27`},
		{"valid from is not an expiry", `valid from 01/25 thru ⟦card_expiry:12/27⟧`},
		{"sim card", `SIM-карта заменена, срок действия 12/27`},
		{"quoted message", `msg="promo code ABC1 valid till 10/26"`},
		// codes of cards that are not payment cards
		{"gift card security code", `gift card balance 1040.24, gift card security code 472 redeemed`},
		{"gift card cvv", `gift card 6006123412 CVV 481`},
		{"подарочной карты", `код безопасности подарочной карты 472`},
		{"loyalty card", `loyalty card 7000609831668 points 6683 card security code 8714 tier gold`},
		{"карта лояльности", `карта лояльности, код безопасности 4321`},
		{"сыйлық картасы", `сыйлық картасының қауіпсіздік коды 123`},
		{"warranty card", `warranty card valid until 12/27`},
		{"insurance card", `insurance card expires 03/28`},
		{"kazakh compound", `кепілдік картасы 12/27 дейін жарамды`},
		{"russian genitive is the card's", `счёт карты действителен до ⟦card_expiry:12/26⟧`},
		{"batch", `batch 4411 exp 05/26`},
		{"студенческий билет", `студенческий билет действует до 06/27`},
		{"account security code", `account security code: 4821`},
		{"parcel locker", `parcel locker security code 5521`},
		{"гифт-карта", `гифт-карта, защитный код 345`},
		{"gift card back", `scratch the back of your gift card to reveal the code 1234`},

		// card numbers named by a number noun across a dot, funding and
		// account-number keys
		{"card no.", `card no. ⟦card_pan:4556737586899855⟧`},
		{"dotted key path", `payment_method.card.number=⟦card_pan:4556737586899855⟧`},
		{"fpan", `tokenize: fpan ⟦card_pan:4556737586899855⟧ -> token`},
		{"account number key", `accountNumber=⟦card_pan:4556737586899855⟧ expDate=⟦card_expiry:1227⟧`},
		{"receipt no. is not a card", `receipt no. 4556737586899855`},
		{"order.number is not a card", `order.number=4556737586899855`},

		// more CVV terms and phrasings
		{"cv2", `card ⟦card_pan:4556737586899855⟧ CV2: ⟦card_cvv:123⟧`},
		{"4dbc", `Amex ⟦card_pan:378282246310005⟧ 4DBC ⟦card_cvv:1234⟧`},
		{"verification number", `card ⟦card_pan:4556737586899855⟧ card verification number ⟦card_cvv:123⟧`},
		{"code right after the pan", `card ⟦card_pan:4556737586899855⟧, code ⟦card_cvv:123⟧`},
		{"response code after the pan", `card ⟦card_pan:4556737586899855⟧, response code 123`},
		{"and the code", `card ⟦card_pan:4556737586899855⟧ exp ⟦card_expiry:12/27⟧, and the code is ⟦card_cvv:123⟧`},
		{"hint before the code", `security code (CVV) ⟦card_cvv:123⟧`},
		{"weak qualifier without a card", `үш таңбалы код 123`},

		// a code key of a card object
		{"card object code", `{"card":{"number":"⟦card_pan:4556737586899855⟧","expires":"⟦card_expiry:2027-12⟧","code":"⟦card_cvv:123⟧"}}`},
		{"card object security", `{"card":{"security":"⟦card_cvv:1234⟧"}}`},
		{"code outside a card object", `{"pan":"⟦card_pan:4556737586899855⟧","order":{"code":"123"}}`},
		{"card object status code", `{"card":{"number":"⟦card_pan:4556737586899855⟧","status_code":"123"}}`},

		// fields of an object named for something else, whatever the record holds
		{"promo object", `{"card":{"number":"⟦card_pan:4556737586899855⟧","exp":"⟦card_expiry:12/27⟧"},"promo":{"code":"X1","valid_till":"12/26"}}`},
		{"gift card object", `{"card":{"number":"⟦card_pan:4556737586899855⟧"},"giftCard":{"securityCode":"472"}}`},
		{"certificate element", `<Payment><Card><Pan>⟦card_pan:4556737586899855⟧</Pan><Expiry>⟦card_expiry:12/27⟧</Expiry></Card><Certificate><Expiry>03/28</Expiry></Certificate></Payment>`},
		{"token object keeps its expiry", `{"token":{"dpan":"⟦card_pan:4556737586899855⟧","expiry":"⟦card_expiry:12/27⟧"}}`},

		// the payment card keeps its expiry and code
		{"another clause", `promo code applied; card expires ⟦card_expiry:12/27⟧`},
		{"pan in the clause", `promo code SPRING applied to card ` + pan + `, expires ⟦card_expiry:12/27⟧`},
		{"card word nearer", `certificate uploaded, card expires ⟦card_expiry:12/27⟧`},
		{"credit card", `gift card bought with a credit card, security code ⟦card_cvv:123⟧`},
		{"bank card ru", `подарочный сертификат оплачен банковской картой, код безопасности ⟦card_cvv:456⟧`},
		{"card expiry key", `event=token.refresh card_exp=⟦card_expiry:12/27⟧`},
		{"cvv key after a promo", `promo=SPRING cvv=⟦card_cvv:123⟧ card=` + pan},
		{"срок карты", `срок действия вашей карты ⟦card_expiry:12/27⟧`},
		{"valid thru", `Card: ` + pan + `, valid thru ⟦card_expiry:06/33⟧, the CID is ⟦card_cvv:594⟧`},
	}
	s := New(Config{Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			line, want := parseMarked(t, c.in)
			var gs []string
			for _, f := range s.Scan([]byte(line), nil) {
				gs = append(gs, spanStr(f.Kind, f.Span.Start, f.Span.End))
			}
			if strings.Join(gs, " ") != strings.Join(want, " ") {
				t.Errorf("findings %v, want %v", gs, want)
			}
		})
	}
}

// TestOwnerBits checks that the owner classes memoised with a word's
// hints share no bit with the hints, the grammar's classes, the subject
// bit or the memo's filled mark, and that ctxOf never returns them.
func TestOwnerBits(t *testing.T) {
	var hints ctx
	for c := ctx(1); c != 0 && c <= ctxFillW; c <<= 1 {
		hints |= c
	}
	if ownerBits&(hints|phraseCtx|ctxSubjW|ctx(filled)) != 0 {
		t.Fatal("owner classes overlap another bit")
	}
	s := New(Config{})
	for _, w := range []string{"gift", "giftCard", "loyalty", "bank_card", "token", "сыйлық", "card"} {
		if s.ctxOf([]byte(w))&ownerBits != 0 {
			t.Errorf("ctxOf(%q) returns owner classes", w)
		}
	}
	if s.wordBits([]byte("giftCard"))&(ctxCard|ctxModW) != ctxCard|ctxModW {
		t.Error("giftCard: want a card word with a modifier")
	}
}
