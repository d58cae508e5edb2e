package redact_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
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
		for name, cfg := range modes {
			t.Run(filepath.Base(dir)+"/"+name, func(t *testing.T) {
				r := redact.New(cfg)
				s := scanner.New(scanner.Config{})
				var out bytes.Buffer
				sc := bufio.NewScanner(bytes.NewReader(in))
				for n := 1; sc.Scan(); n++ {
					line := sc.Bytes()
					fs := s.Scan(line, nil)
					red := r.Append(nil, line, fs, fakeTokens(fs))
					if json.Valid(line) && !json.Valid(red) {
						t.Errorf("line %d: valid JSON became invalid", n)
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
