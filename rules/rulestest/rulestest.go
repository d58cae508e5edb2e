// Package rulestest holds fixtures for tests of code that runs user rules:
// a rule set whose one rule passes the lint but times out on a known text.
package rulestest

import (
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala/rules"
)

// StuckText is a text the slow rule times out on: "k=" and a long run of x
// with no y, on which its pattern backtracks exponentially.
var StuckText = "k=" + strings.Repeat("x", 90)

// SlowTOML returns the rule file of the slow rule ("slow", kind phone,
// pattern k=(x|xx)+y, keyword "k="), with trueExample as its one true
// example. "k=xxy" matches at once; StuckText times out.
func SlowTOML(trueExample string) []byte {
	return []byte(`[[rules]]
id = "slow"
kind = "phone"
pattern = 'k=(?<value>(x|xx)+y)'
group = "value"
keywords = ["k="]
true_examples = ["` + trueExample + `"]
false_examples = ["k=z"]
`)
}

// SlowSet returns the parsed slow rule with a 5 ms match timeout, so that
// StuckText times out quickly.
func SlowSet(t testing.TB) *rules.Set {
	t.Helper()
	set, err := rules.Parse(SlowTOML("k=xxy"))
	if err != nil {
		t.Fatal(err)
	}
	set.Rules[0].Re.MatchTimeout = 5 * time.Millisecond
	return set
}
