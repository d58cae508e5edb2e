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
	OK      bool
}

// Test runs every rule over its own examples: each true example must give
// at least one match and each false example none. Results never include
// the example text (it may be realistic data).
func (s *Set) Test() ([]ExampleResult, error) {
	var res []ExampleResult
	var failed int
	var runes []rune
	var offs []int
	for _, r := range s.Rules {
		for i, ex := range r.True {
			runes, offs = Runes([]byte(ex), runes, offs)
			n := len(r.Find([]byte(ex), runes, offs, nil))
			ok := n > 0 && r.HasKeyword([]byte(ex))
			res = append(res, ExampleResult{Rule: r.ID, Example: i, True: true, Matches: n, OK: ok})
			if !ok {
				failed++
			}
		}
		for i, ex := range r.False {
			runes, offs = Runes([]byte(ex), runes, offs)
			n := 0
			if r.HasKeyword([]byte(ex)) {
				n = len(r.Find([]byte(ex), runes, offs, nil))
			}
			ok := n == 0
			res = append(res, ExampleResult{Rule: r.ID, Example: i, True: false, Matches: n, OK: ok})
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
