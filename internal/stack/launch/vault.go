package launch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	vapi "github.com/hashicorp/vault/api"
)

// Transit key names tazala uses.
const (
	HMACKey    = "tazala-hmac"
	EncryptKey = "tazala-pii"
	// DevRootToken is the root token of dev servers started here.
	DevRootToken = "tazala-dev-root"
)

// VaultBin returns the Vault binary: $TAZALA_VAULT_BIN, else $VAULT_BIN,
// else <module root>/.cache/vault/vault (built by `make vault-bin`). ok is
// false when absent or not executable.
func VaultBin() (string, bool) {
	p := os.Getenv("TAZALA_VAULT_BIN")
	if p == "" {
		p = os.Getenv("VAULT_BIN")
	}
	if p == "" {
		p = CachePath("vault", "vault")
	}
	st, err := os.Stat(p)
	return p, err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0
}

// VaultConfig configures a dev server.
type VaultConfig struct {
	Bin  string // default VaultBin()
	Addr string // host:port; default a free loopback port
	// Token is the root token (default DevRootToken).
	Token string
	// LogPath receives the server's output (default: kept in memory and
	// quoted in start-up errors).
	LogPath string
	// ReadyTimeout bounds start-up (default 30s).
	ReadyTimeout time.Duration
}

// Vault is a running Vault dev server with transit enabled and tazala's
// keys created.
//
// A dev server keeps everything in memory, so a plain restart would lose
// the transit keys and every token would change. To let tests stop Vault
// mid-run and check recovery with the same tokens, the keys of a dev
// server are created exportable with plaintext backup allowed (acceptable
// for a throw-away loopback server, never for production): Stop takes a
// backup of both keys while the server still answers, and Restart (or a
// start after Stop) restores them, so tokens survive a restart.
type Vault struct {
	Addr    string // host:port
	URL     string // http://host:port
	Token   string
	Started time.Duration // how long the last start took, up to keys ready

	cfg     VaultConfig
	mu      sync.Mutex
	cmd     *exec.Cmd
	exited  chan struct{}     // closed when cmd has exited (one goroutine waits)
	log     *bytes.Buffer     // server output when no LogPath
	backups map[string]string // key name → transit backup, taken by Stop
}

// StartVault starts `vault server -dev` on cfg.Addr, waits until it is
// unsealed and answering (deadline cfg.ReadyTimeout), enables transit and
// creates tazala's keys (aes256-gcm96).
func StartVault(ctx context.Context, cfg VaultConfig) (*Vault, error) {
	if cfg.Bin == "" {
		bin, ok := VaultBin()
		if !ok {
			return nil, fmt.Errorf("stack: vault binary not found at %s (run `make vault-bin`)", bin)
		}
		cfg.Bin = bin
	}
	if cfg.Addr == "" {
		a, err := FreeAddr()
		if err != nil {
			return nil, err
		}
		cfg.Addr = a
	}
	if cfg.Token == "" {
		cfg.Token = DevRootToken
	}
	if cfg.ReadyTimeout <= 0 {
		cfg.ReadyTimeout = 30 * time.Second
	}
	v := &Vault{Addr: cfg.Addr, URL: "http://" + cfg.Addr, Token: cfg.Token, cfg: cfg}
	if err := v.start(ctx); err != nil {
		return nil, err
	}
	return v, nil
}

