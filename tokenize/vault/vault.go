// Package vault owns the HashiCorp Vault tokenizer: deterministic tokens
// from transit `hmac` under a pinned key version (so key rotation never
// changes a token), and a reversible copy from transit `encrypt`, both
// requested in batches (`batch_input`) for the distinct values of a call
// that no concurrent call is already asking for, several batches at a
// time, with a bounded cache keyed by a seeded 128-bit hash of the value
// (never the value). It fails closed: any error from Vault, for any item,
// fails the whole call and no token is returned; errors wrap
// tazala.ErrDenied (retrying will not help) or tazala.ErrUnavailable (back
// off and retry) and never contain a value.
package vault

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	vapi "github.com/hashicorp/vault/api"
	"golang.org/x/sync/errgroup"

	"github.com/tazala/tazala"
)

// Defaults.
const (
	DefaultHMACKey    = "tazala-hmac"
	DefaultEncryptKey = "tazala-pii"
	DefaultMount      = "transit"
	DefaultBatchSize  = 1000
	// DefaultCacheSize bounds the token cache: about 170 bytes per entry
	// (token, ciphertext, key, slot), so ~45 MB.
	DefaultCacheSize = 1 << 18
	// DefaultConcurrency bounds the batches of one call in flight at once
	// (each an hmac and an encrypt request).
	DefaultConcurrency = 4
	DefaultTimeout     = 10 * time.Second
	DefaultMaxRetries  = 3
)

// AppRole holds AppRole credentials.
type AppRole struct {
	RoleID, SecretID string
	Mount            string // default "approle"
}

// Config configures a Tokenizer. Zero values take the defaults above.
// ConfigFromEnv fills it from the standard VAULT_* environment.
type Config struct {
	Addr string // e.g. https://vault.internal:8200
	// Credentials, in order of precedence: AppRole, TokenFile, Token.
	Token     string
	TokenFile string
	AppRole   AppRole
	Namespace string
	// TLS: CACert/CAPath, ClientCert/ClientKey, TLSServerName, Insecure.
	TLS vapi.TLSConfig
	// Timeout bounds one HTTP request (default 10s).
	Timeout time.Duration
	// MaxRetries for connection errors, 429 and 5xx (default 3; negative:
	// none), with jittered exponential backoff from 100ms up to 2s (all
	// retries of one request: at most ~0.7s with the default). Other 4xx
	// never retry.
	MaxRetries int
	Mount      string // transit mount path (default "transit")
	HMACKey    string // default "tazala-hmac"
	EncryptKey string // default "tazala-pii"
	// KeyVersion pins the hmac key version (default 1) so rotating the key
	// does not change tokens; see docs/tokens.md for moving to a new version.
	KeyVersion int
	// Encrypt requests the reversible copy (Token.Ciphertext) for every
	// value; off, tokens are computed but nothing can be revealed.
	Encrypt bool
	// CacheSize bounds the token cache in entries (default 1<<18; rounded
	// up to a power of two).
	CacheSize int
	// BatchSize bounds the values in one batch_input request (default 1000).
	BatchSize int
	// Concurrency bounds the batches of one call in flight at once
	// (default 4): a call with many new values does not wait for them one
	// batch after another.
	Concurrency int
}

// ConfigFromEnv reads the variables every Vault tool reads: VAULT_ADDR,
// VAULT_TOKEN, VAULT_NAMESPACE, VAULT_CACERT, VAULT_CAPATH,
// VAULT_CLIENT_CERT, VAULT_CLIENT_KEY, VAULT_SKIP_VERIFY,
// VAULT_TLS_SERVER_NAME, VAULT_CLIENT_TIMEOUT, VAULT_MAX_RETRIES; plus
// TAZALA_VAULT_TOKEN_FILE, TAZALA_VAULT_ROLE_ID / TAZALA_VAULT_SECRET_ID
// (AppRole), TAZALA_VAULT_HMAC_KEY, TAZALA_VAULT_ENCRYPT_KEY,
// TAZALA_VAULT_KEY_VERSION and TAZALA_VAULT_CACHE_SIZE. Encrypt is on.
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
	if d, err := time.ParseDuration(os.Getenv("VAULT_CLIENT_TIMEOUT")); err == nil {
		c.Timeout = d
	} else if n, err := strconv.Atoi(os.Getenv("VAULT_CLIENT_TIMEOUT")); err == nil {
		c.Timeout = time.Duration(n) * time.Second
	}
	if n, err := strconv.Atoi(os.Getenv("VAULT_MAX_RETRIES")); err == nil {
		c.MaxRetries = n
		if n == 0 {
			c.MaxRetries = -1
		}
	}
	if n, err := strconv.Atoi(os.Getenv("TAZALA_VAULT_KEY_VERSION")); err == nil {
		c.KeyVersion = n
	}
	if n, err := strconv.Atoi(os.Getenv("TAZALA_VAULT_CACHE_SIZE")); err == nil {
		c.CacheSize = n
	}
	return c
}

