// Package sinktest owns the conformance suite every tazala.Sink runs: the
// same tests for the file, chdb and ClickHouse sinks.
package sinktest

import (
	"context"
	"testing"

	"github.com/tazala/tazala"
)

// Harness opens a sink on a fresh store (or, with the same dir, reopens the
// existing one) and counts what the store holds.
type Harness struct {
	// Open returns a sink over the store in dir.
	Open func(t *testing.T, dir string) tazala.Sink
	// Count returns how many records the store in dir holds.
	Count func(t *testing.T, dir string) int
}

func outputs(src string, from, to int64) []tazala.Output {
	var outs []tazala.Output
	for o := from; o <= to; o++ {
		outs = append(outs, tazala.Output{
			Record:   tazala.Record{Source: src, Offset: o, Value: []byte(`{"iin":"[IIN:tk_x]"}`)},
			Findings: []tazala.Finding{{Kind: tazala.KindIIN, Span: tazala.Span{Start: 8, End: 18}, Path: "iin", Detector: "iin", Confidence: 0.99}},
			Tokens:   []tazala.Token{{Kind: tazala.KindIIN, ID: "tk_x"}},
		})
	}
	return outs
}

// Run runs the suite.
func Run(t *testing.T, h Harness) {
	ctx := context.Background()
	t.Run("write and count", func(t *testing.T) {
		dir := t.TempDir()
		s := h.Open(t, dir)
		if err := s.Write(ctx, outputs("topic", 1, 10)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if n := h.Count(t, dir); n != 10 {
			t.Fatalf("store holds %d records, want 10", n)
		}
	})
	t.Run("replay is deduplicated across restarts", func(t *testing.T) {
		dir := t.TempDir()
		s := h.Open(t, dir)
		if err := s.Write(ctx, outputs("topic", 1, 10)); err != nil {
			t.Fatal(err)
		}
		if err := s.Write(ctx, outputs("topic", 5, 12)); err != nil { // overlapping replay
			t.Fatal(err)
		}
		s.Close()
		s = h.Open(t, dir)
		if err := s.Write(ctx, outputs("topic", 1, 15)); err != nil { // replay after restart
			t.Fatal(err)
		}
		s.Close()
		if n := h.Count(t, dir); n != 15 {
			t.Fatalf("store holds %d records after replays, want 15", n)
		}
	})
	t.Run("partitions are independent", func(t *testing.T) {
		dir := t.TempDir()
		s := h.Open(t, dir)
		a := outputs("topic", 1, 3)
		b := outputs("topic", 1, 3)
		for i := range b {
			b[i].Record.Partition = 1
		}
		if err := s.Write(ctx, append(a, b...)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if n := h.Count(t, dir); n != 6 {
			t.Fatalf("store holds %d records, want 6", n)
		}
	})
	t.Run("cancelled context", func(t *testing.T) {
		dir := t.TempDir()
		s := h.Open(t, dir)
		defer s.Close()
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := s.Write(cctx, outputs("topic", 1, 1)); err == nil {
			t.Fatal("write with a cancelled context succeeded")
		}
	})
}
