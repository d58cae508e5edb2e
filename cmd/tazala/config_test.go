package main

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// loadWith runs loadRunConfig as `tazala run` would, with args and env.
func loadWith(t *testing.T, args []string, env map[string]string) (runConfig, error) {
	t.Helper()
	var cfg runConfig
	var err error
	app := &cli.App{Writer: &bytes.Buffer{}, ErrWriter: &bytes.Buffer{}, Commands: []*cli.Command{{
		Name: "run", Flags: runFlags(), Action: func(c *cli.Context) error {
			cfg, err = loadRunConfig(c, func(k string) string { return env[k] })
			return nil
		}}}}
	if rerr := app.Run(append([]string{"tazala", "run"}, args...)); rerr != nil {
		t.Fatal(rerr)
	}
	return cfg, err
}

func TestRunConfigExampleAndPrecedence(t *testing.T) {
	cfg, err := loadWith(t, []string{"--config", "../../testdata/config/tazala.yaml", "--kafka-group", "from-flag"},
		map[string]string{"TAZALA_KAFKA_GROUP": "from-env", "TAZALA_KAFKA_BROKERS": "b1:9092, b2:9092", "TAZALA_PIPELINE_GRACE": "3s"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Kafka.Group != "from-flag" {
		t.Errorf("group %q: the flag must win over the environment", cfg.Kafka.Group)
	}
	if strings.Join(cfg.Kafka.Brokers, ",") != "b1:9092,b2:9092" {
		t.Errorf("brokers %v: the environment must win over the file", cfg.Kafka.Brokers)
	}
	if cfg.Pipeline.Grace.String() != "3s" || cfg.Pipeline.BatchWait.String() != "100ms" {
		t.Errorf("grace %v, batch_wait %v", cfg.Pipeline.Grace, cfg.Pipeline.BatchWait)
	}
	if len(cfg.Streams) != 3 || cfg.Streams[2].Topic != "support.emails" || cfg.Streams[2].Purpose != "support" || cfg.Streams[2].Basis != "request" {
		t.Errorf("streams %+v", cfg.Streams)
	}
	if _, err := loadStreamPolicy(&cfg); err != nil {
		t.Errorf("the example's streams do not match the shipped policy: %v", err)
	}
	cfg, err = loadWith(t, []string{"--streams", "t1=payments:bank_request,t2=support"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Streams) != 2 || cfg.Streams[0].Basis != "bank_request" || cfg.Streams[1].Purpose != "support" {
		t.Errorf("--streams parsed as %+v", cfg.Streams)
	}
}

// TestRunConfigErrorsNameTheKey: every invalid setting is reported, each
// error naming its key.
func TestRunConfigErrorsNameTheKey(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{"unknown key", []string{"--config", "../../testdata/config/invalid/unknown-key.yaml"}, nil,
			[]string{"unknown-key.yaml: line 3: unknown key kafka.groupp"}},
		{"bad values", []string{"--config", "../../testdata/config/invalid/bad-values.yaml"}, nil, []string{
			"config: kafka.start: want earliest or latest",
			"config: kafka.sasl.mechanism: want plain, scram-sha-256 or scram-sha-512",
			"config: kafka.sasl.username: required",
			`config: streams[1].topic: topic "a" listed twice`,
			"config: streams[1].purpose: required",
			"config: store.url: want chdb:DIR",
			"config: tokenizer.kind: want local or vault",
			"config: pipeline.batch_records: must be at least 1",
			"config: pipeline.retry_max: shorter than pipeline.retry_min",
			"config: log.level: want debug, info, warn or error",
		}},
		{"no streams", []string{"--config", "../../testdata/config/invalid/no-streams.yaml"}, nil,
			[]string{"config: streams: at least one topic is required"}},
		{"bad duration in the file", []string{"--config", "../../testdata/config/invalid/bad-duration.yaml"}, nil,
			[]string{"bad-duration.yaml: line 4: pipeline.grace: want a duration such as 10s"}},
		{"bad environment", []string{"--streams", "a=payments"}, map[string]string{"TAZALA_PIPELINE_WORKERS": "many"},
			[]string{"config: pipeline.workers (from $TAZALA_PIPELINE_WORKERS): want an integer"}},
		{"bad flag", []string{"--streams", "a=payments", "--kafka-tls-enabled", "perhaps"}, nil,
			[]string{"config: kafka.tls.enabled (from --kafka-tls-enabled): want true or false"}},
		{"bad stream syntax", []string{"--streams", "payments"}, nil,
			[]string{"config: streams (from --streams): want TOPIC=PURPOSE[:BASIS]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadWith(t, tc.args, tc.env)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestRunConfigPolicyChecksStreams(t *testing.T) {
	cfg, err := loadWith(t, []string{"--streams", "a=marketing,b=payments:request"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = loadStreamPolicy(&cfg)
	for _, w := range []string{`config: streams[0].purpose: the policy has no purpose "marketing"`, `config: streams[1].basis: "request" is not a basis of purpose "payments"`} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q: %v", w, err)
		}
	}
}

// every key has a flag and a variable, and --help lists them
func TestRunConfigEveryKeyHasFlagAndEnv(t *testing.T) {
	c := defaultRunConfig()
	names := map[string]bool{}
	for _, f := range runFlags() {
		names[f.Names()[0]] = true
	}
	for _, k := range configKeys(&c) {
		if !names[k.flag] || !strings.HasPrefix(k.env, "TAZALA_") || k.usage == "" {
			t.Errorf("key %s: flag %q, env %q, usage %q", k.path, k.flag, k.env, k.usage)
		}
	}
	_ = flag.CommandLine
}
