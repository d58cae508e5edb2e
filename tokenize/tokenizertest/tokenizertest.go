// Package tokenizertest owns the conformance suite every tazala.Tokenizer
// must pass (the local key-file tokenizer and the Vault one): token format,
// determinism across instances, separation of kinds, normalization, CVV
// never tokenized, duplicates within a batch, concurrency, fail closed on a
// canceled call; RunUnavailable checks the error on an unreachable backend.
package tokenizertest

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/tazala/tazala"
)

func req(k tazala.Kind, v string) tazala.TokenRequest {
	return tazala.TokenRequest{Kind: k, Value: []byte(v)}
}

func tokenize(t *testing.T, tk tazala.Tokenizer, reqs ...tazala.TokenRequest) []tazala.Token {
	t.Helper()
	toks, err := tk.Tokenize(context.Background(), reqs)
	if err != nil {
		t.Fatalf("Tokenize: %v", err)
	}
	if len(toks) != len(reqs) {
		t.Fatalf("got %d tokens for %d requests", len(toks), len(reqs))
	}
	return toks
}

var tokenFormat = regexp.MustCompile(`^tk_[a-z2-7]{24}$`)

// Run runs the suite. newTokenizer must return tokenizers that share one
// key (two calls give tokenizers that must agree).
func Run(t *testing.T, newTokenizer func(t *testing.T) tazala.Tokenizer) {
	t.Run("format and order", func(t *testing.T) {
		tk := newTokenizer(t)
		var reqs []tazala.TokenRequest
		for _, k := range tazala.Kinds {
			reqs = append(reqs, req(k, "8 701 540 18 02 a@b.kz 12/27"))
		}
		reqs = append(reqs, tazala.TokenRequest{Kind: 0, Value: []byte("x")}) // invalid kind
		toks := tokenize(t, tk, reqs...)
		seen := map[string]bool{}
		for i, r := range reqs {
			if toks[i].Kind != r.Kind {
				t.Errorf("request %d: kind %v, want %v (tokens out of order?)", i, toks[i].Kind, r.Kind)
			}
			if r.Kind == tazala.KindCVV || !r.Kind.Valid() {
				if toks[i].ID != "" || toks[i].Ciphertext != "" {
					t.Errorf("request %d (%v): got a token", i, r.Kind)
				}
				continue
			}
			if !tokenFormat.MatchString(toks[i].ID) {
				t.Errorf("request %d (%v): token not in the tk_ + 24 base32 format", i, r.Kind)
			}
			if seen[toks[i].ID] {
				t.Errorf("request %d (%v): two kinds share a token", i, r.Kind)
			}
			seen[toks[i].ID] = true
		}
	})
	t.Run("distinct values distinct tokens", func(t *testing.T) {
		tk := newTokenizer(t)
		var reqs []tazala.TokenRequest
		for i := 0; i < 500; i++ {
			reqs = append(reqs, req(tazala.KindIIN, fmt.Sprintf("9001013%05d", i)))
		}
		toks := tokenize(t, tk, reqs...)
		seen := map[string]int{}
		for i, tok := range toks {
			if j, ok := seen[tok.ID]; ok {
				t.Fatalf("requests %d and %d: distinct values, one token", j, i)
			}
			seen[tok.ID] = i
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		a, b := newTokenizer(t), newTokenizer(t)
		r := []tazala.TokenRequest{req(tazala.KindIIN, "900101300017"), req(tazala.KindEmail, "a@mail.kz")}
		ta, tb := tokenize(t, a, r...), tokenize(t, b, r...)
		again := tokenize(t, a, r...)
		for i := range r {
			if ta[i].ID == "" || ta[i].ID != tb[i].ID || ta[i].ID != again[i].ID {
				t.Errorf("request %d: tokens differ across calls or instances", i)
			}
			if !strings.HasPrefix(ta[i].ID, tazala.TokenPrefix) {
				t.Errorf("request %d: token without %s prefix", i, tazala.TokenPrefix)
			}
			if ta[i].Kind != r[i].Kind {
				t.Errorf("request %d: kind %v, want %v", i, ta[i].Kind, r[i].Kind)
			}
		}
	})
	t.Run("kinds separated", func(t *testing.T) {
		tk := newTokenizer(t)
		toks := tokenize(t, tk, req(tazala.KindIIN, "77015401802"), req(tazala.KindPhone, "77015401802"))
		if toks[0].ID == toks[1].ID {
			t.Error("the same digits as IIN and as phone give one token")
		}
	})
	t.Run("normalized", func(t *testing.T) {
		tk := newTokenizer(t)
		toks := tokenize(t, tk,
			req(tazala.KindPhone, "+7 701 540 18 02"), req(tazala.KindPhone, "87015401802"), req(tazala.KindPhone, "8 (701) 540-18-02"),
			req(tazala.KindPAN, "4111 1111 1111 1111"), req(tazala.KindPAN, "4111-1111-1111-1111"),
			req(tazala.KindEmail, "Asel@Mail.KZ"), req(tazala.KindEmail, "Asel@mail.kz"))
		if toks[0].ID != toks[1].ID || toks[1].ID != toks[2].ID {
			t.Error("one phone written three ways gives different tokens")
		}
		if toks[3].ID != toks[4].ID {
			t.Error("one PAN written two ways gives different tokens")
		}
		if toks[5].ID != toks[6].ID {
			t.Error("e-mail domain case changes the token")
		}
		other := tokenize(t, tk, req(tazala.KindPhone, "87015401803"))
		if other[0].ID == toks[0].ID {
			t.Error("different phones give one token")
		}
	})
	t.Run("cvv never tokenized", func(t *testing.T) {
		tk := newTokenizer(t)
		toks := tokenize(t, tk, req(tazala.KindCVV, "123"))
		if toks[0].ID != "" || toks[0].Ciphertext != "" {
			t.Error("CVV got a token or ciphertext")
		}
	})
	t.Run("batch with duplicates", func(t *testing.T) {
		tk := newTokenizer(t)
		var reqs []tazala.TokenRequest
		for i := 0; i < 300; i++ {
			reqs = append(reqs, req(tazala.KindEmail, "user"+string(rune('a'+i%7))+"@mail.kz"))
		}
		toks := tokenize(t, tk, reqs...)
		for i := range reqs {
			if toks[i].ID != toks[i%7].ID {
				t.Fatalf("request %d: duplicate value got another token", i)
			}
		}
	})
	t.Run("concurrent", func(t *testing.T) {
		tk := newTokenizer(t)
		want := tokenize(t, tk, req(tazala.KindIIN, "900101300017"))[0].ID
		var wg sync.WaitGroup
		errs := make(chan string, 8)
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 50; i++ {
					toks, err := tk.Tokenize(context.Background(), []tazala.TokenRequest{req(tazala.KindIIN, "900101300017")})
					if err != nil || toks[0].ID != want {
						errs <- "concurrent call disagreed or failed"
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
	})
	t.Run("canceled call fails closed", func(t *testing.T) {
		tk := newTokenizer(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		toks, err := tk.Tokenize(ctx, []tazala.TokenRequest{req(tazala.KindIIN, "900101300017")})
		if err == nil || toks != nil {
			t.Fatalf("canceled context: err = %v, %d tokens; want an error and none", err, len(toks))
		}
	})
}

// RunUnavailable checks fail closed on a backend that cannot be reached:
// newBroken returns a tokenizer pointed at one (for Vault: an address
// nobody listens on). Every call returns an error wrapping
// tazala.ErrUnavailable and no tokens, CVV-only calls included or not.
func RunUnavailable(t *testing.T, newBroken func(t *testing.T) tazala.Tokenizer) {
	tk := newBroken(t)
	for _, reqs := range [][]tazala.TokenRequest{
		{req(tazala.KindIIN, "900101300017")},
		{req(tazala.KindEmail, "a@mail.kz"), req(tazala.KindCVV, "123"), req(tazala.KindPhone, "87015401802")},
	} {
		toks, err := tk.Tokenize(context.Background(), reqs)
		if !errors.Is(err, tazala.ErrUnavailable) {
			t.Errorf("%d requests: err = %v, want ErrUnavailable", len(reqs), err)
		}
		if toks != nil {
			t.Errorf("%d requests: %d tokens returned with the error", len(reqs), len(toks))
		}
		if err != nil {
			for _, r := range reqs {
				if strings.Contains(err.Error(), string(r.Value)) {
					t.Errorf("the error names a value (%v)", r.Kind)
				}
			}
		}
	}
}
