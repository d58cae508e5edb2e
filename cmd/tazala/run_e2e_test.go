package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/scanner"
	schdb "github.com/tazala/tazala/sinks/chdb"
	tkafka "github.com/tazala/tazala/sources/kafka"
)

// The daemon's end-to-end tests run `tazala run` as a subprocess built from
// this package, against an in-process Kafka-protocol broker (kfake), with
// traffic produced by kcat (a third-party client), and inspect the store
// it wrote after it stopped.

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// daemonBin builds cmd/tazala once per test binary.
func daemonBin(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tazala-e2e-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "tazala")
		args := []string{"build", "-o", binPath}
		if os.Getenv("TAZALA_E2E_RACE") != "" {
			args = append(args, "-race") // the daemon under the race detector
		}
		out, err := exec.Command("go", append(args, ".")...).CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// e2eStreams are the three topics of a test, named after the policy's
// purposes, with the generator stream each carries.
type e2eTopic struct {
	name    string
	purpose string
	stream  synth.Stream
}

func e2eTopics(t *testing.T, k *stack.Kafka, partitions int) []e2eTopic {
	var ts []e2eTopic
	for _, x := range []struct {
		purpose string
		stream  synth.Stream
	}{{"payments", synth.Transactions}, {"notifications", synth.Notifications}, {"support", synth.Support}} {
		ts = append(ts, e2eTopic{name: k.Topic(t, partitions), purpose: x.purpose, stream: x.stream})
	}
	return ts
}

func streamsFlag(ts []e2eTopic) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.name+"="+t.purpose)
	}
	return strings.Join(s, ",")
}

func topicNames(ts []e2eTopic) []string {
	var s []string
	for _, t := range ts {
		s = append(s, t.name)
	}
	return s
}

// traffic is what a test produced: lines tagged with a unique sequence
// marker (not personal data) and the raw personal values they contain.
type traffic struct {
	n   int
	raw map[string]bool
}

var seqRe = regexp.MustCompile(`e2e_seq[=:"]+(q\d+)`)

// generate draws n records spread over the topics, tags each line with a
// unique sequence marker, notes the raw values in tr and hands each line
// to emit with its topic.
func (tr *traffic) generate(ts []e2eTopic, n int, seed uint64, emit func(topic string, line []byte)) {
	if tr.raw == nil {
		tr.raw = map[string]bool{}
	}
	g := synth.New(seed)
	for i := 0; i < n; i++ {
		tp := ts[i%len(ts)]
		r := g.NextOf(tp.stream)
		for _, s := range r.Spans {
			v := string(r.Line[s.Start:s.End])
			if s.Kind != tazala.KindCVV && s.Kind != tazala.KindExpiry && len(v) >= 8 && v != "support@ioka.kz" {
				tr.raw[v] = true
			}
		}
		seq := fmt.Sprintf("q%07d", int(seed)*10_000_000+tr.n+i)
		line := r.Line
		if len(line) > 0 && line[0] == '{' {
			line = append([]byte(`{"e2e_seq":"`+seq+`",`), line[1:]...)
		} else {
			line = append([]byte("e2e_seq="+seq+" "), line...)
		}
		emit(tp.name, line)
	}
	tr.n += n
}

