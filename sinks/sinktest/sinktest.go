// Package sinktest owns the conformance suite every tazala.Sink runs: the
// same tests for the file, chdb and ClickHouse sinks. With Harness.Read,
// it also checks what the store holds, row by row: records with their
// redacted payload, key, subject and purpose, and one index row per
// finding, each visible once after replays.
package sinktest

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/index"
)

// Harness opens a sink on a fresh store (or, with the same dir, reopens the
// existing one) and counts what the store holds.
type Harness struct {
	// Open returns a sink over the store in dir.
	Open func(t *testing.T, dir string) tazala.Sink
	// Count returns how many records the store in dir holds.
	Count func(t *testing.T, dir string) int
	// Read, when set, returns what the store in dir holds as analysts see
	// it (through the deduplicating views); the suite then checks contents.
	Read func(t *testing.T, dir string) Stored
}

// Stored is a store's contents.
type Stored struct {
	Records []Record
	Index   []index.Row // IngestTime is not compared
}

// Record is one stored record.
type Record struct {
	Source    string
	Partition int32
	Offset    int64
	Key       string
	Value     string
	EventTime time.Time
	Subject   string
	Purpose   tazala.Purpose
	Findings  int
}

func outputs(src string, from, to int64) []tazala.Output {
	var outs []tazala.Output
	for o := from; o <= to; o++ {
		outs = append(outs, tazala.Output{
			Record:   tazala.Record{Source: src, Offset: o, Time: evTime, Value: []byte(`{"iin":"[IIN:tk_x]"}`)},
			Findings: []tazala.Finding{{Kind: tazala.KindIIN, Span: tazala.Span{Start: 8, End: 18}, Path: "iin", Detector: "iin", Confidence: 0.99}},
			Tokens:   []tazala.Token{{Kind: tazala.KindIIN, ID: "tk_x"}},
			Subject:  "tk_x",
			Purpose:  tazala.Purpose{Name: "payments", LegalBasis: "contract", RetainUntil: until},
		})
	}
	return outs
}

var (
	evTime = time.Date(2026, 11, 30, 9, 15, 42, 123e6, time.UTC)
	until  = time.Date(2031, 12, 31, 0, 0, 0, 0, time.UTC)
)

// rich returns outputs with every field set, awkward bytes included (all
// already redacted: tokens only).
func rich() []tazala.Output {
	pay := tazala.Purpose{Name: "payments", LegalBasis: "contract", RetainUntil: until}
	return []tazala.Output{
		{
			Record: tazala.Record{Source: "payments.tx", Partition: 3, Offset: 1 << 40, Key: []byte("cust:[IIN:tk_i]"), Time: evTime,
				Value: []byte(`{"payer":{"iin":"[IIN:tk_i]","phone":"[PHONE:tk_p]"},"cvv":"[CVV]","note":"таб\t\"q\"\\ \u0001"}`)},
			Findings: []tazala.Finding{
				{Kind: tazala.KindIIN, Span: tazala.Span{Start: 18, End: 30}, Path: "payer.iin", Detector: "iin", Confidence: 0.99},
				{Kind: tazala.KindPhone, Span: tazala.Span{Start: 41, End: 57}, Path: "payer.phone", Detector: "phone", Confidence: 0.9},
				{Kind: tazala.KindCVV, Span: tazala.Span{Start: 67, End: 70}, Path: "cvv", Detector: "cvv", Confidence: 0.75},
			},
			Tokens:  []tazala.Token{{Kind: tazala.KindIIN, ID: "tk_i"}, {Kind: tazala.KindPhone, ID: "tk_p"}, {Kind: tazala.KindCVV}},
			Subject: "tk_i",
			Purpose: pay,
		},
		{
			Record:   tazala.Record{Source: "mta.log", Offset: 7, Time: evTime.Add(time.Second), Value: []byte("to [EMAIL:tk_e] from Иванов")},
			Findings: []tazala.Finding{{Kind: tazala.KindEmail, Span: tazala.Span{Start: 3, End: 17}, Detector: "email", Confidence: 1}},
			Tokens:   []tazala.Token{{Kind: tazala.KindEmail, ID: "tk_e"}},
			Subject:  "tk_e",
			Purpose:  tazala.Purpose{Name: "notifications", LegalBasis: "consent", RetainUntil: tazala.ForeverUntilWithdrawn},
		},
		{
			Record:  tazala.Record{Source: "mta.log", Offset: 8, Time: evTime, Value: []byte("clean line")},
			Purpose: tazala.Purpose{Name: "notifications", LegalBasis: "consent", RetainUntil: until},
		},
	}
}

// wantStored is what a store must hold after writing outs (each once).
func wantStored(outs []tazala.Output) Stored {
	var st Stored
	for i := range outs {
		o := &outs[i]
		st.Records = append(st.Records, Record{Source: o.Record.Source, Partition: o.Record.Partition, Offset: o.Record.Offset,
			Key: string(o.Record.Key), Value: string(o.Record.Value), EventTime: o.Record.Time, Subject: o.Subject,
			Purpose: o.Purpose, Findings: len(o.Findings)})
		st.Index = index.AppendRows(st.Index, o, time.Time{})
	}
	return st
}