// Stats counts cache behaviour and Vault traffic.
type Stats struct {
	Hits   uint64 // requests answered from the cache
	Misses uint64 // requests that needed Vault (duplicates in a call counted once each)
	Values uint64 // distinct values sent to Vault
	// Shared counts distinct values a call did not send because a
	// concurrent call was already asking Vault for them.
	Shared uint64
	// RoundTrips counts logical Vault requests (one hmac and one encrypt
	// per batch of up to BatchSize values); Attempts counts HTTP attempts,
	// retries included.
	RoundTrips, Attempts uint64
}

// HitRatio is Hits/(Hits+Misses), 0 when nothing was asked.
func (s Stats) HitRatio() float64 {
	if s.Hits+s.Misses == 0 {
		return 0
	}
	return float64(s.Hits) / float64(s.Hits+s.Misses)
}

// Tokenizer is the Vault transit tokenizer. Safe for concurrent use.
type Tokenizer struct {
	cfg    Config
	client *vapi.Client
	seeds  [2]maphash.Seed
	cache  cache
	bufs   sync.Pool // *[]byte scratch for MAC inputs

	// inflight maps the values some call is asking Vault for right now to
	// that call's flight, so a concurrent call needing the same value
	// waits for its answer instead of asking again.
	mu       sync.Mutex
	inflight map[cacheKey]flightRef

	hits, misses, values, shared, trips, attempts atomic.Uint64
}

// cacheKey is a 128-bit seeded hash of a MAC input: the per-process random
// seeds keep it from being a stable fingerprint of the value, and 128 bits
// make a false hit (a wrong token) negligible even over years of traffic.
type cacheKey struct{ a, b uint64 }

type entry struct{ id, ct string }

// flight is one call's request to Vault for its values ms; done is closed
// when it ended, err says how. Neither changes after done is closed.
type flight struct {
	done chan struct{}
	err  error
	ms   []miss
}

// flightRef is value ms[i] of flight f.
type flightRef struct {
	f *flight
	i int32
}

var _ tazala.Tokenizer = (*Tokenizer)(nil)

// New builds a Tokenizer, logging in with AppRole when configured. It does
// not contact Vault otherwise: Ping checks address, credentials and key.
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
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = DefaultConcurrency
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = DefaultMaxRetries
	}
	t := &Tokenizer{cfg: cfg, seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, inflight: map[cacheKey]flightRef{}}
	t.bufs.New = func() any { b := make([]byte, 0, 128); return &b }
	t.cache = newCache(cfg.CacheSize)

	vc := vapi.DefaultConfig()
	if vc.Error != nil {
		return nil, fmt.Errorf("tokenize/vault: %w", vc.Error)
	}
	vc.Address = cfg.Addr
	// Timeout bounds each HTTP attempt, reading the body included. Not
	// vapi's Config.Timeout: WriteRaw cancels that context on return,
	// before the body is read.
	vc.Timeout = 0
	vc.HttpClient.Timeout = cfg.Timeout
	if tr, ok := vc.HttpClient.Transport.(*http.Transport); ok {
		// keep a connection per request that can be in flight (callers ×
		// Concurrency × hmac and encrypt) instead of the default
		// GOMAXPROCS+1: Vault would otherwise see a new connection (and
		// TLS handshake) for most batches
		tr.MaxIdleConnsPerHost = max(tr.MaxIdleConnsPerHost, 4*cfg.Concurrency*2)
	}
	vc.MaxRetries = max(cfg.MaxRetries, 0)
	vc.MinRetryWait = 100 * time.Millisecond
	vc.MaxRetryWait = 2 * time.Second
	vc.Backoff = backoff
	vc.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		t.attempts.Add(1)
		return retryOnlyTransient(ctx, resp, err)
	}
	if err := vc.ConfigureTLS(&cfg.TLS); err != nil {
		return nil, fmt.Errorf("tokenize/vault: TLS: %w", err)
	}
	client, err := vapi.NewClient(vc)
	if err != nil {
		return nil, fmt.Errorf("tokenize/vault: %w", err)
	}
	client.SetNamespace(cfg.Namespace) // the configuration wins over the environment
	t.client = client
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
	return t, nil
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

