package blindd

import (
	"fmt"
	"strings"

	"github.com/tazala/tazala"
)

const (
	kPAN  = tazala.KindPAN
	kExp  = tazala.KindExpiry
	kCVV  = tazala.KindCVV
	kName = tazala.KindName
)

// negField draws a card-adjacent field that is not personal data: codes,
// results, counters, ranges, masked numbers, amounts.
func (g *Generator) negField() (key, val string, num bool) {
	r := g.r
	switch g.n(16) {
	case 0:
		return g.pick([]string{"approval_code", "auth_code", "authCode", "approvalCode"}), digits(r, 6), false
	case 1:
		return g.pick([]string{"response_code", "rc", "respCode", "action_code"}), []string{"00", "05", "51", "54", "14", "91"}[g.n(6)], false
	case 2:
		return g.pick([]string{"cvv_result", "cvcCheck", "cvv2_result", "cvc_check", "cvvResponse", "cvc_result"}), []string{"M", "N", "P", "pass", "fail", "unavailable", "U"}[g.n(7)], false
	case 3:
		return g.pick([]string{"cvv_present", "cvcProvided", "cvv_supplied", "has_cvc"}), []string{"true", "false", "1"}[g.n(3)], true
	case 4:
		return g.pick([]string{"card_length", "panLength", "pan_len", "cardNumberLength"}), []string{"16", "15", "19", "13"}[g.n(4)], true
	case 5:
		return g.pick([]string{"bin", "card_bin", "iin_prefix", "binRange"}), digits(r, 6+2*g.n(2)), false
	case 6:
		return g.pick([]string{"last4", "card_last4", "lastFour", "pan_last_digits"}), digits(r, 4), false
	case 7:
		d, _ := panDigits(r)
		return g.pick([]string{"masked_pan", "card_mask", "maskedPan", "pan_masked"}), maskPAN(r, d), false
	case 8:
		return g.pick([]string{"mcc", "merchant_category", "mcc_code", "MCC"}), []string{"5411", "5999", "4111", "5812", "6011", "4829"}[g.n(6)], false
	case 9:
		return g.pick([]string{"terminal_id", "tid", "terminalId", "pos_id"}), digits(r, 8), false
	case 10:
		return g.pick([]string{"merchant_id", "mid", "merchantId", "acceptor_id"}), digits(r, 12+g.n(4)), false
	case 11:
		return g.pick([]string{"installments", "installment_count", "paymentsCount", "term_months"}), []string{"3", "6", "12", "24"}[g.n(4)], true
	case 12:
		return g.pick([]string{"currency", "currency_code", "cur", "ccy"}), g.pick(currencies), false
	case 13:
		return g.pick([]string{"http_status", "status", "statusCode", "http_code"}), []string{"200", "201", "400", "402", "404", "422", "500"}[g.n(7)], true
	case 14:
		return g.pick([]string{"pin_tries", "pin_try_counter", "pinTriesLeft", "pin_attempts"}), fmt.Sprint(g.n(4)), true
	default:
		return g.pick([]string{"eci", "three_ds_eci", "eciValue", "eci_flag"}), []string{"05", "06", "07", "02"}[g.n(4)], false
	}
}

// spokenCVV writes a CVV phrase from l, sep and the code; a phrase that
// says "three digits" gets a three-digit code even on an Amex card.
func (g *Generator) spokenCVV(b *builder, l []string, sep string, amex bool) *builder {
	ph := g.pick(l)
	lo := strings.ToLower(ph)
	if strings.Contains(lo, "три") || strings.Contains(lo, "трёх") || strings.Contains(lo, "three") || strings.Contains(lo, "үш") {
		amex = false
	}
	b.s(ph, sep)
	return b.v(kCVV, cvv(g.r, amex))
}

func (g *Generator) negKV(b *builder, sep string) {
	k, v, _ := g.negField()
	b.s(sep, k, "=", v)
}

func (g *Generator) negJSON(b *builder) {
	k, v, num := g.negField()
	if num && v != "" && v[0] >= '0' && v[0] <= '9' || v == "true" || v == "false" {
		b.s(`,"`, k, `":`, v)
		return
	}
	b.s(`,"`, k, `":"`, v, `"`)
}

