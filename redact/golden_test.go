package redact_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/redact"
	"github.com/tazala/tazala/scanner"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fakeTokens stands in for a tokenizer in the golden tests: a fixed token
// per finding index, so the golden output does not depend on a key.
func fakeTokens(fs []tazala.Finding) []tazala.Token {
	toks := make([]tazala.Token, len(fs))
	for i, f := range fs {
		if f.Kind != tazala.KindCVV {
			toks[i] = tazala.Token{Kind: f.Kind, ID: "tk_test" + string(rune('a'+i%26))}
		}
	}
	return toks
}

// TestGolden redacts testdata/redact/<case>/input.jsonl in every mode and
// compares with want.<mode>.jsonl (-update rewrites them). It also checks
// the invariants: valid JSON stays valid, and rescanning finds nothing.
func TestGolden(t *testing.T) {
	dirs, _ := filepath.Glob("../testdata/redact/*")
	if len(dirs) == 0 {
		t.Fatal("no golden cases")
	}
	modes := map[string]redact.Config{
		"token": {Default: redact.Token},
		"mask":  {Default: redact.Mask},
		"last4": {Default: redact.Token, PerKind: map[tazala.Kind]redact.Mode{tazala.KindPAN: redact.Last4}},
	}
	for _, dir := range dirs {
		in, err := os.ReadFile(filepath.Join(dir, "input.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		// findings.jsonl, when present, gives each line's findings by hand
		// (one JSON array per line), so a case can pin what the scanner
		// may return (overlaps) independently of today's scanner
		given, err := readGivenFindings(filepath.Join(dir, "findings.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		for name, cfg := range modes {
			t.Run(filepath.Base(dir)+"/"+name, func(t *testing.T) {
				r := redact.New(cfg)
				s := scanner.New(scanner.Config{})
				var out bytes.Buffer
				sc := bufio.NewScanner(bytes.NewReader(in))
				for n := 1; sc.Scan(); n++ {
					line := sc.Bytes()
					fs := s.Scan(line, nil)
					if given != nil {
						fs = given[n-1]
					}
					red := r.Append(nil, line, fs, fakeTokens(fs))
					if json.Valid(line) && !json.Valid(red) {
						t.Errorf("line %d: valid JSON became invalid", n)
					}
					if err := covered(line, fs, red); err != nil {
						t.Errorf("line %d: %v", n, err)
					}
					if again := s.Scan(red, nil); len(again) > 0 {
						t.Errorf("line %d: rescanning redacted output finds %d findings (first: %v at %d)", n, len(again), again[0].Kind, again[0].Span.Start)
					}
					out.Write(red)
					out.WriteByte('\n')
				}
				golden := filepath.Join(dir, "want."+name+".jsonl")
				if *update {
					if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./redact -update)", err)
				}
				if !bytes.Equal(out.Bytes(), want) {
					t.Errorf("output differs from %s (run go test ./redact -update and review the diff)", golden)
				}
			})
		}
	}
	_ = context.Background
}

// readGivenFindings reads a findings.jsonl of a golden case: line n holds
// the findings of input line n as [{"kind":K,"start":S,"end":E},…]. A
// missing file gives nil.
func readGivenFindings(p string) ([][]tazala.Finding, error) {
	b, err := os.ReadFile(p)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out [][]tazala.Finding
	for i, l := range bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n")) {
		var raw []struct {
			Kind       string `json:"kind"`
			Start, End int
		}
		if err := json.Unmarshal(l, &raw); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", p, i+1, err)
		}
		fs := []tazala.Finding{}
		for _, f := range raw {
			k, err := tazala.ParseKind(f.Kind)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", p, i+1, err)
			}
			fs = append(fs, tazala.Finding{Kind: k, Span: tazala.Span{Start: f.Start, End: f.End}})
		}
		out = append(out, fs)
	}
	return out, nil
}

// covered checks that no finding's value survives in red: every value of
// four bytes or more is absent unless it also occurs outside every finding
// in the input (then it may be kept text).
func covered(in []byte, fs []tazala.Finding, red []byte) error {
	outside := bytes.Clone(in)
	for _, f := range fs {
		clear(outside[f.Span.Start:f.Span.End])
	}
	for _, f := range fs {
		v := in[f.Span.Start:f.Span.End]
		if len(v) < 4 || !bytes.Contains(red, v) || bytes.Contains(outside, v) {
			continue
		}
		return fmt.Errorf("the value of the %v finding at %d survives redaction", f.Kind, f.Span.Start)
	}
	return nil
}

// TestCVVNeverTokenized: whatever the mode, a CVV becomes [CVV].
func TestCVVNeverTokenized(t *testing.T) {
	for _, m := range []redact.Mode{redact.Token, redact.Mask, redact.Last4} {
		r := redact.New(redact.Config{Default: m, PerKind: map[tazala.Kind]redact.Mode{tazala.KindCVV: m}})
		rec := []byte(`cvv=123`)
		fs := []tazala.Finding{{Kind: tazala.KindCVV, Span: tazala.Span{Start: 4, End: 7}}}
		got := r.Append(nil, rec, fs, []tazala.Token{{Kind: tazala.KindCVV, ID: "tk_should_not_appear"}})
		if string(got) != "cvv=[CVV]" {
			t.Errorf("mode %d: got %q", m, got)
		}
	}
}

// TestMissingTokenFailsSafe: a finding without a token is masked, never
// copied through.
func TestMissingTokenFailsSafe(t *testing.T) {
	r := redact.New(redact.Config{})
	rec := []byte(`iin=900101300017`)
	fs := []tazala.Finding{{Kind: tazala.KindIIN, Span: tazala.Span{Start: 4, End: 16}}}
	got := r.Append(nil, rec, fs, nil)
	if bytes.Contains(got, []byte("900101300017")) {
		t.Fatal("value copied through without a token")
	}
}

// TestLast4 shows at most the first six and last four digits.
func TestLast4(t *testing.T) {
	r := redact.New(redact.Config{Default: redact.Last4})
	rec := []byte(`pan 4111 1111 1111 1111 ok`)
	fs := []tazala.Finding{{Kind: tazala.KindPAN, Span: tazala.Span{Start: 4, End: 23}}}
	got := r.Append(nil, rec, fs, []tazala.Token{{Kind: tazala.KindPAN, ID: "tk_x"}})
	if string(got) != "pan [PAN:411111******1111:tk_x] ok" {
		t.Errorf("got %q", got)
	}
}
