package blindi

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tazala/tazala/internal/checksum"
)

func TestDeterministic(t *testing.T) {
	a, b, c := New(7), New(7), New(8)
	same := true
	for i := 0; i < 2000; i++ {
		x, y, z := a.Next(), b.Next(), c.Next()
		if !bytes.Equal(x, y) {
			t.Fatalf("line %d differs for equal seeds", i)
		}
		if !bytes.Equal(x, z) {
			same = false
		}
	}
	if same {
		t.Fatal("different seeds gave the same sequence")
	}
}

func TestEveryTemplateUsed(t *testing.T) {
	g := New(1)
	seen := map[string]bool{}
	for i := 0; i < 5000; i++ {
		g.Next()
		seen[g.Template()] = true
	}
	for _, n := range Templates() {
		if !seen[n] {
			t.Errorf("template %s never used", n)
		}
	}
}

var (
	atAddr    = regexp.MustCompile(`[\p{L}\p{N}._%+-]+@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)`)
	plusPhone = regexp.MustCompile(`\+\s*[0-9(]`)
	digitRun  = regexp.MustCompile(`[0-9]+`)
	tzOffset  = regexp.MustCompile(`[+-][0-9]{2}:?[0-9]{2}\b`)
)

// allowedTLD are the last labels of @ addresses the generator writes: none
// is a public suffix (internal hosts, file extensions).
var allowedTLD = map[string]bool{"internal": true, "local": true, "png": true}

func hasLabelBefore(line string, at int, labels []string) bool {
	lo := max(0, at-40)
	win := line[lo:at]
	for _, l := range labels {
		if strings.Contains(win, l) {
			return true
		}
	}
	return false
}

// TestNoPersonalData checks by construction that no line holds personal
// data: no e-mail with a public suffix, no + phone, IIN-valid 12-digit runs
// only under IINLabels, Luhn-valid 13–19 digit runs only under LuhnLabels
// and never in a card network range, and the JSON lines parse.
func TestNoPersonalData(t *testing.T) {
	g := New(3)
	for i := 0; i < 20000; i++ {
		line := string(g.Next())
		for _, m := range atAddr.FindAllStringSubmatch(line, -1) {
			parts := strings.Split(m[1], ".")
			if !allowedTLD[parts[len(parts)-1]] {
				t.Fatalf("%s: address with a public suffix: %s", g.Template(), line)
			}
		}
		if plusPhone.MatchString(tzOffset.ReplaceAllString(line, "")) {
			t.Fatalf("%s: + number: %s", g.Template(), line)
		}
		for _, loc := range digitRun.FindAllStringIndex(line, -1) {
			d := line[loc[0]:loc[1]]
			if inWord(line, loc[0], loc[1]) {
				continue // part of a hex id or hash
			}
			if len(d) == 12 && checksum.ValidIIN([]byte(d), 2026) && !hasLabelBefore(line, loc[0], IINLabels) {
				t.Fatalf("%s: IIN-valid number outside an id label: %s", g.Template(), line)
			}
			if len(d) >= 13 && len(d) <= 19 && checksum.Luhn([]byte(d)) {
				if !strings.ContainsAny(d[:1], "1789") || !hasLabelBefore(line, loc[0], LuhnLabels) {
					t.Fatalf("%s: Luhn-valid number outside a reference label: %s", g.Template(), line)
				}
			}
		}
		if strings.HasPrefix(line, "{") && !json.Valid([]byte(line)) {
			t.Fatalf("%s: invalid JSON: %s", g.Template(), line)
		}
	}
}

// TestWriteCorpus writes blindi.jsonl, blindi.truth.jsonl (no spans on any
// line) and blindi.templates.txt (template per line) into BLINDI_OUT.
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("BLINDI_OUT")
	if dir == "" {
		t.Skip("BLINDI_OUT not set")
	}
	n := 10000
	if s := os.Getenv("BLINDI_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			t.Fatalf("BLINDI_N: not a positive integer")
		}
		n = v
	}
	seed := uint64(1)
	if s := os.Getenv("BLINDI_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("BLINDI_SEED: not an unsigned integer")
		}
		seed = v
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	open := func(name string) (*os.File, *bufio.Writer) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return f, bufio.NewWriter(f)
	}
	cf, cw := open("blindi.jsonl")
	tf, tw := open("blindi.truth.jsonl")
	mf, mw := open("blindi.templates.txt")
	g := New(seed)
	for i := 1; i <= n; i++ {
		cw.Write(g.Next())
		cw.WriteByte('\n')
		fmt.Fprintf(tw, "{\"line\": %d, \"spans\": []}\n", i)
		fmt.Fprintln(mw, g.Template())
	}
	for _, p := range []struct {
		f *os.File
		w *bufio.Writer
	}{{cf, cw}, {tf, tw}, {mf, mw}} {
		if err := p.w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := p.f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func inWord(s string, i, j int) bool {
	return i > 0 && isLetter(s[i-1]) || j < len(s) && isLetter(s[j])
}
