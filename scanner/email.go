package scanner

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tazala/tazala"
	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

func isLocalByte(c byte) bool {
	if isASCIILetter(c) || isDigit(c) {
		return true
	}
	// the practical RFC 5321 set; rarer atext characters ('=', '!', '#', …)
	// are far more often key=value punctuation in logs than address text
	return c == '.' || c == '_' || c == '%' || c == '+' || c == '-'

}

// email handles the '@' at t[at], written in atLen bytes ("@", or "%40"
// in URL-encoded text). It returns the index to continue from.
func (s *Scanner) email(g *seg, at, atLen int) int {
	t := g.text
	// local part, backwards
	a := at
	for a > g.lo && at-a < 64 {
		c := t[a-1]
		if isLocalByte(c) {
			a--
			continue
		}
		if c >= 0x80 { // internationalised local part (RFC 6531): letters and digits
			r, n := utf8.DecodeLastRune(t[g.lo:a])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				a -= n
				continue
			}
		}
		break
	}
	// a quote or brace that opened the local part is punctuation, not local
	for a < at && (t[a] == '.' || t[a] == '-' || t[a] == '+') {
		a++
	}
	if a == at || t[at-1] == '.' {
		return at + atLen
	}
	at += atLen - 1 // from here on t[at] is the last byte of the at sign
	// domain, forwards: labels of ASCII letters/digits/hyphens or non-ASCII letters
	b := at + 1
	dots := 0
	lastDot := -1
	encoded := atLen == 3 // URL-encoded text: a domain's UTF-8 bytes as %D0%BF
	for b < len(t) {
		c := t[b]
		switch {
		case c == '%' && encoded && b+2 < len(t) && t[b+1] >= '8' && isHexDigit(t[b+1]) && isHexDigit(t[b+2]):
			b += 3
		case isASCIILetter(c) || isDigit(c) || c == '-':
			b++
		case c == '.':
			if b+1 >= len(t) || t[b+1] == '.' || !(isASCIILetter(t[b+1]) || isDigit(t[b+1]) || t[b+1] >= 0x80 || (encoded && t[b+1] == '%')) {
				goto done
			}
			dots++
			lastDot = b
			b++
		case c >= 0x80:
			r, n := utf8.DecodeRune(t[b:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				goto done
			}
			b += n
		default:
			goto done
		}
	}
done:
	for b > at+1 && t[b-1] == '-' {
		b--
	}
	if dots == 0 || lastDot >= b-1 || b-at-1 > 253 {
		return b
	}
	tld := t[lastDot+1 : b]
	var tbuf [64]byte
	if encoded && len(tld) <= 3*len(tbuf) && bytes.IndexByte(tld, '%') >= 0 {
		tld = percentDecode(tbuf[:0], tld)
	}
	if !s.tldOK(tld) {
		return b
	}
	dom := t[at+1 : b]
	if dom[0] == '-' || dom[0] == '.' {
		return b
	}
	// "logo@2x.png": a retina suffix, not a mail host
	if len(dom) > 2 && isDigit(dom[0]) && (dom[1] == 'x' || dom[1] == 'X') && dom[2] == '.' {
		return b
	}
	if c := s.labelCtx(g, a); c&ctxMsgID != 0 || (c&ctxNeg != 0 && machineLocal(t[a:at])) {
		// a Message-ID, or "id=<1760…@host>" in an MTA log
		return b
	}
	if k := firstInList(g, a); k != a && s.labelCtx(g, k)&ctxMsgID != 0 {
		// "References: <a@host> <b@host>": every id of the header's list
		return b
	}
	if a > g.lo && t[a-1] == '<' && b < len(t) && t[b] == '>' && generatedLocal(t[a:at]) &&
		s.labelCtx(g, a)&ctxEmail == 0 {
		// "<7b34fd8f6489.2578265081@mail.example.com>" in a column of an MTA
		// log with no field name: a msg-id in its brackets (RFC 5322),
		// whose left side a program wrote, not a mailbox
		return b
	}
	s.emit(g, tazala.KindEmail, a, b, "email", 0.97)
	return b
}

var tldCache sync.Map // string → bool

