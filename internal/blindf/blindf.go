// Package blindf generates labelled payment-card log lines (PAN, expiry,
// CVV and many code-shaped negatives near card words) written by an author
// who never read the scanner. Two parts, Tune and Held, draw from disjoint
// templates and vocabularies: every list is split by index parity (even
// entries belong to Tune, odd to Held). See docs/blindf.md.
package blindf

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
	"github.com/tazala/tazala/internal/evalfmt"
)

// Part selects one of the two disjoint halves of the generator.
type Part int

// The two parts: Tune may be looked at and tuned on; Held is only scored.
const (
	Tune Part = 0
	Held Part = 1
)

// Span is a labelled value: byte offsets into Record.Line.
type Span = evalfmt.Span

// Record is one generated log line with its truth spans.
type Record struct {
	Line  []byte
	Spans []Span
}

// Generator produces records deterministically from a seed and a part.
type Generator struct {
	r    *rand.Rand
	part Part
	n    int
}

// New returns a generator for part seeded with seed.
func New(seed uint64, part Part) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, 0x6b6c+uint64(part))), part: part}
}

type bld struct {
	b     []byte
	spans []Span
}

func (b *bld) s(parts ...string) {
	for _, p := range parts {
		b.b = append(b.b, p...)
	}
}

func (b *bld) v(k tazala.Kind, val string) {
	st := len(b.b)
	b.b = append(b.b, val...)
	b.spans = append(b.spans, Span{Kind: k, Start: st, End: len(b.b)})
}

// pick returns an entry of list belonging to the generator's part.
func (g *Generator) pick(list []string) string {
	return list[g.idx(len(list))]
}

func (g *Generator) idx(n int) int {
	p := int(g.part)
	cnt := (n - p + 1) / 2
	return p + 2*g.r.IntN(cnt)
}

func (g *Generator) chance(p float64) bool { return g.r.Float64() < p }
func (g *Generator) in(lo, hi int) int     { return lo + g.r.IntN(hi-lo+1) }
func (g *Generator) digits(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.WriteByte(byte('0' + g.r.IntN(10)))
	}
	return sb.String()
}

// network is a card scheme range: prefixes and allowed lengths.
type network struct {
	name     string
	prefixes []string
	lengths  []int
}

var networks = []network{
	{"visa", []string{"4"}, []int{13, 16, 19}},
	{"mastercard", []string{"51", "52", "53", "54", "55", "2221", "2300", "2500", "2720"}, []int{16}},
	{"amex", []string{"34", "37"}, []int{15}},
	{"diners", []string{"36", "300", "305"}, []int{14}},
	{"discover", []string{"6011", "65"}, []int{16, 19}},
	{"jcb", []string{"3528", "3550", "3589"}, []int{16, 17, 18, 19}},
	{"unionpay", []string{"62"}, []int{16, 17, 18, 19}},
	{"mir", []string{"2200", "2202", "2204"}, []int{16, 17, 18, 19}},
	{"maestro", []string{"6759", "5018", "6304"}, []int{13, 16, 17, 18, 19}},
}

type card struct {
	digits string
	net    string
	exp    string
	cvv    string
}

func (g *Generator) card() card {
	nw := networks[g.r.IntN(len(networks))]
	pre := nw.prefixes[g.r.IntN(len(nw.prefixes))]
	l := nw.lengths[g.r.IntN(len(nw.lengths))]
	body := pre + g.digits(l-1-len(pre))
	d := body + strconv.Itoa(checksum.LuhnDigit([]byte(body)))
	c := card{digits: d, net: nw.name}
	m := g.in(1, 12)
	y := g.in(26, 33)
	if g.chance(0.7) {
		c.exp = fmt.Sprintf("%02d/%02d", m, y)
	} else {
		c.exp = fmt.Sprintf("%02d/20%02d", m, y)
	}
	if nw.name == "amex" {
		c.cvv = g.digits(4)
	} else {
		c.cvv = g.digits(3)
	}
	return c
}

var groupings = map[int][][]int{
	14: {{4, 6, 4}},
	15: {{4, 6, 5}},
	16: {{4, 4, 4, 4}},
	19: {{4, 4, 4, 4, 3}, {6, 13}},
}

const nbsp = "\u00a0"

// write renders digits with a grouping and one of the allowed separators.
func (g *Generator) write(d string, seps ...string) string {
	if len(seps) == 0 {
		seps = []string{" ", "-", ".", "", nbsp, " ", "", "-"}
	}
	sep := seps[g.r.IntN(len(seps))]
	gs := groupings[len(d)] // 13, 17 and 18 digits are written unseparated
	if sep == "" || len(gs) == 0 {
		return d
	}
	gr := gs[g.r.IntN(len(gs))]
	if len(gr) == 2 && sep == "." { // 6-13 is written with a space or dash
		sep = " "
	}
	var sb strings.Builder
	i := 0
	for k, n := range gr {
		if k > 0 {
			sb.WriteString(sep)
		}
		sb.WriteString(d[i : i+n])
		i += n
	}
	return sb.String()
}

