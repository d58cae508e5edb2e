// Package local owns the embedded default tokenizer: HMAC-SHA256 under a
// 32-byte key kept in a key file (created 0600 on first use). Tokens are
// deterministic per (kind, normalized value) and have the same format as
// the Vault tokenizer's, but are not reversible: no ciphertext is kept.
//
// The key is the only secret: anyone holding it recovers a low-entropy
// value (an IIN, a phone number) from its token by enumeration in seconds.
// So the key file must be the current user's own regular file, mode 0600,
// and only the default key is created implicitly.
package local

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"hash"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"

	"github.com/tazala/tazala"
)

// KeySize is the HMAC key length in bytes.
const KeySize = 32

// Config configures a Tokenizer.
type Config struct {
	// KeyPath is the key file; empty means DefaultKeyPath(). It must be a
	// regular file (not a symlink) owned by the current user, readable by
	// no one else, in a directory no one else can write to.
	KeyPath string
	// Create makes a missing key file (a random key, mode 0600). Without it
	// a missing named key is an error, so a mistyped path never silently
	// starts a new key (tokens would stop joining with earlier output). The
	// default key (empty KeyPath) is always created when missing.
	Create bool
	// Key, when set, is used instead of a key file (tests).
	Key []byte
}

// ErrNoKey is returned when the named key file does not exist and
// Config.Create is not set.
var ErrNoKey = errors.New("key file does not exist")

// DefaultKeyPath is $XDG_CONFIG_HOME/tazala/local.key or
// ~/.config/tazala/local.key.
func DefaultKeyPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("tokenize/local: no config directory for the key file: %w (set --key-file)", err)
	}
	return filepath.Join(dir, "tazala", "local.key"), nil
}

// Tokenizer is the local HMAC tokenizer. Safe for concurrent use.
type Tokenizer struct {
	key  []byte
	pool sync.Pool // *state: HMAC state and scratch, one per goroutine at a time

	// The token cache: a two-way set-associative, lock-free table from a
	// seeded 128-bit hash of (kind, value as written) to its token, so a
	// repeat costs neither normalization nor HMAC; it never holds a value.
	// Keyed by the raw value, one value written two ways takes two entries
	// with the same token. A slot is replaced whole (atomic pointer), so
	// readers never see a torn entry; a value whose two slots are taken
	// evicts the older.
	seeds        [2]maphash.Seed
	slots        []atomic.Pointer[slot]
	hits, misses atomic.Uint64
}

type state struct {
	mac hash.Hash
	in  []byte
	dec []byte // a raw value decoded (AppendTokensRaw)
	sum [sha256.Size]byte
	// per call: the cache key of each request and the entries its set
	// held when looked up (see Tokenize)
	keys  []cacheKey
	ents  [][2]*slot
	touch uint64 // see AppendTokens
}

// slot is one cache entry: the key and the token ID's bytes, in one
// 64-byte allocation, so one cache line (a hit and the redaction that
// copies the ID touch one line; a 48-byte entry straddles two lines every
// other time). Never changed once stored, so the ID strings handed out may
// alias it.
type slot struct {
	key cacheKey
	buf [len(tazala.TokenPrefix) + 24]byte
	_   [64 - 16 - len(tazala.TokenPrefix) - 24]byte
}

// id is the entry's token ID.
func (e *slot) id() string { return unsafe.String(&e.buf[0], len(e.buf)) }

type cacheKey struct{ a, b uint64 }

// cacheSlots bounds the token cache: 131,072 tokens, ~9 MB (64-byte
// entries and the table), in sets of two adjacent slots. On 128 MB of
// `tazala gen`'s mix (1.18 M tokens, 13.2 % of them first seen) it hits
// 84.5 % of tokens; 65,536 slots hit 80.3 %, an unbounded cache 86.8 %.
const cacheSlots = 1 << 17

var _ tazala.Tokenizer = (*Tokenizer)(nil)

// New returns a Tokenizer for cfg.
func New(cfg Config) (*Tokenizer, error) {
	key := cfg.Key
	if key == nil {
		p, create := cfg.KeyPath, cfg.Create
		if p == "" {
			var err error
			if p, err = DefaultKeyPath(); err != nil {
				return nil, err
			}
			create = true
		}
		var err error
		if key, err = loadOrCreateKey(p, create); err != nil {
			return nil, err
		}
	}
	if len(key) != KeySize {
		return nil, fmt.Errorf("tokenize/local: key is %d bytes, want %d", len(key), KeySize)
	}
	t := &Tokenizer{
		key:   append([]byte(nil), key...),
		seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()},
		slots: make([]atomic.Pointer[slot], cacheSlots),
	}
	t.pool.New = func() any { return &state{mac: hmac.New(sha256.New, t.key), in: make([]byte, 0, 128)} }
	return t, nil
}

