package main

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"go.yaml.in/yaml/v3"

	"github.com/tazala/tazala/redact"
)

// runConfig is the daemon's configuration: one YAML file, every key also a
// flag (--kafka-brokers) and an environment variable
// (TAZALA_KAFKA_BROKERS). Precedence: flag > environment > file > default.
type runConfig struct {
	Kafka struct {
		Brokers           []string      `yaml:"brokers" usage:"bootstrap brokers, host:port"`
		Group             string        `yaml:"group" usage:"consumer group id"`
		Start             string        `yaml:"start" usage:"where a partition without a committed offset starts: earliest or latest"`
		SessionTimeout    time.Duration `yaml:"session_timeout" usage:"consumer group session timeout (a dead member's partitions move after it)"`
		RebalanceTimeout  time.Duration `yaml:"rebalance_timeout" usage:"consumer group rebalance timeout"`
		HeartbeatInterval time.Duration `yaml:"heartbeat_interval" usage:"consumer group heartbeat interval"`
		ClientID          string        `yaml:"client_id" usage:"client id sent to the brokers"`
		TLS               struct {
			Enabled            bool   `yaml:"enabled" usage:"connect to the brokers over TLS"`
			CAFile             string `yaml:"ca_file" usage:"PEM CA bundle to verify the brokers (default: system roots)"`
			CertFile           string `yaml:"cert_file" usage:"PEM client certificate (mutual TLS)"`
			KeyFile            string `yaml:"key_file" usage:"PEM client key (mutual TLS)"`
			ServerName         string `yaml:"server_name" usage:"name to verify in the brokers' certificates"`
			InsecureSkipVerify bool   `yaml:"insecure_skip_verify" usage:"do not verify the brokers' certificates (testing only)"`
		} `yaml:"tls"`
		SASL struct {
			Mechanism string `yaml:"mechanism" usage:"SASL mechanism: plain, scram-sha-256 or scram-sha-512 (empty: none)"`
			Username  string `yaml:"username" usage:"SASL user"`
			Password  string `yaml:"password" usage:"SASL password (prefer TAZALA_KAFKA_SASL_PASSWORD)" secret:"true"`
		} `yaml:"sasl"`
	} `yaml:"kafka"`
	// Streams map topics to the policy's purposes.
	Streams []streamConfig `yaml:"streams" usage:"topics and their purposes: TOPIC=PURPOSE[:BASIS],... (YAML: list of {topic, purpose, basis})"`
	Policy  struct {
		File string `yaml:"file" usage:"privacy policy file (YAML, rules/policy.yaml format; default: the shipped policy)"`
		// RetentionEvery runs retention enforcement on a chdb store (0: off).
		RetentionEvery time.Duration `yaml:"retention_every" usage:"run retention enforcement on the store this often, first at start (chdb stores; 0: never)"`
	} `yaml:"policy"`
	Store struct {
		URL string `yaml:"url" usage:"where redacted records and the findings index go: chdb:DIR (embedded engine), clickhouse://host:9000/db or http(s)://host:8123/db (a server), file:DIR (JSONL)"`
	} `yaml:"store"`
	Output struct {
		Kafka struct {
			Enabled bool   `yaml:"enabled" usage:"also produce every redacted record to Kafka (same brokers, TLS and SASL), acknowledged before offsets are committed"`
			Topic   string `yaml:"topic" usage:"one topic for every redacted record (default: the source topic plus output.kafka.suffix)"`
			Suffix  string `yaml:"suffix" usage:"suffix of the redacted topic of each source topic"`
		} `yaml:"kafka"`
	} `yaml:"output"`
	Quarantine struct {
		Path string `yaml:"path" usage:"where records that could not be processed go, masked: \"store\" (the store's quarantine table; the default for ClickHouse stores), a JSONL file (the default for file: stores: beside the store), or \"off\" to stop instead"`
	} `yaml:"quarantine"`
	Tokenizer struct {
		Kind       string `yaml:"kind" usage:"tokenizer: local (key file) or vault (VAULT_ADDR, VAULT_TOKEN)"`
		KeyFile    string `yaml:"key_file" usage:"local tokenizer key file (default ~/.config/tazala/local.key)"`
		TokenStore string `yaml:"token_store" usage:"token vault file for reversible copies (vault tokenizer; default tazala-tokens.jsonl beside the store)"`
	} `yaml:"tokenizer"`
	Scanner struct {
		Rules string `yaml:"rules" usage:"user rules file (TOML)"`
	} `yaml:"scanner"`
	Redact struct {
		Mode    string   `yaml:"mode" usage:"redaction mode: token, mask or last4"`
		ModeFor []string `yaml:"mode_for" usage:"per-kind modes, KIND=MODE,... e.g. card_pan=last4"`
	} `yaml:"redact"`
	Pipeline struct {
		Workers      int           `yaml:"workers" usage:"processing workers (0: one per core)"`
		BatchRecords int           `yaml:"batch_records" usage:"records per processing batch"`
		BatchBytes   int           `yaml:"batch_bytes" usage:"bytes per processing batch"`
		BatchWait    time.Duration `yaml:"batch_wait" usage:"longest wait to fill a batch"`
		Queue        int           `yaml:"queue" usage:"batches in flight between Kafka and the sinks (0: one per worker)"`
		RetryMin     time.Duration `yaml:"retry_min" usage:"first backoff while Vault or the store is unavailable"`
		RetryMax     time.Duration `yaml:"retry_max" usage:"longest backoff"`
		Grace        time.Duration `yaml:"grace" usage:"on SIGTERM/SIGINT, how long in-flight batches may finish (and commit) before they are abandoned"`
	} `yaml:"pipeline"`
	HTTP struct {
		Addr           string `yaml:"addr" usage:"address of /metrics, /healthz and /readyz (empty: off)"`
		ClickHouseAddr string `yaml:"clickhouse_addr" usage:"address of the embedded store's ClickHouse HTTP interface, for analysts and tazala commands while the daemon runs (empty: off)"`
		Users          string `yaml:"users" usage:"users file of the ClickHouse HTTP interface (TOML; or TAZALA_HTTP_*_PASSWORD variables, see docs/clickhouse.md)"`
		TLSCert        string `yaml:"tls_cert" usage:"TLS certificate of the ClickHouse HTTP interface (required off loopback)"`
		TLSKey         string `yaml:"tls_key" usage:"TLS key of the ClickHouse HTTP interface"`
	} `yaml:"http"`
	Log struct {
		Level string `yaml:"level" usage:"log level: debug, info, warn or error"`
	} `yaml:"log"`
}

