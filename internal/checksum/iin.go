package checksum

// ValidIIN reports whether d (exactly 12 ASCII digits) is a valid personal
// IIN (ИИН/ЖСН): a real birth date in YYMMDD, a century/sex digit 1–6 whose
// century puts the date no later than maxYear, and a correct control digit.
// A business BIN has 4, 5 or 6 in the fifth position (the tens of the day
// for an IIN), so it fails the date rule and is never a valid IIN. The
// scanner and the `iin` validator of user rules both use this one check.
func ValidIIN(d []byte, maxYear int) bool {
	if len(d) != 12 {
		return false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
	}
	yy := int(d[0]-'0')*10 + int(d[1]-'0')
	mm := int(d[2]-'0')*10 + int(d[3]-'0')
	dd := int(d[4]-'0')*10 + int(d[5]-'0')
	var year int
	switch d[6] {
	case '1', '2':
		year = 1800 + yy
	case '3', '4':
		year = 1900 + yy
	case '5', '6':
		year = 2000 + yy
	default:
		return false
	}
	if year > maxYear || mm < 1 || mm > 12 || dd < 1 || dd > daysIn(year, mm) {
		return false
	}
	return IINControl(d) == int(d[11]-'0')
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
