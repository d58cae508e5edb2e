package scanner

import (
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// intlPlanValid reports whether a '+' number (its digits d, 8–15 of them,
// not starting with 0) is valid by libphonenumber's numbering plan. It
// gives phonenumbers.IsValidNumber the number Parse would have built,
// without running Parse (whose regular expressions for extensions and
// punctuation cost most of a check) when that number is certain: the
// country code is the first 1–3 digits that name one, as Parse reads it,
// and the national number starts neither with a 0 (Parse records Italian
// leading zeros) nor with the national prefix Parse would try to strip
// (the prefix pattern of the country's main region, when it is plain
// digit strings joined by '|'; a pattern of any other form goes through
// Parse). Every other
// number goes through Parse as before. TestIntlPlanValid compares both
// ways on random numbers of every country code.
func intlPlanValid(d []byte) bool {
	if v, ok := intlDirect(d); ok {
		return v
	}
	return intlParsed(d)
}

// intlParsed is the check through Parse.
func intlParsed(d []byte) bool {
	var buf [16]byte
	buf[0] = '+'
	if num, err := phonenumbers.Parse(string(append(buf[:1], d...)), "ZZ"); err == nil {
		return phonenumbers.IsValidNumber(num)
	}
	return false
}

// intlDirect is the check without Parse; ok is false when the number
// must go through Parse.
func intlDirect(d []byte) (valid, ok bool) {
	plan := intlPlanInfo()
	if len(d) < 8 || len(d) > 15 || d[0] == '0' {
		return false, false
	}
	cc, k := 0, 0
	for i := 1; i <= 3; i++ {
		cc = cc*10 + int(d[i-1]-'0')
		if plan.codes[cc] {
			k = i
			break
		}
	}
	if k == 0 {
		return false, false
	}
	nsn := d[k:]
	if nsn[0] == '0' {
		return false, false
	}
	npp, known := plan.nationalPrefix[cc]
	if !known {
		return false, false
	}
	if npp != "" && !noNationalPrefix(nsn, npp) {
		return false, false // Parse would try to strip it (or the pattern is not plain)
	}
	var nn uint64
	for _, c := range nsn {
		nn = nn*10 + uint64(c-'0')
	}
	c32 := int32(cc)
	return phonenumbers.IsValidNumber(&phonenumbers.PhoneNumber{CountryCode: &c32, NationalNumber: &nn}), true
}

// noNationalPrefix reports whether nsn surely does not start with the
// national prefix pattern npp: npp is plain digit strings joined by '|'
// ("0", "0|180020"), none of which nsn starts with. It is false for a
// pattern of any other form.
func noNationalPrefix(nsn []byte, npp string) bool {
	for a := range strings.SplitSeq(npp, "|") {
		if !allDigits([]byte(a)) || strings.HasPrefix(string(nsn), a) {
			return false
		}
	}
	return true
}

// intlPlan holds what intlDirect reads of libphonenumber's metadata: the
// country calling codes, and the national prefix for parsing of each
// code's main region (the metadata Parse strips a national prefix by).
type intlPlan struct {
	codes          map[int]bool
	nationalPrefix map[int]string
}

var intlPlanInfo = sync.OnceValue(func() *intlPlan {
	p := &intlPlan{codes: phonenumbers.GetSupportedCallingCodes(), nationalPrefix: map[int]string{}}
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return p // no code has a known prefix: every number goes through Parse
	}
	byRegion := map[string]*phonenumbers.PhoneMetadata{}
	nonGeo := map[int]*phonenumbers.PhoneMetadata{}
	for _, m := range coll.GetMetadata() {
		if m.GetId() == "001" {
			nonGeo[int(m.GetCountryCode())] = m
		} else {
			byRegion[m.GetId()] = m
		}
	}
	for cc := range p.codes {
		region := phonenumbers.GetRegionCodeForCountryCode(cc)
		m := byRegion[region]
		if region == "001" {
			m = nonGeo[cc]
		}
		if m != nil {
			p.nationalPrefix[cc] = m.GetNationalPrefixForParsing()
		}
	}
	return p
})
