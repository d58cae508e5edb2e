package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl"
	"github.com/segmentio/kafka-go/sasl/plain"
	"github.com/segmentio/kafka-go/sasl/scram"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/sinks/clickhouse"
	tkafka "github.com/tazala/tazala/sources/kafka"
)

// testPKI is a certificate authority made for one test, and the PEM files
// of a server certificate it signed for 127.0.0.1 and localhost.
type testPKI struct {
	caFile, certFile, keyFile string
	pool                      *x509.CertPool
	server                    tls.Certificate
}

func newTestPKI(t *testing.T, dir, name string) testPKI {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name + " test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour), KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	p := testPKI{caFile: filepath.Join(dir, name+"-ca.pem"), certFile: filepath.Join(dir, name+"-cert.pem"), keyFile: filepath.Join(dir, name+"-key.pem"),
		pool: x509.NewCertPool()}
	p.pool.AddCert(ca)
	for f, b := range map[string]*pem.Block{p.caFile: {Type: "CERTIFICATE", Bytes: caDER}, p.certFile: {Type: "CERTIFICATE", Bytes: der}, p.keyFile: {Type: "EC PRIVATE KEY", Bytes: keyDER}} {
		if err := os.WriteFile(f, pem.EncodeToMemory(b), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if p.server, err = tls.LoadX509KeyPair(p.certFile, p.keyFile); err != nil {
		t.Fatal(err)
	}
	return p
}

// secureUser is the broker's SASL user of each mechanism; e2eKafkaPassword
// their password (no personal data, and never in a log: checked).
var secureUser = map[string]string{"plain": "tz-plain", "scram-sha-256": "tz-scram256", "scram-sha-512": "tz-scram512"}

const e2eKafkaPassword = "Kafka-e2e-pw-7c1f"

// startSecureKafka starts a kfake broker that speaks only TLS (with the
// certificate of p) and SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512), with
// topics of 2 partitions.
func startSecureKafka(t *testing.T, p testPKI, topics []string) string {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.Ports(0), kfake.ClusterID("tazala-tls"),
		kfake.AllowAutoTopicCreation(), kfake.DefaultNumPartitions(2), kfake.SeedTopics(2, topics...),
		kfake.TLS(&tls.Config{Certificates: []tls.Certificate{p.server}, MinVersion: tls.VersionTLS12}),
		kfake.EnableSASL(),
		kfake.Superuser("PLAIN", secureUser["plain"], e2eKafkaPassword),
		kfake.Superuser("SCRAM-SHA-256", secureUser["scram-sha-256"], e2eKafkaPassword),
		kfake.Superuser("SCRAM-SHA-512", secureUser["scram-sha-512"], e2eKafkaPassword))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c.ListenAddrs()[0]
}

