// Package blindc generates PII-free operational log lines — infrastructure,
// database, broker, CI, observability and payment-operations logs — to
// measure the scanner's false alarms on data it was never tuned on. Every
// line it writes is, by the definitions of ../shared/eval/README.md, free of
// personal data: the expected findings are none at all.
//
// A good share of the numbers is adversarial: they pass a validator but sit
// in a non-personal context. Luhn-valid 16-digit numbers in a card-network
// range appear only as order/invoice/transfer ids under an id label
// (order_id, invoice_no, …); 12-digit numbers with a valid IIN date and
// control digit appear as RRNs, references, JSON counters or inside longer
// digit runs; 11-digit numbers starting 7/8 in Kazakh ranges appear as
// offsets, LSNs, sequence numbers, byte counters; three-digit statuses and
// four-digit years follow "code", "exp", "card" in their non-card senses
// (exit code 137, exp backoff 120, Trello card 2025). Text holds service and
// product names in CamelCase and "Two Words", company names (ТОО «…»),
// streets named after historical figures, Kazakh/Russian ops sentences
// with words that look like surnames or given names (genitive plurals in
// -ов/-ев, «Арман», «Мир», «Алма»). Masked PANs, last-4, card BINs and
// business BINs, IBANs and Message-IDs / '@' strings without a public
// suffix complete the hard negatives.
//
// The corpus has two parts with disjoint templates and vocabularies:
// every template and every word list is split by index parity, even
// entries for Tune, odd for Held. Templates are listed in pairs of the same
// system (index 2k is a Tune template, 2k+1 its Held sibling), so both parts
// cover every system but share no format and no word. Tune is the part an
// engineer may study and tune against; Held is only ever scored.
//
// The generator is deterministic: the same seed and part give the same
// lines. TestWriteCorpus (BLINDC_OUT=dir) writes tune.jsonl, held.jsonl,
// their empty-span truth files and, per line, the template name
// (tune.tmpl, held.tmpl) for counting false alarms per template.
package blindc

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/tazala/tazala/internal/checksum"
)

// Part selects one of the two disjoint halves of templates and vocabularies.
type Part int

const (
	// Tune is the half an engineer may read and tune the scanner against.
	Tune Part = iota
	// Held is the half that is only ever scored.
	Held
)

func (p Part) String() string {
	if p == Held {
		return "held"
	}
	return "tune"
}

// Generator writes one PII-free log line per Next call.
type Generator struct {
	r     *rand.Rand
	part  Part
	tmpls []template
	last  string
}

type template struct {
	name string
	fn   func(g *Generator) string
}

// New returns a generator of the given part, deterministic for seed.
func New(seed uint64, part Part) *Generator {
	s1 := splitmix(seed ^ 0x626c696e6463)
	g := &Generator{r: rand.New(rand.NewPCG(s1, splitmix(s1^uint64(part+1)))), part: part}
	for i, t := range templates {
		if i%2 == int(part) {
			g.tmpls = append(g.tmpls, t)
		}
	}
	return g
}

// splitmix is the SplitMix64 finaliser: unrelated PCG seeds and streams
// for neighbouring seeds and the two parts.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// Next returns one log line (no trailing newline).
func (g *Generator) Next() []byte {
	t := g.tmpls[g.r.IntN(len(g.tmpls))]
	g.last = t.name
	return []byte(t.fn(g))
}

// Template names the template of the line Next returned last.
func (g *Generator) Template() string { return g.last }

// Templates lists the template names of the part.
func (g *Generator) Templates() []string {
	out := make([]string, len(g.tmpls))
	for i, t := range g.tmpls {
		out[i] = t.name
	}
	return out
}

// --- vocabulary and random helpers -----------------------------------------

// w picks a word of the part's half of list (even indices for Tune, odd for
// Held).
func (g *Generator) w(list []string) string { return pick(g, list) }

// pick picks an element of the part's half of list.
func pick[T any](g *Generator, list []T) T {
	n := (len(list) - int(g.part) + 1) / 2
	return list[2*g.r.IntN(n)+int(g.part)]
}

func (g *Generator) n(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func (g *Generator) p(prob float64) bool { return g.r.Float64() < prob }

func (g *Generator) ns(lo, hi int) string { return strconv.Itoa(g.n(lo, hi)) }

// digits returns n random digits, the first non-zero.
func (g *Generator) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	if n > 0 && b[0] == '0' {
		b[0] = byte('1' + g.r.IntN(9))
	}
	return string(b)
}

// zdigits returns n random digits, leading zeros allowed.
func (g *Generator) zdigits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

const hexdig = "0123456789abcdef"

