package rules

import (
	"fmt"
	"strconv"
	"strings"
)

// maxBoundedRepeat is the largest {n,m} upper bound still counted as
// bounded when looking for nested quantifiers.
const maxBoundedRepeat = 16

// checkBacktracking rejects the pattern shapes that make a backtracking
// engine such as regexp2 take exponential time on a near miss: a repeated
// group that itself holds a repeat ("(a+)+", "(\w+-?)+", "(a*b?)*"), and a
// repeated group whose alternatives are the same ("(a|a)*"). Such a rule
// would hit its match timeout on ordinary records and leave them
// incompletely scanned. Atomic groups "(?>…)" do not backtrack and are
// accepted. The check is syntactic and conservative: it finds the shapes
// it names, not every slow pattern (the match timeout still applies).
func checkBacktracking(p string) error {
	type frame struct {
		start    int  // index of '('
		body     int  // index where the group's content starts
		repeats  bool // holds an unbounded repeat
		atomic   bool
		branches []string
	}
	stack := []frame{{start: -1}}
	top := func() *frame { return &stack[len(stack)-1] }
	for i := 0; i < len(p); {
		c := p[i]
		switch c {
		case '\\':
			i = escapeEnd(p, i)
			j, unbounded, _ := quantifier(p, i)
			if unbounded {
				top().repeats = true
			}
			i = j
		case '[':
			i = classEnd(p, i)
			j, unbounded, _ := quantifier(p, i)
			if unbounded {
				top().repeats = true
			}
			i = j
		case '(':
			f := frame{start: i, body: i + 1}
			if strings.HasPrefix(p[i:], "(?") {
				switch {
				case strings.HasPrefix(p[i:], "(?>"):
					f.atomic = true
					f.body = i + 3
				case strings.HasPrefix(p[i:], "(?<=") || strings.HasPrefix(p[i:], "(?<!"):
					f.body = i + 4
				case strings.HasPrefix(p[i:], "(?<") || strings.HasPrefix(p[i:], "(?P<"):
					if k := strings.IndexByte(p[i:], '>'); k > 0 {
						f.body = i + k + 1
					}
				case strings.HasPrefix(p[i:], "(?'"):
					if k := strings.IndexByte(p[i+3:], '\''); k >= 0 {
						f.body = i + 3 + k + 1
					}
				default:
					// (?:…), (?=…), (?!…), (?i:…), (?i)
					k := i + 2
					for k < len(p) && p[k] != ':' && p[k] != ')' && p[k] != '=' && p[k] != '!' {
						k++
					}
					if k < len(p) && p[k] != ')' {
						k++
					}
					f.body = k
				}
			}
			stack = append(stack, f)
			i = f.body
		case '|':
			f := top()
			f.branches = append(f.branches, p[f.body:i])
			f.body = i + 1
			i++
		case ')':
			if len(stack) == 1 {
				i++ // unbalanced: the compiler reports it
				continue
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			f.branches = append(f.branches, p[f.body:i])
			j, unbounded, _ := quantifier(p, i+1)
			if unbounded && !f.atomic {
				if f.repeats {
					return fmt.Errorf("nested quantifier %s at offset %d: a repeated group holding a repeat backtracks exponentially on a near miss (write it without the outer repeat, e.g. [\\w-]+ for (\\w+-?)+)", "`"+p[f.start:j]+"`", f.start)
				}
				if dup := duplicate(f.branches); dup != "" {
					return fmt.Errorf("repeated alternation %s at offset %d: alternatives that match the same text (%s) backtrack exponentially", "`"+p[f.start:j]+"`", f.start, "`"+dup+"`")
				}
			}
			if !f.atomic && (f.repeats || unbounded) {
				top().repeats = true
			}
			i = j
		default:
			j, unbounded, _ := quantifier(p, i+1)
			if unbounded {
				top().repeats = true
			}
			i = j
		}
	}
	return nil
}

// escapeEnd returns the index after the escape starting at p[i] ('\'):
// "\d", "\p{L}", "\k<name>", "\x41", "\u0041".
func escapeEnd(p string, i int) int {
	if i+1 >= len(p) {
		return len(p)
	}
	switch p[i+1] {
	case 'p', 'P':
		if i+2 < len(p) && p[i+2] == '{' {
			if k := strings.IndexByte(p[i:], '}'); k > 0 {
				return i + k + 1
			}
		}
	case 'k':
		if i+2 < len(p) && p[i+2] == '<' {
			if k := strings.IndexByte(p[i:], '>'); k > 0 {
				return i + k + 1
			}
		}
	}
	return i + 2
}

// classEnd returns the index after the character class starting at p[i].
func classEnd(p string, i int) int {
	j := i + 1
	if j < len(p) && p[j] == '^' {
		j++
	}
	if j < len(p) && p[j] == ']' {
		j++
	}
	for j < len(p) {
		switch p[j] {
		case '\\':
			j += 2
			continue
		case ']':
			return j + 1
		}
		j++
	}
	return len(p)
}

// quantifier reads a quantifier at p[i] ("*", "+", "?", "{n}", "{n,}",
// "{n,m}", each optionally lazy or possessive). It returns the index after
// it, whether it repeats without a small bound, and whether there was one.
func quantifier(p string, i int) (end int, unbounded, present bool) {
	if i >= len(p) {
		return i, false, false
	}
	switch p[i] {
	case '*', '+':
		end, unbounded, present = i+1, true, true
	case '?':
		end, present = i+1, true
	case '{':
		k := strings.IndexByte(p[i:], '}')
		if k < 0 {
			return i, false, false
		}
		body := p[i+1 : i+k]
		lo, hi, comma := strings.Cut(body, ",")
		if _, err := strconv.Atoi(lo); err != nil {
			return i, false, false // a literal '{'
		}
		end, present = i+k+1, true
		if comma {
			if hi == "" {
				unbounded = true
			} else if n, err := strconv.Atoi(hi); err != nil || n > maxBoundedRepeat {
				unbounded = true
			}
		}
	default:
		return i, false, false
	}
	if end < len(p) && (p[end] == '?' || p[end] == '+') {
		end++
	}
	return end, unbounded, present
}

// duplicate returns an alternative that occurs twice in branches, or "".
func duplicate(branches []string) string {
	for i := range branches {
		for j := i + 1; j < len(branches); j++ {
			if branches[i] == branches[j] {
				return branches[i]
			}
		}
	}
	return ""
}