type streamConfig struct {
	Topic   string `yaml:"topic"`
	Purpose string `yaml:"purpose"`
	Basis   string `yaml:"basis"`
}

func defaultRunConfig() runConfig {
	var c runConfig
	c.Kafka.Brokers = []string{"127.0.0.1:9092"}
	c.Kafka.Group = "tazala"
	c.Kafka.Start = "earliest"
	c.Kafka.SessionTimeout = 10 * time.Second
	c.Kafka.RebalanceTimeout = 10 * time.Second
	c.Kafka.HeartbeatInterval = time.Second
	c.Kafka.ClientID = "tazala"
	c.Store.URL = "chdb:./tazala-data"
	c.Output.Kafka.Suffix = ".redacted"
	c.Tokenizer.Kind = "local"
	c.Redact.Mode = "token"
	c.Pipeline.BatchRecords = 20000
	c.Pipeline.BatchBytes = 16 << 20
	c.Pipeline.BatchWait = 100 * time.Millisecond
	c.Pipeline.RetryMin = 100 * time.Millisecond
	c.Pipeline.RetryMax = 10 * time.Second
	c.Pipeline.Grace = 10 * time.Second
	c.HTTP.Addr = "127.0.0.1:9464"
	c.Log.Level = "info"
	return c
}

// configKey is one leaf setting: its YAML path, flag and variable.
type configKey struct {
	path  string // "kafka.tls.ca_file"
	flag  string // "kafka-tls-ca-file"
	env   string // "TAZALA_KAFKA_TLS_CA_FILE"
	usage string
	v     reflect.Value
}

