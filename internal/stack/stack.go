// Package stack owns the test helpers of the real local stack that
// integration tests run against (Need*, Main, Topic; the launchers
// themselves are in internal/stack/launch, which the production binary
// uses without linking testing), with no Docker and no network beyond loopback: a
// Kafka-protocol broker (kfake), the embedded ClickHouse engine (libchdb)
// and a Vault dev server. Each component starts in seconds, on a free
// loopback port, and is found in the project's git-ignored .cache/ where
// `make stack-deps` puts it.
//
// When a component is missing, tests skip with the command that installs
// it, unless TAZALA_REQUIRE_STACK=1 (set by `make test` and CI), where
// they fail: CI must never pass by skipping.
package stack

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tazala/tazala/internal/chdb"
	"github.com/tazala/tazala/internal/stack/launch"
)

// Required reports whether missing components must fail tests.
func Required() bool { return os.Getenv("TAZALA_REQUIRE_STACK") == "1" }

// Missing skips (or, when Required, fails) a test because a component is
// not installed; install names the command that installs it.
func Missing(tb testing.TB, what, install string) {
	tb.Helper()
	msg := fmt.Sprintf("%s not available: run `%s` (TAZALA_REQUIRE_STACK=1 makes this a failure)", what, install)
	if Required() {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
}

// Launchers (internal/stack/launch), for the tests' convenience.
type KafkaConfig = launch.KafkaConfig

// Kafka is a running broker; Topic gives a test its own topic.
type Kafka struct{ *launch.Kafka }

// StartKafka starts a broker (launch.StartKafka).
func StartKafka(ctx context.Context, cfg KafkaConfig) (*Kafka, error) {
	k, err := launch.StartKafka(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return &Kafka{k}, nil
}

var (
	ModuleRoot  = launch.ModuleRoot
	CachePath   = launch.CachePath
	FreeAddr    = launch.FreeAddr
	WaitTCP     = launch.WaitTCP
	ParseTopics = launch.ParseTopics
)

// shared holds the components started once per test binary (that is, per
// package) by the Need* helpers, and the functions that stop them.
var shared struct {
	mu       sync.Mutex
	kafka    *Kafka
	kafkaErr error
	stops    []func()
}

// OnShutdown registers fn to run in Shutdown, in reverse order of
// registration. Helpers that start a component once per package use it.
func OnShutdown(fn func()) {
	shared.mu.Lock()
	shared.stops = append(shared.stops, fn)
	shared.mu.Unlock()
}

// Shutdown stops every component started through the Need* helpers.
func Shutdown() {
	shared.mu.Lock()
	stops := shared.stops
	shared.stops = nil
	shared.kafka, shared.kafkaErr = nil, nil
	shared.mu.Unlock()
	for i := len(stops) - 1; i >= 0; i-- {
		stops[i]()
	}
}

// Main is a TestMain body: it runs the tests, stops the shared components
// and exits. Use it as
//
//	func TestMain(m *testing.M) { stack.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	Shutdown()
	os.Exit(code)
}

// Integration skips tb in -short mode: every test that needs a component
// of the stack is an integration test.
func Integration(tb testing.TB) {
	tb.Helper()
	if testing.Short() {
		tb.Skip("integration test: skipped with -short")
	}
}

// NeedKafka returns the package's shared in-process Kafka-protocol broker,
// starting it on a free loopback port on first use. It is stopped by
// Shutdown (stack.Main). Tests share it: give each its own topics (Topic).
func NeedKafka(tb testing.TB) *Kafka {
	tb.Helper()
	Integration(tb)
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.kafka == nil && shared.kafkaErr == nil {
		k, err := StartKafka(context.Background(), KafkaConfig{Partitions: 3})
		if err != nil {
			shared.kafkaErr = err
		} else {
			shared.kafka = k
			shared.stops = append(shared.stops, k.Close)
			tb.Logf("kafka-protocol broker (kfake) on %s, started in %v", k.Addr, k.Started.Round(time.Millisecond))
		}
	}
	if shared.kafkaErr != nil {
		tb.Fatalf("kafka broker: %v", shared.kafkaErr)
	}
	return shared.kafka
}

var topicSeq atomic.Int64

var topicUnsafe = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// Topic creates a topic with a name unique to tb on k, with partitions
// partitions (0: the broker default), and returns its name.
func (k *Kafka) Topic(tb testing.TB, partitions int) string {
	tb.Helper()
	name := topicUnsafe.ReplaceAllString(tb.Name(), "_")
	if len(name) > 150 {
		name = name[:150]
	}
	name = fmt.Sprintf("%s.%d", strings.ToLower(name), topicSeq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := k.CreateTopic(ctx, name, partitions); err != nil {
		tb.Fatal(err)
	}
	return name
}

// NeedCHDB returns the path of libchdb.so, or skips (fails under
// TAZALA_REQUIRE_STACK=1) when it is not installed.
func NeedCHDB(tb testing.TB) string {
	tb.Helper()
	Integration(tb)
	p, err := chdb.LibPath()
	if err != nil {
		Missing(tb, "libchdb.so (embedded ClickHouse engine)", "make chdb")
	}
	return p
}

// NeedKcat returns the path of the kcat binary (Debian's kafkacat), or
// skips (fails under TAZALA_REQUIRE_STACK=1) when it is not installed.
func NeedKcat(tb testing.TB) string {
	tb.Helper()
	Integration(tb)
	for _, name := range []string{"kcat", "kafkacat"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	Missing(tb, "kcat", "make stack-deps")
	return ""
}
