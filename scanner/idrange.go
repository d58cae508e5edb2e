package scanner

// An id label owns the clause it opens: "invoice_no range starts
// 620501337021", "order_id from 1234…", "номер_счета начиная с …". The
// number after a few plain linking words is the label's id, not a
// person's IIN or phone.

// linkWords are the plain words an id label may stand before its number
// by: range, start and "from" phrases in English, Russian and Kazakh.
var linkWords = map[string]bool{
	"range": true, "starts": true, "start": true, "starting": true, "started": true, "begins": true,
	"from": true, "at": true, "is": true, "was": true, "with": true, "to": true, "first": true, "last": true,
	"next": true, "between": true, "opens": true, "ends": true, "ending": true,
	"диапазон": true, "начиная": true, "начинается": true, "начало": true, "с": true, "со": true, "от": true,
	"до": true, "по": true, "первый": true, "последний": true,
	"бастап": true, "басталады": true, "бастап:": true, "дейін": true,
}

// idNouns are the nouns of a business document's or a job's id.
var idNouns = map[string]bool{
	"invoice": true, "invoices": true, "order": true, "batch": true, "document": true, "doc": true,
	"receipt": true, "contract": true, "ticket": true, "shipment": true, "waybill": true, "bill": true,
	"statement": true, "voucher": true, "cheque": true, "check": true, "job": true, "run": true,
	"счет": true, "счёт": true, "счета": true, "заказ": true, "заказа": true, "документ": true,
	"документа": true, "накладная": true, "накладной": true, "партия": true, "партии": true,
	"договор": true, "договора": true, "чек": true, "чека": true, "квитанция": true, "квитанции": true,
	"шот": true, "құжат": true, "тапсырыс": true,
}

// idSuffixes are the endings of an id key after its noun.
var idSuffixes = []string{"", "_no", "_id", "_num", "_number", "_nr", "-no", "-id", "-number", "no", "id", "number",
	".no", ".id", "_номер", "_№"}

// idLabel reports whether w is an id label: an id noun alone or with an
// id ending ("invoice_no", "orderId", "batch-id", "счет").
func idLabel(w []byte) bool {
	if len(w) == 0 || len(w) > 40 {
		return false
	}
	var buf [64]byte
	lw := string(lowerInto(buf[:0], w))
	for _, suf := range idSuffixes {
		if len(lw) > len(suf) && lw[len(lw)-len(suf):] == suf && idNouns[lw[:len(lw)-len(suf)]] {
			return true
		}
	}
	return false
}

// idLabelOver returns ctxNeg when the word w at ws is a linking word and
// an id label stands at most three plain words (joined by single blanks)
// before it; otherwise 0.
func idLabelOver(t []byte, w []byte, ws, lo int) ctx {
	if e := ws + len(w); len(w) > 20 || e >= len(t) || t[e] != ' ' || ws-1 <= lo || t[ws-1] != ' ' {
		return 0 // a quick no: a key's "=" or ":", a word not between blanks
	}
	for k := 0; k < 3; k++ {
		var buf [32]byte
		if len(w) > 24 || !linkWords[string(lowerInto(buf[:0], w))] {
			return 0
		}
		if ws-1 <= lo || t[ws-1] != ' ' || t[ws-2] == ' ' {
			return 0 // only plain words joined by a blank
		}
		pw, ps, ok := prevWord(t, ws-1, lo)
		if !ok || ps+len(pw) != ws-1 {
			return 0
		}
		if idLabel(pw) {
			return ctxNeg
		}
		w, ws = pw, ps
	}
	return 0
}