func sortStored(s *Stored) {
	sort.Slice(s.Records, func(i, j int) bool {
		a, b := s.Records[i], s.Records[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Partition != b.Partition {
			return a.Partition < b.Partition
		}
		return a.Offset < b.Offset
	})
	sort.Slice(s.Index, func(i, j int) bool {
		a, b := s.Index[i], s.Index[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Partition != b.Partition {
			return a.Partition < b.Partition
		}
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		return a.Ordinal < b.Ordinal
	})
}

func checkStored(t *testing.T, got, want Stored) {
	t.Helper()
	sortStored(&got)
	sortStored(&want)
	if len(got.Records) != len(want.Records) {
		t.Errorf("store holds %d records, want %d", len(got.Records), len(want.Records))
	}
	for i := 0; i < min(len(got.Records), len(want.Records)); i++ {
		g, w := got.Records[i], want.Records[i]
		g.EventTime, w.EventTime = g.EventTime.UTC(), w.EventTime.UTC()
		g.Purpose.RetainUntil, w.Purpose.RetainUntil = g.Purpose.RetainUntil.UTC(), w.Purpose.RetainUntil.UTC()
		if fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	if len(got.Index) != len(want.Index) {
		t.Errorf("store holds %d index rows, want %d", len(got.Index), len(want.Index))
	}
	for i := 0; i < min(len(got.Index), len(want.Index)); i++ {
		g, w := got.Index[i], want.Index[i]
		g.IngestTime, w.IngestTime = time.Time{}, time.Time{}
		g.EventTime, w.EventTime = g.EventTime.UTC(), w.EventTime.UTC()
		g.Purpose.RetainUntil, w.Purpose.RetainUntil = g.Purpose.RetainUntil.UTC(), w.Purpose.RetainUntil.UTC()
		if fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("index row %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
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
		if h.Read != nil {
			checkStored(t, h.Read(t, dir), wantStored(outputs("topic", 1, 15)))
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
	if h.Read == nil {
		return
	}
	t.Run("contents round-trip", func(t *testing.T) {
		dir := t.TempDir()
		s := h.Open(t, dir)
		outs := rich()
		if err := s.Write(ctx, outs); err != nil {
			t.Fatal(err)
		}
		s.Close()
		checkStored(t, h.Read(t, dir), wantStored(outs))
	})
	t.Run("same batch twice and a replay cut into other batches", func(t *testing.T) {
		dir := t.TempDir()
		s := h.Open(t, dir)
		defer s.Close()
		all := outputs("topic", 1, 20)
		for i := range all {
			all[i].Record.Time = evTime.Add(time.Duration(i) * time.Second)
		}
		if err := s.Write(ctx, all[:10]); err != nil {
			t.Fatal(err)
		}
		if err := s.Write(ctx, all[:10]); err != nil { // the same batch again
			t.Fatal(err)
		}
		for i := 3; i < 20; i += 4 { // batches of 4 from offset 4
			if err := s.Write(ctx, all[i:min(i+4, 20)]); err != nil {
				t.Fatal(err)
			}
		}
		checkStored(t, h.Read(t, dir), wantStored(all))
	})
	t.Run("a rescan with changed content replaces the old rows", func(t *testing.T) {
		dir := t.TempDir()
		s := h.Open(t, dir)
		defer s.Close()
		if err := s.Write(ctx, outputs("file.log", 1, 3)); err != nil {
			t.Fatal(err)
		}
		// same tokens, other text: the record is replaced, its index rows
		// (keyed by token and position) too
		changed := outputs("file.log", 1, 3)
		changed[1].Record.Value = []byte(`{"iin": "[IIN:tk_x]"}`)
		changed[1].Findings[0].Span = tazala.Span{Start: 9, End: 19}
		changed[1].Findings[0].Confidence = 0.5
		if err := s.Write(ctx, changed); err != nil {
			t.Fatal(err)
		}
		checkStored(t, h.Read(t, dir), wantStored(changed))
	})
	t.Run("a rescan whose values changed shows only the latest scan's index rows", func(t *testing.T) {
		dir := t.TempDir()
		s := h.Open(t, dir)
		defer s.Close()
		first := rich()
		if err := s.Write(ctx, first); err != nil {
			t.Fatal(err)
		}
		// the same lines rescanned after they changed: the first record's
		// phone is another one now (another token, so another index key)
		// and its CVV is gone; the second record's e-mail is gone; the
		// third has a name now
		second := rich()
		r := &second[0]
		r.Record.Value = []byte(`{"payer":{"iin":"[IIN:tk_i]","phone":"[PHONE:tk_q]"}}`)
		r.Findings = r.Findings[:2]
		r.Tokens = []tazala.Token{{Kind: tazala.KindIIN, ID: "tk_i"}, {Kind: tazala.KindPhone, ID: "tk_q"}}
		r = &second[1]
		r.Record.Value, r.Findings, r.Tokens, r.Subject = []byte("to nobody"), nil, nil, ""
		r = &second[2]
		r.Record.Value = []byte("clean line [NAME:tk_n]")
		r.Findings = []tazala.Finding{{Kind: tazala.KindName, Span: tazala.Span{Start: 11, End: 30}, Detector: "person_name", Confidence: 0.8}}
		r.Tokens = []tazala.Token{{Kind: tazala.KindName, ID: "tk_n"}}
		if err := s.Write(ctx, second); err != nil {
			t.Fatal(err)
		}
		checkStored(t, h.Read(t, dir), wantStored(second))
		// a replay of the latest scan, whole and cut into other batches:
		// nothing twice
		for _, b := range [][]tazala.Output{second, second[1:], second[:1], second} {
			if err := s.Write(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		checkStored(t, h.Read(t, dir), wantStored(second))
		// and the first scan again (the lines changed back) is the latest
		third := rich()
		if err := s.Write(ctx, third[1:]); err != nil {
			t.Fatal(err)
		}
		if err := s.Write(ctx, third[:1]); err != nil {
			t.Fatal(err)
		}
		checkStored(t, h.Read(t, dir), wantStored(third))
	})
	t.Run("a rescan written by another store (another process) hides the earlier scan too", func(t *testing.T) {
		dir := t.TempDir()
		s := h.Open(t, dir)
		first := rich()
		if err := s.Write(ctx, first); err != nil {
			t.Fatal(err)
		}
		s.Close()
		second := rich()
		r := &second[0]
		r.Record.Value = []byte(`{"payer":{"iin":"[IIN:tk_i]","phone":"[PHONE:tk_q]"}}`)
		r.Findings = r.Findings[:2]
		r.Tokens = []tazala.Token{{Kind: tazala.KindIIN, ID: "tk_i"}, {Kind: tazala.KindPhone, ID: "tk_q"}}
		s2 := h.Open(t, dir)
		defer s2.Close()
		if err := s2.Write(ctx, second[:1]); err != nil {
			t.Fatal(err)
		}
		checkStored(t, h.Read(t, dir), wantStored(append(second[:1:1], first[1:]...)))
	})
}

// ReadDB reads what a ClickHouse store holds through its analyst views
// (records_v, pii_index_v: deduplicated), for the Read of a Harness: the
// embedded store and servers share the schema, so they share this reader.
// It fails t when an index row's category is not its kind's.
func ReadDB(t testing.TB, s tazala.DB) Stored {
	t.Helper()
	ctx := context.Background()
	var recs []struct {
		Source         string    `json:"source"`
		Partition      int32     `json:"partition"`
		Offset         int64     `json:"offset"`
		Key            string    `json:"key"`
		Payload        string    `json:"payload"`
		EventTime      time.Time `json:"event_time"`
		Subject        string    `json:"subject"`
		Purpose        string    `json:"purpose"`
		LegalBasis     string    `json:"legal_basis"`
		RetentionUntil time.Time `json:"retention_until"`
		Findings       int       `json:"findings"`
	}
	if err := s.Select(ctx, &recs, "SELECT * FROM records_v"); err != nil {
		t.Fatal(err)
	}
	var st Stored
	for _, r := range recs {
		st.Records = append(st.Records, Record{Source: r.Source, Partition: r.Partition, Offset: r.Offset, Key: r.Key, Value: r.Payload,
			EventTime: r.EventTime, Subject: r.Subject, Findings: r.Findings,
			Purpose: tazala.Purpose{Name: r.Purpose, LegalBasis: r.LegalBasis, RetainUntil: r.RetentionUntil}})
	}
	var idx []struct {
		Subject        string    `json:"subject"`
		Token          string    `json:"token"`
		Kind           string    `json:"kind"`
		Category       string    `json:"category"`
		Source         string    `json:"source"`
		Partition      int32     `json:"partition"`
		Offset         int64     `json:"offset"`
		Ordinal        uint16    `json:"ordinal"`
		Path           string    `json:"path"`
		Start          int64     `json:"start"`
		End            int64     `json:"end"`
		Detector       string    `json:"detector"`
		Confidence     float32   `json:"confidence"`
		EventTime      time.Time `json:"event_time"`
		Purpose        string    `json:"purpose"`
		LegalBasis     string    `json:"legal_basis"`
		RetentionUntil time.Time `json:"retention_until"`
	}
	if err := s.Select(ctx, &idx, "SELECT * FROM pii_index_v"); err != nil {
		t.Fatal(err)
	}
	for _, r := range idx {
		k, err := tazala.ParseKind(r.Kind)
		if err != nil {
			t.Fatal(err)
		}
		if r.Category != index.Category(k) {
			t.Errorf("index row category %q for %s", r.Category, r.Kind)
		}
		st.Index = append(st.Index, index.Row{Subject: r.Subject, Token: r.Token, Kind: k, Source: r.Source, Partition: r.Partition,
			Offset: r.Offset, Ordinal: r.Ordinal, Path: r.Path, Start: r.Start, End: r.End, Detector: r.Detector, Confidence: r.Confidence,
			EventTime: r.EventTime, Purpose: tazala.Purpose{Name: r.Purpose, LegalBasis: r.LegalBasis, RetainUntil: r.RetentionUntil}})
	}
	return st
}
