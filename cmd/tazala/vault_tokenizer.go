package main

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/urfave/cli/v2"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/metrics"
	"github.com/tazala/tazala/tokenize/vault"
)

// openVaultTokenizer connects to Vault with the standard VAULT_*
// environment (see tokenize/vault.ConfigFromEnv).
func openVaultTokenizer(c *cli.Context) (tazala.Tokenizer, error) {
	tk, err := vault.New(c.Context, vault.ConfigFromEnv())
	if err != nil {
		return nil, cli.Exit(err.Error(), exitFailure)
	}
	// a bad address, token or missing key fails now, not on the first block
	if err := tk.Ping(c.Context); err != nil {
		tk.Close()
		return nil, cli.Exit(err.Error(), exitFailure)
	}
	return tk, nil
}

// vaultMetrics registers the Vault tokenizer's counters with the daemon's
// metrics: the cache's hits and misses (tazala_token_cache_*), and what
// went to Vault: distinct values sent, values left to a concurrent call
// already asking for them, transit requests and HTTP attempts. The hit
// ratio counts every request, so a new value repeated within a batch is a
// miss each time while Vault sees it once: values sent per record is what
// Vault's load follows.
func vaultMetrics(m *metrics.Metrics, vt *vault.Tokenizer) {
	m.TokenCache("vault", func() (uint64, uint64) { s := vt.Stats(); return s.Hits, s.Misses })
	for _, c := range []struct {
		name, help string
		get        func(vault.Stats) uint64
	}{
		{"tazala_vault_values_sent_total", "Distinct values sent to Vault transit (each an hmac and an encrypt item).", func(s vault.Stats) uint64 { return s.Values }},
		{"tazala_vault_values_shared_total", "Values not sent because a concurrent call was already asking Vault for them.", func(s vault.Stats) uint64 { return s.Shared }},
		{"tazala_vault_requests_total", "Vault transit requests (batch_input hmac or encrypt; retries not counted).", func(s vault.Stats) uint64 { return s.RoundTrips }},
		{"tazala_vault_http_attempts_total", "HTTP attempts to Vault, retries included.", func(s vault.Stats) uint64 { return s.Attempts }},
	} {
		get := c.get
		m.Registry.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: c.name, Help: c.help},
			func() float64 { return float64(get(vt.Stats())) }))
	}
}
