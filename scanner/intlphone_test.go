package scanner

import (
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestIntlPlanValid checks that the check without Parse answers as Parse
// and IsValidNumber do, on random numbers of every country calling code
// (national numbers starting with every digit, every length the check
// takes) and on the shapes of international numbers in the generators.
// TAZALA_INTL_N sets the numbers per code (default 40; 8 with -short).
func TestIntlPlanValid(t *testing.T) {
	per := 40
	if testing.Short() {
		per = 8
	}
	if v, err := strconv.Atoi(os.Getenv("TAZALA_INTL_N")); err == nil && v > 0 {
		per = v
	}
	r := rand.New(rand.NewPCG(1, 2))
	direct, total, valid := 0, 0, 0
	check := func(d []byte) {
		total++
		v, ok := intlDirect(d)
		if !ok {
			return
		}
		direct++
		if v {
			valid++
		}
		if want := intlParsed(d); v != want {
			t.Fatalf("+%s: without Parse %v, with Parse %v", d, v, want)
		}
	}
	for cc := range phonenumbers.GetSupportedCallingCodes() {
		p := strconv.Itoa(cc)
		for k := 0; k < per; k++ {
			n := 8 + r.IntN(8) // 8–15 digits in all
			if n <= len(p)+1 {
				continue
			}
			d := []byte(p)
			for len(d) < n {
				d = append(d, byte('0'+r.IntN(10)))
			}
			check(d)
		}
	}
	// the generators' shapes: +44 20 7946 xxxx, +49 30 xxxxxxxx, +998 9x …,
	// +996 55x …, +1 212 555 01xx, and their shorter prefixes
	for _, p := range []string{"4420794", "4930", "99890", "99893", "996550", "996559", "121255501", "1212"} {
		for k := 0; k < 20*per; k++ {
			d := []byte(p)
			n := 8 + r.IntN(8)
			for len(d) < n {
				d = append(d, byte('0'+r.IntN(10)))
			}
			check(d)
		}
	}
	// national numbers starting with a national prefix (Parse strips it)
	for cc, npp := range intlPlanInfo().nationalPrefix {
		for _, a := range strings.Split(npp, "|") {
			if a == "" || !allDigits([]byte(a)) {
				continue
			}
			d := []byte(strconv.Itoa(cc) + a)
			for len(d) < 12 {
				d = append(d, byte('0'+r.IntN(10)))
			}
			if len(d) > 15 {
				continue
			}
			if got, want := intlPlanValid(d), intlParsed(d); got != want {
				t.Fatalf("+%s: %v, with Parse %v", d, got, want)
			}
		}
	}
	t.Logf("%d of %d numbers checked without Parse (%d valid), all as with it", direct, total, valid)
	if direct < total/2 || valid < direct/10 {
		t.Errorf("only %d of %d numbers took the direct check, %d of them valid", direct, total, valid)
	}
}
