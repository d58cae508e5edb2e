package scanner

import (
	"bytes"
	"testing"
)

// TestGlueTables checks that the glue tables' fast answers are those of
// attachedBeforeBy and attachedAfterBy on every pair of bytes around a
// digit run, with a digit or a letter further out and at the segment's
// edges.
func TestGlueTables(t *testing.T) {
	for p := range 256 {
		for q := range 256 {
			for _, r := range []byte{'7', 'a', ' ', ',', 0xD0} {
				// before: t = r q p 5
				b := []byte{r, byte(q), byte(p), '5', '5'}
				for lo := 0; lo <= 2; lo++ {
					if got, want := attachedBefore(b, 3, lo), attachedBeforeBy(b, 3, lo); got != want {
						t.Fatalf("attachedBefore(% x, lo %d) = %v, want %v", b, lo, got, want)
					}
				}
				// after: t = 5 p q r
				a := []byte{'5', byte(p), byte(q), r, '1'}
				for _, n := range []int{2, 3, 5} {
					if got, want := attachedAfter(a[:n], 1), attachedAfterBy(a[:n], 1); got != want {
						t.Fatalf("attachedAfter(% x) = %v, want %v", a[:n], got, want)
					}
				}
			}
		}
	}
}

// TestDigitsEnd checks digitsEnd against a byte loop on runs of every
// length ending in every byte, at every alignment.
func TestDigitsEnd(t *testing.T) {
	for n := 0; n <= 20; n++ {
		for end := range 256 {
			for lead := 0; lead < 3; lead++ {
				b := make([]byte, 0, 32)
				for range lead {
					b = append(b, 'x')
				}
				for k := range n {
					b = append(b, byte('0'+k%10))
				}
				b = append(b, byte(end), '7', '7', '7', '7', '7', '7', '7', '7', '7')
				for _, l := range []int{len(b), lead + n + 1, lead + n} {
					want := lead
					for want < l && isDigit(b[want]) {
						want++
					}
					if got := digitsEnd(b[:l], lead); got != want {
						t.Fatalf("digitsEnd(%q, %d) = %d, want %d", b[:l], lead, got, want)
					}
				}
			}
		}
	}
}

// TestHasDigit checks hasDigit against a byte loop: a digit at every
// position among every other byte value, and runs without one.
func TestHasDigit(t *testing.T) {
	for n := 0; n <= 19; n++ {
		for fill := range 256 {
			b := make([]byte, n)
			for k := range b {
				b[k] = byte(fill)
			}
			if got, want := hasDigit(b), isDigit(byte(fill)) && n > 0; got != want {
				t.Fatalf("hasDigit(% x) = %v", b, got)
			}
			for k := range b {
				c := bytes.Clone(b)
				c[k] = byte('0' + k%10)
				if !hasDigit(c) {
					t.Fatalf("hasDigit(% x) = false", c)
				}
			}
		}
	}
}
