package scanner

import (
	"bytes"
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
	var v rune
	for _, c := range s[i : i+4] {
		v <<= 4
		switch {
		case c >= '0' && c <= '9':
			v |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			v |= rune(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v |= rune(c-'A') + 10
		default:
			return 0, false
		}
	}
	return v, true
}

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
