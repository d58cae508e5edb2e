// Package tokenizertest owns the conformance suite every tazala.Tokenizer
// must pass (the local key-file tokenizer and the Vault one): determinism,
// separation of kinds, normalization, CVV never tokenized, concurrency.
package tokenizertest

import (
	"context"
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

// Run runs the suite. newTokenizer must return tokenizers that share one
// key (two calls give tokenizers that must agree).
func Run(t *testing.T, newTokenizer func(t *testing.T) tazala.Tokenizer) {
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
}