func (g *Generator) jstr(b *builder, first bool, key string, k tazala.Kind, val string) {
	if !first {
		b.s(",")
	}
	b.s(`"`, key, `":"`)
	b.v(k, val)
	b.s(`"`)
}

// positive templates: even index Tune, odd index Held; pairs share a context.
var positive = []tpl{
	{"checkout-json", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s(`{"ts":"`, date(g.r), `","event":"checkout.submit","shop":"`, g.pick(shops), `","card":{`)
		g.jstr(b, true, g.pick(panKeys), kPAN, p)
		g.jstr(b, false, g.pick(expKeys), kExp, expiry(g.r, true))
		if g.n(4) > 0 {
			g.jstr(b, false, g.pick(cvvKeys), kCVV, cvv(g.r, amex))
		}
		if g.n(2) == 0 {
			g.jstr(b, false, g.pick(holderKeys), kName, g.holder())
		}
		b.s(`},"amount":`, amount(g.r))
		g.negJSON(b)
		g.negJSON(b)
		b.s("}")
	}},
	{"payment-form-json", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s(`{"type":"payment_form","request_id":"`, hexid(g.r, 16), `","payload":{`)
		if g.n(2) == 0 {
			g.jstr(b, true, g.pick(holderKeys), kName, g.holder())
			b.s(",")
		}
		b.s(`"`, g.pick(panKeys), `":"`)
		b.v(kPAN, p)
		b.s(`"`)
		if g.n(3) > 0 {
			g.jstr(b, false, g.pick(cvvKeys), kCVV, cvv(g.r, amex))
		}
		g.jstr(b, false, g.pick(expKeys), kExp, expiry(g.r, true))
		b.s(`}`)
		g.negJSON(b)
		b.s(`,"total":"`, amount(g.r), `"}`)
	}},
	{"form-urlencoded", func(g *Generator, b *builder) {
		p, amex := g.pan()
		p = strings.ReplaceAll(p, " ", "+")
		b.s(date(g.r), " DEBUG http.request POST /checkout/pay body=\"order_id=", digits(g.r, 9), "&", g.pick(panKeys), "=")
		b.v(kPAN, p)
		e := strings.ReplaceAll(expiry(g.r, false), " ", "")
		b.s("&", g.pick(expKeys), "=").v(kExp, e)
		b.s("&", g.pick(cvvKeys), "=").v(kCVV, cvv(g.r, amex))
		b.s("&amount=", amount(g.r), "\"")
		g.negKV(b, " ")
	}},
	{"multipart-dump", func(g *Generator, b *builder) {
		p, amex := g.pan()
		bd := "----WebKitFormBoundary" + hexid(g.r, 12)
		b.s("multipart body: --", bd, `\r\nContent-Disposition: form-data; name="`, g.pick(panKeys), `"\r\n\r\n`)
		b.v(kPAN, p)
		b.s(`\r\n--`, bd, `\r\nContent-Disposition: form-data; name="`, g.pick(expKeys), `"\r\n\r\n`)
		b.v(kExp, expiry(g.r, true))
		b.s(`\r\n--`, bd, `\r\nContent-Disposition: form-data; name="`, g.pick(cvvKeys), `"\r\n\r\n`)
		b.v(kCVV, cvv(g.r, amex))
		b.s(`\r\n--`, bd, `\r\nContent-Disposition: form-data; name="installments"\r\n\r\n`, []string{"3", "6", "12"}[g.n(3)], `\r\n--`, bd, `--`)
	}},
	{"mobile-analytics", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s(`{"app":"`, g.pick(apps), `","v":"4.`, fmt.Sprint(g.n(20)), `.`, fmt.Sprint(g.n(9)), `","event":"form_state","screen":"PaymentSheet","fields":{`)
		g.jstr(b, true, g.pick(panKeys), kPAN, p)
		g.jstr(b, false, g.pick(expKeys), kExp, expiry(g.r, false))
		g.jstr(b, false, g.pick(cvvKeys), kCVV, cvv(g.r, amex))
		b.s(`},"session_ms":`, digits(g.r, 5))
		g.negJSON(b)
		b.s(`}`)
	}},
	{"crash-report", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s("FATAL EXCEPTION: main Process: ", g.pick(apps), ", PID: ", digits(g.r, 5), " java.lang.IllegalStateException: submit failed for PaymentFormState(")
		b.s(g.pick([]string{"cardNumber", "pan", "number", "rawPan"}), "=").v(kPAN, p)
		b.s(", ", g.pick([]string{"expiry", "expDate", "validThru", "expiration"}), "=").v(kExp, expiry(g.r, false))
		b.s(", ", g.pick([]string{"cvc", "cvv", "securityCode", "cvv2"}), "=").v(kCVV, cvv(g.r, amex))
		if g.n(2) == 0 {
			b.s(", ", g.pick([]string{"holderName", "cardholder", "nameOnCard", "holder"}), "=").v(kName, g.holder())
		}
		b.s(", saveCard=true) at kz.pay.ui.PaymentViewModel.submit(PaymentViewModel.kt:", fmt.Sprint(100+g.n(300)), ")")
	}},
	{"call-ru", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s(date(g.r), " call=", hexid(g.r, 8), " ", g.pick(agents), " transcript: клиент: ")
		if g.n(2) == 0 {
			b.s("меня зовут ").v(kName, g.ruName()).s(", ")
		}
		b.s(g.pick(ruPan), " ").v(kPAN, p)
		b.s(", ", g.pick(ruExp), " ").v(kExp, expiry(g.r, false))
		if g.n(3) == 0 {
			b.s(" года")
		}
		b.s(", ")
		g.spokenCVV(b, ruCVV, " ", amex)
		b.s(". оператор: спасибо, SMS-код ", digits(g.r, 6), " не называйте")
	}},
	{"call-ru-stt", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s("[", date(g.r), "] stt ", g.pick(agents), " | Абонент: да, ", g.pick(ruPan), " ").v(kPAN, p)
		b.s(" | Оператор: срок? | Абонент: ", g.pick(ruExp), " ").v(kExp, expiry(g.r, false))
		b.s(" | Оператор: и код? | Абонент: ")
		g.spokenCVV(b, ruCVV, " — ", amex)
		b.s(" | PIN не называю, он ", digits(g.r, 4))
	}},
	{"call-kk", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s(date(g.r), " қоңырау ", hexid(g.r, 6), " клиент: ", g.pick(kkPan), " ").v(kPAN, p)
		b.s(", ", g.pick(kkExp), " ").v(kExp, expiry(g.r, false))
		b.s(" дейін, ")
		g.spokenCVV(b, kkCVV, " ", amex)
		b.s(". Оператор: рахмет, тапсырыс ", digits(g.r, 7), " өңделуде")
	}},
	{"call-kk-ivr-agent", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s("IVR/агент ", g.pick(agents), ": Тұтынушы ")
		b.v(kName, g.ruName())
		b.s(" айтты: ", g.pick(kkPan), " ").v(kPAN, p)
		b.s("; ", g.pick(kkExp), ": ").v(kExp, expiry(g.r, false))
		b.s("; ")
		g.spokenCVV(b, kkCVV, ": ", amex)
		b.s("; SMS код ", digits(g.r, 6), " сұралмады")
	}},
	{"call-en", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s(date(g.r), " transcript caller: ok, ", g.pick(enPan), " ").v(kPAN, p)
		b.s(", ", g.pick(enExp), " ").v(kExp, expiry(g.r, false))
		b.s(" and ")
		g.spokenCVV(b, enCVV, " ", amex)
		b.s(". agent: thanks, your reference is ", digits(g.r, 8))
	}},
	{"call-en-notes", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s("agent_notes: customer ").v(kName, g.holder())
		b.s(" read out ", g.pick(enPan), " ").v(kPAN, p)
		b.s(" / ", g.pick(enExp), " ").v(kExp, expiry(g.r, false))
		b.s(" / ")
		g.spokenCVV(b, enCVV, " ", amex)
		b.s(" ; one-time passcode ", digits(g.r, 6), " verified")
	}},
	{"ivr", func(g *Generator, b *builder) {
		d, amex := panDigits(g.r)
		b.s("ivr session=", hexid(g.r, 10), " node=collect_card dtmf_", g.pick(panKeys), "=").v(kPAN, d)
		b.s(" node=collect_exp ", g.pick(expKeys), "=").v(kExp, expiry(g.r, false))
		b.s(" node=collect_cvv ", g.pick(cvvKeys), "=").v(kCVV, cvv(g.r, amex))
		b.s(" retries=", fmt.Sprint(g.n(3)), " lang=", []string{"ru", "kk", "en"}[g.n(3)])
	}},
	{"chargeback", func(g *Generator, b *builder) {
		p, _ := g.pan()
		b.s("dispute case=CB-", digits(g.r, 8), " reason=", []string{"4837", "4853", "10.4", "13.1"}[g.n(4)], " ", g.pick(panKeys), "=").v(kPAN, p)
		b.s(" ", g.pick(expKeys), "=").v(kExp, expiry(g.r, true))
		b.s(" ", g.pick(holderKeys), "=\"").v(kName, g.holder()).s("\"")
		b.s(" arn=", digits(g.r, 23), " amount=", amount(g.r))
		g.negKV(b, " ")
	}},
	{"chargeback-json", func(g *Generator, b *builder) {
		p, _ := g.pan()
		b.s(`{"dispute_id":"dp_`, hexid(g.r, 14), `","stage":"pre_arbitration","card":{`)
		g.jstr(b, true, g.pick(panKeys), kPAN, p)
		g.jstr(b, false, g.pick(holderKeys), kName, g.holder())
		b.s(`},"due_by":"2026-`, fmt.Sprintf("%02d", 1+g.n(12)), `-15"`)
		g.negJSON(b)
		g.negJSON(b)
		b.s(`}`)
	}},
	{"fraud-score", func(g *Generator, b *builder) {
		p, _ := g.pan()
		b.s(`{"op":"fraud.score","card":{`)
		g.jstr(b, true, g.pick(panKeys), kPAN, p)
		g.jstr(b, false, g.pick(expKeys), kExp, expiry(g.r, true))
		b.s(`}`)
		g.negJSON(b)
		g.negJSON(b)
		g.negJSON(b)
		b.s(`,"score":0.`, digits(g.r, 3), `}`)
	}},
	{"fraud-score-kv", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s("risk-engine req=", hexid(g.r, 12), " ", g.pick(panKeys), "=").v(kPAN, p)
		if g.n(2) == 0 {
			b.s(" ", g.pick(cvvKeys), "=").v(kCVV, cvv(g.r, amex))
		}
		g.negKV(b, " ")
		g.negKV(b, " ")
		b.s(" device=", hexid(g.r, 16), " decision=", []string{"allow", "review", "deny"}[g.n(3)])
	}},
	{"card-reissue", func(g *Generator, b *builder) {
		p, _ := g.pan()
		b.s(date(g.r), " INFO card-issuing event=card.reissued card_id=", hexid(g.r, 10), " new_", g.pick(panKeys), "=").v(kPAN, p)
		b.s(" new_", g.pick(expKeys), "=").v(kExp, expiry(g.r, true))
		b.s(" ", g.pick(holderKeys), "=").v(kName, g.holder())
		b.s(" pin_set=false pin_tries=0 delivery=courier")
	}},
	{"card-block", func(g *Generator, b *builder) {
		p, _ := g.pan()
		b.s(date(g.r), " WARN card-mgmt ", g.pick([]string{"card.blocked", "card.pin_changed", "card.unblocked", "card.limit_changed"}), " ", g.pick(panKeys), "=").v(kPAN, p)
		b.s(" reason=", []string{"lost", "stolen", "customer_request", "fraud_suspected"}[g.n(4)], " new_pin=", digits(g.r, 4), " pin_try_counter=", fmt.Sprint(g.n(3)))
	}},
	{"subscription", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s(`{"event":"subscription.created","plan":"premium_`, fmt.Sprint(g.n(5)), `","next_charge":"2027-0`, fmt.Sprint(1+g.n(9)), `-05","subscription_expires":"0`, fmt.Sprint(1+g.n(9)), `/28","payment_method":{`)
		g.jstr(b, true, g.pick(panKeys), kPAN, p)
		g.jstr(b, false, g.pick(expKeys), kExp, expiry(g.r, true))
		if g.n(3) == 0 {
			g.jstr(b, false, g.pick(cvvKeys), kCVV, cvv(g.r, amex))
		}
		b.s(`}}`)
	}},
	{"recurring-kv", func(g *Generator, b *builder) {
		p, _ := g.pan()
		b.s("recurring.setup merchant=", g.pick(shops), " interval=monthly trial_ends=", fmt.Sprintf("%02d/%02d/2026", 1+g.n(28), 1+g.n(12)), " ", g.pick(panKeys), "=").v(kPAN, p)
		b.s(" ", g.pick(expKeys), "=").v(kExp, expiry(g.r, false))
		b.s(" promo_valid_until=", fmt.Sprintf("%02d/%02d", 1+g.n(12), 26+g.n(3)))
	}},
	{"tokenization", func(g *Generator, b *builder) {
		p, _ := g.pan()
		b.s(`{"event":"token.provisioned","wallet":"`, []string{"apple_pay", "google_pay", "samsung_pay"}[g.n(3)], `",`)
		g.jstr(b, true, g.pick([]string{"dpan", "token_pan", "device_pan", "tokenNumber"}), kPAN, p)
		b.s(`,"fpan_last4":"`, digits(g.r, 4), `","token_requestor_id":"`, digits(g.r, 11), `","token_expires_at":"2027-0`, fmt.Sprint(1+g.n(9)), `-01T00:00:00Z"}`)
	}},
	{"tokenization-kv", func(g *Generator, b *builder) {
		p, _ := g.pan()
		b.s("vts provision ok tokenRef=DNITHE", strings.ToUpper(hexid(g.r, 20)), " ", g.pick([]string{"dpan", "token_pan", "device_pan", "tokenNumber"}), "=").v(kPAN, p)
		b.s(" ", g.pick(expKeys), "=").v(kExp, expiry(g.r, false))
		b.s(" cryptogram=", hexid(g.r, 28))
	}},
	{"statement", func(g *Generator, b *builder) {
		p, _ := g.pan()
		b.s("Выписка по карте ").v(kPAN, p)
		b.s(" за период 01.0", fmt.Sprint(1+g.n(8)), ".2026–30.0", fmt.Sprint(1+g.n(8)), ".2026, держатель ").v(kName, g.holder())
		b.s(", срок действия карты ").v(kExp, expiry(g.r, false))
		b.s(", остаток ", amount(g.r), " KZT, покупок ", fmt.Sprint(g.n(40)))
	}},
	{"statement-kk", func(g *Generator, b *builder) {
		d, _ := panDigits(g.r)
		b.s("Карта бойынша үзінді ", maskPAN(g.r, d), ", иесі ").v(kName, g.holder())
		b.s(", карта мерзімі ").v(kExp, expiry(g.r, false))
		b.s(", MCC ", []string{"5411", "5812"}[g.n(2)], ", сома ", amount(g.r), " ₸")
	}},
	{"debug-python", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s("DEBUG gateway.client: sending {'", g.pick(panKeys), "': '").v(kPAN, p)
		b.s("', '", g.pick(expKeys), "': '").v(kExp, expiry(g.r, false))
		b.s("', '", g.pick(cvvKeys), "': '").v(kCVV, cvv(g.r, amex))
		b.s("', 'amount': ", amount(g.r), ", 'currency': '", g.pick(currencies), "'}")
	}},
	{"debug-java", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s("2026 DEBUG [http-nio-8080-exec-", fmt.Sprint(g.n(20)), "] c.p.g.AcquirerClient - request=CardDetails{number='").v(kPAN, p)
		b.s("', expiry='").v(kExp, expiry(g.r, false))
		b.s("', cvc='").v(kCVV, cvv(g.r, amex))
		b.s("', holder='").v(kName, g.holder())
		b.s("', cvcPresent=true, authCode=", digits(g.r, 6), "}")
	}},
	{"debug-php", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s("[", date(g.r), "] app.DEBUG: Array ( [", g.pick(panKeys), "] => ").v(kPAN, p)
		b.s(" [", g.pick(expKeys), "] => ").v(kExp, expiry(g.r, false))
		b.s(" [", g.pick(cvvKeys), "] => ").v(kCVV, cvv(g.r, amex))
		b.s(" [http_status] => ", []string{"200", "402"}[g.n(2)], " )")
	}},
	{"debug-go", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s("level=debug msg=\"charge\" req=\"&{Number:").v(kPAN, p)
		b.s(" Expiry:").v(kExp, expiry(g.r, false))
		b.s(" CVC:").v(kCVV, cvv(g.r, amex))
		b.s(" Holder:").v(kName, g.holder())
		b.s(" Amount:", digits(g.r, 5), " Currency:", g.pick(currencies), "}\"")
	}},
	{"debug-ruby", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s("D, [", date(g.r), "] DEBUG -- : params: {\"", g.pick(panKeys), "\"=>\"").v(kPAN, p)
		b.s("\", \"", g.pick(expKeys), "\"=>\"").v(kExp, expiry(g.r, false))
		b.s("\", \"", g.pick(cvvKeys), "\"=>\"").v(kCVV, cvv(g.r, amex))
		b.s("\", \"save\"=>\"1\"}")
	}},
	{"debug-csharp", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s("dbug: Payments.Gateway[0] PaymentRequest { CardNumber = ").v(kPAN, p)
		b.s(", ExpiryDate = ").v(kExp, expiry(g.r, false))
		b.s(", Cvv = ").v(kCVV, cvv(g.r, amex))
		b.s(", CardHolder = ").v(kName, g.holder())
		b.s(", Installments = ", fmt.Sprint(1+g.n(12)), " }")
	}},
	{"email-template", func(g *Generator, b *builder) {
		d, _ := panDigits(g.r)
		b.s("mailer render tpl=card_expiring to_hash=", hexid(g.r, 10), " body=\"Уважаемый(ая) ").v(kName, g.holder())
		b.s(", срок действия вашей карты ", maskPAN(g.r, d), " истекает ").v(kExp, expiry(g.r, false))
		b.s(". Новая карта будет готова через ", fmt.Sprint(3+g.n(10)), " дней.\"")
	}},
	{"sms-template", func(g *Generator, b *builder) {
		d, _ := panDigits(g.r)
		b.s("sms out tpl=card_issued text=\"Dear ").v(kName, g.holder())
		b.s(", your card *", d[len(d)-4:], " valid thru ").v(kExp, expiry(g.r, false))
		b.s(" is ready. Never share your PIN or code ", digits(g.r, 6), "\"")
	}},
	{"chat-json-ru", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s(`{"channel":"telegram","from":"user","chat_id":`, digits(g.r, 9), `,"text":"вот карта `)
		b.v(kPAN, p)
		b.s(`, `, g.pick(ruExp), ` `).v(kExp, expiry(g.r, false))
		b.s(`, `)
		g.spokenCVV(b, ruCVV, " ", amex)
		b.s(`, код из смс `, digits(g.r, 6), ` пришлю позже"}`)
	}},
	{"chat-json-en", func(g *Generator, b *builder) {
		p, amex := g.pan()
		b.s(`{"channel":"whatsapp","direction":"in","msg":"Card: `)
		b.v(kPAN, p)
		b.s(`, `, g.pick(enExp), ` (month/year) `).v(kExp, expiry(g.r, false))
		b.s(`, `)
		g.spokenCVV(b, enCVV, " ", amex)
		b.s(`, name `).v(kName, g.holder())
		b.s(`","attachments":0}`)
	}},
	{"masked-cvv-form", func(g *Generator, b *builder) {
		d, _ := panDigits(g.r)
		b.s(`{"form":"card_update","card":{"`, g.pick([]string{"masked_pan", "card_mask", "maskedPan", "pan_masked"}), `":"`, maskPAN(g.r, d), `",`)
		b.s(`"`, g.pick(expKeys), `":"`).v(kExp, expiry(g.r, true))
		b.s(`","`, g.pick(cvvKeys), `":"***","`, g.pick(holderKeys), `":"`).v(kName, g.holder())
		b.s(`"},"cvv_length":3}`)
	}},
	{"masked-cvv-kv", func(g *Generator, b *builder) {
		d, _ := panDigits(g.r)
		b.s("card.updated pan=", maskPAN(g.r, d), " ", g.pick(expKeys), "=").v(kExp, expiry(g.r, false))
		b.s(" ", g.pick(cvvKeys), "=[REDACTED] ", g.pick(holderKeys), "=\"").v(kName, g.holder())
		b.s("\" pin_changed=false")
	}},
}

