package evalfmt

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tazala/tazala"
)

func TestTruthRow(t *testing.T) {
	spans := []Span{{Kind: tazala.KindEmail, Start: 3, End: 12}, {Kind: tazala.KindPhone, Start: 20, End: 31}}
	for _, c := range []struct {
		name   string
		spans  []Span
		sorted bool
		want   string
	}{
		{"none", nil, false, `{"line":7,"spans":[]}`},
		{"readme order", spans, false, `{"line":7,"spans":[{"type":"email","start":3,"end":12},{"type":"phone","start":20,"end":31}]}`},
		{"sorted keys", spans, true, `{"line":7,"spans":[{"end":12,"start":3,"type":"email"},{"end":31,"start":20,"type":"phone"}]}`},
	} {
		got, err := TruthRow(7, c.spans, c.sorted)
		if err != nil || string(got) != c.want {
			t.Errorf("%s: got %s, %v; want %s", c.name, got, err, c.want)
		}
	}
}

func TestWriteCorpus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	recs := []Record{
		{Line: []byte("mail a@b.kz"), Spans: []Span{{Kind: tazala.KindEmail, Start: 5, End: 11}}, Template: "t/mail"},
		{Line: []byte("nothing here"), Template: "t/neg"},
	}
	i := 0
	next := func() Record { i++; return recs[i-1] }
	if err := WriteCorpus(Config{Dir: dir, Name: "tune", Templates: ".tmpl"}, len(recs), next); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"tune.jsonl":       "mail a@b.kz\nnothing here\n",
		"tune.truth.jsonl": `{"line":1,"spans":[{"type":"email","start":5,"end":11}]}` + "\n" + `{"line":2,"spans":[]}` + "\n",
		"tune.tmpl":        "t/mail\nt/neg\n",
	} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != want {
			t.Errorf("%s: got %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestEnv(t *testing.T) {
	t.Setenv("EVALFMT_N", "")
	if n, err := EnvCount("EVALFMT_N", 5); n != 5 || err != nil {
		t.Errorf("unset: %d, %v", n, err)
	}
	for _, bad := range []string{"0", "-3", "x"} {
		t.Setenv("EVALFMT_N", bad)
		if _, err := EnvCount("EVALFMT_N", 5); err == nil {
			t.Errorf("EnvCount accepted %q", bad)
		}
	}
	t.Setenv("EVALFMT_SEED", "42")
	if s, err := EnvSeed("EVALFMT_SEED", 1); s != 42 || err != nil {
		t.Errorf("seed: %d, %v", s, err)
	}
}
