package launch_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestProductionBinaryDoesNotLinkTesting: the launchers are linked into
// cmd/tazala (tazala dev); the test helpers, which import testing, are not.
func TestProductionBinaryDoesNotLinkTesting(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", "github.com/tazala/tazala/cmd/tazala").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "testing" || p == "github.com/tazala/tazala/internal/stack" {
			t.Errorf("cmd/tazala links %s", p)
		}
	}
}
