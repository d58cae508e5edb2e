package rules

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// slowRule parses a rule whose pattern passes the lint but backtracks
// exponentially ("(x|xx)+y" on a run of x with no y), with a short timeout.
func slowRule(t *testing.T, trueEx string) *Set {
	t.Helper()
	set, err := Parse([]byte(`[[rules]]
id = "slow"
kind = "phone"
pattern = 'k(?<value>(x|xx)+y)'
group = "value"
keywords = ["k"]
true_examples = ["` + trueEx + `"]
false_examples = ["nothing"]
`))
	if err != nil {
		t.Fatal(err)
	}
	set.Rules[0].Re.MatchTimeout = 5 * time.Millisecond
	return set
}

// TestFindTimeout: a timed-out search returns ErrTimeout (naming the rule,
// not the text), not a silent "no match".
func TestFindTimeout(t *testing.T) {
	set := slowRule(t, "kxy")
	r := set.Rules[0]
	rec := []byte("k" + strings.Repeat("x", 80) + " secret")
	runes, offs := Runes(rec, nil, nil)
	_, err := r.Find(rec, runes, offs, nil)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("Find on a pathological record: err = %v, want ErrTimeout", err)
	}
	if strings.Contains(err.Error(), "xxx") || !strings.Contains(err.Error(), `"slow"`) {
		t.Errorf("error %q must name the rule and not the text", err)
	}
	rec = []byte("kxxy")
	runes, offs = Runes(rec, runes, offs)
	if ms, err := r.Find(rec, runes, offs, nil); err != nil || len(ms) != 1 {
		t.Errorf("Find on a short record: %d matches, err %v", len(ms), err)
	}
}

// TestTestCountsTimeouts: `rules test` fails an example that timed out,
// even a true example that matched before the timeout.
func TestTestCountsTimeouts(t *testing.T) {
	set := slowRule(t, "kxxy k"+strings.Repeat("x", 80))
	res, err := set.Test()
	if err == nil {
		t.Fatal("Test passed with a timed-out example")
	}
	if !res[0].TimedOut || res[0].OK || res[0].Matches != 1 {
		t.Errorf("true example: %+v, want one match, timed out, not ok", res[0])
	}
}

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
