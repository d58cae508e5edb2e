// Package rules owns the rule schema and its loading: user-defined
// detectors written as regexp2 patterns, each with required keywords (a
// rule runs only on records that contain one), an optional validator, and
// its own true and false examples, which `tazala rules test` checks.
//
// Loading is two-staged, as in gitleaks: the TOML file is decoded into raw
// structs, then Translate compiles and Validate checks each rule; every
// error names the rule ID and the field.
package rules

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/dlclark/regexp2"
	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/checksum"
)

// MatchTimeout bounds one regexp2 match, so a pathological pattern cannot
// stall the pipeline.
const MatchTimeout = 50 * time.Millisecond

// File is the raw TOML form of a rules file.
type File struct {
	Rules []RawRule `toml:"rules"`
}

// RawRule is one rule as written.
type RawRule struct {
	ID          string   `toml:"id"`
	Description string   `toml:"description"`
	Kind        string   `toml:"kind"`
	Pattern     string   `toml:"pattern"`
	Keywords    []string `toml:"keywords"`
	// Group names the capture group holding the value ("value" by
	// convention); empty means the whole match.
	Group string `toml:"group"`
	// Validate is "", "luhn", "iin" or "digits:N-M".
	Validate   string   `toml:"validate"`
	Confidence float64  `toml:"confidence"`
	True       []string `toml:"true_examples"`
	False      []string `toml:"false_examples"`
}

// Rule is one compiled rule.
type Rule struct {
	ID         string
	Detector   string // "rule:<id>", the detector name on findings
	Kind       tazala.Kind
	Re         *regexp2.Regexp
	Keywords   [][]byte // lower-cased
	Group      string
	Validate   func(value string) bool
	Confidence float32
	True       []string
	False      []string
}

// Set is a compiled set of user rules.
type Set struct {
	Rules []*Rule
}

var idRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// Load reads, translates and validates a rules file.
func Load(path string) (*Set, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return Parse(b)
}

