// Package vault owns the HashiCorp Vault tokenizer: deterministic tokens
// from transit `hmac` under a pinned key version (so key rotation never
// changes a token), and a reversible copy from transit `encrypt`, both
// requested in batches (`batch_input`) for the distinct values of a batch,
// with a bounded cache keyed by a seeded hash of the value. It fails
// closed: any error from Vault, for any item, fails the whole call and no
// token is returned.
package vault

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"hash/maphash"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	lru "github.com/hashicorp/golang-lru/v2"
	vapi "github.com/hashicorp/vault/api"

	"github.com/tazala/tazala"
)

// Defaults.
const (
	DefaultHMACKey    = "tazala-hmac"
	DefaultEncryptKey = "tazala-pii"
	DefaultMount      = "transit"
	DefaultBatchSize  = 1000
	DefaultCacheSize  = 1 << 18
)

// AppRole holds AppRole credentials.
type AppRole struct {
	RoleID, SecretID string
	Mount            string // default "approle"
}

// Config configures a Tokenizer. Zero values take the defaults above and
// the standard VAULT_* environment (see ConfigFromEnv).
type Config struct {
	Addr      string
	Token     string
	TokenFile string
	AppRole   AppRole
	Namespace string
	TLS       vapi.TLSConfig
	// Timeout bounds one HTTP request (default 10s).
	Timeout time.Duration
	// MaxRetries for 5xx and connection errors (default 3); 4xx never retries.
	MaxRetries int
	Mount      string
	HMACKey    string
	EncryptKey string
	// KeyVersion pins the hmac key version (default 1) so rotating the key
	// does not change tokens; see docs/tokens.md for moving to a new version.
	KeyVersion int
	// Encrypt requests the reversible copy (Token.Ciphertext) for every
	// value; off, tokens are computed but nothing can be revealed.
	Encrypt   bool
	CacheSize int
	BatchSize int
}

// ConfigFromEnv reads the variables every Vault tool reads: VAULT_ADDR,
// VAULT_TOKEN, VAULT_NAMESPACE, VAULT_CACERT, VAULT_CAPATH,
// VAULT_CLIENT_CERT, VAULT_CLIENT_KEY, VAULT_SKIP_VERIFY,
// VAULT_TLS_SERVER_NAME, plus TAZALA_VAULT_TOKEN_FILE,
// TAZALA_VAULT_ROLE_ID / TAZALA_VAULT_SECRET_ID (AppRole) and
// TAZALA_VAULT_HMAC_KEY / TAZALA_VAULT_ENCRYPT_KEY.
func ConfigFromEnv() Config {
	c := Config{
		Addr:      os.Getenv("VAULT_ADDR"),
		Token:     os.Getenv("VAULT_TOKEN"),
		TokenFile: os.Getenv("TAZALA_VAULT_TOKEN_FILE"),
		Namespace: os.Getenv("VAULT_NAMESPACE"),
		AppRole: AppRole{
			RoleID:   os.Getenv("TAZALA_VAULT_ROLE_ID"),
			SecretID: os.Getenv("TAZALA_VAULT_SECRET_ID"),
		},
		TLS: vapi.TLSConfig{
			CACert:        os.Getenv("VAULT_CACERT"),
			CAPath:        os.Getenv("VAULT_CAPATH"),
			ClientCert:    os.Getenv("VAULT_CLIENT_CERT"),
			ClientKey:     os.Getenv("VAULT_CLIENT_KEY"),
			TLSServerName: os.Getenv("VAULT_TLS_SERVER_NAME"),
		},
		HMACKey:    os.Getenv("TAZALA_VAULT_HMAC_KEY"),
		EncryptKey: os.Getenv("TAZALA_VAULT_ENCRYPT_KEY"),
		Encrypt:    true,
	}
	if v, err := strconv.ParseBool(os.Getenv("VAULT_SKIP_VERIFY")); err == nil {
		c.TLS.Insecure = v
	}
	return c
}

// Stats counts cache behaviour and Vault traffic.
type Stats struct {
	Hits, Misses uint64
	RoundTrips   uint64 // HTTP requests to Vault (hmac and encrypt batches)
}

