package rules

import (
	"testing"
)

// TestCheckBacktracking: the nested-quantifier lint, true and false cases.
func TestCheckBacktracking(t *testing.T) {
	for _, c := range []struct {
		p   string
		bad bool
	}{
		{`(a+)+`, true},
		{`(a*)*`, true},
		{`(\w+-?)+`, true},
		{`(?:\d+\s?)+$`, true},
		{`(?<v>(?:[a-z]+\.)*)+@`, true},
		{`(a|a)*`, true},
		{`(?:ab|cd|ab)+`, true},
		{`(x{1,}y)*`, true},
		{`((a+)b)+`, true},
		{`(a{2,100})+`, true},
		{`member:(?<value>7\d{10})\b`, false},
		{`[\w-]+`, false},
		{`(\d{4}[ -]?){3}\d{4}`, false},
		{`(?>a+)+`, false},
		{`(a+)?b`, false},
		{`(ab|cd)+`, false},
		{`\(\d+\)+`, false},
		{`[(+]+\d+`, false},
		{`a{2,3}`, false},
		{`(?i)iin[:=](?<v>\d{12})`, false},
		{`(?<=id=)\d+`, false},
	} {
		err := checkBacktracking(c.p)
		if (err != nil) != c.bad {
			t.Errorf("checkBacktracking(%q) = %v, want bad=%v", c.p, err, c.bad)
		}
	}
}

// TestIINValidator: the `iin` validator is the scanner's full check, not
// only the control digit.
func TestIINValidator(t *testing.T) {
	v, err := validator("iin")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in   string
		want bool
		why  string
	}{
		{"900101300017", true, "valid"},
		{"iin 9001-0130-0017", true, "digits among separators"},
		{"900101300016", false, "control digit"},
		{"120840589303", false, "business BIN: fifth digit 4 (control digit ok)"},
		{"901301300011", false, "month 13"},
		{"900101700012", false, "century digit 7"},
		{"90010130001", false, "11 digits"},
	} {
		if got := v(c.in); got != c.want {
			t.Errorf("iin validator (%s) = %v, want %v", c.why, got, c.want)
		}
	}
}
