// Package metrics owns the daemon's Prometheus metrics and its HTTP
// endpoints (/metrics, /healthz, /readyz). It implements the observers of
// pipeline.Runner and sources/kafka. Labels carry only topics, partitions,
// kinds, sinks and reasons' classes: never a value.
package metrics

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/sources/kafka"
)

// Metrics holds the daemon's collectors on their own registry.
type Metrics struct {
	Registry *prometheus.Registry

	recordsIn    *prometheus.CounterVec
	recordsOut   *prometheus.CounterVec
	bytesIn      *prometheus.CounterVec
	findings     *prometheus.CounterVec
	batchLatency prometheus.Histogram
	recLatency   prometheus.Histogram
	lag          *prometheus.GaugeVec
	committed    *prometheus.GaugeVec
	commits      *prometheus.CounterVec
	assigned     *prometheus.GaugeVec
	quarantined  prometheus.Counter
	sinkErrors   *prometheus.CounterVec
	stepErrors   *prometheus.CounterVec
	tokLatency   *prometheus.HistogramVec
}

// New registers the collectors, plus the Go and process collectors.
func New() *Metrics {
	r := prometheus.NewRegistry()
	r.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	f := func(c prometheus.Collector) { r.MustRegister(c) }
	m := &Metrics{Registry: r}
	m.recordsIn = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tazala_records_in_total", Help: "Records read from the source."}, []string{"source"})
	m.bytesIn = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tazala_bytes_in_total", Help: "Record bytes read from the source."}, []string{"source"})
	m.recordsOut = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tazala_records_out_total", Help: "Redacted records accepted by every sink."}, []string{"source"})
	m.findings = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tazala_findings_total", Help: "Findings written, by kind and source."}, []string{"source", "kind"})
	m.batchLatency = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "tazala_batch_latency_seconds", Help: "From a batch's first record read to every sink's acknowledgement.",
		Buckets: prometheus.ExponentialBuckets(0.005, 2, 14)})
	m.recLatency = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "tazala_record_latency_seconds", Help: "From a record's Kafka timestamp to every sink's acknowledgement.",
		Buckets: prometheus.ExponentialBuckets(0.005, 2, 16)})
	m.lag = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "tazala_consumer_lag", Help: "Records after the committed offset, per partition."}, []string{"topic", "partition"})
	m.committed = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "tazala_committed_offset", Help: "Last committed offset, per partition."}, []string{"topic", "partition"})
	m.commits = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tazala_commits_total", Help: "Source acknowledgements, by result (ok, generation_ended, error)."}, []string{"result"})
	m.assigned = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "tazala_partitions_assigned", Help: "Partitions this member owns."}, []string{"topic"})
	m.quarantined = prometheus.NewCounter(prometheus.CounterOpts{Name: "tazala_quarantined_total", Help: "Records quarantined (masked) because processing failed."})
	m.sinkErrors = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tazala_sink_errors_total", Help: "Failed sink writes, by sink and class (unavailable, other)."}, []string{"sink", "class"})
	m.stepErrors = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tazala_processing_errors_total", Help: "Failed processing calls, by class (unavailable, other)."}, []string{"class"})
	m.tokLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "tazala_tokenizer_latency_seconds", Help: "Latency of one tokenizer call (a Vault transit round trip when not cached), by backend and result.",
		Buckets: prometheus.ExponentialBuckets(0.0001, 2, 18)}, []string{"backend", "result"})
	for _, c := range []prometheus.Collector{m.recordsIn, m.bytesIn, m.recordsOut, m.findings, m.batchLatency, m.recLatency, m.lag, m.committed,
		m.commits, m.assigned, m.quarantined, m.sinkErrors, m.stepErrors, m.tokLatency} {
		f(c)
	}
	return m
}

// TokenCache registers gauges reading a tokenizer's cache counters.
func (m *Metrics) TokenCache(backend string, stats func() (hits, misses uint64)) {
	m.Registry.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "tazala_token_cache_hits_total", Help: "Token requests answered from the tokenizer's cache.", ConstLabels: prometheus.Labels{"backend": backend}},
		func() float64 { h, _ := stats(); return float64(h) }))
	m.Registry.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "tazala_token_cache_misses_total", Help: "Token requests that needed the tokenizer's backend.", ConstLabels: prometheus.Labels{"backend": backend}},
		func() float64 { _, mi := stats(); return float64(mi) }))
	m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "tazala_token_cache_hit_ratio", Help: "Hits / (hits + misses) since start.", ConstLabels: prometheus.Labels{"backend": backend}},
		func() float64 {
			h, mi := stats()
			if h+mi == 0 {
				return 0
			}
			return float64(h) / float64(h+mi)
		}))
}

func class(err error) string {
	if errors.Is(err, tazala.ErrUnavailable) {
		return "unavailable"
	}
	return "other"
}

