// Package checksum owns the check-digit algorithms tazala validates with
// and the generator produces: Luhn (ISO/IEC 7812 card numbers) and the
// Kazakh IIN/BIN control digit.
package checksum

// Luhn reports whether the ASCII digits in d pass the Luhn check.
func Luhn(d []byte) bool {
	return len(d) > 0 && luhnSum(d, false)%10 == 0
}

// LuhnDigit returns the check digit that makes body+digit Luhn-valid.
func LuhnDigit(body []byte) int {
	return (10 - luhnSum(body, true)%10) % 10
}

// luhnSum doubles every second digit from the right; with firstDoubled the
// rightmost digit is doubled (body without its check digit).
func luhnSum(d []byte, firstDoubled bool) int {
	sum, dbl := 0, firstDoubled
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if dbl {
			if v *= 2; v > 9 {
				v -= 9
			}
		}
		sum += v
		dbl = !dbl
	}
	return sum
}

// IINControl computes the IIN/BIN control digit from the first 11 ASCII
// digits of d: weights 1..11 mod 11; when that gives 10, weights
// 3..11,1,2; when that gives 10 again the number has no valid control
// digit and -1 is returned.
func IINControl(d []byte) int {
	if len(d) < 11 {
		return -1
	}
	s := 0
	for i := 0; i < 11; i++ {
		s += int(d[i]-'0') * (i + 1)
	}
	if c := s % 11; c != 10 {
		return c
	}
	s = 0
	for i := 0; i < 11; i++ {
		s += int(d[i]-'0') * ((i+2)%11 + 1)
	}
	if c := s % 11; c != 10 {
		return c
	}
	return -1
}