// Tokenizer is the Vault transit tokenizer. Safe for concurrent use.
type Tokenizer struct {
	cfg    Config
	client *vapi.Client
	seed   maphash.Seed
	cache  *lru.Cache[uint64, entry]

	hits, misses, trips atomic.Uint64
}

type entry struct{ id, ct string }

var _ tazala.Tokenizer = (*Tokenizer)(nil)

// New connects to Vault (logging in with AppRole when configured) and
// checks that the token can be used; it does not check the transit keys,
// which the first Tokenize call does.
func New(ctx context.Context, cfg Config) (*Tokenizer, error) {
	if cfg.Addr == "" {
		return nil, errors.New("tokenize/vault: no Vault address (set VAULT_ADDR)")
	}
	if cfg.Mount == "" {
		cfg.Mount = DefaultMount
	}
	if cfg.HMACKey == "" {
		cfg.HMACKey = DefaultHMACKey
	}
	if cfg.EncryptKey == "" {
		cfg.EncryptKey = DefaultEncryptKey
	}
	if cfg.KeyVersion <= 0 {
		cfg.KeyVersion = 1
	}
	if cfg.CacheSize <= 0 {
		cfg.CacheSize = DefaultCacheSize
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 3
	}
	vc := vapi.DefaultConfig()
	if vc.Error != nil {
		return nil, fmt.Errorf("tokenize/vault: %w", vc.Error)
	}
	vc.Address = cfg.Addr
	vc.Timeout = cfg.Timeout
	vc.MaxRetries = max(cfg.MaxRetries, 0)
	vc.MinRetryWait = 100 * time.Millisecond
	vc.MaxRetryWait = 2 * time.Second
	vc.Backoff = retryablehttp.LinearJitterBackoff
	vc.CheckRetry = retryOnlyTransient
	if err := vc.ConfigureTLS(&cfg.TLS); err != nil {
		return nil, fmt.Errorf("tokenize/vault: TLS: %w", err)
	}
	client, err := vapi.NewClient(vc)
	if err != nil {
		return nil, fmt.Errorf("tokenize/vault: %w", err)
	}
	if cfg.Namespace != "" {
		client.SetNamespace(cfg.Namespace)
	}
	switch {
	case cfg.AppRole.RoleID != "":
		mount := cfg.AppRole.Mount
		if mount == "" {
			mount = "approle"
		}
		sec, err := client.Logical().WriteWithContext(ctx, "auth/"+mount+"/login", map[string]any{
			"role_id": cfg.AppRole.RoleID, "secret_id": cfg.AppRole.SecretID,
		})
		if err != nil {
			return nil, classify("approle login", err)
		}
		if sec == nil || sec.Auth == nil {
			return nil, fmt.Errorf("tokenize/vault: approle login: %w: no token in the response", tazala.ErrDenied)
		}
		client.SetToken(sec.Auth.ClientToken)
	case cfg.TokenFile != "":
		b, err := os.ReadFile(cfg.TokenFile)
		if err != nil {
			return nil, fmt.Errorf("tokenize/vault: token file: %w", err)
		}
		client.SetToken(strings.TrimSpace(string(b)))
	case cfg.Token != "":
		client.SetToken(cfg.Token)
	default:
		return nil, fmt.Errorf("tokenize/vault: %w: no credentials (set VAULT_TOKEN, TAZALA_VAULT_TOKEN_FILE or AppRole)", tazala.ErrDenied)
	}
	cache, _ := lru.New[uint64, entry](cfg.CacheSize)
	return &Tokenizer{cfg: cfg, client: client, seed: maphash.MakeSeed(), cache: cache}, nil
}

// retryOnlyTransient retries connection errors, 429 and 5xx (Vault
// answers 503 while sealed or in standby); never other 4xx: a denied or
// malformed request fails at once, without a retry storm.
func retryOnlyTransient(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		return true, nil
	}
	if resp.StatusCode == http.StatusTooManyRequests || (resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented) {
		return true, nil
	}
	return false, nil
}