func (g *Generator) hex(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = hexdig[g.r.IntN(16)]
	}
	return string(b)
}

func (g *Generator) upperHex(n int) string { return strings.ToUpper(g.hex(n)) }

const b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

func (g *Generator) b64(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = b64chars[g.r.IntN(64)]
	}
	return string(b)
}

func (g *Generator) b64url(n int) string {
	s := g.b64(n)
	return strings.NewReplacer("+", "-", "/", "_").Replace(s)
}

func (g *Generator) alnum(n int) string {
	const c = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = c[g.r.IntN(len(c))]
	}
	return string(b)
}

func (g *Generator) lower(n int) string {
	const c = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = c[g.r.IntN(len(c))]
	}
	return string(b)
}

func (g *Generator) uuid() string {
	return g.hex(8) + "-" + g.hex(4) + "-4" + g.hex(3) + "-" + string(hexdig[8+g.r.IntN(4)]) + g.hex(3) + "-" + g.hex(12)
}

func (g *Generator) ip() string {
	switch g.r.IntN(4) {
	case 0:
		return "10." + g.ns(0, 255) + "." + g.ns(0, 255) + "." + g.ns(1, 254)
	case 1:
		return "172." + g.ns(16, 31) + "." + g.ns(0, 255) + "." + g.ns(1, 254)
	case 2:
		return "192.168." + g.ns(0, 255) + "." + g.ns(1, 254)
	}
	// documentation and carrier ranges for "public" clients
	return g.w(publicNets) + g.ns(0, 255) + "." + g.ns(1, 254)
}

var publicNets = []string{"203.0.", "198.51.", "100.64.", "192.0.", "185.100.", "37.99."}

func (g *Generator) port() string { return g.ns(1024, 65535) }

func (g *Generator) mac() string {
	p := make([]string, 6)
	for i := range p {
		p[i] = g.hex(2)
	}
	return strings.Join(p, ":")
}

func (g *Generator) pod(svc string) string {
	return svc + "-" + g.lower(9)[:g.n(8, 10)-1] + "-" + g.lower(5)
}

// ver returns a version string like 3.14.2.
func (g *Generator) ver() string {
	return g.ns(0, 17) + "." + g.ns(0, 40) + "." + g.ns(0, 120)
}

// dur returns a duration like 12.345ms / 1.2s / 340µs.
func (g *Generator) dur() string {
	switch g.r.IntN(4) {
	case 0:
		return g.ns(0, 999) + "." + g.zdigits(3) + "ms"
	case 1:
		return g.ns(0, 59) + "." + g.zdigits(1) + "s"
	case 2:
		return g.ns(1, 999) + "µs"
	}
	return g.ns(1, 30) + "m" + g.ns(0, 59) + "s"
}

func (g *Generator) amount() string {
	return g.ns(1, 9999999) + "." + g.zdigits(2)
}

// --- dates and timestamps --------------------------------------------------

type ts struct {
	y, mo, d, h, mi, s, frac int
}

func (g *Generator) when() ts {
	return ts{g.n(2023, 2026), g.n(1, 12), g.n(1, 28), g.n(0, 23), g.n(0, 59), g.n(0, 59), g.n(0, 999999)}
}

var monEn = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func (t ts) iso() string {
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.y, t.mo, t.d, t.h, t.mi, t.s, t.frac/1000)
}
func (t ts) isoTZ() string {
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%06d+05:00", t.y, t.mo, t.d, t.h, t.mi, t.s, t.frac)
}
func (t ts) sql() string {
	return fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d", t.y, t.mo, t.d, t.h, t.mi, t.s)
}
func (t ts) sqlms() string { return t.sql() + fmt.Sprintf(".%03d", t.frac/1000) }
func (t ts) syslog() string {
	return fmt.Sprintf("%s %2d %02d:%02d:%02d", monEn[t.mo-1], t.d, t.h, t.mi, t.s)
}
func (t ts) clf() string {
	return fmt.Sprintf("%02d/%s/%04d:%02d:%02d:%02d +0500", t.d, monEn[t.mo-1], t.y, t.h, t.mi, t.s)
}
func (t ts) klog() string {
	return fmt.Sprintf("%02d%02d %02d:%02d:%02d.%06d", t.mo, t.d, t.h, t.mi, t.s, t.frac)
}
func (t ts) hms() string { return fmt.Sprintf("%02d:%02d:%02d", t.h, t.mi, t.s) }
func (t ts) epoch() int64 {
	// days since 1970 (approximate calendar; only the order of magnitude matters)
	days := (t.y-1970)*365 + (t.y-1969)/4 + (t.mo-1)*30 + t.d
	return int64(days)*86400 + int64(t.h*3600+t.mi*60+t.s)
}

