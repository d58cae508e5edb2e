// Package rules owns the rule schema and its loading: user-defined
// detectors (regexp2 patterns with required keywords, validators and their
// own true and false examples) and the policy file.
package rules

// Set is a compiled set of user rules.
type Set struct {
	Rules []*Rule
}

// Rule is one compiled user rule.
type Rule struct {
	ID string
}
