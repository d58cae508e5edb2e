package chhttp

import (
	"fmt"
	"strings"
)

// node is one line of the engine's `EXPLAIN AST` dump: its kind (the
// first word: SelectQuery, TableIdentifier, Function, Identifier, ...),
// the rest of the line without the "(alias …)" and "(children N)" notes,
// and its children.
type node struct {
	kind     string
	name     string
	parent   *node
	children []*node
}

// parseAST reads the text of `EXPLAIN AST` (one node per line, one space
// of indentation per level). It returns the root, or an error when the text
// does not have that shape (then the statement is refused: a dump we
// cannot read is never taken as harmless).
func parseAST(text string) (*node, error) {
	var root *node
	var stack []*node // stack[d] is the last node seen at depth d
	for i, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		depth := len(line) - len(strings.TrimLeft(line, " "))
		body := strings.TrimRight(line[depth:], " ")
		if body == "" || !isLetter(body[0]) {
			return nil, fmt.Errorf("ast line %d: unexpected shape", i+1)
		}
		kind, rest, _ := strings.Cut(body, " ")
		rest = strings.TrimSpace(rest)
		if j := strings.LastIndex(rest, " (children "); j >= 0 && strings.HasSuffix(rest, ")") {
			rest = strings.TrimSpace(rest[:j])
		} else if strings.HasPrefix(rest, "(children ") {
			rest = ""
		}
		if j := strings.LastIndex(rest, " (alias "); j >= 0 && strings.HasSuffix(rest, ")") {
			rest = strings.TrimSpace(rest[:j])
		} else if strings.HasPrefix(rest, "(alias ") {
			rest = ""
		}
		n := &node{kind: kind, name: rest}
		switch {
		case i == 0:
			if depth != 0 {
				return nil, fmt.Errorf("ast line 1: indented root")
			}
			root = n
			stack = []*node{n}
		case depth == 0:
			return nil, fmt.Errorf("ast line %d: second root (more than one statement)", i+1)
		case depth > len(stack):
			return nil, fmt.Errorf("ast line %d: indentation skips a level", i+1)
		default:
			n.parent = stack[depth-1]
			n.parent.children = append(n.parent.children, n)
			stack = append(stack[:depth], n)
		}
	}
	if root == nil {
		return nil, fmt.Errorf("empty ast")
	}
	return root, nil
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// walk calls fn for n and every node below it.
func (n *node) walk(fn func(*node)) {
	fn(n)
	for _, c := range n.children {
		c.walk(fn)
	}
}
