package scanner

import (
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
)

// TestCardGrammar: the CVV and expiry grammar (cardctx.go) accepts whole
// families of phrasing in three languages and key spellings, and rejects
// the other codes of payment logs. "«…»" marks the value expected as a
// finding of the kind; a line without marks must give no finding of it.
func TestCardGrammar(t *testing.T) {
	cases := []struct {
		kind tazala.Kind
		line string
	}{
		// CVV: terms, qualifier + code, back of the card, keys
		{tazala.KindCVV, "Карта 4111 1111 1111 1111, CVV2/CVC2 код: «123»"},
		{tazala.KindCVV, "указан защитный код «482» на карте"},
		{tazala.KindCVV, "код безопасности карты: «907»"},
		{tazala.KindCVV, "код, который на оборотной стороне: 5 … нет; код на тыльной стороне «318»"},
		{tazala.KindCVV, "security code is «0417»"},
		{tazala.KindCVV, "the three digits on the back «662»"},
		{tazala.KindCVV, "картаның сыртындағы үш сан «903»"},
		{tazala.KindCVV, "қорғаныс коды «271»"},
		{tazala.KindCVV, "cardSecurityCode=«555» status=ok"},
		{tazala.KindCVV, `{"payment":{"card_sec_code":"«1234»"}}`},
		{tazala.KindCVV, `{"cardVerificationValue":"«808»"}`},
		{tazala.KindCVV, "card-cvc2: «311»"},
		{tazala.KindCVV, "4111111111111111 exp 12/27 — код с оборота «550»"},
		{tazala.KindCVV, "card 4111111111111111 exp 12/27 verification code «771»"},
		// not a CVV
		{tazala.KindCVV, "SMS code 1234 sent"},
		{tazala.KindCVV, "код из смс 4821"},
		{tazala.KindCVV, "Your verification code is 4821"},
		{tazala.KindCVV, "approval code 123 rrn 998877"},
		{tazala.KindCVV, "response code 200"},
		{tazala.KindCVV, "auth code: 517"},
		{tazala.KindCVV, "mcc 5411 merchant"},
		{tazala.KindCVV, "otp 1234"},
		{tazala.KindCVV, "код 123"},
		{tazala.KindCVV, "error code 503"},
		{tazala.KindCVV, "card ending 1234"},
		{tazala.KindCVV, "last 4 digits of card 4242"},
		{tazala.KindCVV, "последние 4 цифры карты 4242"},
		{tazala.KindCVV, "cvv_result=123 cvc_check_count=211"},
		{tazala.KindCVV, "secret code 777 for the locker"},
		{tazala.KindCVV, "PIN 1234"},
		{tazala.KindCVV, "promo code 2026"},
		{tazala.KindCVV, "код страны 398, код валюты 840"},
		{tazala.KindCVV, "PIN-код 1234, пин-код 4321"},
		{tazala.KindCVV, "CVV2 check result: 123"},
		{tazala.KindCVV, "код подтверждения 4821"},
		// expiry
		{tazala.KindExpiry, "срок действия карты: «12/27»"},
		{tazala.KindExpiry, "карта годна по «03.2029»"},
		{tazala.KindExpiry, "дата окончания «05/31»"},
		{tazala.KindExpiry, "мерзімі аяқталады «11/30»"},
		{tazala.KindExpiry, "жарамдылық мерзімі: «07-28»"},
		{tazala.KindExpiry, "valid through «09/29»"},
		{tazala.KindExpiry, "MM/YY «10/26»"},
		{tazala.KindExpiry, "cardExpDate=«04/2030»"},
		{tazala.KindExpiry, "expires on «06 / 28»"},
		{tazala.KindExpiry, "amount=100&pan=4111111111111111&card[expiry]=«03/ 27»&x=1"},
		{tazala.KindExpiry, "exp «3/27»"},
		{tazala.KindExpiry, "срок «03 /27»"},
		{tazala.KindCVV, "a=1&card[cvc]=«123»&b=2"},
		{tazala.KindCVV, "CVV number «321»"},
		// other kinds read with the same classes
		{tazala.KindIIN, "индивидуальный идентификационный номер «900101300017»."},
		{tazala.KindIIN, "жеке сәйкестендіру нөмірі «900101300017»."},
		{tazala.KindExpiry, "expiration date (MM/YY) «12-27»"},
		{tazala.KindExpiry, "жарамдылық мерзімі (АА/ЖЖ) «12.2027»"},
		{tazala.KindExpiry, "карта истекает в «03-29»"},
		{tazala.KindExpiry, "good through «03.29»"},
		{tazala.KindCVV, "картаның артқы бетіндегі код «123»"},
		{tazala.KindPAN, `{"primaryAccountNumber":"«4111111111111111»"}`},
		{tazala.KindPAN, `{"card":{"brand":"visa","number":"«4111111111111111»"}}`},
		{tazala.KindPAN, `<Card><AccountNumber>«4111111111111111»</AccountNumber></Card>`},
		{tazala.KindPAN, "Card no «4111111111111111» please"},
		{tazala.KindPAN, `{"order":{"number":"4556737586899855"}}`},
		{tazala.KindPAN, "order no 4111111111111111"},
		{tazala.KindPAN, `<Account><Number>4556737586899855</Number></Account>`},
		{tazala.KindExpiry, "PAN=4111111111111111;EXP=«2712»;CVV=123"},
		{tazala.KindExpiry, `{"cardExpiry":"«2027-12»"}`},
		{tazala.KindCVV, "Срок: 12/27. Код: «123»"},
		// not an expiry
		{tazala.KindExpiry, `{"period":"2027-12","exp":"2013"}`},
		{tazala.KindExpiry, "page 3/27 of the report"},
		{tazala.KindExpiry, "retries 3/ 10"},
		{tazala.KindExpiry, "report for 12/27 pages"},
		{tazala.KindExpiry, "validation took 12/27 steps"},
	}
	s := New(Config{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	for _, c := range cases {
		line := c.line
		a := strings.Index(line, "«")
		var want string
		if a >= 0 {
			b := strings.Index(line, "»")
			want = line[a+len("«") : b]
			line = line[:a] + want + line[b+len("»"):]
		}
		var got []string
		for _, f := range s.Scan([]byte(line), nil) {
			if f.Kind == c.kind {
				got = append(got, line[f.Span.Start:f.Span.End])
			}
		}
		switch {
		case want == "" && len(got) > 0:
			t.Errorf("%v in %q: got %q, want none", c.kind, line, got)
		case want != "" && (len(got) != 1 || got[0] != want):
			t.Errorf("%v in %q: got %q, want [%s]", c.kind, line, got, want)
		}
	}
}

// TestSplitNameBeforeKey: the last part of a split name stays a part when
// the next key=value key starts with a capital ("ИИН_клиента=").
func TestSplitNameBeforeKey(t *testing.T) {
	s := New(Config{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	line := `msg="ok" surname=Ахметжанова name=Динара patronymic=Ерлановна ИИН_клиента=900101300017`
	var got []string
	for _, f := range s.Scan([]byte(line), nil) {
		if f.Kind == tazala.KindName {
			got = append(got, line[f.Span.Start:f.Span.End])
		}
	}
	if strings.Join(got, ",") != "Ахметжанова,Динара,Ерлановна" {
		t.Errorf("got %q, want the three parts", got)
	}
}
