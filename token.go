package tazala

import (
	"bytes"
	"encoding/base32"
	"unicode"
	"unicode/utf8"
)

// TokenPrefix starts every token ID.
const TokenPrefix = "tk_"

// tokenBytes is how many MAC bytes a token ID keeps: 15 bytes = 120 bits,
// 24 base32 characters; collisions are negligible for any realistic number
// of subjects and the ID stays short enough to read in a log line.
const tokenBytes = 15

var tokenEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// TokenID formats a MAC (HMAC-SHA256 output, from the local key or from
// Vault transit) as a token ID. Every tokenizer uses it, so redacted output
// looks the same whichever backend produced it.
func TokenID(mac []byte) string {
	if len(mac) > tokenBytes {
		mac = mac[:tokenBytes]
	}
	return TokenPrefix + tokenEncoding.EncodeToString(mac)
}

// MACInput is the byte string a tokenizer MACs for a value: the kind's wire
// name, a 0x1f separator and the normalized value. Including the kind keeps
// the same digits as an IIN and as a phone apart.
func MACInput(k Kind, normalized string) []byte {
	name := k.String()
	b := make([]byte, 0, len(name)+1+len(normalized))
	b = append(b, name...)
	b = append(b, 0x1f)
	b = append(b, normalized...)
	return b
}

// AppendMACInput appends MACInput(k, Normalize(k, raw)) to dst without
// intermediate allocations.
func AppendMACInput(dst []byte, k Kind, raw []byte) []byte {
	dst = append(dst, k.String()...)
	dst = append(dst, 0x1f)
	return AppendNormalized(dst, k, raw)
}

// Normalize returns the canonical form of a raw value of kind k, so that
// one person's value written in different ways gets one token:
//   - IIN, PAN, CVV: digits only;
//   - phone: E.164 ("+77015401802"); a Kazakh/Russian 8-prefixed or bare
//     10-digit national number becomes +7…;
//   - email: local part as written, domain lower-cased;
//   - expiry: "MM/YY";
//   - name: words separated by single spaces, lower-cased.
func Normalize(k Kind, raw []byte) string {
	return string(AppendNormalized(nil, k, raw))
}

// AppendNormalized appends Normalize(k, raw) to dst.
func AppendNormalized(dst []byte, k Kind, raw []byte) []byte {
	switch k {
	case KindIIN, KindPAN, KindCVV:
		return appendDigits(dst, raw)
	case KindPhone:
		start := len(dst)
		dst = append(dst, '+')
		dst = appendDigits(dst, raw)
		d := dst[start+1:]
		plus := false
		for _, c := range raw {
			if c == '+' {
				plus = true
				break
			}
			if c >= '0' && c <= '9' {
				break
			}
		}
		switch {
		case plus:
		case len(d) == 11 && d[0] == '8':
			d[0] = '7'
		case len(d) == 10:
			dst = append(dst[:start+1], append([]byte{'7'}, d...)...)
		}
		return dst
	case KindEmail:
		at := bytes.LastIndexByte(raw, '@')
		if at < 0 {
			return append(dst, raw...)
		}
		dst = append(dst, raw[:at+1]...)
		return AppendLower(dst, raw[at+1:])
	case KindExpiry:
		start := len(dst)
		dst = appendDigits(dst, raw)
		d := dst[start:]
		var mm, yy []byte
		switch len(d) {
		case 4: // MMYY
			mm, yy = d[:2], d[2:]
		case 6: // MMYYYY or YYYYMM
			if d[0] == '2' && d[1] == '0' {
				mm, yy = d[4:6], d[2:4]
			} else {
				mm, yy = d[:2], d[4:]
			}
		case 3:
			mm, yy = []byte{'0', d[0]}, d[1:]
		default:
			return dst
		}
		v := []byte{mm[0], mm[1], '/', yy[0], yy[1]}
		return append(dst[:start], v...)
	case KindName:
		// lower-case, one space between words, none around; in one pass
		// (a blank is never part of a UTF-8 sequence, so decoding the
		// value with its blanks cut out or in place gives the same runes)
		start := len(dst)
		space := false
		for i := 0; i < len(raw); {
			c := raw[i]
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				space = len(dst) > start
				i++
				continue
			}
			if space {
				dst = append(dst, ' ')
				space = false
			}
			if c < utf8.RuneSelf {
				dst = append(dst, asciiLower[c])
				i++
				continue
			}
			var n int
			dst, n = appendLowerRune(dst, raw[i:])
			i += n
		}
		return dst
	}
	return append(dst, raw...)
}

func appendDigits(dst, raw []byte) []byte {
	for _, c := range raw {
		if c >= '0' && c <= '9' {
			dst = append(dst, c)
		}
	}
	return dst
}

// AppendLower appends s lower-cased: ASCII in place, other UTF-8 through
// unicode.ToLower.
func AppendLower(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, asciiLower[c])
			i++
			continue
		}
		var n int
		dst, n = appendLowerRune(dst, s[i:])
		i += n
	}
	return dst
}

// appendLowerRune appends the first rune of s (not ASCII) lower-cased and
// returns how many bytes of s it took; an invalid byte is kept as it is.
func appendLowerRune(dst, s []byte) ([]byte, int) {
	r, n := utf8.DecodeRune(s)
	if r == utf8.RuneError && n == 1 {
		return append(dst, s[0]), 1
	}
	if r < rune(len(lowerTable)) {
		return utf8.AppendRune(dst, lowerTable[r]), n
	}
	return utf8.AppendRune(dst, unicode.ToLower(r)), n
}

// asciiLower maps an ASCII byte to its lower case.
var asciiLower = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(c)
		if c >= 'A' && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return
}()

// lowerTable is unicode.ToLower of the runes below U+0500 (Latin, Greek,
// Cyrillic with the Kazakh letters: the names of this domain), which
// otherwise takes a binary search over the case ranges per letter.
var lowerTable = func() (t [0x500]rune) {
	for r := range t {
		t[r] = unicode.ToLower(rune(r))
	}
	return
}()

// LooksJSON reports whether a record starts (after blanks) with '{' or '[':
// it is scanned and rewritten as JSON.
func LooksJSON(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '{', '[':
			return true
		}
		return false
	}
	return false
}