// backoff waits min·2^attempt, capped at max, with the upper half
// jittered so many scanners do not retry in step; a Retry-After header on
// 429/503 wins (via retryablehttp.DefaultBackoff).
func backoff(lo, hi time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && resp.Header.Get("Retry-After") != "" {
		return retryablehttp.DefaultBackoff(lo, hi, attempt, resp)
	}
	d := lo << min(attempt, 16)
	if d <= 0 || d > hi {
		d = hi
	}
	return d/2 + rand.N(d/2+1)
}

// classify wraps a Vault error with tazala.ErrDenied (4xx other than 429)
// or tazala.ErrUnavailable (everything else), keeping Vault's own message,
// which never contains the values sent.
func classify(op string, err error) error {
	var re *vapi.ResponseError
	if errors.As(err, &re) {
		msg := strings.Join(re.Errors, "; ")
		if len(msg) > 200 {
			msg = msg[:200]
		}
		if re.StatusCode >= 400 && re.StatusCode < 500 && re.StatusCode != http.StatusTooManyRequests {
			hint := ""
			if re.StatusCode == http.StatusForbidden {
				hint = " (check the token, and that its policy allows this path: docs/tokens.md)"
			}
			return fmt.Errorf("tokenize/vault: %s: %w: HTTP %d: %s%s", op, tazala.ErrDenied, re.StatusCode, msg, hint)
		}
		return fmt.Errorf("tokenize/vault: %s: %w: HTTP %d: %s", op, tazala.ErrUnavailable, re.StatusCode, msg)
	}
	return fmt.Errorf("tokenize/vault: %s: %w: %w", op, tazala.ErrUnavailable, err)
}

func (t *Tokenizer) key(b []byte) cacheKey {
	return cacheKey{maphash.Bytes(t.seeds[0], b), maphash.Bytes(t.seeds[1], b)}
}

// miss is one distinct value to send to Vault: its MAC input is
// arena[off:end], the normalized value arena[off+sep:end].
type miss struct {
	key           cacheKey
	off, sep, end int
	res           entry
}