// date writes a calendar date in one of many formats.
func (g *Generator) date(t ts) string {
	switch g.r.IntN(8) {
	case 7:
		return fmt.Sprintf("%02d/%02d/%02d", t.mo, t.d, t.y%100)
	case 0:
		return fmt.Sprintf("%02d/%02d/%04d", t.d, t.mo, t.y)
	case 1:
		return fmt.Sprintf("%02d.%02d.%02d", t.d, t.mo, t.y%100)
	case 2:
		return fmt.Sprintf("%04d-%02d-%02d", t.y, t.mo, t.d)
	case 3:
		return fmt.Sprintf("%02d.%02d.%04d", t.d, t.mo, t.y)
	case 4:
		return fmt.Sprintf("%d %s %d", t.d, g.w(monthsRu), t.y)
	case 5:
		return fmt.Sprintf("%04d%02d%02d", t.y, t.mo, t.d)
	}
	return fmt.Sprintf("%s %d, %d", monEn[t.mo-1], t.d, t.y)
}

// epochIn writes t as a Unix epoch in s, ms, µs or ns.
func (g *Generator) epochIn(t ts, unit int) string {
	e := t.epoch()
	switch unit {
	case 1:
		return strconv.FormatInt(e, 10) + fmt.Sprintf("%03d", t.frac/1000)
	case 2:
		return strconv.FormatInt(e, 10) + fmt.Sprintf("%06d", t.frac)
	case 3:
		return strconv.FormatInt(e, 10) + fmt.Sprintf("%06d", t.frac) + g.zdigits(3)
	}
	return strconv.FormatInt(e, 10)
}

// --- adversarial numbers ---------------------------------------------------

// cardPrefixes are network ranges (Visa, Mastercard 5x and 2-series, Mir,
// UnionPay, JCB, Discover, Maestro): Luhn-valid numbers with these
// prefixes pass a card validator.
var cardPrefixes = []string{"4", "51", "4", "55", "2221", "2200", "62", "3528", "6011", "5018", "4400", "2720", "53", "2204", "65", "35"}

// luhnID returns an n-digit Luhn-valid number starting with a card-network
// prefix: the adversarial order/invoice id.
func (g *Generator) luhnID(n int) string {
	pre := g.w(cardPrefixes)
	body := pre + g.zdigits(n-1-len(pre))
	return body + strconv.Itoa(checksum.LuhnDigit([]byte(body)))
}

// luhnInvalid returns an n-digit number starting with a network prefix
// that fails Luhn.
func (g *Generator) luhnInvalid(n int) string {
	pre := g.w(cardPrefixes)
	body := pre + g.zdigits(n-1-len(pre))
	d := (checksum.LuhnDigit([]byte(body)) + 1 + g.r.IntN(9)) % 10
	return body + strconv.Itoa(d)
}

// iinShaped returns 12 digits with a valid birth date, century digit 1–6
// and a correct IIN control digit: what an RRN or counter sometimes is.
func (g *Generator) iinShaped() string {
	for {
		yy, mm, dd := g.r.IntN(100), g.n(1, 12), g.n(1, 28)
		cent := "3456"[g.r.IntN(4)]
		if cent >= '5' && yy > 24 {
			cent -= 2
		}
		body := fmt.Sprintf("%02d%02d%02d%c%s", yy, mm, dd, cent, g.zdigits(4))
		if c := checksum.IINControl([]byte(body)); c >= 0 {
			s := body + strconv.Itoa(c)
			if checksum.ValidIIN([]byte(s), 2026) {
				return s
			}
		}
	}
}

// snowflake returns a 19-digit time-ordered id (Twitter-style snowflake).
func (g *Generator) snowflake() string { return "1" + g.ns(7, 9) + g.zdigits(17) }

// arn returns a 23-digit acquirer reference number, often with an
// IIN-shaped run inside.
func (g *Generator) arn() string {
	if g.p(0.5) {
		return string("27"[g.r.IntN(2)]) + g.zdigits(6) + g.iinShaped() + g.zdigits(4)
	}
	return string("27"[g.r.IntN(2)]) + g.zdigits(22)
}

// bizBIN returns a business identification number: a registration
// year/month, 4–6 in the fifth position, a valid control digit.
func (g *Generator) bizBIN() string {
	for {
		body := fmt.Sprintf("%02d%02d%c%c%s", g.r.IntN(25), g.n(1, 12), "456"[g.r.IntN(3)], "0124"[g.r.IntN(4)], g.zdigits(5))
		if c := checksum.IINControl([]byte(body)); c >= 0 {
			return body + strconv.Itoa(c)
		}
	}
}