// produce writes n generated records spread over the topics with kcat.
func produce(t *testing.T, kcat, brokers string, ts []e2eTopic, n int, seed uint64, tr *traffic) {
	t.Helper()
	per := map[string]*bytes.Buffer{}
	tr.generate(ts, n, seed, func(topic string, line []byte) {
		if per[topic] == nil {
			per[topic] = &bytes.Buffer{}
		}
		per[topic].Write(line)
		per[topic].WriteByte('\n')
	})
	dir := t.TempDir()
	for topic, buf := range per {
		f := filepath.Join(dir, topic)
		if err := os.WriteFile(f, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		// -l: one message per line; the default partitioner spreads keyless messages
		out, err := exec.Command(kcat, "-P", "-b", brokers, "-t", topic, "-l", f).CombinedOutput()
		if err != nil {
			t.Fatalf("kcat: %v\n%s", err, out)
		}
	}
}

const e2eAnalystPassword = "e2e-analyst-pw"

type daemonProc struct {
	t      *testing.T
	cmd    *exec.Cmd
	http   string
	chAddr string
	log    string
	exited chan error
}

type daemonOpts struct {
	brokers string
	group   string
	topics  []e2eTopic
	store   string // store URL
	dir     string // for the key, quarantine and log
	env     []string
	extra   []string
}

func startDaemon(t *testing.T, o daemonOpts) *daemonProc {
	t.Helper()
	addr, err := stack.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	chAddr, err := stack.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(o.store, "chdb:") {
		o.extra = append(o.extra, "--http-clickhouse-addr", chAddr)
		o.env = append(o.env, "TAZALA_HTTP_ANALYST_PASSWORD="+e2eAnalystPassword, "TAZALA_HTTP_WRITER_PASSWORD="+e2eAnalystPassword+"w")
	}
	logf, err := os.CreateTemp(o.dir, "daemon-*.log")
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"run",
		"--kafka-brokers", o.brokers, "--kafka-group", o.group, "--streams", streamsFlag(o.topics),
		"--store-url", o.store, "--http-addr", addr, "--tokenizer-key-file", filepath.Join(o.dir, "local.key"),
		"--kafka-session-timeout", "6s", "--kafka-rebalance-timeout", "3s", "--kafka-heartbeat-interval", "300ms",
		"--pipeline-batch-wait", "20ms", "--pipeline-batch-records", "1000", "--pipeline-retry-max", "500ms",
		"--log-level", "debug"}, o.extra...)
	cmd := exec.Command(daemonBin(t), args...)
	cmd.Env = append(os.Environ(), o.env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d := &daemonProc{t: t, cmd: cmd, http: addr, chAddr: chAddr, log: logf.Name(), exited: make(chan error, 1)}
	go func() { d.exited <- cmd.Wait(); logf.Close() }()
	t.Cleanup(func() {
		if d.cmd.ProcessState == nil {
			d.cmd.Process.Kill()
			<-d.exited
		}
		if t.Failed() {
			b, _ := os.ReadFile(d.log)
			if len(b) > 8000 {
				b = b[len(b)-8000:]
			}
			t.Logf("daemon log tail (%s):\n%s", d.log, b)
		}
	})
	if err := stack.WaitTCP(addr, 20*time.Second); err != nil {
		t.Fatalf("daemon did not serve /readyz: %v", err)
	}
	return d
}