func (v *Vault) start(ctx context.Context) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.cmd != nil {
		return fmt.Errorf("stack: vault on %s is already running", v.Addr)
	}
	if c, err := net.DialTimeout("tcp", v.Addr, 200*time.Millisecond); err == nil {
		c.Close()
		return fmt.Errorf("stack: vault: %s is taken by another process (find it: ss -ltnp 'sport = :%s')", v.Addr, portOf(v.Addr))
	}
	begin := time.Now()
	ctx, cancel := context.WithTimeout(ctx, v.cfg.ReadyTimeout)
	defer cancel()
	cmd := exec.Command(v.cfg.Bin, "server", "-dev",
		"-dev-root-token-id="+v.cfg.Token,
		"-dev-listen-address="+v.cfg.Addr,
		"-dev-no-store-token")
	// HOME: the dev server would otherwise write ~/.vault-token
	cmd.Env = append(os.Environ(), "VAULT_DISABLE_MLOCK=true", "HOME="+os.TempDir())
	var out io.Writer
	if v.cfg.LogPath != "" {
		f, err := os.OpenFile(v.cfg.LogPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return fmt.Errorf("stack: vault log: %w", err)
		}
		defer f.Close() // the child keeps its own descriptor
		out = f
	} else {
		v.log = &bytes.Buffer{}
		out = &lockedWriter{w: v.log}
	}
	cmd.Stdout, cmd.Stderr = out, out
	// own process group (Stop signals the group); Pdeathsig: a test
	// binary that dies without Stop does not leave the server behind
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("stack: start vault: %w", err)
	}
	v.cmd = cmd
	exited := make(chan struct{})
	v.exited = exited
	go func() { cmd.Wait(); close(exited) }()
	fail := func(format string, args ...any) error {
		v.stopLocked()
		err := fmt.Errorf(format, args...)
		if tail := v.logTail(); tail != "" {
			err = fmt.Errorf("%w; server log tail:\n%s", err, tail)
		}
		return err
	}
	c, err := v.client()
	if err != nil {
		return fail("stack: vault client: %w", err)
	}
	for {
		h, err := c.Sys().HealthWithContext(ctx)
		if err == nil && h.Initialized && !h.Sealed {
			break
		}
		select {
		case <-exited:
			return fail("stack: vault exited during start-up (port %s taken?)", v.Addr)
		case <-ctx.Done():
			return fail("stack: vault not ready on %s after %v: %v", v.Addr, v.cfg.ReadyTimeout, err)
		case <-time.After(25 * time.Millisecond):
		}
	}
	if err := c.Sys().MountWithContext(ctx, "transit", &vapi.MountInput{Type: "transit"}); err != nil {
		return fail("stack: enable transit: %w", err)
	}
	for _, k := range []string{HMACKey, EncryptKey} {
		if b, ok := v.backups[k]; ok {
			if _, err := c.Logical().WriteWithContext(ctx, "transit/restore/"+k, map[string]any{"backup": b}); err != nil {
				return fail("stack: restore transit key %s: %w", k, err)
			}
			continue
		}
		if _, err := c.Logical().WriteWithContext(ctx, "transit/keys/"+k, map[string]any{
			"type": "aes256-gcm96", "exportable": true, "allow_plaintext_backup": true,
		}); err != nil {
			return fail("stack: create transit key %s: %w", k, err)
		}
	}
	v.Started = time.Since(begin)
	return nil
}

// Client returns a root client for the server (no retries).
func (v *Vault) Client() (*vapi.Client, error) {
	c, err := v.client()
	if err != nil {
		return nil, fmt.Errorf("stack: vault client: %w", err)
	}
	return c, nil
}

func (v *Vault) client() (*vapi.Client, error) {
	cfg := vapi.DefaultConfig()
	cfg.Address = v.URL
	cfg.MaxRetries = 0
	cfg.Timeout = 5 * time.Second
	c, err := vapi.NewClient(cfg)
	if err != nil {
		return nil, err
	}
	c.SetToken(v.Token)
	c.SetNamespace("")
	return c, nil
}

// Running reports whether the server process is running.
func (v *Vault) Running() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.cmd != nil
}

// Stop backs up the transit keys (when the server still answers), stops
// the server and its process group and waits for it. Stopping a stopped
// server does nothing.
func (v *Vault) Stop() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.cmd == nil {
		return nil
	}
	v.backupLocked()
	v.stopLocked()
	return nil
}

// Restart stops the server (if running) and starts a fresh one on the
// same address with the same transit keys (see Vault).
func (v *Vault) Restart(ctx context.Context) error {
	v.Stop()
	return v.start(ctx)
}

func (v *Vault) backupLocked() {
	c, err := v.client()
	if err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	backups := map[string]string{}
	for _, k := range []string{HMACKey, EncryptKey} {
		sec, err := c.Logical().ReadWithContext(ctx, "transit/backup/"+k)
		if err != nil || sec == nil {
			return // keep the previous backup, if any
		}
		b, _ := sec.Data["backup"].(string)
		if b == "" {
			return
		}
		backups[k] = b
	}
	v.backups = backups
}

func (v *Vault) stopLocked() {
	if v.cmd == nil {
		return
	}
	pid := v.cmd.Process.Pid
	syscall.Kill(-pid, syscall.SIGTERM)
	select {
	case <-v.exited:
	case <-time.After(10 * time.Second):
		syscall.Kill(-pid, syscall.SIGKILL)
		<-v.exited
	}
	v.cmd = nil
}

func (v *Vault) logTail() string {
	var b []byte
	if v.log != nil {
		b = v.log.Bytes()
	} else if v.cfg.LogPath != "" {
		b, _ = os.ReadFile(v.cfg.LogPath)
	}
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(bytes.TrimSpace(b))
}

func portOf(addr string) string {
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	return p
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// LogDir returns a directory for component logs under .stack/.
func LogDir() string {
	root, err := ModuleRoot()
	if err != nil {
		return os.TempDir()
	}
	d := filepath.Join(root, ".stack")
	if err := os.MkdirAll(d, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
		return os.TempDir()
	}
	return d
}