// rrn returns a retrieval reference number: often IIN-valid (adversarial),
// otherwise the usual YDDDHH + sequence.
func (g *Generator) rrn() string {
	if g.p(0.45) {
		return g.iinShaped()
	}
	return fmt.Sprintf("%d%03d%02d%s", g.r.IntN(10), g.n(1, 365), g.n(0, 23), g.zdigits(6))
}

// kzPrefixes are Kazakh mobile and landline codes after the 7/8 trunk.
var kzPrefixes = []string{"701", "702", "705", "707", "747", "771", "775", "776", "777", "778", "700", "708", "727", "717", "7172", "7212"}

// kzCounter returns an 11-digit number that reads as a Kazakh phone (7/8
// then a mobile or landline code): the adversarial offset / LSN / seq.
func (g *Generator) kzCounter() string {
	p := g.w(kzPrefixes)
	return string("78"[g.r.IntN(2)]) + p + g.zdigits(10-len(p))
}

// bigCounter returns an 11-digit counter, adversarial about 40 % of the time.
func (g *Generator) bigCounter() string {
	if g.p(0.4) {
		return g.kzCounter()
	}
	return g.digits(g.n(5, 11))
}

// masked writes a masked PAN in one of the usual forms.
func (g *Generator) masked() string {
	bin := g.w(cardBINs)
	l4 := g.zdigits(4)
	switch g.r.IntN(6) {
	case 0:
		return bin + "******" + l4
	case 1:
		return bin[:4] + " " + bin[4:] + "** **** " + l4
	case 2:
		return bin[:4] + "-" + bin[4:] + "XX-XXXX-" + l4
	case 3:
		return "************" + l4
	case 4:
		return bin + "xxxxxx" + l4
	}
	return bin[:4] + " **** **** " + l4
}

// maskedPhone writes a phone number with its middle digits masked.
func (g *Generator) maskedPhone() string {
	op := g.w([]string{"701", "702", "705", "707", "747", "771", "775", "777"})
	l := g.zdigits(2)
	switch g.r.IntN(4) {
	case 0:
		return "+7 " + op + " *** ** " + l
	case 1:
		return "7" + op + "****" + g.zdigits(3)
	case 2:
		return "+7(" + op[:1] + "**)***-**-" + l
	}
	return "8" + op[:1] + "*******" + l
}

var cardBINs = []string{"440043", "548601", "404243", "220220", "510621", "417398", "625907", "535631", "446375", "220070", "427637", "676454"}

// iban returns a Kazakh IBAN (KZ, mod-97 check digits, 3-digit bank code,
// 13-character account).
func (g *Generator) iban() string {
	bank := g.w([]string{"722", "601", "998", "826", "914", "856", "551", "070"})
	acct := g.zdigits(13)
	if g.p(0.3) {
		// an IIN-shaped run inside the account number
		acct = "0" + g.iinShaped()
	}
	bban := bank + acct
	// move KZ00 to the end, letters to numbers (K=20, Z=35)
	num := bban + "2035" + "00"
	rem := 0
	for _, c := range num {
		rem = (rem*10 + int(c-'0')) % 97
	}
	return fmt.Sprintf("KZ%02d%s", 98-rem, bban)
}

// jwt returns a JWT-looking token with service claims only.
func (g *Generator) jwt() string {
	hdr := `{"alg":"RS256","kid":"` + g.hex(8) + `","typ":"JWT"}`
	t := g.when()
	claims := fmt.Sprintf(`{"iss":"https://auth.%s.internal","sub":"svc:%s","aud":"%s","exp":%d,"iat":%d,"scope":"%s"}`,
		g.w(domains), g.w(services), g.w(services), t.epoch()+3600, t.epoch(), g.w(scopes))
	enc := func(s string) string {
		return strings.TrimRight(b64enc(s), "=")
	}
	return enc(hdr) + "." + enc(claims) + "." + g.b64url(43)
}

// js builds a JSON object from key/value pairs in order.
func js(kv ...any) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(jv(kv[i]))
		b.WriteByte(':')
		if v, ok := kv[i+1].(raw); ok {
			b.WriteString(string(v))
		} else {
			b.WriteString(jv(kv[i+1]))
		}
	}
	b.WriteByte('}')
	return b.String()
}

// jv encodes v as JSON without HTML escaping.
func jv(v any) string {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	_ = e.Encode(v)
	return strings.TrimSuffix(b.String(), "\n")
}

func b64enc(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// raw is JSON text inserted as is (a number written as digits, a nested
// object).
type raw string
