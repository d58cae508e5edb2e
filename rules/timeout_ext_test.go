package rules_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tazala/tazala/rules"
	"github.com/tazala/tazala/rules/rulestest"
)

// TestFindTimeout: a timed-out search returns ErrTimeout (naming the rule,
// not the text), not a silent "no match".
func TestFindTimeout(t *testing.T) {
	set := rulestest.SlowSet(t)
	r := set.Rules[0]
	rec := []byte(rulestest.StuckText + " secret")
	runes, offs := rules.Runes(rec, nil, nil)
	_, err := r.Find(rec, runes, offs, nil)
	if !errors.Is(err, rules.ErrTimeout) {
		t.Fatalf("Find on a pathological record: err = %v, want ErrTimeout", err)
	}
	if strings.Contains(err.Error(), "xxx") || !strings.Contains(err.Error(), `"slow"`) {
		t.Errorf("error %q must name the rule and not the text", err)
	}
	rec = []byte("k=xxy")
	runes, offs = rules.Runes(rec, runes, offs)
	if ms, err := r.Find(rec, runes, offs, nil); err != nil || len(ms) != 1 {
		t.Errorf("Find on a short record: %d matches, err %v", len(ms), err)
	}
}

// TestTestCountsTimeouts: `rules test` fails an example that timed out,
// even a true example that matched before the timeout.
func TestTestCountsTimeouts(t *testing.T) {
	set := rulestest.SlowSetWith(t, "k=xxy "+rulestest.StuckText)
	res, err := set.Test()
	if err == nil {
		t.Fatal("Test passed with a timed-out example")
	}
	if !res[0].TimedOut || res[0].OK || res[0].Matches != 1 {
		t.Errorf("true example: %+v, want one match, timed out, not ok", res[0])
	}
}
