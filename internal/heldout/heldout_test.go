package heldout

import (
	"bytes"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
)

// TestLabels: every part is deterministic, its spans are in bounds, sorted
// and disjoint, and the values are valid where they must be (IIN, Luhn).
func TestLabels(t *testing.T) {
	for _, part := range []Part{Tuned, Heldout, Blind, Blind2, Blind3} {
		a, b := New(1, part), New(1, part)
		for i := 0; i < 2000; i++ {
			ra, rb := a.Next(), b.Next()
			if !bytes.Equal(ra.Line, rb.Line) {
				t.Fatalf("part %d record %d: not deterministic", part, i)
			}
			if bytes.IndexByte(ra.Line, '\n') >= 0 {
				t.Fatalf("part %d record %d: newline in a record", part, i)
			}
			end := 0
			for _, sp := range ra.Spans {
				if sp.Start < end || sp.End <= sp.Start || sp.End > len(ra.Line) {
					t.Fatalf("part %d record %d: bad span %v", part, i, sp)
				}
				end = sp.End
				v := digitsOf(ra.Line[sp.Start:sp.End])
				switch sp.Kind {
				case tazala.KindIIN:
					if !checksum.ValidIIN(v, time.Now().Year()) {
						t.Fatalf("part %d record %d: invalid IIN", part, i)
					}
				case tazala.KindPAN:
					if len(v) < 13 || len(v) > 19 || !checksum.Luhn(v) {
						t.Fatalf("part %d record %d: invalid PAN", part, i)
					}
				}
			}
		}
	}
}

func TestOpsLines(t *testing.T) {
	o, p := NewOps(2), NewOps(2)
	for i := 0; i < 5000; i++ {
		a, b := o.Next(), p.Next()
		if !bytes.Equal(a, b) || bytes.IndexByte(a, '\n') >= 0 || len(a) == 0 {
			t.Fatalf("line %d: not deterministic, empty or holds a newline", i)
		}
	}
}

func digitsOf(b []byte) []byte {
	var d []byte
	for _, c := range b {
		if c >= '0' && c <= '9' {
			d = append(d, c)
		}
	}
	return d
}
