package chhttp

import (
	"strings"
	"testing"
)

// Dumps as the engine's EXPLAIN AST writes them (libchdb 26.5).
const (
	astSelectVault = `SelectWithUnionQuery (children 1)
 ExpressionList (children 1)
  SelectQuery (children 2)
   ExpressionList (children 1)
    Identifier token
   TablesInSelectQuery (children 1)
    TablesInSelectQueryElement (children 1)
     TableExpression (children 1)
      TableIdentifier default.token_vault (alias tv)
`
	astOutfile = `SelectWithUnionQuery (children 2)
 ExpressionList (children 1)
  SelectQuery (children 1)
   ExpressionList (children 1)
    Literal UInt64_1
 Literal 'x'
`
	astStateChange = `InsertQuery   (children 3)
 Identifier token_vault
 ExpressionList (children 3)
  Identifier token
  Identifier ciphertext
  Identifier state
 SelectWithUnionQuery (children 1)
  ExpressionList (children 1)
   SelectQuery (children 2)
    ExpressionList (children 3)
     Identifier token
     Identifier ciphertext
     Literal 'blocked'
    TablesInSelectQuery (children 1)
     TablesInSelectQueryElement (children 1)
      TableExpression (children 1)
       TableIdentifier token_vault
`
)

func TestParseAST(t *testing.T) {
	root, err := parseAST(astSelectVault)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	root.walk(func(n *node) {
		if n.kind == "TableIdentifier" {
			tables = append(tables, n.name)
		}
	})
	if root.kind != "SelectWithUnionQuery" || strings.Join(tables, ",") != "default.token_vault" {
		t.Fatalf("root %s, tables %v", root.kind, tables)
	}
	for _, bad := range []string{"", " Indented root", "A\nB", "A\n   skips a level", "A\n 'literal line"} {
		if _, err := parseAST(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestAuthorize(t *testing.T) {
	for _, tc := range []struct {
		name string
		role Role
		ast  string
		get  bool
		ok   bool
	}{
		{"analyst reads the vault", RoleAnalyst, astSelectVault, false, false},
		{"dpo reads vault tokens", RoleDPO, astSelectVault, false, true},
		{"into outfile", RoleWriter, astOutfile, false, false},
		{"writer state change keeps the ciphertext in place", RoleWriter, astStateChange, false, true},
		{"state change over GET", RoleWriter, astStateChange, true, false},
		{"analyst state change", RoleAnalyst, astStateChange, false, false},
		{"moved ciphertext", RoleWriter, strings.Replace(astStateChange, "     Identifier ciphertext\n", "     Identifier subject\n", 1), false, true},
		{"ciphertext into another column", RoleWriter, strings.Replace(astStateChange, "  Identifier ciphertext\n  Identifier state", "  Identifier state\n  Identifier ciphertext", 1), false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, err := parseAST(tc.ast)
			if err != nil {
				t.Fatal(err)
			}
			_, ref := authorize(tc.role, root, "default", tc.get)
			if (ref == nil) != tc.ok {
				t.Fatalf("allowed=%v (%v), want %v", ref == nil, ref, tc.ok)
			}
		})
	}
}

// FuzzParseAST: any text either fails to parse or gives a tree that
// authorize walks without panicking; a refusal never comes back as nil
// for a role that does not exist.
func FuzzParseAST(f *testing.F) {
	for _, s := range []string{astSelectVault, astOutfile, astStateChange, "Set", "A\n B\n  C\n B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		root, err := parseAST(s)
		if err != nil {
			return
		}
		for _, r := range []Role{RoleAnalyst, RoleDPO, RoleWriter, RoleVault} {
			authorize(r, root, "default", false)
		}
		if _, ref := authorize("nobody", root, "default", false); ref == nil {
			t.Fatal("unknown role allowed")
		}
	})
}