// negative templates: lines with no personal data.
var negative = []tpl{
	{"otp-3ds", func(g *Generator, b *builder) {
		d, _ := panDigits(g.r)
		b.s(date(g.r), " 3ds challenge sent card=", maskPAN(g.r, d), " otp=", digits(g.r, 6), " attempts=", fmt.Sprint(1+g.n(3)), " acs_trans_id=", hexid(g.r, 32))
	}},
	{"sms-otp", func(g *Generator, b *builder) {
		b.s("sms out text=\"Код подтверждения ", digits(g.r, 4+2*g.n(2)), " для оплаты картой *", digits(g.r, 4), ". Никому не сообщайте код.\"")
	}},
	{"auth-approved", func(g *Generator, b *builder) {
		b.s("auth approved")
		for i := 0; i < 4; i++ {
			g.negKV(b, " ")
		}
		b.s(" rrn=", digits(g.r, 12), " amount=", amount(g.r))
	}},
	{"auth-json", func(g *Generator, b *builder) {
		b.s(`{"op":"authorize","status":"declined"`)
		for i := 0; i < 5; i++ {
			g.negJSON(b)
		}
		b.s(`}`)
	}},
	{"cvv-result", func(g *Generator, b *builder) {
		b.s(`{"card_check":{"cvv_result":"`, []string{"M", "N", "P"}[g.n(3)], `","cvcCheck":"`, []string{"pass", "fail"}[g.n(2)], `","cvv_present":true,"card_length":16,"avs":"Y"}`)
		g.negJSON(b)
		b.s(`}`)
	}},
	{"cvv-result-kv", func(g *Generator, b *builder) {
		b.s("gw resp cvv2_match=", []string{"M", "N", "U"}[g.n(3)], " cvc_check=", []string{"unavailable", "pass"}[g.n(2)], " cvv required: yes, cvv length: ", []string{"3", "4"}[g.n(2)], " digits")
		g.negKV(b, " ")
	}},
	{"pin", func(g *Generator, b *builder) {
		b.s("pin verify failed card_last4=", digits(g.r, 4), " pin_try_counter=", fmt.Sprint(g.n(3)), " tries_left=", fmt.Sprint(g.n(3)), " new PIN length 4")
	}},
	{"pin-change", func(g *Generator, b *builder) {
		b.s("card.pin_changed via ATM ", digits(g.r, 8), " PIN: ", digits(g.r, 4), " offset=", digits(g.r, 4), " card ending ", digits(g.r, 4))
	}},
	{"cert-expiry", func(g *Generator, b *builder) {
		b.s("TLS certificate for api.pay.kz expires ", fmt.Sprintf("%02d/%02d", 1+g.n(12), 26+g.n(4)), " (serial ", hexid(g.r, 16), "), renew before expiry")
	}},
	{"token-expiry", func(g *Generator, b *builder) {
		b.s(`{"oauth":"refresh","token_type":"bearer","expires_in":`, digits(g.r, 4), `,"exp":`, "17"+digits(g.r, 8), `,"valid_until":"`, fmt.Sprintf("%02d/%02d", 1+g.n(12), 26+g.n(4)), `"}`)
	}},
	{"promo-giftcard", func(g *Generator, b *builder) {
		b.s("promo code SPRING", digits(g.r, 2), " valid till ", fmt.Sprintf("%02d/%02d", 1+g.n(12), 26+g.n(3)), "; gift card balance ", amount(g.r), ", gift card security code ", digits(g.r, 3), " redeemed")
	}},
	{"passport-expiry", func(g *Generator, b *builder) {
		b.s("kyc doc type=passport expiry=", fmt.Sprintf("20%02d-%02d-%02d", 27+g.n(8), 1+g.n(12), 1+g.n(28)), " country=KZ status=verified")
	}},
	{"sim-card", func(g *Generator, b *builder) {
		b.s("SIM card replaced ICCID ", "8997", digits(g.r, 15), " PUK ", digits(g.r, 8), " PIN ", digits(g.r, 4), " card slot 2")
	}},
	{"door-code", func(g *Generator, b *builder) {
		b.s("account security code ", digits(g.r, 6), " sent to device; Wi-Fi security code for lobby ", digits(g.r, 3), "; login attempts ", fmt.Sprint(g.n(5)))
	}},
	{"http-cards", func(g *Generator, b *builder) {
		b.s(`10.0.`, fmt.Sprint(g.n(255)), `.`, fmt.Sprint(g.n(255)), ` - - "POST /v1/cards/`, hexid(g.r, 8), `/verify HTTP/1.1" `, []string{"200", "400", "402", "422"}[g.n(4)], " ", digits(g.r, 3), ` "card" currency=`, g.pick(currencies))
	}},
	{"bin-range", func(g *Generator, b *builder) {
		bn := digits(g.r, 6)
		b.s("bin table update range=", bn, "00-", bn, "99 scheme=", []string{"VISA", "MC", "MIR", "UPI"}[g.n(4)], " card lengths 16,19 country 398")
	}},
	{"luhn-invalid", func(g *Generator, b *builder) {
		b.s("order ", luhnInvalid(g.r), " created, installments ", fmt.Sprint(1+g.n(12)), "/12, amount ", amount(g.r))
	}},
	{"masked-json", func(g *Generator, b *builder) {
		d, _ := panDigits(g.r)
		b.s(`{"card":{"masked":"`, maskPAN(g.r, d), `","last4":"`, d[len(d)-4:], `","exp_month_present":true},"year":`, fmt.Sprint(2020+g.n(8)), `,"date":"`, fmt.Sprintf("%02d/%02d/2024", 1+g.n(28), 1+g.n(12)), `"}`)
	}},
	{"card-expiring-notice", func(g *Generator, b *builder) {
		b.s("notify job: card ending ", digits(g.r, 4), " expires in ", fmt.Sprint(10+g.n(50)), " days, reissue scheduled ", fmt.Sprintf("2026-%02d-%02d", 1+g.n(12), 1+g.n(28)), ", cvv will change")
	}},
	{"card-expiring-kk", func(g *Generator, b *builder) {
		b.s("хабарлама: *", digits(g.r, 4), " картаның мерзімі ", fmt.Sprint(10+g.n(50)), " күннен кейін аяқталады; жаңа PIN ", digits(g.r, 4), " орнатылмаған")
	}},
	{"threeds-json", func(g *Generator, b *builder) {
		b.s(`{"threeDS":{"version":"2.2.0","challenge":"sms","otp":"`, digits(g.r, 6), `","attempt":`, fmt.Sprint(1+g.n(3)), `,"eci":"05"},"cvv_required":false}`)
	}},
	{"threeds-kv", func(g *Generator, b *builder) {
		b.s("acs: cardholder verification code ", digits(g.r, 6), " sent, expires in 300 s; card security check ", []string{"passed", "failed"}[g.n(2)], " code=", []string{"Y", "N", "A"}[g.n(3)])
	}},
	{"loyalty-card", func(g *Generator, b *builder) {
		b.s("loyalty card ", "7000", digits(g.r, 9), " points ", digits(g.r, 4), " card security code ", digits(g.r, 2), "-", digits(g.r, 2), " tier gold")
	}},
	{"transport-card", func(g *Generator, b *builder) {
		b.s("Onay transport card top-up: card ", digits(g.r, 10), ", valid to ", fmt.Sprintf("%02d/%02d", 1+g.n(12), 27+g.n(4)), " (card of the city), amount ", amount(g.r))
	}},
}