// ready returns the /readyz status code.
func (d *daemonProc) ready() int {
	resp, err := http.Get("http://" + d.http + "/readyz")
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func (d *daemonProc) metrics() string {
	resp, err := http.Get("http://" + d.http + "/metrics")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// stop sends sig and waits for the exit.
func (d *daemonProc) stop(sig syscall.Signal) error {
	d.cmd.Process.Signal(sig)
	select {
	case err := <-d.exited:
		d.exited <- err
		return err
	case <-time.After(30 * time.Second):
		d.t.Fatal("daemon did not exit within 30s")
		return nil
	}
}

func waitLagZero(t *testing.T, brokers, group string, topics []string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		ls, err := tkafka.Lag(context.Background(), tkafka.LagConfig{Brokers: []string{brokers}, Group: group, Topics: topics})
		var lag int64
		if err == nil {
			for _, l := range ls {
				lag += l.Lag
			}
			if lag == 0 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("consumer lag %d after %v (err %v)", lag, within, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// storeView is what a store holds after the daemon stopped.
type storeView = fileStore

// readStore reads the store at url (file:DIR or chdb:DIR).
func readStore(t *testing.T, url string) storeView {
	t.Helper()
	scheme, dir, _ := strings.Cut(url, ":")
	if scheme == "file" {
		return readFileStore(t, dir)
	}
	return readChdbStore(t, dir)
}

// readChdbStore reads the embedded store in dir through the analyst
// views (FINAL: a replayed record is visible once) and dumps every table
// for the raw-value check.
func readChdbStore(t *testing.T, dir string) storeView {
	t.Helper()
	// right after a SIGKILL the engine may still see the killed owner's
	// lock for a moment
	var db *schdb.DB
	var err error
	for deadline := time.Now().Add(10 * time.Second); ; {
		if db, err = schdb.OpenDB(dir); err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	st := storeView{seqs: map[string]int{}}
	var recs []struct {
		Payload string `json:"payload"`
	}
	if err := db.Select(ctx, &recs, "SELECT payload FROM records_v"); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		m := seqRe.FindStringSubmatch(r.Payload)
		if m == nil {
			t.Fatalf("a stored record has no sequence marker: the marker was redacted or the record mangled")
		}
		st.seqs[m[1]]++
		st.markers += len(markerRe.FindAllStringIndex(r.Payload, -1))
	}
	var n []struct {
		N int `json:"n"`
	}
	if err := db.Select(ctx, &n, "SELECT count() AS n FROM pii_index_v"); err != nil {
		t.Fatal(err)
	}
	st.index = n[0].N
	for _, table := range []string{"redacted_records", "pii_index", "token_vault", "audit_log", "subject_events", "erasure_ledger"} {
		var rows []map[string]any
		if err := db.Select(ctx, &rows, "SELECT * FROM "+table); err != nil {
			t.Fatal(err)
		}
		var b []byte
		for _, r := range rows {
			j, _ := json.Marshal(r)
			b = append(append(b, j...), '\n')
		}
		st.all = append(st.all, b)
	}
	return st
}

// fileStore reads what the file store in dir holds.
type fileStore struct {
	seqs    map[string]int // sequence marker → times seen
	markers int            // redaction markers in the payloads
	index   int            // index rows
	all     [][]byte       // every file's content under the store
}

var markerRe = regexp.MustCompile(`\[(IIN|PHONE|EMAIL|PAN|EXP|CVV|NAME)[:\]]`)

func readFileStore(t *testing.T, dir string) fileStore {
	t.Helper()
	fs := fileStore{seqs: map[string]int{}}
	f, err := os.Open(filepath.Join(dir, "records.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		m := seqRe.FindSubmatch(sc.Bytes())
		if m == nil {
			t.Fatalf("a stored record has no sequence marker: the marker was redacted or the record mangled")
		}
		fs.seqs[string(m[1])]++
		fs.markers += len(markerRe.FindAllIndex(sc.Bytes(), -1))
	}
	b, err := os.ReadFile(filepath.Join(dir, "index.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	fs.index = bytes.Count(b, []byte{'\n'})
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			b, _ := os.ReadFile(p)
			fs.all = append(fs.all, b)
		}
		return nil
	})
	return fs
}

// checkNoRaw fails if personal data is in any store file: the scanner
// finds nothing in them, and none of (a sample of) the raw values produced
// to Kafka occurs in them.
func checkNoRaw(t *testing.T, tr *traffic, files [][]byte) {
	t.Helper()
	sc := scanner.New(scanner.Config{})
	var fs []tazala.Finding
	for _, b := range files {
		for _, line := range bytes.Split(b, []byte{'\n'}) {
			fs = sc.Scan(line, fs[:0])
			for _, f := range fs {
				t.Errorf("the scanner finds a %s in a stored line (offsets %d-%d)", f.Kind, f.Span.Start, f.Span.End)
			}
		}
	}
	leaks, checked := 0, 0
	for v := range tr.raw { // map order: a random sample
		if checked++; checked > 300 {
			break
		}
		for _, b := range files {
			if bytes.Contains(b, []byte(v)) {
				leaks++
				break
			}
		}
	}
	if leaks > 0 {
		t.Fatalf("%d of %d sampled raw values leaked into the store", leaks, checked)
	}
}

func checkOnce(t *testing.T, seqs map[string]int, n int) {
	t.Helper()
	dups := 0
	for _, c := range seqs {
		if c > 1 {
			dups++
		}
	}
	if len(seqs) != n || dups > 0 {
		t.Fatalf("store holds %d distinct records (want %d), %d of them more than once", len(seqs), n, dups)
	}
}

type e2eEnv struct {
	k      *stack.Kafka
	kcat   string
	topics []e2eTopic
	group  string
	dir    string
	store  string   // store URL
	env    []string // TAZALA_LIBCHDB for the daemon
}

func newE2E(t *testing.T, partitions int) *e2eEnv {
	t.Helper()
	stack.Integration(t)
	kcat := stack.NeedKcat(t)
	k, err := stack.StartKafka(context.Background(), stack.KafkaConfig{Partitions: partitions})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(k.Close)
	dir := t.TempDir()
	ts := e2eTopics(t, k, partitions)
	lib := stack.NeedCHDB(t)
	return &e2eEnv{k: k, kcat: kcat, topics: ts, group: ts[0].name + ".group", dir: dir,
		store: "chdb:" + filepath.Join(dir, "store"), env: []string{"TAZALA_LIBCHDB=" + lib}}
}

func (e *e2eEnv) opts() daemonOpts {
	return daemonOpts{brokers: e.k.Addr, group: e.group, topics: e.topics, store: e.store, dir: e.dir, env: e.env}
}

// count returns how many records the store holds while the daemon owns it
// (through its ClickHouse HTTP interface).
func (d *daemonProc) count(t *testing.T) int {
	req, _ := http.NewRequest(http.MethodPost, "http://"+d.chAddr+"/?query=SELECT+count()+FROM+redacted_records", nil)
	req.SetBasicAuth("analyst", e2eAnalystPassword)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var n int
	fmt.Sscan(string(b), &n)
	return n
}

// TestRunEndToEnd: every record produced with kcat lands once, every
// finding is indexed, offsets are committed, no raw value is in the store,
// and SIGTERM stops the daemon cleanly.
func TestRunEndToEnd(t *testing.T) {
	e := newE2E(t, 3)
	var tr traffic
	const n = 6000
	produce(t, e.kcat, e.k.Addr, e.topics, n, 1, &tr)
	o := e.opts()
	o.extra = append(o.extra, "--output-kafka-enabled", "true")
	d := startDaemon(t, o)
	waitLagZero(t, e.k.Addr, e.group, topicNames(e.topics), 60*time.Second)
	if code := d.ready(); code != http.StatusOK {
		t.Fatalf("/readyz = %d after catching up, want 200", code)
	}
	m := d.metrics()
	for _, want := range []string{"tazala_records_out_total", "tazala_findings_total", "tazala_consumer_lag", "tazala_batch_latency_seconds_bucket", "tazala_token_cache_hit_ratio", "tazala_commits_total"} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if err := d.stop(syscall.SIGTERM); err != nil {
		t.Fatalf("daemon exit after SIGTERM: %v", err)
	}
	st := readStore(t, e.store)
	checkOnce(t, st.seqs, n)
	if st.index != st.markers || st.index < n {
		t.Fatalf("%d index rows for %d redaction markers (%d records)", st.index, st.markers, n)
	}
	checkNoRaw(t, &tr, st.all)
	logb, _ := os.ReadFile(d.log)
	checkNoRaw(t, &tr, [][]byte{logb, []byte(m)})

	// the redacted topics (sinks/kafka) hold every record, redacted
	var redacted []byte
	for _, tp := range e.topics {
		out, err := exec.Command(e.kcat, "-C", "-b", e.k.Addr, "-t", tp.name+".redacted", "-e", "-q", "-f", "%h %s\n").Output()
		if err != nil {
			t.Fatalf("kcat -C %s.redacted: %v", tp.name, err)
		}
		redacted = append(redacted, out...)
	}
	seqs := map[string]int{}
	for _, m := range seqRe.FindAllSubmatch(redacted, -1) {
		seqs[string(m[1])]++
	}
	checkOnce(t, seqs, n)
	if !bytes.Contains(redacted, []byte("tazala-offset=")) {
		t.Errorf("redacted messages lack the tazala-offset header")
	}
	checkNoRaw(t, &tr, [][]byte{redacted})
}

// TestRunCrashRestart: SIGKILL mid-stream, restart: nothing lost, nothing
// visible twice.
func TestRunCrashRestart(t *testing.T) {
	e := newE2E(t, 3)
	var tr traffic
	const n = 30000
	produce(t, e.kcat, e.k.Addr, e.topics, n, 2, &tr)
	d := startDaemon(t, e.opts())
	deadline := time.Now().Add(60 * time.Second)
	for d.count(t) < n/5 {
		if time.Now().After(deadline) {
			t.Fatal("daemon wrote nothing within 60s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	d.stop(syscall.SIGKILL)
	mid := readStore(t, e.store)
	if len(mid.seqs) >= n {
		t.Logf("note: the daemon finished before the kill (%d records)", len(mid.seqs))
	}
	d2 := startDaemon(t, e.opts())
	waitLagZero(t, e.k.Addr, e.group, topicNames(e.topics), 90*time.Second)
	if err := d2.stop(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	st := readStore(t, e.store)
	t.Logf("killed after %d records; after restart %d", len(mid.seqs), len(st.seqs))
	if strings.HasPrefix(e.store, "file:") {
		// sinks/file fsyncs records, then saves its high-water marks: a kill
		// between the two replays that write (the chdb store deduplicates)
		lost, twice := 0, 0
		for _, c := range st.seqs {
			if c > 1 {
				twice++
			}
		}
		lost = n - len(st.seqs)
		t.Logf("file store: %d lost, %d written twice by the kill", lost, twice)
		if lost > 0 {
			t.Fatalf("%d records lost", lost)
		}
	} else {
		checkOnce(t, st.seqs, n)
	}
	checkNoRaw(t, &tr, st.all)
}

// TestRunTwoDaemonsOneGroup: two daemons share a group on 12-partition
// topics; one stops mid-stream; every record is processed, and none twice
// by one daemon (each writes its own store: a record both wrote is a
// replay of one offset, which a shared store deduplicates).
func TestRunTwoDaemonsOneGroup(t *testing.T) {
	e := newE2E(t, 12)
	oa, ob := e.opts(), e.opts()
	oa.store = "chdb:" + filepath.Join(e.dir, "a")
	ob.store = "chdb:" + filepath.Join(e.dir, "b")
	oa.extra = []string{"--quarantine-path", filepath.Join(e.dir, "qa.jsonl")}
	ob.extra = []string{"--quarantine-path", filepath.Join(e.dir, "qb.jsonl")}
	a := startDaemon(t, oa)
	b := startDaemon(t, ob)
	time.Sleep(2 * time.Second) // both joined
	var tr traffic
	const n = 36000
	produce(t, e.kcat, e.k.Addr, e.topics, n/2, 3, &tr)
	time.Sleep(300 * time.Millisecond)
	begin := time.Now()
	if err := b.stop(syscall.SIGTERM); err != nil {
		t.Fatalf("daemon b: %v", err)
	}
	t.Logf("daemon b stopped in %v", time.Since(begin))
	produce(t, e.kcat, e.k.Addr, e.topics, n/2, 4, &tr)
	waitLagZero(t, e.k.Addr, e.group, topicNames(e.topics), 90*time.Second)
	t.Logf("lag zero %v after b was told to stop", time.Since(begin))
	if err := a.stop(syscall.SIGTERM); err != nil {
		t.Fatalf("daemon a: %v", err)
	}
	sa := readStore(t, oa.store)
	sb := readStore(t, ob.store)
	union := map[string]int{}
	for _, s := range []storeView{sa, sb} {
		for q, c := range s.seqs {
			if c > 1 {
				t.Fatalf("one daemon wrote a record %d times", c)
			}
			union[q] = 1
		}
	}
	t.Logf("daemon a wrote %d records, b %d, distinct %d of %d", len(sa.seqs), len(sb.seqs), len(union), n)
	checkOnce(t, union, n)
	checkNoRaw(t, &tr, append(sa.all, sb.all...))
}

// waitReady waits until /readyz answers want.
func (d *daemonProc) waitReady(t *testing.T, want int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for d.ready() != want {
		if time.Now().After(deadline) {
			t.Fatalf("/readyz did not answer %d within %v", want, within)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func totalLag(t *testing.T, brokers, group string, topics []string) int64 {
	t.Helper()
	ls, err := tkafka.Lag(context.Background(), tkafka.LagConfig{Brokers: []string{brokers}, Group: group, Topics: topics})
	if err != nil {
		t.Fatal(err)
	}
	var lag int64
	for _, l := range ls {
		lag += l.Lag
	}
	return lag
}

// vaultProxy forwards TCP connections to Vault until it is cut: then
// connections are refused, as when Vault is down. (Stopping the dev server
// itself races its key restore against the daemon's retries: transit
// encrypt would create a fresh key.)
type vaultProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	down   bool
	conns  []net.Conn
}

func newVaultProxy(t *testing.T, target string) *vaultProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &vaultProxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close(); p.cut(true) })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			down := p.down
			p.mu.Unlock()
			if down {
				c.Close()
				continue
			}
			u, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, u)
			p.mu.Unlock()
			go func() { io.Copy(u, c); u.Close() }()
			go func() { io.Copy(c, u); c.Close() }()
		}
	}()
	return p
}

// cut refuses new connections and drops open ones (down), or lets them through.
func (p *vaultProxy) cut(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
	if down {
		for _, c := range p.conns {
			c.Close()
		}
		p.conns = nil
	}
}

// TestRunVaultDown: Vault becomes unreachable while records arrive: the
// daemon holds (nothing written, nothing committed, /readyz 503), then
// resumes where it stopped once Vault is back, with the same tokens.
func TestRunVaultDown(t *testing.T) {
	e := newE2E(t, 3)
	v, err := stack.StartVault(context.Background(), stack.VaultConfig{Bin: stack.NeedVaultBin(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Stop() })
	px := newVaultProxy(t, v.Addr)
	o := e.opts()
	o.env = append(o.env, "VAULT_ADDR=http://"+px.ln.Addr().String(), "VAULT_TOKEN="+v.Token, "VAULT_CLIENT_TIMEOUT=2s")
	o.extra = append(o.extra, "--tokenizer-kind", "vault")
	d := startDaemon(t, o)
	var tr traffic
	produce(t, e.kcat, e.k.Addr, e.topics, 3000, 5, &tr)
	waitLagZero(t, e.k.Addr, e.group, topicNames(e.topics), 60*time.Second)
	d.waitReady(t, http.StatusOK, 10*time.Second)
	before := d.count(t)

	px.cut(true)
	produce(t, e.kcat, e.k.Addr, e.topics, 3000, 6, &tr)
	d.waitReady(t, http.StatusServiceUnavailable, 60*time.Second)
	time.Sleep(2 * time.Second)
	if n := d.count(t); n != before {
		t.Fatalf("store grew from %d to %d records while Vault was down", before, n)
	}
	if lag := totalLag(t, e.k.Addr, e.group, topicNames(e.topics)); lag != 3000 {
		t.Fatalf("lag %d while Vault was down, want 3000 (nothing committed)", lag)
	}

	px.cut(false)
	waitLagZero(t, e.k.Addr, e.group, topicNames(e.topics), 90*time.Second)
	d.waitReady(t, http.StatusOK, 10*time.Second)
	if err := d.stop(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	st := readStore(t, e.store)
	checkOnce(t, st.seqs, 6000)
	if st.index != st.markers {
		t.Fatalf("%d index rows for %d redaction markers", st.index, st.markers)
	}
	checkNoRaw(t, &tr, st.all)
}

// TestRunBrokerRestart: the broker goes away and comes back on the same
// address with its log: the daemon reports not ready, then resumes from
// the committed offsets; nothing lost, nothing visible twice.
func TestRunBrokerRestart(t *testing.T) {
	stack.Integration(t)
	kcat := stack.NeedKcat(t)
	lib := stack.NeedCHDB(t)
	addr, err := stack.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	start := func() *stack.Kafka {
		k, err := stack.StartKafka(context.Background(), stack.KafkaConfig{Addr: addr, Partitions: 3, DataDir: data})
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	k := start()
	defer func() { k.Close() }()
	dir := t.TempDir()
	ts := e2eTopics(t, k, 3)
	e := &e2eEnv{k: k, kcat: kcat, topics: ts, group: ts[0].name + ".group", dir: dir,
		store: "chdb:" + filepath.Join(dir, "store"), env: []string{"TAZALA_LIBCHDB=" + lib}}
	d := startDaemon(t, e.opts())
	var tr traffic
	produce(t, kcat, addr, ts, 3000, 7, &tr)
	waitLagZero(t, addr, e.group, topicNames(ts), 60*time.Second)

	k.Close()
	d.waitReady(t, http.StatusServiceUnavailable, 60*time.Second)
	time.Sleep(time.Second)
	k = start()
	e.k = k
	produce(t, kcat, addr, ts, 3000, 8, &tr)
	waitLagZero(t, addr, e.group, topicNames(ts), 120*time.Second)
	d.waitReady(t, http.StatusOK, 30*time.Second)
	if err := d.stop(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	st := readStore(t, e.store)
	checkOnce(t, st.seqs, 6000)
	checkNoRaw(t, &tr, st.all)
}
