package tazala

import (
	"bytes"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refLower and refNormalizeName are the definitions AppendLower and the
// name normalization implement faster (one pass, a table for the runes
// below U+0500): tokens must not change.
func refLower(s []byte) []byte {
	var dst []byte
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, s[i])
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		i += n
	}
	return dst
}

func refNormalizeName(raw []byte) []byte {
	words := bytes.FieldsFunc(raw, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	return refLower(bytes.Join(words, []byte{' '}))
}

var lowerCases = []string{
	"ASEL   Li", "  Айгерим\tЖАНУЗАКОВА ", "ӘЛІХАН Қасымұлы", "ҒАЛЫМ Өмірзақ ҮҢҺҰ", "Ⱥ Ⱦ İstanbul K", // lower-case longer, shorter
	"ΣΊΣΥΦΟΣ", "\xd0 \xb0", "\xd0\t\t\xb0", "a\xffb", "Ж\xd0", "\xe2\x84", "ЁЛКА Ђ Ѕ", "\r\n", "",
}

func TestAppendLowerAsDefined(t *testing.T) {
	for _, c := range lowerCases {
		if got, want := AppendLower(nil, []byte(c)), refLower([]byte(c)); !bytes.Equal(got, want) {
			t.Errorf("AppendLower(%q) = %q, want %q", c, got, want)
		}
	}
	for r := rune(0); r < 0x3000; r++ {
		s := utf8.AppendRune(nil, r)
		if got, want := AppendLower(nil, s), refLower(s); !bytes.Equal(got, want) {
			t.Fatalf("AppendLower(U+%04X) = %q, want %q", r, got, want)
		}
	}
}

func TestNormalizeNameAsDefined(t *testing.T) {
	for _, c := range lowerCases {
		if got, want := AppendNormalized([]byte("x"), KindName, []byte(c)), append([]byte("x"), refNormalizeName([]byte(c))...); !bytes.Equal(got, want) {
			t.Errorf("name %q: %q, want %q", c, got, want)
		}
	}
}

func FuzzNormalizeName(f *testing.F) {
	for _, c := range lowerCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if got, want := AppendNormalized(nil, KindName, raw), refNormalizeName(raw); !bytes.Equal(got, want) {
			t.Fatalf("%q: %q, want %q", raw, got, want)
		}
		if got, want := AppendLower(nil, raw), refLower(raw); !bytes.Equal(got, want) {
			t.Fatalf("AppendLower(%q) = %q, want %q", raw, got, want)
		}
	})
}
