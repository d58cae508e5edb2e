package scanfile

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/redact"
)

type stubTokenizer struct{ err error }

func (s stubTokenizer) Tokenize(_ context.Context, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	if s.err != nil {
		return nil, s.err
	}
	out := make([]tazala.Token, len(reqs))
	for i, r := range reqs {
		if r.Kind != tazala.KindCVV {
			out[i] = tazala.Token{Kind: r.Kind, ID: "tk_" + tazala.Normalize(r.Kind, r.Value)[:1]}
		}
	}
	return out, nil
}
func (stubTokenizer) Close() error { return nil }

func run(t *testing.T, in string, cfg Config) (string, string, Stats) {
	t.Helper()
	var out, fout bytes.Buffer
	cfg.Findings = &fout
	if cfg.Tokenizer == nil {
		cfg.Tokenizer = stubTokenizer{}
	}
	st, err := Run(context.Background(), strings.NewReader(in), &out, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), fout.String(), st
}

func generated(n int) string {
	g := synth.New(11)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.Write(g.Next().Line)
		b.WriteByte('\n')
	}
	return b.String()
}

// TestParallelKeepsOrder: many blocks on several workers give exactly the
// output of one worker.
func TestParallelKeepsOrder(t *testing.T) {
	in := generated(12000) // several MB: many blocks
	one, f1, s1 := run(t, in, Config{Workers: 1})
	four, f4, s4 := run(t, in, Config{Workers: 4})
	if one != four || f1 != f4 {
		t.Fatal("output with 4 workers differs from 1 worker")
	}
	if s1.Lines != 12000 || s4.Lines != 12000 || s1.Findings == 0 {
		t.Fatalf("stats: %+v", s1)
	}
}

// TestWindows: an over-long record scanned in windows redacts like the
// same record scanned whole, whatever the window size, and reports the
// same findings with offsets into the whole record.
func TestWindows(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 400; i++ {
		b.WriteString("entry ИИН 900101300017 tel +7 701 540 18 02 mail a.b@mail.kz card 4111 1111 1111 1111 exp 12/27 cvv 123; ")
	}
	rec := b.String()
	in := "short ИИН 040229600011\n" + rec + "\nlast line a@b.kz"
	whole, fw, _ := run(t, in, Config{MaxLine: 1 << 20})
	for _, ml := range []int{257, 1000, 4096, 65536} {
		got, fg, st := run(t, in, Config{MaxLine: ml})
		if got != whole {
			t.Errorf("max-line %d: output differs from whole-record scan", ml)
		}
		if fg != fw {
			t.Errorf("max-line %d: findings differ from whole-record scan", ml)
		}
		if wantLong := int64(0); st.Lines != 3 || (ml < len(rec)) != (st.LongLines == 1) || (ml >= len(rec) && st.LongLines != wantLong) {
			t.Errorf("max-line %d: stats %+v", ml, st)
		}
	}
	if strings.Contains(whole, "900101300017") || strings.Contains(whole, "4111") {
		t.Fatal("a value survived")
	}
}

// TestTokenizerFailureWritesNothing: fail closed.
func TestTokenizerFailureWritesNothing(t *testing.T) {
	var out bytes.Buffer
	_, err := Run(context.Background(), strings.NewReader("ИИН 900101300017\n"), &out, Config{Tokenizer: stubTokenizer{err: errors.New("vault sealed")}})
	if !errors.Is(err, ErrTokenize) {
		t.Fatalf("err = %v, want ErrTokenize", err)
	}
	if out.Len() != 0 {
		t.Fatal("output written although tokenization failed")
	}
}

func TestNoTrailingNewlineAndEmpty(t *testing.T) {
	out, _, st := run(t, "a@b.kz", Config{})
	if out != "[EMAIL:tk_a]" || st.Lines != 1 {
		t.Errorf("got %q, %+v", out, st)
	}
	out, _, st = run(t, "", Config{})
	if out != "" || st.Lines != 0 {
		t.Errorf("empty input: %q %+v", out, st)
	}
	out, _, _ = run(t, "\n\n", Config{})
	if out != "\n\n" {
		t.Errorf("blank lines: %q", out)
	}
}

func TestMaskMode(t *testing.T) {
	out, _, _ := run(t, `{"iin":"900101300017"}`+"\n", Config{Redactor: redact.New(redact.Config{Default: redact.Mask})})
	if out != `{"iin":"************"}`+"\n" {
		t.Errorf("got %q", out)
	}
}

// TestInvalidUTF8Counted: records that are not UTF-8 are counted one by
// one, whether the rest of their block is valid or not.
func TestInvalidUTF8Counted(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"ok\nИванов\n", 0},
		{"ok\nbad \xff\nИванов\n\xc3\n", 2},
		{"\xd0", 1},
		{"a\xd0\nb", 1}, // a truncated sequence before the newline
	}
	for _, tt := range tests {
		_, _, st := run(t, tt.in, Config{Workers: 1})
		if st.InvalidUTF8 != tt.want {
			t.Errorf("%q: InvalidUTF8 = %d, want %d", tt.in, st.InvalidUTF8, tt.want)
		}
	}
}

// TestValidUTF8: the vectorised check agrees with the standard library
// on every kind of bad sequence, whatever its place in a long block.
func TestValidUTF8(t *testing.T) {
	bad := []string{"\xff", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xd0", "\xe2\x84", "\xf0\x9f\x98", "\x80"}
	good := []string{"", "a", "Жанузакова Айгерим", "€", "😀", "\xf4\x8f\xbf\xbf", "\xed\x9f\xbf"}
	pad := strings.Repeat("Ж a1 ", 40)
	for _, c := range append(bad, good...) {
		for _, s := range []string{c, pad + c, c + pad, pad + c + pad, pad[:len(pad)-1] + c} {
			if got, want := validUTF8([]byte(s)), utf8.ValidString(s); got != want {
				t.Errorf("%q at %d of %d bytes: %v, want %v", c, strings.Index(s, c), len(s), got, want)
			}
		}
	}
}
