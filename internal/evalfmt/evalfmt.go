// Package evalfmt writes generated corpora in the labelled format of
// ../shared/eval: a file of raw lines, a truth file with one JSON row per
// line, {"line":N,"spans":[{"type","start","end"}]}, and optionally the
// name of the template that wrote each line. It is the plumbing shared by
// the blind generators (internal/blinda … blindf); their templates,
// vocabularies and value builders stay their own.
package evalfmt

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/tazala/tazala"
)

// Span is one labelled value: bytes [Start, End) of a line.
type Span struct {
	Kind       tazala.Kind
	Start, End int
}

// Record is what a corpus writer needs of one generated line.
type Record struct {
	Line     []byte // without its trailing newline
	Spans    []Span
	Template string // written to the templates file, if there is one
}

// Config names the files of one part of a corpus.
type Config struct {
	// Dir is created if missing.
	Dir string
	// Name is the part: Name.jsonl and Name.truth.jsonl are written.
	Name string
	// Templates, when set, is the suffix of a file naming the template of
	// every line (e.g. ".templates" gives Name.templates).
	Templates string
	// SortedKeys writes a span's keys in alphabetical order (end, start,
	// type) instead of the README's order (type, start, end). The JSON is
	// the same; it keeps the bytes of a generator that wrote them so.
	SortedKeys bool
}

type span struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type sortedSpan struct {
	End   int    `json:"end"`
	Start int    `json:"start"`
	Type  string `json:"type"`
}

type row[S any] struct {
	Line  int `json:"line"`
	Spans []S `json:"spans"`
}

// TruthRow returns the truth row of line number line (1-based), without a
// newline.
func TruthRow(line int, spans []Span, sortedKeys bool) ([]byte, error) {
	if sortedKeys {
		r := row[sortedSpan]{Line: line, Spans: make([]sortedSpan, 0, len(spans))}
		for _, s := range spans {
			r.Spans = append(r.Spans, sortedSpan{s.End, s.Start, s.Kind.String()})
		}
		return json.Marshal(r)
	}
	r := row[span]{Line: line, Spans: make([]span, 0, len(spans))}
	for _, s := range spans {
		r.Spans = append(r.Spans, span{s.Kind.String(), s.Start, s.End})
	}
	return json.Marshal(r)
}

// WriteCorpus writes n records drawn from next into the files c names.
func WriteCorpus(c Config, n int, next func() Record) error {
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return err
	}
	base := filepath.Join(c.Dir, c.Name)
	var files []*os.File
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	create := func(path string) (*bufio.Writer, error) {
		f, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
		return bufio.NewWriter(f), nil
	}
	cw, err := create(base + ".jsonl")
	if err != nil {
		return err
	}
	tw, err := create(base + ".truth.jsonl")
	if err != nil {
		return err
	}
	ws := []*bufio.Writer{cw, tw}
	var nw *bufio.Writer
	if c.Templates != "" {
		if nw, err = create(base + c.Templates); err != nil {
			return err
		}
		ws = append(ws, nw)
	}
	for i := 1; i <= n; i++ {
		r := next()
		cw.Write(r.Line)
		cw.WriteByte('\n')
		if nw != nil {
			nw.WriteString(r.Template)
			nw.WriteByte('\n')
		}
		b, err := TruthRow(i, r.Spans, c.SortedKeys)
		if err != nil {
			return err
		}
		tw.Write(b)
		tw.WriteByte('\n')
	}
	for _, w := range ws {
		if err := w.Flush(); err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := f.Close(); err != nil {
			return err
		}
	}
	files = nil
	return nil
}

// Env is what a TestWriteCorpus is told by PREFIX_OUT (the directory; ""
// when unset: write nothing), PREFIX_N (records per part) and PREFIX_SEED.
type Env struct {
	Dir  string
	N    int
	Seed uint64
}

// ReadEnv reads PREFIX_OUT, PREFIX_N (default defN) and PREFIX_SEED
// (default defSeed).
func ReadEnv(prefix string, defN int, defSeed uint64) (Env, error) {
	e := Env{Dir: os.Getenv(prefix + "_OUT")}
	var err error
	if e.N, err = EnvCount(prefix+"_N", defN); err != nil {
		return e, err
	}
	e.Seed, err = EnvSeed(prefix+"_SEED", defSeed)
	return e, err
}

// EnvCount returns the positive integer in environment variable name, or
// def when it is unset.
func EnvCount(name string, def int) (int, error) {
	s := os.Getenv(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s=%q: want a positive integer", name, s)
	}
	return n, nil
}

// EnvSeed returns the unsigned integer in environment variable name, or
// def when it is unset.
func EnvSeed(name string, def uint64) (uint64, error) {
	s := os.Getenv(name)
	if s == "" {
		return def, nil
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s=%q: want an unsigned integer", name, s)
	}
	return v, nil
}
