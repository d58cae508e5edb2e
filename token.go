package tazala

import (
	"encoding/base32"
	"strings"
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

// Normalize returns the canonical form of a raw value of kind k, so that
// one person's value written in different ways gets one token:
//   - IIN, PAN, CVV: digits only;
//   - phone: E.164 ("+77015401802"); a Kazakh/Russian 8-prefixed or bare
//     10-digit national number becomes +7…;
//   - email: local part as written, domain lower-cased;
//   - expiry: "MM/YY";
//   - name: words separated by single spaces, lower-cased.
func Normalize(k Kind, raw []byte) string {
	switch k {
	case KindIIN, KindPAN, KindCVV:
		return digits(raw)
	case KindPhone:
		d := digits(raw)
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
			return "+" + d
		case len(d) == 11 && d[0] == '8':
			return "+7" + d[1:]
		case len(d) == 11 && d[0] == '7':
			return "+" + d
		case len(d) == 10:
			return "+7" + d
		}
		return "+" + d
	case KindEmail:
		s := string(raw)
		if i := strings.LastIndexByte(s, '@'); i >= 0 {
			return s[:i+1] + strings.ToLower(s[i+1:])
		}
		return s
	case KindExpiry:
		d := digits(raw)
		switch len(d) {
		case 4: // MMYY
			return d[:2] + "/" + d[2:]
		case 6: // MMYYYY or YYYYMM
			if d[0] == '2' && d[1] == '0' {
				return d[4:] + "/" + d[2:4]
			}
			return d[:2] + "/" + d[4:]
		case 3:
			return "0" + d[:1] + "/" + d[1:]
		}
		return d
	case KindName:
		return strings.ToLower(strings.Join(strings.Fields(string(raw)), " "))
	}
	return string(raw)
}

func digits(raw []byte) string {
	b := make([]byte, 0, len(raw))
	for _, c := range raw {
		if c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	return string(b)
}