// Runner observer (pipeline.Observer).

func (m *Metrics) Fetched(recs []tazala.Record) {
	if len(recs) == 0 {
		return
	}
	src := recs[0].Source
	n, b := 0, 0
	for _, r := range recs {
		if r.Source != src {
			m.recordsIn.WithLabelValues(src).Add(float64(n))
			m.bytesIn.WithLabelValues(src).Add(float64(b))
			src, n, b = r.Source, 0, 0
		}
		n++
		b += len(r.Value)
	}
	m.recordsIn.WithLabelValues(src).Add(float64(n))
	m.bytesIn.WithLabelValues(src).Add(float64(b))
}

func (m *Metrics) Written(outs []tazala.Output, fetched time.Time) {
	now := time.Now()
	m.batchLatency.Observe(now.Sub(fetched).Seconds())
	type sk struct {
		src  string
		kind tazala.Kind
	}
	counts := map[sk]int{}
	recs := map[string]int{}
	for i := range outs {
		o := &outs[i]
		recs[o.Record.Source]++
		for _, f := range o.Findings {
			counts[sk{o.Record.Source, f.Kind}]++
		}
		if !o.Record.Time.IsZero() {
			m.recLatency.Observe(now.Sub(o.Record.Time).Seconds())
		}
	}
	for s, n := range recs {
		m.recordsOut.WithLabelValues(s).Add(float64(n))
	}
	for k, n := range counts {
		m.findings.WithLabelValues(k.src, k.kind.String()).Add(float64(n))
	}
}

func (m *Metrics) Quarantined(n int, reason string) {
	m.quarantined.Add(float64(n))
}

func (m *Metrics) SinkError(sink string, err error) {
	m.sinkErrors.WithLabelValues(sink, class(err)).Inc()
}
func (m *Metrics) StepError(err error) { m.stepErrors.WithLabelValues(class(err)).Inc() }

func (m *Metrics) Acked(err error) {
	switch {
	case err == nil:
		m.commits.WithLabelValues("ok").Inc()
	case errors.Is(err, kafka.ErrGenerationEnded):
		m.commits.WithLabelValues("generation_ended").Inc()
	default:
		m.commits.WithLabelValues("error").Inc()
	}
}

// Source observer (sources/kafka.Observer).

func (m *Metrics) Lag(topic string, partition int32, lag int64) {
	m.lag.WithLabelValues(topic, strconv.Itoa(int(partition))).Set(float64(lag))
}
func (m *Metrics) Committed(topic string, partition int32, offset int64) {
	m.committed.WithLabelValues(topic, strconv.Itoa(int(partition))).Set(float64(offset))
}
func (m *Metrics) Assigned(topic string, partition int32) { m.assigned.WithLabelValues(topic).Inc() }
func (m *Metrics) Revoked(topic string, partition int32) {
	m.assigned.WithLabelValues(topic).Dec()
	m.lag.DeleteLabelValues(topic, strconv.Itoa(int(partition)))
}

// TimedTokenizer wraps a tokenizer to observe each call's latency.
type TimedTokenizer struct {
	tazala.Tokenizer
	m       *Metrics
	backend string
}

// TimeTokenizer returns tk with its calls timed under backend.
func (m *Metrics) TimeTokenizer(tk tazala.Tokenizer, backend string) *TimedTokenizer {
	return &TimedTokenizer{Tokenizer: tk, m: m, backend: backend}
}

// Tokenize calls the wrapped tokenizer.
func (t *TimedTokenizer) Tokenize(ctx context.Context, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	begin := time.Now()
	toks, err := t.Tokenizer.Tokenize(ctx, reqs)
	res := "ok"
	if err != nil {
		res = class(err)
	}
	t.m.tokLatency.WithLabelValues(t.backend, res).Observe(time.Since(begin).Seconds())
	return toks, err
}

// Check is one readiness condition: nil when fine, else an error naming
// the backend (never a value).
type Check func() error

// Server serves /metrics, /healthz and /readyz.
type Server struct {
	srv *http.Server
	ln  net.Listener
	// Addr is the address actually listened on.
	Addr string
}

// Serve listens on addr and serves until Close. /readyz answers 503 with
// the failing checks while any check fails.
func (m *Metrics) Serve(addr string, log *slog.Logger, checks map[string]Check) (*Server, error) {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		failing := map[string]string{}
		for name, c := range checks {
			if err := c(); err != nil {
				failing[name] = err.Error()
			}
		}
		w.Header().Set("Content-Type", "application/json")
		if len(failing) > 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			json.NewEncoder(w).Encode(map[string]any{"ready": false, "failing": failing})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"ready": true})
	})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{srv: &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}, ln: ln, Addr: ln.Addr().String()}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "err", err.Error())
		}
	}()
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}
