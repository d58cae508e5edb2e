package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tazala/tazala/rules/rulestest"
)

// slowRules writes the rule file of rulestest's slow rule, whose pattern
// passes the lint but backtracks exponentially on a long run of x with no y.
func slowRules(t *testing.T, trueEx string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "slow.toml")
	err := os.WriteFile(p, rulestest.SlowTOML(trueEx), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRulesTestTimedOut: `rules test` says "timed out" for an example on
// which the pattern hit its match timeout, and fails.
func TestRulesTestTimedOut(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the match timeout")
	}
	code, _, e := runCLI(t, "", "rules", "test", slowRules(t, "k=xxy "+rulestest.StuckText))
	if code == 0 || !strings.Contains(e, "true_examples[0]: timed out") {
		t.Errorf("rules test: exit %d, stderr %q: want a failure saying timed out", code, e)
	}
}

// TestScanCountsRuleTimeouts: `tazala scan` reports the records on which a
// user rule timed out (even with -q) and exits non-zero with
// --fail-on-findings.
func TestScanCountsRuleTimeouts(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the match timeout")
	}
	rules := slowRules(t, "k=xxy")
	key := filepath.Join(t.TempDir(), "key")
	in := "a line\n" + rulestest.StuckText + " end\n"
	code, _, e := runCLI(t, in, "scan", "-q", "--key-file", key, "--create-key", "--rules", rules, "--fail-on-findings", "-")
	// (on a loaded machine another record may time out too: at least one)
	if code != exitFailure || !strings.Contains(e, "timed out on ") {
		t.Errorf("scan --fail-on-findings: exit %d, stderr %q: want exit %d and the count", code, e, exitFailure)
	}
	code, _, e = runCLI(t, in, "scan", "-q", "--key-file", key, "--rules", rules, "-")
	if code != 0 || !strings.Contains(e, "timed out on ") {
		t.Errorf("scan: exit %d, stderr %q: want exit 0 and the count", code, e)
	}
}
