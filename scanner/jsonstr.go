package scanner

import (
	"bytes"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeJSONString appends the decoded form of the JSON string body s (the
// text between the quotes) to dst, and to off the raw offset (base + index
// in s) where each decoded byte's source starts, plus one final entry for
// the end. Invalid escapes are kept as written. A negative base records no
// offsets.
func decodeJSONString(dst []byte, off []int32, s []byte, base int) ([]byte, []int32) {
	track := base >= 0
	for i := 0; i < len(s); {
		// the run up to the next backslash is copied as it is
		k := 0
		for i+k < len(s) && s[i+k] != '\\' {
			k++
		}
		if k > 0 {
			dst = append(dst, s[i:i+k]...)
			if track {
				n := len(off)
				off = slices.Grow(off, k)[:n+k]
				for j := range k {
					off[n+j] = int32(base + i + j)
				}
			}
			i += k
			continue
		}
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			dst = append(dst, c)
			if track {
				off = append(off, int32(base+i))
			}
			i++
			continue
		}
		src := i
		if s[i+1] == 'u' {
			// the common escape, a letter of two UTF-8 bytes (Cyrillic,
			// Kazakh): written out as utf8.AppendRune writes it
			if v, ok := hex4(s, i+2); ok && v >= 0x80 && v < 0x800 {
				dst = append(dst, 0xC0|byte(v>>6), 0x80|byte(v&0x3F))
				if track {
					off = append(off, int32(base+src), int32(base+src))
				}
				i += 6
				continue
			}
		}
		var r rune = -1
		n := 2
		switch s[i+1] {
		case '"', '\\', '/':
			r = rune(s[i+1])
		case 'n':
			r = '\n'
		case 't':
			r = '\t'
		case 'r':
			r = '\r'
		case 'b':
			r = '\b'
		case 'f':
			r = '\f'
		case 'u':
			if v, ok := hex4(s, i+2); ok {
				r, n = v, 6
				if utf16.IsSurrogate(r) {
					if i+11 < len(s)+0 && s[i+6] == '\\' && s[i+7] == 'u' {
						if v2, ok := hex4(s, i+8); ok {
							if dec := utf16.DecodeRune(r, v2); dec != utf8.RuneError {
								r, n = dec, 12
							}
						}
					}
					if n == 6 {
						r = utf8.RuneError
					}
				}
			}
		}
		if r < 0 {
			dst = append(dst, c)
			if track {
				off = append(off, int32(base+i))
			}
			i++
			continue
		}
		l := len(dst)
		dst = utf8.AppendRune(dst, r)
		for j := l; track && j < len(dst); j++ {
			off = append(off, int32(base+src))
		}
		i += n
	}
	if track {
		off = append(off, int32(base+len(s)))
	}
	return dst, off
}

func hex4(s []byte, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	a, b, c, d := hexVal[s[i]], hexVal[s[i+1]], hexVal[s[i+2]], hexVal[s[i+3]]
	if a|b|c|d < 0 {
		return 0, false
	}
	return rune(a)<<12 | rune(b)<<8 | rune(c)<<4 | rune(d), true
}

// hexVal is the value of a hexadecimal digit, -1 for any other byte.
var hexVal = func() (t [256]int8) {
	for c := range 256 {
		switch {
		case c >= '0' && c <= '9':
			t[c] = int8(c - '0')
		case c >= 'a' && c <= 'f':
			t[c] = int8(c-'a') + 10
		case c >= 'A' && c <= 'F':
			t[c] = int8(c-'A') + 10
		default:
			t[c] = -1
		}
	}
	return
}()

// AppendUnescaped appends raw with JSON string escapes decoded to dst: the
// value a finding's raw span stands for. Text without a backslash is copied
// as is.
func AppendUnescaped(dst, raw []byte) []byte {
	if bytes.IndexByte(raw, '%') >= 0 {
		// URL-encoded '@' and '+' (the only escapes the detectors read)
		r := bytes.ReplaceAll(raw, []byte("%40"), []byte("@"))
		r = bytes.ReplaceAll(r, []byte("%2B"), []byte("+"))
		raw = bytes.ReplaceAll(r, []byte("%2b"), []byte("+"))
	}
	if bytes.IndexByte(raw, '\\') >= 0 {
		d, _ := decodeJSONString(dst, nil, raw, -1)
		return d
	}
	return append(dst, raw...)
}