func loadOrCreateKey(p string, create bool) ([]byte, error) {
	key, err := loadKey(p)
	if !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	if !create {
		return nil, fmt.Errorf("tokenize/local: %w: %s (check the path, or pass --create-key to start a new key: its tokens will not join with those of any other key)", ErrNoKey, p)
	}
	key = make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("tokenize/local: generate key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return nil, fmt.Errorf("tokenize/local: create key directory: %w", err)
	}
	if err := checkDir(filepath.Dir(p)); err != nil {
		return nil, err
	}
	// O_EXCL: two processes starting at once must not both write a key;
	// with O_NOFOLLOW it also refuses a (dangling) symlink in its place
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY|syscall.O_NOFOLLOW, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return loadKey(p) // created meanwhile by another process (or a symlink: refused there)
	}
	if err != nil {
		return nil, fmt.Errorf("tokenize/local: create key file: %w", err)
	}
	if _, err := f.Write(key); err != nil {
		f.Close()
		return nil, fmt.Errorf("tokenize/local: write key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, fmt.Errorf("tokenize/local: sync key file: %w", err)
	}
	return key, f.Close()
}

// loadKey reads the key file p after checking it, on the open descriptor
// (no race between check and read): a regular file, not a symlink, owned
// by the current user, mode 0600 or stricter, in a directory no other user
// may write to. An error wrapping fs.ErrNotExist means p does not exist.
func loadKey(p string) ([]byte, error) {
	if st, err := os.Lstat(p); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("tokenize/local: key file %s is a symlink: give the real path", p)
	}
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NOFOLLOW, 0)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return nil, fmt.Errorf("tokenize/local: key file %s is a symlink: give the real path", p)
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("tokenize/local: key file: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("tokenize/local: key file: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("tokenize/local: key file %s is not a regular file", p)
	}
	if uid, ok := owner(st); ok && uid != os.Getuid() {
		return nil, fmt.Errorf("tokenize/local: key file %s is owned by uid %d, not by the current user (uid %d): whoever owns it knows the key", p, uid, os.Getuid())
	}
	if st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("tokenize/local: key file %s is readable by others (mode %v): chmod 600 it", p, st.Mode().Perm())
	}
	if err := checkDir(filepath.Dir(p)); err != nil {
		return nil, err
	}
	key := make([]byte, KeySize+1)
	n, err := io.ReadFull(f, key)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("tokenize/local: read key: %w", err)
	}
	if n != KeySize {
		return nil, fmt.Errorf("tokenize/local: key file %s holds %d bytes, want %d", p, st.Size(), KeySize)
	}
	return key[:KeySize], nil
}

// checkDir refuses a key directory that another user could write to
// without the sticky bit: they could swap the key file for their own.
func checkDir(dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("tokenize/local: key directory: %w", err)
	}
	if st.Mode().Perm()&0o022 != 0 && st.Mode()&fs.ModeSticky == 0 {
		return fmt.Errorf("tokenize/local: key directory %s is writable by others (mode %v): chmod go-w it or keep the key elsewhere", dir, st.Mode().Perm())
	}
	return nil
}

// owner returns the uid owning the file described by st.
func owner(st fs.FileInfo) (int, bool) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return int(s.Uid), true
	}
	return 0, false
}

// Tokenize returns one token per request. CVV requests get a Token with
// an empty ID: sensitive authentication data is never tokenized.
func (t *Tokenizer) Tokenize(ctx context.Context, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	return t.AppendTokens(ctx, nil, reqs)
}

// AppendTokens is Tokenize appending the tokens to dst, so a caller
// tokenizing batch after batch reuses one buffer. On error dst is
// returned unchanged.
func (t *Tokenizer) AppendTokens(ctx context.Context, dst []tazala.Token, reqs []tazala.TokenRequest) ([]tazala.Token, error) {
	return t.appendTokens(ctx, dst, reqs, nil)
}

// AppendTokensRaw is AppendTokens for values as written in their record
// (JSON escapes, URL-encoding): decode turns one into the value proper
// (appending it to its first argument), and is called only for the values
// not in the cache, which keeps raw values apart from decoded ones. A
// caller that would copy every value to decode it copies none on a hit.
func (t *Tokenizer) AppendTokensRaw(ctx context.Context, dst []tazala.Token, reqs []tazala.TokenRequest, decode func(dst, raw []byte) []byte) ([]tazala.Token, error) {
	if decode == nil {
		return dst, fmt.Errorf("tokenize/local: AppendTokensRaw without a decoder")
	}
	return t.appendTokens(ctx, dst, reqs, decode)
}

