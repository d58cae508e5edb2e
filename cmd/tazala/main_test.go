package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tazala/tazala/internal/synth"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(context.Background(), append([]string{"tazala"}, args...), strings.NewReader(stdin), &o, &e)
	return code, o.String(), e.String()
}

// TestScanEndToEnd scans generated records through the CLI and checks that
// no labelled value survives in the output, that findings follow the
// contract, and that they never carry the value.
func TestScanEndToEnd(t *testing.T) {
	dir := t.TempDir()
	g := synth.New(3)
	var in bytes.Buffer
	var values []string
	for i := 0; i < 300; i++ {
		r := g.Next()
		for _, s := range r.Spans {
			values = append(values, string(r.Line[s.Start:s.End]))
		}
		in.Write(r.Line)
		in.WriteByte('\n')
	}
	inPath := filepath.Join(dir, "in.jsonl")
	os.WriteFile(inPath, in.Bytes(), 0o600)
	outPath := filepath.Join(dir, "out.jsonl")
	fPath := filepath.Join(dir, "findings.jsonl")
	key := filepath.Join(dir, "key")
	code, _, stderr := runCLI(t, "", "scan", "--key-file", key, "--create-key", "--out", outPath, "--findings", fPath, inPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out, _ := os.ReadFile(outPath)
	if n := bytes.Count(out, []byte("\n")); n != 300 {
		t.Fatalf("output has %d lines, want 300", n)
	}
	leaked := 0
	for _, v := range values {
		if len(v) >= 6 && bytes.Contains(out, []byte(v)) {
			leaked++
		}
	}
	if leaked > 0 {
		t.Errorf("%d labelled values appear in the redacted output", leaked)
	}
	fb, _ := os.ReadFile(fPath)
	lines := strings.Split(strings.TrimSpace(string(fb)), "\n")
	if len(lines) < 300 {
		t.Fatalf("only %d findings", len(lines))
	}
	for i, l := range lines {
		var f struct {
			Line       int     `json:"line"`
			Type       string  `json:"type"`
			Start      int     `json:"start"`
			End        int     `json:"end"`
			Confidence float64 `json:"confidence"`
		}
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatalf("finding %d is not JSON: %v", i, err)
		}
		if f.Line < 1 || f.Type == "" {
			t.Fatalf("finding %d misses line or type", i)
		}
	}
	for _, v := range values {
		if len(v) >= 6 && bytes.Contains(fb, []byte(v)) {
			t.Fatal("a raw value appears in the findings file")
		}
	}
	if !strings.Contains(stderr, "findings") {
		t.Errorf("no summary on stderr")
	}
}

func TestScanStdinAndExitCodes(t *testing.T) {
	key := filepath.Join(t.TempDir(), "key")
	code, out, _ := runCLI(t, `{"iin":"900101300017"}`+"\n", "scan", "-q", "--key-file", key, "--create-key", "-")
	if code != 0 || strings.Contains(out, "900101300017") || !strings.Contains(out, `"iin":"[IIN:tk_`) {
		t.Fatalf("exit %d, output %q", code, out)
	}
	if code, _, _ := runCLI(t, "nothing here\n", "scan", "-q", "--key-file", key, "--create-key", "--fail-on-findings", "-"); code != exitOK {
		t.Errorf("clean input with --fail-on-findings: exit %d, want 0", code)
	}
	if code, _, _ := runCLI(t, "ИИН 900101300017\n", "scan", "-q", "--key-file", key, "--create-key", "--fail-on-findings", "-"); code != exitFindings {
		t.Errorf("--fail-on-findings: exit %d, want %d", code, exitFindings)
	}
	if code, _, e := runCLI(t, "", "scan"); code != exitUsage || !strings.Contains(e, "Try:") {
		t.Errorf("no input: exit %d, stderr %q", code, e)
	}
	if code, _, _ := runCLI(t, "", "scan", "--mode", "rot13", "-"); code != exitUsage {
		t.Errorf("bad mode: exit %d", code)
	}
	if code, _, e := runCLI(t, "", "scan", "/does/not/exist"); code != exitFailure || !strings.Contains(e, "no such file") {
		t.Errorf("missing file: exit %d, stderr %q", code, e)
	}
}

// TestScanBadInput: binary junk, invalid UTF-8, NULs, deep and broken JSON
// and an over-long line are scanned, reported and never passed raw.
func TestScanBadInput(t *testing.T) {
	key := filepath.Join(t.TempDir(), "key")
	long := strings.Repeat("x", 70000) + " ИИН 900101300017 " + strings.Repeat("y", 3000)
	in := strings.Join([]string{
		"\xff\xfe ИИН 900101300017 \x00\x01",
		strings.Repeat("[", 10000) + `"a@mail.kz"`,
		`{"iin":"900101300017",`,
		long,
	}, "\n") + "\n"
	code, out, e := runCLI(t, in, "scan", "--key-file", key, "--create-key", "--max-line", "65536", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	if strings.Contains(out, "900101300017") || strings.Contains(out, "a@mail.kz") {
		t.Fatal("a value passed through unredacted")
	}
	if strings.Count(out, "\n") != 4 {
		t.Fatalf("want 4 output lines, got %d", strings.Count(out, "\n"))
	}
	if !strings.Contains(e, "not valid UTF-8") || !strings.Contains(e, "longer than --max-line") {
		t.Errorf("stderr does not report bad input: %q", e)
	}
}

func TestRulesCommands(t *testing.T) {
	if code, out, e := runCLI(t, "", "rules", "test", "../../testdata/rules/valid/loyalty.toml"); code != 0 || !strings.Contains(out, "0 failed") {
		t.Errorf("rules test: exit %d %q %q", code, out, e)
	}
	if code, _, e := runCLI(t, "", "rules", "lint", "../../testdata/rules/invalid/bad-kind.toml"); code != exitUsage || !strings.Contains(e, `rule "x": kind`) {
		t.Errorf("rules lint: exit %d %q", code, e)
	}
}

// TestScanWithUserRules: a user rule finds what the built-ins do not.
func TestScanWithUserRules(t *testing.T) {
	key := filepath.Join(t.TempDir(), "key")
	in := "loyalty ok member:77015401802 tier=gold\n"
	code, out, e := runCLI(t, in, "scan", "-q", "--key-file", key, "--create-key", "--rules", "../../testdata/rules/valid/loyalty.toml", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	if strings.Contains(out, "77015401802") || !strings.Contains(out, "member:[PHONE:tk_") {
		t.Fatalf("user rule did not redact: %q", out)
	}
	if code, _, e := runCLI(t, in, "scan", "--rules", "../../testdata/rules/invalid/bad-kind.toml", "-"); code != exitUsage || !strings.Contains(e, `rule "x"`) {
		t.Errorf("invalid rules: exit %d, %q", code, e)
	}
}
