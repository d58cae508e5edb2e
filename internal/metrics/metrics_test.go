package metrics

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/sources/kafka"
)

func TestMetricsAndReadiness(t *testing.T) {
	m := New()
	m.TokenCache("local", func() (uint64, uint64) { return 3, 1 })
	recs := []tazala.Record{{Source: "pay", Value: []byte(`{"iin":"900101300017"}`), Time: time.Now()}}
	m.Fetched(recs)
	m.Written([]tazala.Output{{Record: recs[0], Findings: []tazala.Finding{{Kind: tazala.KindIIN}}}}, time.Now())
	m.Acked(nil)
	m.Acked(fmt.Errorf("x: %w", kafka.ErrGenerationEnded))
	m.SinkError("chdb", fmt.Errorf("down: %w", tazala.ErrUnavailable))
	m.Lag("pay", 2, 5)
	var fail error
	srv, err := m.Serve("127.0.0.1:0", slog.New(slog.DiscardHandler), map[string]Check{"pipeline": func() error { return fail }})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + srv.Addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	_, body := get("/metrics")
	for _, want := range []string{
		`tazala_records_in_total{source="pay"} 1`,
		`tazala_findings_total{kind="iin",source="pay"} 1`,
		`tazala_commits_total{result="generation_ended"} 1`,
		`tazala_sink_errors_total{class="unavailable",sink="chdb"} 1`,
		`tazala_consumer_lag{partition="2",topic="pay"} 5`,
		`tazala_token_cache_hit_ratio{backend="local"} 0.75`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(body, "900101300017") {
		t.Fatal("a value reached /metrics")
	}
	if code, _ := get("/readyz"); code != 200 {
		t.Fatalf("/readyz %d, want 200", code)
	}
	fail = errors.New("processing: tokenize: backend unavailable")
	if code, body := get("/readyz"); code != 503 || !strings.Contains(body, "pipeline") {
		t.Fatalf("/readyz %d %s, want 503 naming the pipeline", code, body)
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Fatalf("/healthz %d", code)
	}
}