func (t *Tokenizer) appendTokens(ctx context.Context, dst []tazala.Token, reqs []tazala.TokenRequest, decode func(dst, raw []byte) []byte) ([]tazala.Token, error) {
	if err := ctx.Err(); err != nil {
		return dst, fmt.Errorf("tokenize/local: %w", err)
	}
	n := len(dst)
	dst = slices.Grow(dst, len(reqs))[:n+len(reqs)]
	out := dst[n:]
	clear(out)
	st := t.pool.Get().(*state)
	// three passes over the batch, so the cache's memory latency overlaps
	// instead of adding up: hash every value, then load every set, then
	// compare the entries' keys (each pass's loads are independent of one
	// another; one value at a time would wait for two cache misses in turn)
	st.keys = slices.Grow(st.keys[:0], len(reqs))[:len(reqs)]
	for i, r := range reqs {
		out[i].Kind = r.Kind
		if r.Kind == tazala.KindCVV || !r.Kind.Valid() {
			st.keys[i] = cacheKey{}
			continue
		}
		st.keys[i] = cacheKeyOf(&t.seeds, r.Kind, r.Value, decode != nil)
	}
	st.ents = slices.Grow(st.ents[:0], len(reqs))[:len(reqs)]
	for i, k := range st.keys {
		set := t.slots[k.a&(cacheSlots-1)&^1:][:2]
		st.ents[i] = [2]*slot{set[0].Load(), set[1].Load()}
	}
	// read each first entry's key in a loop with nothing else to wait
	// for, so the entries arrive in the cache together (a prefetch; the
	// sum is kept only so the loads are not dropped)
	var touch uint64
	for _, es := range st.ents {
		if e := es[0]; e != nil {
			touch += e.key.a
		}
	}
	st.touch = touch
	var hits, misses uint64
	for i, r := range reqs {
		if r.Kind == tazala.KindCVV || !r.Kind.Valid() {
			continue
		}
		k := st.keys[i]
		if e := st.ents[i][0]; e != nil && e.key == k {
			hits++
			out[i].ID = e.id()
			continue
		}
		if e := st.ents[i][1]; e != nil && e.key == k {
			hits++
			out[i].ID = e.id()
			continue
		}
		// not there when the batch looked: an earlier request of the same
		// batch may have put it there since
		set := t.slots[k.a&(cacheSlots-1)&^1:][:2]
		e0 := set[0].Load()
		if e0 != nil && e0.key == k {
			hits++
			out[i].ID = e0.id()
			continue
		}
		misses++
		v := r.Value
		if decode != nil {
			st.dec = decode(st.dec[:0], v)
			v = st.dec
		}
		st.in = tazala.AppendMACInput(st.in[:0], r.Kind, v)
		st.mac.Reset()
		st.mac.Write(st.in)
		e := newSlot(k, st.mac.Sum(st.sum[:0]))
		// first in, first out within the set: the newer entry moves to the
		// second slot, the older one is evicted (a reader meanwhile may
		// miss both: it computes the same token again)
		if e0 != nil {
			set[1].Store(e0)
		}
		set[0].Store(e)
		out[i].ID = e.id()
	}
	clear(st.in)
	clear(st.dec)
	clear(st.ents) // drop the references: evicted entries can go
	t.pool.Put(st)
	t.hits.Add(hits)
	t.misses.Add(misses)
	return dst, nil
}

// cacheKeyOf is the cache key of a value of kind k as written: two seeded
// 64-bit hashes of it, each mixed with the kind so the same digits of two
// kinds never meet, and with whether the value is still encoded (raw), so
// `a\u0040b` encoded and the same eight characters decoded never meet.
func cacheKeyOf(seeds *[2]maphash.Seed, k tazala.Kind, v []byte, raw bool) cacheKey {
	m := uint64(k) * 0x9e3779b97f4a7c15
	if raw {
		m = (uint64(k) + uint64(tazala.NumKinds)) * 0x9e3779b97f4a7c15
	}
	return cacheKey{maphash.Bytes(seeds[0], v) ^ m, maphash.Bytes(seeds[1], v) ^ m}
}

// newSlot returns the cache entry for key k and MAC mac: its ID is
// tazala.TokenID(mac) (TestTokenDefinition keeps them equal) in the
// entry's own bytes, so a cold token costs one allocation.
func newSlot(k cacheKey, mac []byte) *slot {
	e := &slot{key: k}
	n := copy(e.buf[:], tazala.TokenPrefix)
	tokenEncoding.Encode(e.buf[n:], mac[:15])
	return e
}

var tokenEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// Stats returns the token cache's hits and misses.
func (t *Tokenizer) Stats() (hits, misses uint64) {
	return t.hits.Load(), t.misses.Load()
}

// Close implements tazala.Tokenizer.
func (t *Tokenizer) Close() error { return nil }
