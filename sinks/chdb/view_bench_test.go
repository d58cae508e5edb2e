package chdb_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/sinks/chschema"
)

// TestIndexViewSpeed times pii_index_v against migration 4's form of it
// (each record's latest scan read from redacted_records FINAL) and
// against pii_index FINAL without the latest-scan rule, on a store of
// TAZALA_VIEW_BENCH records (three index rows each; 1 % of the records
// rescanned with other values, so their first scan's rows are stale; 2 %
// of schema version 1, scan_id 0). Rows are generated in SQL; the
// superseded scans are listed by migration 5's backfill, as the sinks
// would have listed them. Skipped unless set; make bench-index-view.
// Each query runs TAZALA_VIEW_RUNS times (default 5), interleaved; the
// results of the three forms are compared.
func TestIndexViewSpeed(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("TAZALA_VIEW_BENCH"))
	if n == 0 {
		t.Skip("set TAZALA_VIEW_BENCH=N to measure on N records")
	}
	runs, _ := strconv.Atoi(os.Getenv("TAZALA_VIEW_RUNS"))
	if runs == 0 {
		runs = 5
	}
	ctx := context.Background()
	s := openStore(t, "view-speed-"+strconv.Itoa(n))
	defer s.Close()
	must := func(q string, ps ...tazala.Param) {
		t.Helper()
		if err := s.Exec(ctx, q, ps...); err != nil {
			t.Fatal(err)
		}
	}
	begin := time.Now()
	ps := []tazala.Param{{Name: "n", Value: n}}
	subj := `concat('tk_i', toString(number % 100000))`
	scan := `if(number % 50 = 7, toUInt64(0), cityHash64('scan', number))`
	until := `toDateTime('2106-01-01 00:00:00', 'UTC')`
	must(`INSERT INTO redacted_records (source, partition, offset, event_time, ingest_time, purpose, legal_basis, subject, payload, findings, retention_until, scan_id)
		SELECT 'payments', toInt32(number % 3), toInt64(number), now64(3), now64(3) - 10, 'payments', 'consent', `+subj+`,
			concat('{"iin":"[IIN:', `+subj+`, ']"}'), 3, `+until+`, `+scan+` FROM numbers({n:UInt64})`, ps...)
	for i, k := range []string{"iin", "email", "phone"} {
		tok := `concat('tk_` + k[:1] + `', toString(number % 100000))`
		must(`INSERT INTO pii_index (subject, token, kind, category, source, partition, offset, ordinal, event_time, purpose, legal_basis, retention_until, ingest_time, scan_id)
			SELECT `+subj+`, `+tok+`, '`+k+`', '', 'payments', toInt32(number % 3), toInt64(number), `+strconv.Itoa(i)+`, now64(3), 'payments', '', `+until+`, now64(3) - 10, `+scan+` FROM numbers({n:UInt64})`, ps...)
	}
	// 1 % rescanned with other values: a new record version, a new index row
	must(`INSERT INTO redacted_records (source, partition, offset, event_time, ingest_time, purpose, legal_basis, subject, payload, findings, retention_until, scan_id)
		SELECT 'payments', toInt32(number % 3), toInt64(number), now64(3), now64(3), 'payments', 'consent', `+subj+`, 'x', 1, `+until+`, cityHash64('rescan', number)
		FROM numbers({n:UInt64}) WHERE number % 100 = 3`, ps...)
	must(`INSERT INTO pii_index (subject, token, kind, category, source, partition, offset, ordinal, event_time, purpose, legal_basis, retention_until, ingest_time, scan_id)
		SELECT `+subj+`, concat('tk_x', toString(number % 100000)), 'email', '', 'payments', toInt32(number % 3), toInt64(number), 0, now64(3), 'payments', '', `+until+`, now64(3), cityHash64('rescan', number)
		FROM numbers({n:UInt64}) WHERE number % 100 = 3`, ps...)
	must(chschema.Migrations[4].Backfill[0])
	must("CREATE OR REPLACE VIEW pii_index_v4 AS " + chschema.IndexViewV4Query())
	must("CREATE OR REPLACE VIEW pii_index_final AS SELECT * FROM pii_index FINAL")
	var parts []map[string]any
	if err := s.Select(ctx, &parts, "SELECT table, count() AS parts, sum(rows) AS rows FROM system.parts WHERE database = currentDatabase() AND active GROUP BY table ORDER BY table"); err != nil {
		t.Fatal(err)
	}
	t.Logf("generated %d records, %d index rows in %v; parts %v", n+n/100, 3*n+n/100, time.Since(begin).Round(time.Millisecond), parts)

	views := []string{"pii_index_final", "pii_index_v4", chschema.ViewIndex}
	// TAZALA_VIEW_TRY='SELECT …' measures another form beside them
	if q := os.Getenv("TAZALA_VIEW_TRY"); q != "" {
		must("CREATE OR REPLACE VIEW pii_index_try AS " + q)
		views = append(views, "pii_index_try")
	}
	queries := []struct{ name, sql string }{
		{"records of a token's records (policy link)", "SELECT token, kind, subject, source, partition, offset FROM %s WHERE token != '' AND (source, partition, offset) IN (SELECT source, partition, offset FROM %[1]s WHERE token IN ['tk_i777']) ORDER BY source, partition, offset, ordinal"},
		{"one token's rows (token or subject)", "SELECT * FROM %s WHERE token = 'tk_i777' OR subject = 'tk_i777' ORDER BY source, partition, offset, ordinal"},
		{"one token's rows (token)", "SELECT * FROM %s WHERE token = 'tk_e777' ORDER BY source, partition, offset, ordinal"},
		{"a rescanned record's token", "SELECT * FROM %s WHERE token IN ('tk_i703', 'tk_x703') ORDER BY token, offset"},
		{"count of every row", "SELECT count() AS c FROM %s"},
		{"rows per kind", "SELECT kind, count() AS c, uniqExact(source, partition, offset) AS records FROM %s GROUP BY kind ORDER BY kind"},
	}
	for _, q := range queries {
		times := make([][]time.Duration, len(views))
		results := make([]string, len(views))
		for r := 0; r < runs; r++ {
			for i, v := range views {
				var rows []map[string]any
				b := time.Now()
				if os.Getenv("TAZALA_VIEW_ONLY") != "" && !strings.Contains(q.name, os.Getenv("TAZALA_VIEW_ONLY")) {
					continue
				}
				if err := s.Select(ctx, &rows, fmt.Sprintf(q.sql, v)); err != nil {
					t.Fatal(v, err)
				}
				times[i] = append(times[i], time.Since(b))
				for _, row := range rows {
					delete(row, "ingest_time")
					delete(row, "event_time")
				}
				results[i] = fmt.Sprint(rows)
			}
		}
		if len(times[0]) == 0 {
			continue
		}
		for i := 2; i < len(views); i++ {
			if results[1] != results[i] {
				t.Errorf("%s: %s and %s differ:\n%.300s\n%.300s", q.name, views[1], views[i], results[1], results[i])
			}
		}
		line := fmt.Sprintf("%-38s", q.name)
		for i, v := range views {
			slices.Sort(times[i])
			line += fmt.Sprintf(" | %s min %4d med %4d ms", v, times[i][0].Milliseconds(), times[i][len(times[i])/2].Milliseconds())
		}
		t.Log(line)
	}
}
