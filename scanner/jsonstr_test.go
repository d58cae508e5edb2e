package scanner

import (
	"fmt"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// TestDecodeEveryEscape decodes \uXXXX for every XXXX, in both cases of
// hex digits and between other bytes, and checks the bytes (what
// utf8.AppendRune writes; U+FFFD for a lone surrogate) and that every
// decoded byte of the escape maps back to the escape's backslash.
func TestDecodeEveryEscape(t *testing.T) {
	for v := range 0x10000 {
		for _, f := range []string{"a\\u%04x.", "a\\u%04X."} {
			raw := []byte(fmt.Sprintf(f, v))
			r := rune(v)
			if utf16.IsSurrogate(r) {
				r = utf8.RuneError
			}
			want := append(utf8.AppendRune([]byte("a"), r), '.')
			got, off := decodeJSONString(nil, nil, raw, 10)
			if string(got) != string(want) {
				t.Fatalf("%q: decoded % x, want % x", raw, got, want)
			}
			if len(off) != len(got)+1 || off[0] != 10 || off[len(off)-2] != 10+int32(len(raw))-1 || off[len(off)-1] != 10+int32(len(raw)) {
				t.Fatalf("%q: offsets %v", raw, off)
			}
			for k := 1; k < len(got)-1; k++ {
				if off[k] != 11 {
					t.Fatalf("%q: offset of decoded byte %d is %d, want 11", raw, k, off[k])
				}
			}
		}
	}
}