// classify wraps a Vault error with tazala.ErrDenied (4xx) or
// tazala.ErrUnavailable (everything else), keeping Vault's own message —
// which never contains the values sent.
func classify(op string, err error) error {
	var re *vapi.ResponseError
	if errors.As(err, &re) {
		msg := strings.Join(re.Errors, "; ")
		if len(msg) > 200 {
			msg = msg[:200]
		}
		if re.StatusCode >= 400 && re.StatusCode < 500 && re.StatusCode != http.StatusTooManyRequests {
			return fmt.Errorf("tokenize/vault: %s: %w: HTTP %d: %s", op, tazala.ErrDenied, re.StatusCode, msg)
		}
		return fmt.Errorf("tokenize/vault: %s: %w: HTTP %d: %s", op, tazala.ErrUnavailable, re.StatusCode, msg)
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("tokenize/vault: %s: %w: %v", op, tazala.ErrUnavailable, err)
	}
	return fmt.Errorf("tokenize/vault: %s: %w: %v", op, tazala.ErrUnavailable, err)
}

type miss struct {
	key    uint64
	mac    []byte // MAC input (kind, 0x1f, normalized value)
	norm   []byte // normalized value (for the reversible copy)
	result entry
}

// Tokenize returns one token per request. CVV requests get no token and no
// ciphertext. On any error no tokens are returned.
func (t *Tokenizer) Tokenize(ctx context.Context, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	out := make([]tazala.Token, len(reqs))
	keys := make([]uint64, len(reqs))
	want := make([]bool, len(reqs))
	var misses []miss
	pending := map[uint64]int{} // cache key → index in misses
	for i, r := range reqs {
		out[i].Kind = r.Kind
		if r.Kind == tazala.KindCVV || !r.Kind.Valid() {
			continue
		}
		mac := tazala.AppendMACInput(nil, r.Kind, r.Value)
		k := maphash.Bytes(t.seed, mac)
		keys[i], want[i] = k, true
		if e, ok := t.cache.Get(k); ok {
			t.hits.Add(1)
			out[i].ID, out[i].Ciphertext = e.id, e.ct
			clear(mac)
			continue
		}
		t.misses.Add(1)
		if _, ok := pending[k]; ok {
			clear(mac)
			continue
		}
		pending[k] = len(misses)
		sep := len(r.Kind.String()) + 1
		misses = append(misses, miss{key: k, mac: mac, norm: mac[sep:]})
	}
	defer func() {
		for i := range misses {
			clear(misses[i].mac)
		}
	}()
	for lo := 0; lo < len(misses); lo += t.cfg.BatchSize {
		chunk := misses[lo:min(lo+t.cfg.BatchSize, len(misses))]
		if err := t.hmacBatch(ctx, chunk); err != nil {
			return nil, err
		}
		if t.cfg.Encrypt {
			if err := t.encryptBatch(ctx, chunk); err != nil {
				return nil, err
			}
		}
	}
	for _, m := range misses {
		t.cache.Add(m.key, m.result)
	}
	for i := range reqs {
		if out[i].ID != "" || !want[i] {
			continue
		}
		if j, ok := pending[keys[i]]; ok {
			out[i].ID, out[i].Ciphertext = misses[j].result.id, misses[j].result.ct
		}
	}
	return out, nil
}

func (t *Tokenizer) write(ctx context.Context, op, path string, body map[string]any) (*vapi.Secret, error) {
	t.trips.Add(1)
	sec, err := t.client.Logical().WriteWithContext(ctx, path, body)
	if err != nil {
		return nil, classify(op, err)
	}
	if sec == nil || sec.Data == nil {
		return nil, fmt.Errorf("tokenize/vault: %s: %w: empty response", op, tazala.ErrUnavailable)
	}
	return sec, nil
}

// batchResults extracts data.batch_results and checks it matches n items.
func batchResults(op string, sec *vapi.Secret, n int) ([]map[string]any, error) {
	raw, ok := sec.Data["batch_results"].([]any)
	if !ok || len(raw) != n {
		return nil, fmt.Errorf("tokenize/vault: %s: %w: %d results for %d items", op, tazala.ErrUnavailable, len(raw), n)
	}
	res := make([]map[string]any, n)
	for i, r := range raw {
		m, ok := r.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("tokenize/vault: %s: %w: malformed result %d", op, tazala.ErrUnavailable, i)
		}
		if e, _ := m["error"].(string); e != "" {
			return nil, fmt.Errorf("tokenize/vault: %s: %w: item %d: %s", op, tazala.ErrDenied, i, e)
		}
		// results come in input order; the reference confirms it
		if ref, _ := m["reference"].(string); ref != "" && ref != strconv.Itoa(i) {
			return nil, fmt.Errorf("tokenize/vault: %s: %w: result %d has reference %q", op, tazala.ErrUnavailable, i, ref)
		}
		res[i] = m
	}
	return res, nil
}