func configKeys(c *runConfig) []configKey {
	var keys []configKey
	var walk func(v reflect.Value, prefix string)
	walk = func(v reflect.Value, prefix string) {
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("yaml"), ",")[0]
			path := name
			if prefix != "" {
				path = prefix + "." + name
			}
			fv := v.Field(i)
			if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(time.Duration(0)) {
				walk(fv, path)
				continue
			}
			flag := strings.NewReplacer(".", "-", "_", "-").Replace(path)
			env := "TAZALA_" + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(path))
			keys = append(keys, configKey{path: path, flag: flag, env: env, usage: f.Tag.Get("usage"), v: fv})
		}
	}
	walk(reflect.ValueOf(c).Elem(), "")
	return keys
}

// set parses s into the key's value.
func (k configKey) set(s string) error {
	switch p := k.v.Addr().Interface().(type) {
	case *string:
		*p = s
	case *[]string:
		*p = nil
		for _, x := range strings.Split(s, ",") {
			if x = strings.TrimSpace(x); x != "" {
				*p = append(*p, x)
			}
		}
	case *int:
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("want an integer, got %q", s)
		}
		*p = n
	case *bool:
		b, err := strconv.ParseBool(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("want true or false, got %q", s)
		}
		*p = b
	case *time.Duration:
		d, err := time.ParseDuration(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("want a duration such as 10s, got %q", s)
		}
		*p = d
	case *[]streamConfig:
		*p = nil
		for _, x := range strings.Split(s, ",") {
			if x = strings.TrimSpace(x); x == "" {
				continue
			}
			topic, rest, ok := strings.Cut(x, "=")
			if !ok {
				return fmt.Errorf("want TOPIC=PURPOSE[:BASIS], got %q", x)
			}
			purpose, basis, _ := strings.Cut(rest, ":")
			*p = append(*p, streamConfig{Topic: strings.TrimSpace(topic), Purpose: strings.TrimSpace(purpose), Basis: strings.TrimSpace(basis)})
		}
	default:
		return fmt.Errorf("unsupported setting type %T", p)
	}
	return nil
}

// runFlags returns one flag per configuration key, plus --config.
func runFlags() []cli.Flag {
	c := defaultRunConfig()
	flags := []cli.Flag{&cli.StringFlag{Name: "config", Aliases: []string{"c"}, EnvVars: []string{"TAZALA_CONFIG"}, Usage: "YAML configuration `FILE`"},
		&cli.StringFlag{Name: "cpuprofile", Hidden: true, Usage: "write a CPU profile to `FILE`"}}
	for _, k := range configKeys(&c) {
		def := fmt.Sprint(k.v.Interface())
		switch x := k.v.Interface().(type) {
		case []string:
			def = strings.Join(x, ",")
		case []streamConfig:
			def = ""
		}
		usage := fmt.Sprintf("%s (%s, $%s)", k.usage, k.path, k.env)
		if def != "" && def != "0" && def != "false" && def != "0s" {
			usage += fmt.Sprintf(" (default %q)", def)
		}
		flags = append(flags, &cli.StringFlag{Name: k.flag, Usage: usage})
	}
	return flags
}

// loadRunConfig applies defaults, the file, the environment and the flags,
// then validates. Errors name the key.
func loadRunConfig(c *cli.Context, getenv func(string) string) (runConfig, error) {
	cfg := defaultRunConfig()
	if p := c.String("config"); p != "" {
		b, err := os.ReadFile(p)
		if err != nil {
			return cfg, fmt.Errorf("config: %w", err)
		}
		if err := applyYAML(&cfg, p, b); err != nil {
			return cfg, err
		}
	}
	for _, k := range configKeys(&cfg) {
		if v := getenv(k.env); v != "" {
			if err := k.set(v); err != nil {
				return cfg, fmt.Errorf("config: %s (from $%s): %v", k.path, k.env, err)
			}
		}
	}
	for _, k := range configKeys(&cfg) {
		if c.IsSet(k.flag) {
			if err := k.set(c.String(k.flag)); err != nil {
				return cfg, fmt.Errorf("config: %s (from --%s): %v", k.path, k.flag, err)
			}
		}
	}
	return cfg, cfg.validate()
}

