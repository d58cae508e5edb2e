package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/sinks/chschema"
)

// jsonRows runs `tazala query --format json` and decodes its rows.
func jsonRows(t *testing.T, store string, args ...string) []map[string]any {
	t.Helper()
	code, out, e := runCLI(t, "", append([]string{"query", "--store", store, "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("query %v: exit %d: %s", args, code, e)
	}
	var rows []map[string]any
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("query %v: %v", args, err)
		}
		rows = append(rows, m)
	}
	return rows
}

func num(t *testing.T, v any) int64 {
	t.Helper()
	n, err := v.(json.Number).Int64()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestScanStoreQueryEndToEnd: `scan --store` writes every line and every
// finding of generated input into the embedded store (the same findings
// as `scan --findings`: one processing path); `query` answers the named
// analyst questions; a rescan leaves nothing visible twice; and every
// table's contents, scanned with tazala, hold no personal data.
func TestScanStoreQueryEndToEnd(t *testing.T) {
	stack.NeedCHDB(t)
	dir := t.TempDir()
	g := synth.New(5)
	var in bytes.Buffer
	var values []string
	const n = 600
	for i := 0; i < n; i++ {
		r := g.Next()
		for _, s := range r.Spans {
			values = append(values, string(r.Line[s.Start:s.End]))
		}
		in.Write(r.Line)
		in.WriteByte('\n')
	}
	inPath := filepath.Join(dir, "payments.jsonl")
	os.WriteFile(inPath, in.Bytes(), 0o600)
	key := filepath.Join(dir, "key")
	store := "chdb:" + filepath.Join(dir, "data")

	// the file path, for comparison
	fPath := filepath.Join(dir, "findings.jsonl")
	if code, _, e := runCLI(t, "", "scan", "-q", "--key-file", key, "--create-key", "--paths", "--out", filepath.Join(dir, "out.jsonl"), "--findings", fPath, inPath); code != 0 {
		t.Fatalf("scan to files: exit %d: %s", code, e)
	}
	fb, _ := os.ReadFile(fPath)
	fileFindings := int64(bytes.Count(fb, []byte("\n")))

	for run := 0; run < 2; run++ { // the second run is a rescan of the same file
		code, _, e := runCLI(t, "", "scan", "--key-file", key, "--paths", "--store", store, inPath)
		if code != 0 {
			t.Fatalf("scan --store (run %d): exit %d: %s", run+1, code, e)
		}
		if !strings.Contains(e, "stored in "+store) {
			t.Errorf("summary does not say where the data went: %s", e)
		}
		src := jsonRows(t, store, "sources")
		if len(src) != 1 || src[0]["source"] != inPath || num(t, src[0]["records"]) != n {
			t.Fatalf("run %d: sources = %v, want %d records of %s", run+1, src, n, inPath)
		}
		var total int64
		for _, r := range jsonRows(t, store, "findings-per-day") {
			total += num(t, r["findings"])
		}
		if total != fileFindings {
			t.Fatalf("run %d: the store holds %d findings, scan --findings wrote %d", run+1, total, fileFindings)
		}
		idx := jsonRows(t, store, "SELECT count() AS n, uniqExact(source, partition, offset, ordinal) AS u FROM pii_index_v")
		if num(t, idx[0]["n"]) != num(t, idx[0]["u"]) {
			t.Fatalf("run %d: index rows visible twice: %v", run+1, idx)
		}
	}

	leaky := jsonRows(t, store, "leakiest-fields")
	if len(leaky) == 0 || leaky[0]["field"] == "" {
		t.Fatalf("leakiest-fields: %v", leaky)
	}
	tok := jsonRows(t, store, "SELECT token FROM pii_index_v WHERE kind = 'iin' ORDER BY token LIMIT 1")[0]["token"].(string)
	foot := jsonRows(t, store, "--param", "token="+tok, "token-footprint")
	if len(foot) == 0 {
		t.Fatal("token-footprint: no rows")
	}
	for _, r := range foot {
		if num(t, r["is_value"])+num(t, r["is_subject"]) == 0 {
			t.Fatalf("footprint row %v neither holds nor is about the token", r)
		}
	}
	for _, q := range []string{"INSERT INTO audit_log (actor) VALUES ('x')", "DROP TABLE pii_index", "SELECT 1; DROP TABLE pii_index"} {
		if code, _, _ := runCLI(t, "", "query", "--store", store, q); code != exitUsage {
			t.Errorf("query %q: exit %d, want usage error", q, code)
		}
	}
	if code, _, e := runCLI(t, "", "query", "--store", store, "token-footprint"); code != exitUsage || !strings.Contains(e, "--param token=") {
		t.Errorf("token-footprint without its parameter: exit %d %q", code, e)
	}
	for _, f := range []string{"table", "csv", "markdown"} {
		if code, out, e := runCLI(t, "", "query", "--store", store, "--format", f, "findings-per-day"); code != 0 || !strings.Contains(out, "person_name") {
			t.Errorf("--format %s: exit %d %q %q", f, code, out, e)
		}
	}

	// every table's contents, scanned by tazala itself: nothing personal
	var dump bytes.Buffer
	for _, tb := range chschema.Tables() {
		code, out, e := runCLI(t, "", "query", "--store", store, "--format", "json", "SELECT * FROM "+tb.Name)
		if code != 0 {
			t.Fatalf("dump %s: %s", tb.Name, e)
		}
		dump.WriteString(out)
	}
	if dump.Len() < in.Len()/2 {
		t.Fatalf("the dump holds %d bytes for %d input bytes", dump.Len(), in.Len())
	}
	for _, v := range values {
		if len(v) >= 6 && bytes.Contains(dump.Bytes(), []byte(v)) {
			t.Fatalf("a raw value is stored in a table")
		}
	}
	dumpPath := filepath.Join(dir, "dump.jsonl")
	os.WriteFile(dumpPath, dump.Bytes(), 0o600)
	code, out, e := runCLI(t, "", "scan", "--key-file", key, "--out", os.DevNull, "--findings", "-", "--fail-on-findings", dumpPath)
	if code != 0 {
		t.Fatalf("scanning the store's tables: exit %d, findings:\n%s\n%s", code, out, e)
	}
}

// TestScanStoreVaultRevealErase runs the real Vault dev server: scan
// --store with the vault tokenizer fills the store's token vault; reveal
// --store reveals through it with an audit row in audit_log; erasing the
// token removes its ciphertext and makes reveal refuse.
func TestScanStoreVaultRevealErase(t *testing.T) {
	stack.NeedCHDB(t)
	v, err := stack.StartVault(context.Background(), stack.VaultConfig{Bin: stack.NeedVaultBin(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Stop() })
	t.Setenv("VAULT_ADDR", v.URL)
	t.Setenv("VAULT_TOKEN", v.Token)
	t.Setenv("USER", "dpo-test")
	dir := t.TempDir()
	store := "chdb:" + filepath.Join(dir, "data")
	in := filepath.Join(dir, "support.log")
	os.WriteFile(in, []byte("ИИН 900101300017, тел +7 701 540 18 02\n"), 0o600)
	if code, _, e := runCLI(t, "", "scan", "-q", "--tokenizer", "vault", "--store", store, in); code != 0 {
		t.Fatalf("scan: exit %d: %s", code, e)
	}
	rows := jsonRows(t, store, "SELECT token, kind FROM pii_index_v ORDER BY start")
	if len(rows) != 2 {
		t.Fatalf("index rows: %v", rows)
	}
	iinTok := rows[0]["token"].(string)
	reveal := func() (int, string, string) {
		return runCLI(t, "", "reveal", "--store", store, "--token", iinTok, "--reason", "subject access request", "--request-ref", "DSAR-7")
	}
	if code, out, e := reveal(); code != 0 || strings.TrimSpace(out) != "900101300017" {
		t.Fatalf("reveal: exit %d, stderr %q", code, e)
	}
	// erase through the store's token vault
	st, err := openStore(context.Background(), store)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Tokens.SetState(context.Background(), iinTok, tazala.TokenErased); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if code, out, e := reveal(); code == 0 || strings.Contains(out, "900101300017") || !strings.Contains(e, "erased") {
		t.Fatalf("reveal after erasure: exit %d, out %q, stderr %q", code, out, e)
	}
	vault := jsonRows(t, store, "--param", "t="+iinTok, "SELECT ciphertext, toString(state) AS state FROM token_vault WHERE token = {t:String}")
	if len(vault) != 1 || vault[0]["ciphertext"] != "" || vault[0]["state"] != "erased" {
		t.Fatalf("token_vault rows of the erased token: %v", vault)
	}
	audit := jsonRows(t, store, "SELECT actor, outcome, request_ref FROM audit_log ORDER BY time")
	if len(audit) != 2 || audit[0]["outcome"] != "granted" || !strings.HasPrefix(audit[1]["outcome"].(string), "refused") ||
		!regexp.MustCompile(`^dpo-test \(vault: .+\)$`).MatchString(audit[0]["actor"].(string)) {
		t.Fatalf("audit_log: %v", audit)
	}
}
