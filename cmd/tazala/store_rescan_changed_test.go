package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tazala/tazala/internal/stack"
	schdb "github.com/tazala/tazala/sinks/chdb"
)

// TestScanStoreChangedLine: a file scanned into the store, then changed
// (one line's phone is another, one line lost its e-mail, one gained an
// IIN) and scanned again: pii_index_v holds only the second scan's rows;
// scanning it once more adds nothing.
func TestScanStoreChangedLine(t *testing.T) {
	stack.NeedCHDB(t)
	dir := t.TempDir()
	key := filepath.Join(dir, "local.key")
	data := filepath.Join(dir, "store")
	store := "chdb:" + data
	in := filepath.Join(dir, "payments.jsonl")
	scan := func(lines ...string) {
		t.Helper()
		if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if code, _, e := runCLI(t, "", "scan", "-q", "--key-file", key, "--create-key", "--store", store, in); code != 0 {
			t.Fatalf("scan --store: exit %d: %s", code, e)
		}
	}
	type row struct {
		Offset int64  `json:"offset"`
		Kind   string `json:"kind"`
		Token  string `json:"token"`
		Path   string `json:"path"`
	}
	read := func() (rows []row, records uint64) {
		t.Helper()
		db, err := schdb.OpenDB(data)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Select(context.Background(), &rows, "SELECT offset, kind, token, path FROM pii_index_v ORDER BY offset, ordinal"); err != nil {
			t.Fatal(err)
		}
		var n []struct {
			N uint64 `json:"n"`
		}
		if err := db.Select(context.Background(), &n, "SELECT count() AS n FROM records_v"); err != nil {
			t.Fatal(err)
		}
		return rows, n[0].N
	}
	scan(`{"phone":"+7 701 540 18 02","note":"first"}`,
		`{"mail":"aigerim.n@mail.example.kz","note":"second"}`,
		`{"note":"third"}`)
	before, _ := read()
	if len(before) != 2 {
		t.Fatalf("first scan: %d index rows, want 2: %+v", len(before), before)
	}
	changed := []string{`{"phone":"+7 705 268 33 34","note":"first"}`,
		`{"mail":"","note":"second"}`,
		`{"note":"third","iin":"890303412912"}`}
	scan(changed...)
	after, recs := read()
	if recs != 3 || len(after) != 2 || after[0].Offset != 1 || after[0].Kind != "phone" || after[0].Token == before[0].Token ||
		after[1].Offset != 3 || after[1].Kind != "iin" || after[1].Path != "iin" {
		t.Fatalf("after the rescan of the changed file: %d records, index rows %+v; want 3 records, the new phone on line 1 and the IIN on line 3 only", recs, after)
	}
	scan(changed...) // the same scan again
	again, recs := read()
	if recs != 3 || len(again) != 2 || again[0] != after[0] || again[1] != after[1] {
		t.Fatalf("a repeated scan changed the store: %d records, %+v", recs, again)
	}
}