// applyYAML sets the keys the file names. Every error names the file, the
// line and the key; unknown keys are errors.
func applyYAML(cfg *runConfig, file string, b []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("config %s: %v", file, err)
	}
	if len(doc.Content) == 0 {
		return nil // empty file
	}
	keys := map[string]configKey{}
	for _, k := range configKeys(cfg) {
		keys[k.path] = k
	}
	var errs []error
	bad := func(n *yaml.Node, format string, a ...any) {
		errs = append(errs, fmt.Errorf("config %s: line %d: %s", file, n.Line, fmt.Sprintf(format, a...)))
	}
	var walk func(n *yaml.Node, prefix string)
	walk = func(n *yaml.Node, prefix string) {
		if n.Kind != yaml.MappingNode {
			bad(n, "%s: want a mapping of keys", strings.TrimSuffix(prefix, "."))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			kn, vn := n.Content[i], n.Content[i+1]
			path := prefix + kn.Value
			k, ok := keys[path]
			if !ok {
				isSection := false
				for p := range keys {
					if strings.HasPrefix(p, path+".") {
						isSection = true
						break
					}
				}
				if isSection {
					walk(vn, path+".")
				} else {
					bad(kn, "unknown key %s", path)
				}
				continue
			}
			if err := setNode(k, vn); err != nil {
				bad(vn, "%s: %v", path, err)
			}
		}
	}
	walk(doc.Content[0], "")
	return errors.Join(errs...)
}

// setNode sets k from a YAML value: a scalar, a list of scalars, or for
// streams a list of {topic, purpose, basis}.
func setNode(k configKey, n *yaml.Node) error {
	if p, ok := k.v.Addr().Interface().(*[]streamConfig); ok {
		if n.Kind != yaml.SequenceNode {
			return errors.New("want a list of {topic, purpose, basis}")
		}
		*p = nil
		for i, e := range n.Content {
			if e.Kind != yaml.MappingNode {
				return fmt.Errorf("entry %d: want {topic, purpose, basis}", i)
			}
			var sc streamConfig
			for j := 0; j+1 < len(e.Content); j += 2 {
				switch key, v := e.Content[j].Value, e.Content[j+1].Value; key {
				case "topic":
					sc.Topic = v
				case "purpose":
					sc.Purpose = v
				case "basis":
					sc.Basis = v
				default:
					return fmt.Errorf("entry %d: unknown key %s (want topic, purpose, basis)", i, key)
				}
			}
			*p = append(*p, sc)
		}
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if _, isList := k.v.Interface().([]string); isList && n.Value == "" {
			return k.set("")
		}
		return k.set(n.Value)
	case yaml.SequenceNode:
		if _, isList := k.v.Interface().([]string); !isList {
			return errors.New("want a single value, not a list")
		}
		var vs []string
		for _, e := range n.Content {
			if e.Kind != yaml.ScalarNode {
				return errors.New("want a list of values")
			}
			vs = append(vs, e.Value)
		}
		return k.set(strings.Join(vs, ","))
	}
	return errors.New("want a value")
}