// validTLD reports whether tld is a top-level domain managed by ICANN, per
// the public suffix list.
func validTLD(tld []byte) bool {
	if len(tld) < 2 || len(tld) > 63 {
		return false
	}
	if v, ok := tldCache.Load(string(tld)); ok {
		return v.(bool)
	}
	key := string(tld)
	name := strings.ToLower(key)
	for _, c := range tld {
		if c >= 0x80 {
			a, err := idna.Lookup.ToASCII(name)
			if err != nil {
				tldCache.Store(key, false)
				return false
			}
			name = a
			break
		}
		if isDigit(c) && !(len(tld) > 4 && (tld[0]|0x20) == 'x' && (tld[1]|0x20) == 'n' && tld[2] == '-' && tld[3] == '-') {
			// digits only in a punycode TLD (xn--p1ai)
			tldCache.Store(key, false)
			return false
		}
	}
	ok := false
	if suf, icann := publicsuffix.PublicSuffix("x." + name); icann && suf == name {
		ok = true
	}
	tldCache.Store(key, ok)
	return ok
}

// machineLocal reports whether an e-mail local part looks generated
// (a Message-ID's left side): long, or holding digits and dots or '$'.
func machineLocal(l []byte) bool {
	if len(l) >= 24 {
		return true
	}
	digits, punct := 0, 0
	for _, c := range l {
		switch {
		case isDigit(c):
			digits++
		case c == '.' || c == '$' || c == '%':
			punct++
		}
	}
	return digits >= 4 && punct >= 1
}

// generatedLocal reports whether a local part holds a part that a program
// wrote: eight or more characters between '.', '_', '-', '+', '=' or '$'
// that switch between letters and digits three times or more
// ("7b34fd8f64892513", "ao8vHKp0qqJ5kWUv"), capitals with digits inside
// ("LTQFL8EW"), letters switching case six times or more (base64,
// "XxSOGQfYDOg7EbCD"), or twelve digits or more beside another part (a
// time stamp and a random tail: "64868022410082.EFSTQUYM"). People's addresses put digits at the end of a word
// ("aigerim1990", "IVANOV85") and capitals at the start of one
// ("IvanPetrov").
func generatedLocal(l []byte) bool {
	var n, flips, caseFlips, lower, segs int
	longDigits := false
	prev, prevCase := byte(0), byte(0)
	generated := func() bool {
		return n >= 8 && (flips >= 3 || caseFlips >= 6 || (lower == 0 && flips >= 2))
	}
	for _, c := range l {
		var k, kc byte
		switch {
		case isDigit(c):
			k = '0'
		case c >= 'a' && c <= 'z':
			k, kc = 'a', 'a'
			lower++
		case c >= 'A' && c <= 'Z':
			k, kc = 'a', 'A'
		default:
			if generated() {
				return true
			}
			if n > 0 {
				segs++
				longDigits = longDigits || (n >= 12 && prev == '0' && flips == 0)
			}
			n, flips, caseFlips, lower, prev, prevCase = 0, 0, 0, 0, 0, 0
			continue
		}
		if prev != 0 && k != prev {
			flips++
		}
		if kc != 0 {
			if prevCase != 0 && kc != prevCase {
				caseFlips++
			}
			prevCase = kc
		}
		prev = k
		n++
	}
	if n > 0 {
		segs++
		longDigits = longDigits || (n >= 12 && prev == '0' && flips == 0)
	}
	return generated() || (longDigits && segs >= 2)
}

func isHexDigit(c byte) bool {
	return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f')
}

// percentDecode appends w with its %XX escapes decoded to dst.
func percentDecode(dst, w []byte) []byte {
	for k := 0; k < len(w); k++ {
		if w[k] == '%' && k+2 < len(w) && isHexDigit(w[k+1]) && isHexDigit(w[k+2]) {
			dst = append(dst, byte(hexVal[w[k+1]])<<4|byte(hexVal[w[k+2]]))
			k += 2
			continue
		}
		dst = append(dst, w[k])
	}
	return dst
}

// firstInList returns where the first of a blank-separated list of
// bracketed items ("<a@host> <b@host>") starts, given the start a of one
// of them (right after its '<'); a when a is not in such a list or is its
// first.
func firstInList(g *seg, a int) int {
	t := g.text
	k := a
	for n := 0; n < 32 && k-1 > g.lo && t[k-1] == '<'; n++ {
		j := k - 1
		for j > g.lo && (t[j-1] == ' ' || t[j-1] == '\t') {
			j--
		}
		if j == k-1 || j <= g.lo || t[j-1] != '>' {
			break
		}
		o := bytes.LastIndexByte(t[max(g.lo, j-1-256):j-1], '<')
		if o < 0 {
			break
		}
		k = max(g.lo, j-1-256) + o + 1
	}
	return k
}
