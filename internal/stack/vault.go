package stack

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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

// VaultBin returns the Vault binary: $TAZALA_VAULT_BIN, else
// .cache/vault/vault (built by `make vault-bin`). ok is false when absent.
func VaultBin() (string, bool) {
	p := os.Getenv("TAZALA_VAULT_BIN")
	if p == "" {
		p = CachePath("vault", "vault")
	}
	st, err := os.Stat(p)
	return p, err == nil && st.Mode()&0o111 != 0
}

// VaultConfig configures a dev server.
type VaultConfig struct {
	Bin  string // default VaultBin()
	Addr string // default a free loopback port
	// Token is the root token (default DevRootToken).
	Token string
	// Log receives the server's output (default discarded).
	LogPath string
}

// Vault is a running Vault dev server with transit enabled and tazala's
// keys created.
type Vault struct {
	Addr    string // host:port
	URL     string // http://host:port
	Token   string
	cmd     *exec.Cmd
	cfg     VaultConfig
	Started time.Duration // how long start-up took
}

// StartVault starts `vault server -dev` and waits until it answers, then
// enables transit and creates the keys. A dev server keeps its data in
// memory: Stop loses the keys (tests that stop Vault mid-run check fail
// closed and recovery on a new server, not token continuity).
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
	v := &Vault{Addr: cfg.Addr, URL: "http://" + cfg.Addr, Token: cfg.Token, cfg: cfg}
	if err := v.start(ctx); err != nil {
		return nil, err
	}
	return v, nil
}

func (v *Vault) start(ctx context.Context) error {
	begin := time.Now()
	cmd := exec.Command(v.cfg.Bin, "server", "-dev",
		"-dev-root-token-id="+v.cfg.Token,
		"-dev-listen-address="+v.cfg.Addr,
		"-dev-no-store-token")
	cmd.Env = append(os.Environ(), "VAULT_DISABLE_MLOCK=true", "HOME="+os.TempDir())
	var logBuf bytes.Buffer
	if v.cfg.LogPath != "" {
		f, err := os.OpenFile(v.cfg.LogPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return fmt.Errorf("stack: vault log: %w", err)
		}
		cmd.Stdout, cmd.Stderr = f, f
	} else {
		cmd.Stdout, cmd.Stderr = &logBuf, &logBuf
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("stack: start vault: %w", err)
	}
	v.cmd = cmd
	if err := WaitTCP(v.cfg.Addr, 30*time.Second); err != nil {
		v.Stop()
		return fmt.Errorf("stack: vault did not come up: %w", err)
	}
	c, err := v.Client()
	if err != nil {
		v.Stop()
		return err
	}
	// ready when unsealed and answering
	deadline := time.Now().Add(30 * time.Second)
	for {
		h, err := c.Sys().HealthWithContext(ctx)
		if err == nil && h.Initialized && !h.Sealed {
			break
		}
		if time.Now().After(deadline) {
			v.Stop()
			return fmt.Errorf("stack: vault not ready: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := c.Sys().MountWithContext(ctx, "transit", &vapi.MountInput{Type: "transit"}); err != nil {
		v.Stop()
		return fmt.Errorf("stack: enable transit: %w", err)
	}
	for _, k := range []string{HMACKey, EncryptKey} {
		if _, err := c.Logical().WriteWithContext(ctx, "transit/keys/"+k, map[string]any{"type": "aes256-gcm96"}); err != nil {
			v.Stop()
			return fmt.Errorf("stack: create transit key %s: %w", k, err)
		}
	}
	v.Started = time.Since(begin)
	return nil
}

// Client returns a root client for the server.
func (v *Vault) Client() (*vapi.Client, error) {
	cfg := vapi.DefaultConfig()
	cfg.Address = v.URL
	cfg.MaxRetries = 0
	c, err := vapi.NewClient(cfg)
	if err != nil {
		return nil, fmt.Errorf("stack: vault client: %w", err)
	}
	c.SetToken(v.Token)
	return c, nil
}

// Stop stops the server (and its process group) and waits for it.
func (v *Vault) Stop() error {
	if v.cmd == nil || v.cmd.Process == nil {
		return nil
	}
	syscall.Kill(-v.cmd.Process.Pid, syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- v.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		syscall.Kill(-v.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
	v.cmd = nil
	return nil
}

// Restart starts a fresh dev server on the same address (transit and keys
// recreated; earlier key material is gone).
func (v *Vault) Restart(ctx context.Context) error {
	v.Stop()
	return v.start(ctx)
}

// LogDir returns a directory for component logs under .stack/.
func LogDir() string {
	root, err := ModuleRoot()
	if err != nil {
		return os.TempDir()
	}
	d := filepath.Join(root, ".stack")
	os.MkdirAll(d, 0o755)
	return d
}