// Vocabularies: even entries are Tune's, odd entries Held's.
var (
	panFields = []string{"pan", "card_number", "cardNumber", "cc_number", "primary_account_number", "card_no", "pan_clear", "cardNo", "CardNum", "card_pan", "ccnum", "pan_raw"}
	expFields = []string{"exp", "expiry", "exp_date", "expiration", "card_exp", "expDate", "valid_thru", "expiry_date", "cardExpiry", "exp_mm_yy"}
	cvvFields = []string{"cvv", "cvc", "cvv2", "cvc2", "security_code", "csc", "card_cvv", "cvn", "securityCode", "card_code"}
	panLabRu  = []string{"номер карты", "карта", "Карта №", "номер карточки", "карточка", "PAN карты", "карта клиента", "номер банковской карты"}
	panLabKk  = []string{"карта нөмірі", "карта", "картаның нөмірі", "төлем картасы", "банк картасы", "карта №", "картам", "карта нөмірім"}
	panLabEn  = []string{"card number", "card no.", "PAN", "card", "cc", "credit card", "card num", "debit card"}
	expLabRu  = []string{"срок действия", "действует до", "срок", "годна до", "exp", "истекает"}
	expLabKk  = []string{"жарамдылық мерзімі", "мерзімі", "дейін жарамды", "әрекет ету мерзімі", "exp", "мерзім"}
	expLabEn  = []string{"exp", "expires", "valid thru", "expiry", "exp date", "good thru"}
	cvvLabRu  = []string{"CVV", "код CVC", "CVV2", "код на обороте", "cvc", "секретный код карты"}
	cvvLabKk  = []string{"CVV", "CVC коды", "CVV2", "артындағы код", "cvc", "қауіпсіздік коды"}
	cvvLabEn  = []string{"CVV", "security code", "CVC2", "cvv code", "cvc", "CID"}
	services  = []string{"payment-gw", "card-vault", "acq-bridge", "checkout", "tokenizer", "issuer-proxy", "billing", "p2p-transfer"}
	levels    = []string{"INFO", "WARN", "DEBUG", "ERROR"}
	events    = []string{"auth.request", "card.bind", "payment.create", "card.verify", "refund.request", "p2p.send", "recurrent.charge", "card.update"}
	xmlElems  = []string{"CardNumber", "PAN", "AccountNumber", "CardNo", "Pan", "CCNumber"}
	tables    = []string{"card_bindings", "payments_raw", "cards", "tx_archive", "pending_cards", "recurring_profiles"}
	exClasses = []string{"java.lang.IllegalArgumentException", "kz.pay.card.InvalidCardException", "ValueError", "com.acq.CardRejectedException", "System.FormatException", "org.iso8583.FieldException"}
	javaFiles = []string{"CardValidator", "PanParser", "AuthHandler", "BindService", "Iso8583Codec", "TokenizeJob"}
	hosts     = []string{"api.pay.kz", "gw.acquire.local", "checkout.shop.kz", "cards.internal", "pg.bank.kz", "vault.svc"}
	currency  = []string{"398", "840", "643", "978", "156", "826"}
	mccs      = []string{"5411", "5812", "4111", "5999", "6011", "7011", "5541", "4814"}
	netWords  = []string{"VISA", "Mastercard", "MIR", "UnionPay", "AMEX", "JCB"}
)

func (g *Generator) ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", g.in(1, 12), g.in(1, 28), g.in(0, 23), g.in(0, 59), g.in(0, 59), g.in(0, 999))
}

func (g *Generator) id() string { return fmt.Sprintf("r%015x", g.r.Uint64()>>4) }

func (g *Generator) panLabel(lang int) string {
	switch lang {
	case 0:
		return g.pick(panLabRu)
	case 1:
		return g.pick(panLabKk)
	}
	return g.pick(panLabEn)
}

func (g *Generator) lang() int { return g.r.IntN(3) }

func (g *Generator) expLabel(lang int) string {
	return g.pick([][]string{expLabRu, expLabKk, expLabEn}[lang])
}

func (g *Generator) cvvLabel(lang int) string {
	return g.pick([][]string{cvvLabRu, cvvLabKk, cvvLabEn}[lang])
}

// Next returns the next record.
func (g *Generator) Next() Record {
	g.n++
	var b bld
	if g.chance(0.30) {
		t := negTmpls[g.idx(len(negTmpls))]
		t(g, &b)
	} else {
		t := posTmpls[g.idx(len(posTmpls))]
		t(g, &b)
	}
	return Record{Line: b.b, Spans: b.spans}
}

type tmpl func(g *Generator, b *bld)
