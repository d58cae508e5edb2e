package rules

import (
	"fmt"
)

// ExampleResult is the outcome of one example of a rule.
type ExampleResult struct {
	Rule    string
	Example int  // index within its list
	True    bool // from true_examples
	Matches int
	// TimedOut is set when the pattern hit its match timeout on the
	// example: the example fails, whatever it matched.
	TimedOut bool
	OK       bool
}

// Test runs every rule over its own examples: each true example must give
// at least one match and each false example none; an example on which the
// pattern times out fails either way. Results never include
// the example text (it may be realistic data).
func (s *Set) Test() ([]ExampleResult, error) {
	var res []ExampleResult
	var failed int
	var runes []rune
	var offs []int
	for _, r := range s.Rules {
		for i, ex := range r.True {
			runes, offs = Runes([]byte(ex), runes, offs)
			ms, err := r.Find([]byte(ex), runes, offs, nil)
			n := len(ms)
			ok := n > 0 && r.HasKeyword([]byte(ex)) && err == nil
			res = append(res, ExampleResult{Rule: r.ID, Example: i, True: true, Matches: n, TimedOut: err != nil, OK: ok})
			if !ok {
				failed++
			}
		}
		for i, ex := range r.False {
			runes, offs = Runes([]byte(ex), runes, offs)
			n := 0
			var err error
			if r.HasKeyword([]byte(ex)) {
				var ms []Match
				ms, err = r.Find([]byte(ex), runes, offs, nil)
				n = len(ms)
			}
			ok := n == 0 && err == nil
			res = append(res, ExampleResult{Rule: r.ID, Example: i, True: false, Matches: n, TimedOut: err != nil, OK: ok})
			if !ok {
				failed++
			}
		}
	}
	if failed > 0 {
		return res, fmt.Errorf("rules: %d example(s) failed", failed)
	}
	return res, nil
}