func (c *runConfig) validate() error {
	var errs []error
	bad := func(key, format string, a ...any) {
		errs = append(errs, fmt.Errorf("config: %s: %s", key, fmt.Sprintf(format, a...)))
	}
	if len(c.Kafka.Brokers) == 0 {
		bad("kafka.brokers", "at least one broker is required")
	}
	if c.Kafka.Group == "" {
		bad("kafka.group", "required")
	}
	if c.Kafka.Start != "earliest" && c.Kafka.Start != "latest" {
		bad("kafka.start", "want earliest or latest, got %q", c.Kafka.Start)
	}
	switch c.Kafka.SASL.Mechanism {
	case "", "plain", "scram-sha-256", "scram-sha-512":
	default:
		bad("kafka.sasl.mechanism", "want plain, scram-sha-256 or scram-sha-512, got %q", c.Kafka.SASL.Mechanism)
	}
	if c.Kafka.SASL.Mechanism != "" && c.Kafka.SASL.Username == "" {
		bad("kafka.sasl.username", "required with kafka.sasl.mechanism")
	}
	if (c.Kafka.TLS.CertFile == "") != (c.Kafka.TLS.KeyFile == "") {
		bad("kafka.tls.cert_file", "cert_file and key_file go together")
	}
	if c.Output.Kafka.Enabled && c.Output.Kafka.Topic == "" && c.Output.Kafka.Suffix == "" {
		bad("output.kafka.suffix", "empty with no output.kafka.topic: the redacted records would go back to their source topics")
	}
	for i, s := range c.Streams {
		if c.Output.Kafka.Enabled && (s.Topic == c.Output.Kafka.Topic || (c.Output.Kafka.Topic == "" && c.Output.Kafka.Suffix == "")) {
			bad(fmt.Sprintf("streams[%d].topic", i), "is also the redacted output topic")
		}
	}
	if len(c.Streams) == 0 {
		bad("streams", "at least one topic is required")
	}
	seen := map[string]bool{}
	for i, s := range c.Streams {
		key := fmt.Sprintf("streams[%d]", i)
		if s.Topic == "" {
			bad(key+".topic", "required")
		}
		if seen[s.Topic] {
			bad(key+".topic", "topic %q listed twice", s.Topic)
		}
		seen[s.Topic] = true
		if s.Purpose == "" {
			bad(key+".purpose", "required (the policy's purpose of topic %q)", s.Topic)
		}
	}
	if (c.HTTP.TLSCert == "") != (c.HTTP.TLSKey == "") {
		bad("http.tls_cert", "tls_cert and tls_key go together")
	}
	if scheme, rest, ok := strings.Cut(c.Store.URL, ":"); !ok || rest == "" || (scheme != "file" && !isStoreURL(c.Store.URL)) {
		bad("store.url", "want chdb:DIR, clickhouse://host:9000/db, http(s)://host:8123/db or file:DIR, got %q", c.Store.URL)
	}
	switch c.Tokenizer.Kind {
	case "local", "vault":
	default:
		bad("tokenizer.kind", "want local or vault, got %q", c.Tokenizer.Kind)
	}
	if _, err := redactConfig(c.Redact.Mode, c.Redact.ModeFor); err != nil {
		bad("redact", "%v", err)
	}
	for key, n := range map[string]int{"pipeline.workers": c.Pipeline.Workers, "pipeline.queue": c.Pipeline.Queue} {
		if n < 0 {
			bad(key, "must not be negative")
		}
	}
	if c.Pipeline.BatchRecords < 1 {
		bad("pipeline.batch_records", "must be at least 1")
	}
	if c.Pipeline.BatchBytes < 1 {
		bad("pipeline.batch_bytes", "must be at least 1")
	}
	for key, d := range map[string]time.Duration{"pipeline.batch_wait": c.Pipeline.BatchWait, "pipeline.retry_min": c.Pipeline.RetryMin,
		"pipeline.retry_max": c.Pipeline.RetryMax, "pipeline.grace": c.Pipeline.Grace, "kafka.session_timeout": c.Kafka.SessionTimeout,
		"kafka.rebalance_timeout": c.Kafka.RebalanceTimeout, "kafka.heartbeat_interval": c.Kafka.HeartbeatInterval} {
		if d <= 0 {
			bad(key, "must be a positive duration")
		}
	}
	if c.Pipeline.RetryMax < c.Pipeline.RetryMin {
		bad("pipeline.retry_max", "shorter than pipeline.retry_min")
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level", "want debug, info, warn or error, got %q", c.Log.Level)
	}
	sortErrs(errs)
	return errors.Join(errs...)
}

func sortErrs(errs []error) {
	for i := 1; i < len(errs); i++ {
		for j := i; j > 0 && errs[j].Error() < errs[j-1].Error(); j-- {
			errs[j], errs[j-1] = errs[j-1], errs[j]
		}
	}
}

// redactModes checks the redaction settings (shared with scan).
func redactModes(c *runConfig) (*redact.Redactor, error) {
	rc, err := redactConfig(c.Redact.Mode, c.Redact.ModeFor)
	if err != nil {
		return nil, err
	}
	return redact.New(rc), nil
}