func saslMechanism(t *testing.T, mech, user, pass string) sasl.Mechanism {
	t.Helper()
	switch mech {
	case "plain":
		return plain.Mechanism{Username: user, Password: pass}
	case "scram-sha-256", "scram-sha-512":
		algo := scram.SHA256
		if mech == "scram-sha-512" {
			algo = scram.SHA512
		}
		m, err := scram.Mechanism(algo, user, pass)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	t.Fatalf("mechanism %q", mech)
	return nil
}

// produceSecure writes n generated records over the topics through TLS and
// SASL with kafka-go (kcat would need librdkafka's SASL build).
func produceSecure(t *testing.T, addr string, tc *tls.Config, mech sasl.Mechanism, ts []e2eTopic, n int, seed uint64, tr *traffic) {
	t.Helper()
	w := &kafka.Writer{Addr: kafka.TCP(addr), Balancer: &kafka.RoundRobin{}, RequiredAcks: kafka.RequireAll,
		Transport: &kafka.Transport{TLS: tc, SASL: mech}, BatchTimeout: 10 * time.Millisecond}
	defer w.Close()
	var msgs []kafka.Message
	tr.generate(ts, n, seed, func(topic string, line []byte) {
		msgs = append(msgs, kafka.Message{Topic: topic, Value: line})
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatalf("produce over TLS and SASL: %v", err)
	}
}

// lagOf is the group's total lag and whether it committed anything.
func lagOf(t *testing.T, cfg tkafka.LagConfig) (int64, bool) {
	t.Helper()
	ls, err := tkafka.Lag(context.Background(), cfg)
	if err != nil {
		t.Fatalf("lag: %v", err)
	}
	var lag int64
	committed := false
	for _, l := range ls {
		lag += l.Lag
		committed = committed || l.Committed >= 0
	}
	return lag, committed
}

// TestRunKafkaTLSSASL: the daemon reads from a broker that takes only TLS
// and SASL — with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 — writes every
// record once, produces the redacted records back over the same TLS and
// SASL (sinks/kafka), and serves its store's ClickHouse HTTP interface
// over TLS to clickhouse-go (https). A wrong password and a broker
// certificate the daemon does not trust each leave it running with
// /readyz 503, an error that names the brokers and the settings to check
// and holds no secret, and nothing committed.
func TestRunKafkaTLSSASL(t *testing.T) {
	stack.Integration(t)
	lib := stack.NeedCHDB(t)
	dir := t.TempDir()
	brokerPKI := newTestPKI(t, dir, "broker")
	httpPKI := newTestPKI(t, dir, "chhttp")
	ts := []e2eTopic{{name: "tls-payments", purpose: "payments", stream: synth.Transactions}, {name: "tls-support", purpose: "support", stream: synth.Support}}
	addr := startSecureKafka(t, brokerPKI, topicNames(ts))
	clientTLS := &tls.Config{RootCAs: brokerPKI.pool, MinVersion: tls.VersionTLS12}
	admin := saslMechanism(t, "scram-sha-512", secureUser["scram-sha-512"], e2eKafkaPassword)
	var tr traffic
	const n = 300
	produceSecure(t, addr, clientTLS, admin, ts, n, 7, &tr)

	secure := func(mech, group, pw string, tlsFlags ...string) daemonOpts {
		d := t.TempDir()
		return daemonOpts{brokers: addr, group: group, topics: ts, store: "chdb:" + filepath.Join(d, "store"), dir: d,
			env:   []string{"TAZALA_LIBCHDB=" + lib, "TAZALA_KAFKA_SASL_PASSWORD=" + pw},
			extra: append([]string{"--kafka-sasl-mechanism", mech, "--kafka-sasl-username", secureUser[mech], "--kafka-tls-enabled", "true"}, tlsFlags...)}
	}
	lagCfg := func(group string) tkafka.LagConfig {
		return tkafka.LagConfig{Brokers: []string{addr}, Group: group, Topics: topicNames(ts), TLS: clientTLS, SASL: admin}
	}
	waitLag := func(group string, within time.Duration) {
		t.Helper()
		for deadline := time.Now().Add(within); ; time.Sleep(200 * time.Millisecond) {
			if lag, _ := lagOf(t, lagCfg(group)); lag == 0 {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("group %s still lags after %v", group, within)
			}
		}
	}

	for _, mech := range []string{"plain", "scram-sha-256", "scram-sha-512"} {
		t.Run(mech, func(t *testing.T) {
			group := "tls-" + mech
			o := secure(mech, group, e2eKafkaPassword, "--kafka-tls-ca-file", brokerPKI.caFile)
			if mech == "scram-sha-256" {
				o.extra = append(o.extra, "--output-kafka-enabled", "true", "--output-kafka-topic", "tls-redacted")
			}
			if mech == "scram-sha-512" {
				o.extra = append(o.extra, "--http-tls-cert", httpPKI.certFile, "--http-tls-key", httpPKI.keyFile)
			}
			d := startDaemon(t, o)
			waitLag(group, 90*time.Second)
			if code := d.ready(); code != http.StatusOK {
				t.Fatalf("/readyz = %d after catching up, want 200", code)
			}
			if mech == "scram-sha-512" {
				// clickhouse-go over https to the daemon's ClickHouse HTTP
				// interface, trusting the test CA only
				ctx := context.Background()
				db, err := clickhouse.OpenDB(ctx, clickhouse.Config{URL: "https://" + d.chAddr + "/default", Username: "analyst", Password: e2eAnalystPassword,
					TLS: &tls.Config{RootCAs: httpPKI.pool, MinVersion: tls.VersionTLS12}})
				if err != nil {
					t.Fatalf("clickhouse-go over https: %v", err)
				}
				var rows []struct {
					N uint64 `json:"n"`
				}
				err = db.Select(ctx, &rows, "SELECT count() AS n FROM records_v")
				db.Close()
				if err != nil || len(rows) != 1 || rows[0].N != n {
					t.Fatalf("records_v over https: %v %v, want %d", rows, err, n)
				}
				// a client that does not trust the CA is refused
				if db, err := clickhouse.OpenDB(ctx, clickhouse.Config{URL: "https://" + d.chAddr + "/default", Username: "analyst", Password: e2eAnalystPassword}); err == nil {
					db.Close()
					t.Errorf("clickhouse-go without the CA connected")
				}
			}
			if err := d.stop(syscall.SIGTERM); err != nil {
				t.Fatalf("daemon exit after SIGTERM: %v", err)
			}
			st := readStore(t, o.store)
			checkOnce(t, st.seqs, n)
			checkNoRaw(t, &tr, st.all)
			logb, _ := os.ReadFile(d.log)
			if strings.Contains(string(logb), e2eKafkaPassword) {
				t.Errorf("the daemon's log holds the SASL password")
			}
			if mech == "scram-sha-256" {
				// sinks/kafka produced every record, redacted, over TLS and SASL
				seen := 0
				for part := 0; part < 2; part++ {
					r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{addr}, Topic: "tls-redacted", Partition: part, MaxWait: 100 * time.Millisecond,
						Dialer: &kafka.Dialer{Timeout: 10 * time.Second, TLS: clientTLS, SASLMechanism: admin}})
					end, err := r.ReadLag(context.Background())
					if err != nil {
						r.Close()
						t.Fatalf("tls-redacted/%d: %v", part, err)
					}
					for i := int64(0); i < end; i++ {
						ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
						m, err := r.ReadMessage(ctx)
						cancel()
						if err != nil {
							t.Fatalf("read tls-redacted/%d: %v", part, err)
						}
						if !seqRe.Match(m.Value) {
							t.Fatalf("a redacted message has no sequence marker")
						}
						seen++
					}
					r.Close()
				}
				if seen != n {
					t.Errorf("tls-redacted holds %d messages, want %d", seen, n)
				}
			}
		})
	}

	refused := []struct {
		name     string
		o        daemonOpts
		wantLog  []string // the error names these
		wantMore string
	}{
		{"wrong password", secure("scram-sha-256", "tls-wrong-pw", "not-the-"+e2eKafkaPassword, "--kafka-tls-ca-file", brokerPKI.caFile),
			[]string{addr, "kafka.sasl"}, "SASL"},
		{"untrusted certificate", secure("scram-sha-256", "tls-untrusted", e2eKafkaPassword),
			[]string{addr, "kafka.tls.ca_file"}, "certificate"},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			d := startDaemon(t, c.o)
			var body string
			for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
				code, b := readyBody(d)
				if code == http.StatusServiceUnavailable && strings.Contains(b, "kafka") {
					body = b
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("/readyz = %d %s, want 503 naming kafka", code, b)
				}
			}
			time.Sleep(2 * time.Second) // a few more attempts
			if code, _ := readyBody(d); code != http.StatusServiceUnavailable {
				t.Errorf("/readyz = %d later, want 503", code)
			}
			if err := d.stop(syscall.SIGTERM); err != nil {
				t.Logf("daemon exit: %v", err)
			}
			logb, _ := os.ReadFile(d.log)
			for _, text := range []string{body, string(logb)} {
				for _, want := range append(c.wantLog, c.wantMore) {
					if !strings.Contains(text, want) {
						t.Errorf("%.200q… does not name %q", text, want)
					}
				}
				if strings.Contains(text, e2eKafkaPassword) {
					t.Errorf("the error holds the SASL password")
				}
			}
			t.Logf("/readyz: %s", body)
			if lag, committed := lagOf(t, lagCfg(c.o.group)); committed || lag != n {
				t.Errorf("group %s: lag %d, committed %v; want %d, nothing committed", c.o.group, lag, committed, n)
			}
		})
	}
}

// readyBody returns /readyz's status and body.
func readyBody(d *daemonProc) (int, string) {
	resp, err := http.Get("http://" + d.http + "/readyz")
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	b := make([]byte, 4096)
	k, _ := resp.Body.Read(b)
	return resp.StatusCode, string(b[:k])
}