func (t *Tokenizer) hmacBatch(ctx context.Context, ms []miss) error {
	in := make([]map[string]any, len(ms))
	for i, m := range ms {
		in[i] = map[string]any{"input": base64.StdEncoding.EncodeToString(m.mac), "reference": strconv.Itoa(i)}
	}
	sec, err := t.write(ctx, "hmac", t.cfg.Mount+"/hmac/"+t.cfg.HMACKey+"/sha2-256", map[string]any{
		"batch_input": in, "key_version": t.cfg.KeyVersion,
	})
	clear(in)
	if err != nil {
		return err
	}
	res, err := batchResults("hmac", sec, len(ms))
	if err != nil {
		return err
	}
	for i, r := range res {
		h, _ := r["hmac"].(string)
		// "vault:v1:<base64>"
		p := strings.LastIndexByte(h, ':')
		mac, derr := base64.StdEncoding.DecodeString(h[p+1:])
		if p < 0 || derr != nil || len(mac) < 16 {
			return fmt.Errorf("tokenize/vault: hmac: %w: malformed hmac for item %d", tazala.ErrUnavailable, i)
		}
		ms[i].result.id = tazala.TokenID(mac)
	}
	return nil
}

func (t *Tokenizer) encryptBatch(ctx context.Context, ms []miss) error {
	in := make([]map[string]any, len(ms))
	for i, m := range ms {
		in[i] = map[string]any{"plaintext": base64.StdEncoding.EncodeToString(m.norm), "reference": strconv.Itoa(i)}
	}
	sec, err := t.write(ctx, "encrypt", t.cfg.Mount+"/encrypt/"+t.cfg.EncryptKey, map[string]any{"batch_input": in})
	clear(in)
	if err != nil {
		return err
	}
	res, err := batchResults("encrypt", sec, len(ms))
	if err != nil {
		return err
	}
	for i, r := range res {
		ct, _ := r["ciphertext"].(string)
		if !strings.HasPrefix(ct, "vault:") {
			return fmt.Errorf("tokenize/vault: encrypt: %w: malformed ciphertext for item %d", tazala.ErrUnavailable, i)
		}
		ms[i].result.ct = ct
	}
	return nil
}

// Decrypt returns the normalized value behind a transit ciphertext. It is
// what `tazala reveal` calls, after the audit row is written; it needs a
// Vault policy with decrypt on the encryption key.
func (t *Tokenizer) Decrypt(ctx context.Context, ciphertext string) ([]byte, error) {
	sec, err := t.write(ctx, "decrypt", t.cfg.Mount+"/decrypt/"+t.cfg.EncryptKey, map[string]any{"ciphertext": ciphertext})
	if err != nil {
		return nil, err
	}
	pt, _ := sec.Data["plaintext"].(string)
	v, err := base64.StdEncoding.DecodeString(pt)
	if err != nil {
		return nil, fmt.Errorf("tokenize/vault: decrypt: %w: malformed plaintext", tazala.ErrUnavailable)
	}
	return v, nil
}

// Whoami returns the display name of the token in use (for audit rows).
func (t *Tokenizer) Whoami(ctx context.Context) (string, error) {
	sec, err := t.client.Auth().Token().LookupSelfWithContext(ctx)
	if err != nil {
		return "", classify("token lookup", err)
	}
	if n, _ := sec.Data["display_name"].(string); n != "" {
		return n, nil
	}
	return "unknown", nil
}

// Stats returns the cache and traffic counters.
func (t *Tokenizer) Stats() Stats {
	return Stats{Hits: t.hits.Load(), Misses: t.misses.Load(), RoundTrips: t.trips.Load()}
}

// Close implements tazala.Tokenizer.
func (t *Tokenizer) Close() error {
	t.cache.Purge()
	return nil
}
