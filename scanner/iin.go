package scanner

import "github.com/tazala/tazala/internal/checksum"

// validIIN reports whether d (exactly 12 ASCII digits) is a valid personal
// IIN: birth date, century digit no later than maxYear, control digit (see
// checksum.ValidIIN, which user rules' `iin` validator shares).
func validIIN(d []byte, maxYear int) bool { return checksum.ValidIIN(d, maxYear) }
