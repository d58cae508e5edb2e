// Package blindi generates a blind corpus of operational logs that hold no
// personal data at all: core-banking batch jobs, ATM/POS journals with masked
// card numbers, SWIFT/ISO 20022 status lines, telecom CDR summaries, payroll
// and ERP/1C system logs, ETL/Airflow/dbt runs, search, queue and
// HashiCorp server logs, CDN/WAF logs, release dashboards, and monitoring
// alerts in Kazakh and Russian. It checks tazala's promise "no finding at all
// on PII-free logs": every line is a negative, so any finding on it is a
// false alarm. Numbers that pass the IIN control digit or Luhn appear only
// under the non-personal labels listed in IINLabels and LuhnLabels.
//
// It was written without reading the scanner or its rules.
package blindi

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/tazala/tazala/internal/checksum"
)

// IINLabels are the field labels under which 12-digit numbers that pass the
// IIN birth-date and control-digit check are written (invoice, batch and
// document numbers and RRNs, never a person's IIN).
var IINLabels = []string{"invoice_no", "batch_id", "doc_no", "Номер документа", "journal_ref", "settlement_batch", "rrn"}

// LuhnLabels are the labels under which Luhn-valid 13–19 digit numbers are
// written; all of them start with 1, 7, 8 or 9, outside every card network
// range.
var LuhnLabels = []string{"ref", "contract_ref", "voucher", "loyalty_acct", "ts_ms"}

// Generator writes PII-free log lines deterministically from a seed.
type Generator struct {
	r    *rand.Rand
	last string
}

// New returns a Generator; equal seeds give equal sequences.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, 0x62_6c_69_6e_64_69))}
}

type tmpl struct {
	name string
	fn   func(g *Generator) string
}

// Next returns the next log line (no trailing newline).
func (g *Generator) Next() []byte {
	t := templates[g.r.IntN(len(templates))]
	g.last = t.name
	return []byte(t.fn(g))
}

// Template is the name of the template that wrote the last line.
func (g *Generator) Template() string { return g.last }

// Templates lists every template name.
func Templates() []string {
	out := make([]string, len(templates))
	for i, t := range templates {
		out[i] = t.name
	}
	return out
}

func (g *Generator) pick(s ...string) string { return s[g.r.IntN(len(s))] }
func (g *Generator) n(lo, hi int) int        { return lo + g.r.IntN(hi-lo+1) }

func (g *Generator) digits(k int) string {
	b := make([]byte, k)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

func (g *Generator) hex(k int) string {
	const h = "0123456789abcdef"
	b := make([]byte, k)
	for i := range b {
		b[i] = h[g.r.IntN(16)]
	}
	return string(b)
}

func (g *Generator) ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", g.n(1, 12), g.n(1, 28), g.n(0, 23), g.n(0, 59), g.n(0, 59), g.n(0, 999))
}

func (g *Generator) ip() string {
	return fmt.Sprintf("%s.%d.%d.%d", g.pick("10", "172", "185", "91", "2", "95"), g.n(0, 255), g.n(0, 255), g.n(1, 254))
}

func (g *Generator) uuid() string {
	return g.hex(8) + "-" + g.hex(4) + "-4" + g.hex(3) + "-a" + g.hex(3) + "-" + g.hex(12)
}

// iinValid returns a 12-digit number with a real date, century digit 1–6 and
// a correct IIN control digit: written only under IINLabels.
func (g *Generator) iinValid() string {
	for {
		d := fmt.Sprintf("%02d%02d%02d%d%s", g.n(0, 99), g.n(1, 12), g.n(1, 28), g.n(3, 6), g.digits(4))
		if c := checksum.IINControl([]byte(d)); c >= 0 {
			return d + string(byte('0'+c))
		}
	}
}

// luhnRef returns a Luhn-valid number of k digits starting with 1, 7, 8 or 9
// (no card network): written only under LuhnLabels.
func (g *Generator) luhnRef(k int) string {
	body := g.pick("1", "7", "8", "9") + g.digits(k-2)
	return body + string(byte('0'+checksum.LuhnDigit([]byte(body))))
}

// masked returns a masked card number (first 6 and last 4 only).
func (g *Generator) masked() string {
	bin := g.pick("440043", "400303", "539545", "517792", "220220", "676180", "427638")
	switch g.r.IntN(3) {
	case 0:
		return bin + "******" + g.digits(4)
	case 1:
		return bin[:4] + " " + bin[4:] + "** **** " + g.digits(4)
	default:
		return bin + "XXXXXX" + g.digits(4)
	}
}

// iban returns a KZ IBAN with a correct ISO 13616 check.
func (g *Generator) iban() string {
	bban := g.pick("722", "601", "998", "949", "070", "826") + "S" + g.digits(12)
	if g.r.IntN(2) == 0 {
		bban = g.pick("722", "601", "998", "949") + "C" + g.digits(12)
	}
	// mod 97 of BBAN + "KZ00" with letters as numbers.
	s := bban + "KZ00"
	var num strings.Builder
	for _, c := range s {
		if c >= 'A' && c <= 'Z' {
			fmt.Fprintf(&num, "%d", int(c-'A')+10)
		} else {
			num.WriteRune(c)
		}
	}
	m := 0
	for _, c := range num.String() {
		m = (m*10 + int(c-'0')) % 97
	}
	return fmt.Sprintf("KZ%02d%s", 98-m, bban)
}

func (g *Generator) bic() string {
	return g.pick("HSBKKZKX", "KCJBKZKX", "CASPKZKA", "ATYNKZKA", "IRTYKZKA", "CITIKZKA", "DEUTDEFF", "RZBAATWW", "SABRRUMM", "BKCHCNBJ")
}

func (g *Generator) city() string {
	return g.pick("Алматы", "Астана", "Шымкент", "Қарағанды", "Ақтөбе", "Атырау", "Өскемен", "Павлодар", "Қостанай", "Тараз", "Семей", "Орал", "Түркістан", "Көкшетау")
}

func (g *Generator) cityRu() string {
	return g.pick("Алматы", "Астана", "Шымкенте", "Караганде", "Актобе", "Атырау", "Усть-Каменогорске", "Павлодаре", "Костанае", "Таразе", "Семее", "Уральске")
}

func (g *Generator) team() string {
	return g.pick("Core Banking", "Card Processing", "Data Platform", "Mobile Banking", "Site Reliability", "Treasury Ops", "Payment Gateway", "Risk Engine", "Open Banking", "Customer Channels", "Ядро Платежей", "Цифровой Банкинг", "Казначейство Онлайн")
}

func (g *Generator) product() string {
	return g.pick("Kaspi Pay", "Halyk Market", "Smart Deposit", "Onay Transit", "Freedom Broker", "Jusan Business", "Home Credit", "Bonus Club", "Green Card", "Salary Project")
}

func (g *Generator) monthRu() string {
	return g.pick("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря")
}

func (g *Generator) monthKk() string {
	return g.pick("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан")
}

func (g *Generator) monthEn() string {
	return g.pick("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
}

func (g *Generator) host(p string) string {
	return fmt.Sprintf("%s-%s%02d", p, g.pick("ala", "nqz", "cit", "dc1", "dc2"), g.n(1, 24))
}

func (g *Generator) pickI(s ...int) int { return s[g.r.IntN(len(s))] }

// nonLuhn returns k random digits that fail the Luhn check (merchant ids,
// sequence numbers).
func (g *Generator) nonLuhn(k int) string {
	d := []byte(g.digits(k))
	if checksum.Luhn(d) {
		d[k-1] = '0' + (d[k-1]-'0'+1)%10
	}
	return string(d)
}