// Tokenize returns one token per request. CVV requests (and invalid kinds)
// get no token and no ciphertext. On any error no tokens are returned.
//
// A value not in the cache is sent to Vault once per call, and not at all
// when a concurrent call is already asking for it: this call then waits
// for that answer (and asks itself if that call failed).
func (t *Tokenizer) Tokenize(ctx context.Context, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	out, err := t.AppendTokens(ctx, nil, reqs)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AppendTokens is Tokenize appending the tokens to dst, so a caller
// tokenizing batch after batch (the daemon's pipeline step) reuses one
// buffer. On error dst is returned unchanged.
func (t *Tokenizer) AppendTokens(ctx context.Context, dst []tazala.Token, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	if err := ctx.Err(); err != nil {
		return dst, fmt.Errorf("tokenize/vault: %w", err)
	}
	n0 := len(dst)
	dst = slices.Grow(dst, len(reqs))[:n0+len(reqs)]
	out := dst[n0:]
	clear(out)
	bp := t.bufs.Get().(*[]byte)
	buf := (*bp)[:0]
	var (
		misses  []miss
		arena   []byte             // MAC inputs of the misses, back to back
		pending map[cacheKey]int32 // key → index in misses
		fill    [][2]int32         // (request, miss) pairs to fill in at the end
		hits    uint64
	)
	for i, r := range reqs {
		out[i].Kind = r.Kind
		if r.Kind == tazala.KindCVV || !r.Kind.Valid() {
			continue
		}
		buf = tazala.AppendMACInput(buf[:0], r.Kind, r.Value)
		k := t.key(buf)
		if e := t.cache.get(k); e != nil {
			hits++
			out[i].ID, out[i].Ciphertext = e.id, e.ct
			continue
		}
		if pending == nil {
			pending = make(map[cacheKey]int32)
		}
		j, ok := pending[k]
		if !ok {
			j = int32(len(misses))
			pending[k] = j
			off := len(arena)
			arena = append(arena, buf...)
			misses = append(misses, miss{key: k, off: off, sep: len(r.Kind.String()) + 1, end: len(arena)})
		}
		fill = append(fill, [2]int32{int32(i), j})
	}
	clear(buf)
	*bp = buf[:0]
	t.bufs.Put(bp)
	t.hits.Add(hits)
	if len(misses) == 0 {
		return dst, nil
	}
	defer clear(arena)
	t.misses.Add(uint64(len(fill)))
	if err := t.resolve(ctx, misses, arena); err != nil {
		clear(out)
		return dst[:n0], err
	}
	for _, f := range fill {
		m := &misses[f[1]]
		out[f[0]].ID, out[f[0]].Ciphertext = m.res.id, m.res.ct
	}
	return dst, nil
}

// resolve fills in ms[i].res for every distinct value of a call: those no
// other call is asking for are sent to Vault (and cached); for the others
// it waits, and sends those whose flight failed itself.
func (t *Tokenizer) resolve(ctx context.Context, ms []miss, arena []byte) error {
	// claim the values nobody is asking for; own holds them, in ms order
	own := &flight{done: make(chan struct{}), ms: make([]miss, 0, len(ms))}
	var borrowed []int32 // indices in ms of values another flight asks for
	var refs []flightRef // their flights, parallel to borrowed
	t.mu.Lock()
	for i := range ms {
		if r, ok := t.inflight[ms[i].key]; ok {
			borrowed = append(borrowed, int32(i))
			refs = append(refs, r)
			continue
		}
		t.inflight[ms[i].key] = flightRef{own, int32(len(own.ms))}
		own.ms = append(own.ms, ms[i])
	}
	t.mu.Unlock()
	if len(own.ms) > 0 {
		if err := t.fly(ctx, own, arena); err != nil {
			return err
		}
		j := 0
		for i := range ms {
			if j < len(borrowed) && int(borrowed[j]) == i {
				j++
				continue
			}
			ms[i].res = own.ms[i-j].res
		}
	}
	if len(borrowed) == 0 {
		return nil
	}
	t.shared.Add(uint64(len(borrowed)))
	var retry []miss // borrowed values whose flight failed
	var retryIx []int32
	for j, r := range refs {
		select {
		case <-r.f.done:
		case <-ctx.Done():
			return fmt.Errorf("tokenize/vault: %w", ctx.Err())
		}
		i := borrowed[j]
		if r.f.err != nil {
			retry = append(retry, ms[i])
			retryIx = append(retryIx, i)
			continue
		}
		ms[i].res = r.f.ms[r.i].res
	}
	if len(retry) == 0 {
		return nil
	}
	if err := t.send(ctx, retry, arena); err != nil {
		return err
	}
	for j, i := range retryIx {
		ms[i].res = retry[j].res
		t.cache.add(retry[j].key, retry[j].res)
	}
	return nil
}

// errAbandoned is a flight's outcome when its call panicked: the calls
// waiting for it ask Vault themselves.
var errAbandoned = errors.New("tokenize/vault: a concurrent call asking for these values was abandoned")

// fly sends f's values and lands the flight whatever happens (a panic
// included): results cached on success, the values forgotten as in
// flight, done closed, so no concurrent call waits forever or takes
// results that never came.
func (t *Tokenizer) fly(ctx context.Context, f *flight, arena []byte) error {
	f.err = errAbandoned
	defer func() {
		if f.err == nil {
			// cached before the flight is forgotten: a call that misses
			// the cache from now on finds it there
			for i := range f.ms {
				t.cache.add(f.ms[i].key, f.ms[i].res)
			}
		}
		t.mu.Lock()
		for i := range f.ms {
			delete(t.inflight, f.ms[i].key)
		}
		t.mu.Unlock()
		close(f.done)
	}()
	f.err = t.send(ctx, f.ms, arena)
	return f.err
}

// send asks Vault for the tokens (and ciphertexts) of ms, in batches of
// up to BatchSize values, up to Concurrency batches at a time; the first
// failure cancels the rest.
func (t *Tokenizer) send(ctx context.Context, ms []miss, arena []byte) error {
	t.values.Add(uint64(len(ms)))
	if len(ms) <= t.cfg.BatchSize {
		return t.batch(ctx, ms, arena)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(t.cfg.Concurrency)
	for lo := 0; lo < len(ms); lo += t.cfg.BatchSize {
		chunk := ms[lo:min(lo+t.cfg.BatchSize, len(ms))]
		g.Go(func() error { return t.batch(gctx, chunk, arena) })
	}
	return g.Wait()
}

// batch asks for the hmacs and, concurrently, the ciphertexts of ms.
func (t *Tokenizer) batch(ctx context.Context, ms []miss, arena []byte) error {
	if err := ctx.Err(); err != nil {
		// another batch of the call failed, or the caller gave up
		return fmt.Errorf("tokenize/vault: %w", err)
	}
	if !t.cfg.Encrypt {
		return t.hmacBatch(ctx, ms, arena)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	encErr := make(chan error, 1)
	go func() {
		err := t.encryptBatch(ctx, ms, arena)
		if err != nil {
			cancel()
		}
		encErr <- err
	}()
	herr := t.hmacBatch(ctx, ms, arena)
	if herr != nil {
		cancel()
	}
	eerr := <-encErr
	switch {
	case herr != nil && !(errors.Is(herr, context.Canceled) && eerr != nil):
		return herr
	case eerr != nil:
		return eerr
	}
	return nil
}

// batchResult is one item of data.batch_results.
type batchResult struct {
	HMAC       string `json:"hmac"`
	Ciphertext string `json:"ciphertext"`
	Error      string `json:"error"`
	Reference  string `json:"reference"`
}

// post sends one batch_input request body and decodes its results,
// checking there is one result per item, in order, without item errors.
func (t *Tokenizer) post(ctx context.Context, op, path string, body []byte, n int) ([]batchResult, error) {
	t.trips.Add(1)
	resp, err := t.client.Logical().WriteRawWithContext(ctx, path, body)
	if resp != nil {
		defer resp.Body.Close()
	}
	if err != nil {
		return nil, classify(op, err)
	}
	var r struct {
		Data struct {
			BatchResults []batchResult `json:"batch_results"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return nil, fmt.Errorf("tokenize/vault: %s: %w: malformed response: %v", op, tazala.ErrUnavailable, err)
	}
	res := r.Data.BatchResults
	if len(res) != n {
		return nil, fmt.Errorf("tokenize/vault: %s: %w: %d results for %d items", op, tazala.ErrUnavailable, len(res), n)
	}
	for i := range res {
		if res[i].Error != "" {
			msg := res[i].Error
			if len(msg) > 200 {
				msg = msg[:200]
			}
			return nil, fmt.Errorf("tokenize/vault: %s: %w: item %d: %s", op, tazala.ErrDenied, i, msg)
		}
		// results come in input order; the references of the first and
		// the last confirm it
		want := ""
		if i == 0 || i == n-1 {
			want = strconv.Itoa(i)
		}
		if res[i].Reference != want {
			return nil, fmt.Errorf("tokenize/vault: %s: %w: result %d carries reference %q", op, tazala.ErrUnavailable, i, res[i].Reference)
		}
	}
	return res, nil
}

// appendBatchBody appends {"batch_input":[{"reference":"0","<field>":"<base64>"},{"<field>":"<base64>"},…]<extra>}:
// built by hand (base64 needs no JSON escaping) so values are not copied
// through maps and interfaces. Only the first and the last item carry a
// reference (their index): Vault answers a batch in input order, and its
// audit device HMACs every string of a request twice (in the request and
// in the response entry) and of a response once, so a reference on every
// item cost as much audit work as the value itself.
func appendBatchBody(b []byte, field string, ms []miss, arena []byte, normalizedOnly bool, extra string) []byte {
	b = append(b, `{"batch_input":[`...)
	// fields read through a pointer: the other batch of the pair writes
	// ms[i].res concurrently
	for i := range ms {
		m := &ms[i]
		if i > 0 {
			b = append(b, ',')
		}
		if i == 0 || i == len(ms)-1 {
			b = append(b, `{"reference":"`...)
			b = strconv.AppendInt(b, int64(i), 10)
			b = append(b, `","`...)
		} else {
			b = append(b, `{"`...)
		}
		b = append(b, field...)
		b = append(b, `":"`...)
		v := arena[m.off:m.end]
		if normalizedOnly {
			v = arena[m.off+m.sep : m.end]
		}
		b = base64.StdEncoding.AppendEncode(b, v)
		b = append(b, `"}`...)
	}
	b = append(b, ']')
	b = append(b, extra...)
	return append(b, '}')
}

func bodySize(ms []miss) int {
	n := 64
	for i := range ms {
		n += 40 + base64.StdEncoding.EncodedLen(ms[i].end-ms[i].off)
	}
	return n
}

func (t *Tokenizer) hmacBatch(ctx context.Context, ms []miss, arena []byte) error {
	body := appendBatchBody(make([]byte, 0, bodySize(ms)), "input", ms, arena, false,
		`,"key_version":`+strconv.Itoa(t.cfg.KeyVersion))
	res, err := t.post(ctx, "hmac", t.cfg.Mount+"/hmac/"+t.cfg.HMACKey+"/sha2-256", body, len(ms))
	clear(body)
	if err != nil {
		return err
	}
	want := "vault:v" + strconv.Itoa(t.cfg.KeyVersion) + ":"
	var mac [64]byte
	for i := range res {
		h := res[i].HMAC
		if !strings.HasPrefix(h, want) {
			return fmt.Errorf("tokenize/vault: hmac: %w: item %d: not an hmac under key version %d", tazala.ErrUnavailable, i, t.cfg.KeyVersion)
		}
		n, derr := base64.StdEncoding.Decode(mac[:], []byte(h[len(want):]))
		if derr != nil || n < 16 {
			return fmt.Errorf("tokenize/vault: hmac: %w: malformed hmac for item %d", tazala.ErrUnavailable, i)
		}
		ms[i].res.id = tazala.TokenID(mac[:n])
	}
	return nil
}

func (t *Tokenizer) encryptBatch(ctx context.Context, ms []miss, arena []byte) error {
	body := appendBatchBody(make([]byte, 0, bodySize(ms)), "plaintext", ms, arena, true, "")
	res, err := t.post(ctx, "encrypt", t.cfg.Mount+"/encrypt/"+t.cfg.EncryptKey, body, len(ms))
	clear(body)
	if err != nil {
		return err
	}
	for i := range res {
		if !strings.HasPrefix(res[i].Ciphertext, "vault:") {
			return fmt.Errorf("tokenize/vault: encrypt: %w: malformed ciphertext for item %d", tazala.ErrUnavailable, i)
		}
		ms[i].res.ct = res[i].Ciphertext
	}
	return nil
}

// Ping checks address, credentials and the hmac key with one hmac of a
// fixed probe (no personal data): call it at start-up to fail early.
func (t *Tokenizer) Ping(ctx context.Context) error {
	probe := []byte("tazala\x1fping")
	ms := []miss{{off: 0, sep: 7, end: len(probe)}}
	return t.hmacBatch(ctx, ms, probe)
}

// Decrypt returns the normalized value behind a transit ciphertext. It is
// what `tazala reveal` calls, after the audit row is written; it needs a
// Vault policy with decrypt on the encryption key.
func (t *Tokenizer) Decrypt(ctx context.Context, ciphertext string) ([]byte, error) {
	t.trips.Add(1)
	sec, err := t.client.Logical().WriteWithContext(ctx, t.cfg.Mount+"/decrypt/"+t.cfg.EncryptKey, map[string]any{"ciphertext": ciphertext})
	if err != nil {
		return nil, classify("decrypt", err)
	}
	if sec == nil || sec.Data == nil {
		return nil, fmt.Errorf("tokenize/vault: decrypt: %w: empty response", tazala.ErrUnavailable)
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
	if sec != nil {
		if n, _ := sec.Data["display_name"].(string); n != "" {
			return n, nil
		}
	}
	return "unknown", nil
}

// Stats returns the cache and traffic counters.
func (t *Tokenizer) Stats() Stats {
	return Stats{
		Hits: t.hits.Load(), Misses: t.misses.Load(), Values: t.values.Load(), Shared: t.shared.Load(),
		RoundTrips: t.trips.Load(), Attempts: t.attempts.Load(),
	}
}

// Close implements tazala.Tokenizer: it drops the cache.
func (t *Tokenizer) Close() error {
	t.cache.purge()
	return nil
}
