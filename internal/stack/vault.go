package stack

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/tazala/tazala/internal/stack/launch"
)

// Vault launcher types and names (see internal/stack/launch).
type (
	Vault       = launch.Vault
	VaultConfig = launch.VaultConfig
)

// Transit key names and the dev root token (launch's).
const (
	HMACKey      = launch.HMACKey
	EncryptKey   = launch.EncryptKey
	DevRootToken = launch.DevRootToken
)

// VaultBin, StartVault and LogDir are launch's.
var (
	VaultBin   = launch.VaultBin
	StartVault = launch.StartVault
	LogDir     = launch.LogDir
)

// NeedVaultBin returns the Vault binary, or skips (fails under
// TAZALA_REQUIRE_STACK=1) when it is not built; for tests that start their
// own server with StartVault.
func NeedVaultBin(tb testing.TB) string {
	tb.Helper()
	Integration(tb)
	bin, ok := VaultBin()
	if !ok {
		Missing(tb, "Vault server binary", "make vault-bin")
	}
	return bin
}

var sharedVault struct {
	mu  sync.Mutex
	v   *Vault
	err error
}

// NeedVault returns the package's shared Vault dev server (transit and
// tazala's keys ready), starting it on a free loopback port on first use;
// Shutdown (stack.Main) stops it. Without a Vault binary the test skips
// with the command that builds one, or fails under TAZALA_REQUIRE_STACK=1.
// Tests that stop or reconfigure Vault start their own with StartVault.
func NeedVault(tb testing.TB) *Vault {
	tb.Helper()
	NeedVaultBin(tb)
	sharedVault.mu.Lock()
	defer sharedVault.mu.Unlock()
	if sharedVault.v == nil && sharedVault.err == nil {
		v, err := StartVault(context.Background(), VaultConfig{})
		if err != nil {
			sharedVault.err = err
		} else {
			sharedVault.v = v
			OnShutdown(func() {
				v.Stop()
				sharedVault.mu.Lock()
				sharedVault.v, sharedVault.err = nil, nil
				sharedVault.mu.Unlock()
			})
			tb.Logf("vault dev server on %s, ready with transit keys in %v", v.Addr, v.Started.Round(time.Millisecond))
		}
	}
	if sharedVault.err != nil {
		tb.Fatalf("vault dev server: %v", sharedVault.err)
	}
	return sharedVault.v
}
