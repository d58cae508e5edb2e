package scanner

import (
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
	for b < len(t) {
		c := t[b]
		switch {
		case isASCIILetter(c) || isDigit(c) || c == '-':
			b++
		case c == '.':
			if b+1 >= len(t) || t[b+1] == '.' || !(isASCIILetter(t[b+1]) || isDigit(t[b+1]) || t[b+1] >= 0x80) {
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
	if !s.tldOK(t[lastDot+1 : b]) {
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