// Parse decodes, translates and validates rules from TOML text.
func Parse(b []byte) (*Set, error) {
	var f File
	md, err := toml.Decode(string(b), &f)
	if err != nil {
		return nil, fmt.Errorf("rules: parse: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("rules: unknown field %q (known: id, description, kind, pattern, keywords, group, validate, confidence, true_examples, false_examples)", und[0].String())
	}
	if len(f.Rules) == 0 {
		return nil, errors.New("rules: no [[rules]] in file")
	}
	set := &Set{}
	seen := map[string]bool{}
	var errs []error
	for i, raw := range f.Rules {
		r, err := raw.Translate()
		if err != nil {
			errs = append(errs, ruleErr(i, raw.ID, err))
			continue
		}
		if seen[r.ID] {
			errs = append(errs, ruleErr(i, raw.ID, errors.New("id: duplicate")))
			continue
		}
		seen[r.ID] = true
		set.Rules = append(set.Rules, r)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return set, nil
}

func ruleErr(i int, id string, err error) error {
	if id == "" {
		return fmt.Errorf("rules[%d]: %w", i, err)
	}
	return fmt.Errorf("rule %q: %w", id, err)
}

// Translate compiles a raw rule and validates its fields.
func (raw RawRule) Translate() (*Rule, error) {
	if !idRe.MatchString(raw.ID) {
		return nil, errors.New("id: must be 1-64 of a-z, 0-9, '-', '_', starting with a letter or digit")
	}
	k, err := tazala.ParseKind(raw.Kind)
	if err != nil {
		return nil, fmt.Errorf("kind: %w", err)
	}
	if raw.Pattern == "" {
		return nil, errors.New("pattern: required")
	}
	re, err := regexp2.Compile(raw.Pattern, regexp2.RE2)
	if err != nil {
		// fall back to the full .NET-style syntax (lookbehind etc.)
		re, err = regexp2.Compile(raw.Pattern, 0)
		if err != nil {
			return nil, fmt.Errorf("pattern: %w", err)
		}
	}
	if err := checkBacktracking(raw.Pattern); err != nil {
		return nil, fmt.Errorf("pattern: %w", err)
	}
	re.MatchTimeout = MatchTimeout
	if len(raw.Keywords) == 0 {
		return nil, errors.New("keywords: at least one required (the rule runs only on records containing one)")
	}
	r := &Rule{ID: raw.ID, Detector: "rule:" + raw.ID, Kind: k, Re: re, Group: raw.Group, True: raw.True, False: raw.False}
	for _, kw := range raw.Keywords {
		if strings.TrimSpace(kw) == "" {
			return nil, errors.New("keywords: empty keyword")
		}
		r.Keywords = append(r.Keywords, []byte(strings.ToLower(kw)))
	}
	if raw.Group != "" && re.GroupNumberFromName(raw.Group) < 0 {
		return nil, fmt.Errorf("group: pattern has no group named %q", raw.Group)
	}
	r.Validate, err = validator(raw.Validate)
	if err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	switch {
	case raw.Confidence == 0:
		r.Confidence = 0.8
	case raw.Confidence < 0 || raw.Confidence > 1:
		return nil, errors.New("confidence: must be within 0..1")
	default:
		r.Confidence = float32(raw.Confidence)
	}
	if len(raw.True) == 0 || len(raw.False) == 0 {
		return nil, errors.New("true_examples, false_examples: each rule needs at least one of both")
	}
	return r, nil
}

func validator(name string) (func(string) bool, error) {
	switch {
	case name == "":
		return nil, nil
	case name == "luhn":
		return func(v string) bool { d := onlyDigits(v); return len(d) >= 2 && checksum.Luhn(d) }, nil
	case name == "iin":
		// the scanner's full check: birth date, century digit, control digit
		return func(v string) bool { return checksum.ValidIIN(onlyDigits(v), time.Now().Year()) }, nil
	case strings.HasPrefix(name, "digits:"):
		var lo, hi int
		if _, err := fmt.Sscanf(name, "digits:%d-%d", &lo, &hi); err != nil || lo < 1 || hi < lo {
			return nil, fmt.Errorf("%q: want digits:MIN-MAX", name)
		}
		return func(v string) bool { n := len(onlyDigits(v)); return n >= lo && n <= hi }, nil
	}
	return nil, fmt.Errorf("unknown validator %q (want luhn, iin or digits:MIN-MAX)", name)
}

func onlyDigits(s string) []byte {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return b
}

// Match is one user-rule finding in byte offsets.
type Match struct {
	Start, End int
}

// HasKeyword reports whether rec contains one of r's keywords (ASCII
// case-insensitively; other bytes must match exactly).
func (r *Rule) HasKeyword(rec []byte) bool {
	for _, kw := range r.Keywords {
		if indexFold(rec, kw) >= 0 {
			return true
		}
	}
	return false
}

func indexFold(s, lowerSub []byte) int {
	n := len(lowerSub)
	if n == 0 {
		return 0
	}
	first := lowerSub[0]
	for i := 0; i+n <= len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != first {
			continue
		}
		ok := true
		for j := 1; j < n; j++ {
			d := s[i+j]
			if d >= 'A' && d <= 'Z' {
				d += 'a' - 'A'
			}
			if d != lowerSub[j] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// ErrTimeout is returned by Find when the rule's pattern ran into its
// match timeout: the search stopped early and the record may hold a value
// the rule would have found.
var ErrTimeout = errors.New("rules: match timeout")

// Find appends r's matches in rec as byte spans to dst. runes and offs are
// scratch (rec as runes, and the byte offset of each rune plus the end).
// When the pattern hits its match timeout, Find returns the matches found
// so far with an error wrapping ErrTimeout (naming the rule, never the
// text): the search is incomplete and the caller must not treat the record
// as clean.
func (r *Rule) Find(rec []byte, runes []rune, offs []int, dst []Match) ([]Match, error) {
	m, err := r.Re.FindRunesMatch(runes)
	for err == nil && m != nil {
		g := &m.Group
		if r.Group != "" {
			g = m.GroupByName(r.Group)
		}
		if g != nil && g.Length > 0 {
			a, b := offs[g.Index], offs[g.Index+g.Length]
			if r.Validate == nil || r.Validate(string(rec[a:b])) {
				dst = append(dst, Match{Start: a, End: b})
			}
		}
		m, err = r.Re.FindNextMatch(m)
	}
	if err != nil {
		return dst, fmt.Errorf("rule %q: %w after %v", r.ID, ErrTimeout, r.Re.MatchTimeout)
	}
	return dst, nil
}

// Runes decodes rec into runes and records each rune's byte offset (plus
// one entry for the end), reusing the given slices.
func Runes(rec []byte, runes []rune, offs []int) ([]rune, []int) {
	runes, offs = runes[:0], offs[:0]
	for i, r := range string(rec) {
		runes = append(runes, r)
		offs = append(offs, i)
	}
	offs = append(offs, len(rec))
	return runes, offs
}
