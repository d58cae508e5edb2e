package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// slowRules writes a rule file whose pattern passes the lint but
// backtracks exponentially on a long run of x with no y.
func slowRules(t *testing.T, trueEx string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "slow.toml")
	err := os.WriteFile(p, []byte(`[[rules]]
id = "slow"
kind = "phone"
pattern = 'k(?<value>(x|xx)+y)'
group = "value"
keywords = ["k"]
true_examples = ["`+trueEx+`"]
false_examples = ["nothing"]
`), 0o600)
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
	code, _, e := runCLI(t, "", "rules", "test", slowRules(t, "kxxy k"+strings.Repeat("x", 80)))
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
	rules := slowRules(t, "kxxy")
	key := filepath.Join(t.TempDir(), "key")
	in := "a line\nk" + strings.Repeat("x", 80) + " end\n"
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
