package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tazala/tazala/rules"
)

// TestValidFixtures: every file in testdata/rules/valid loads and passes
// its own examples.
func TestValidFixtures(t *testing.T) {
	files, _ := filepath.Glob("../testdata/rules/valid/*.toml")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			set, err := rules.Load(f)
			if err != nil {
				t.Fatal(err)
			}
			if res, err := set.Test(); err != nil {
				for _, r := range res {
					if !r.OK {
						t.Errorf("rule %s example %d (true=%v): %d matches", r.Rule, r.Example, r.True, r.Matches)
					}
				}
			}
		})
	}
}

// TestInvalidFixtures: every file in testdata/rules/invalid fails with the
// exact error in the .err file beside it (or, for pattern errors, an error
// naming the rule and the field).
func TestInvalidFixtures(t *testing.T) {
	files, _ := filepath.Glob("../testdata/rules/invalid/*.toml")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, err := rules.Load(f)
			if err == nil {
				t.Fatal("loaded without error")
			}
			want, rerr := os.ReadFile(strings.TrimSuffix(f, ".toml") + ".err")
			if rerr != nil {
				if !strings.Contains(err.Error(), "pattern:") || !strings.Contains(err.Error(), "rule ") {
					t.Errorf("error %q does not name the rule and field", err)
				}
				return
			}
			if got := err.Error(); got != strings.TrimSpace(string(want)) {
				t.Errorf("error\n got %q\nwant %q", got, strings.TrimSpace(string(want)))
			}
		})
	}
}
