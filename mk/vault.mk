# The real Vault server for tests and the demo, built from the Go module
# proxy once per machine into .cache/vault (git-ignored): scripts/build-vault.sh
# downloads github.com/hashicorp/vault@$(VAULT_VERSION) into the default module
# cache, copies it to a writable directory, drops its local replace directives
# and builds it (~7-8 min on 2 cores with a cold build cache, ~30 s warm; a
# 300 MB stripped binary). Skipped when the binary exists and reports that
# version. Newer tags do not compile against any published vault/sdk.
VAULT_VERSION ?= v1.17.6

.PHONY: vault-bin
## vault-bin: build .cache/vault/vault (once per machine).
vault-bin:
	@VAULT_VERSION=$(VAULT_VERSION) scripts/build-vault.sh

.PHONY: bench-vault
## bench-vault: the Vault tokenizer against a real dev server with its audit
## device on: tokens/s, Vault's CPU and audit bytes per value sent, round
## trips (VAULT_BENCHTIME=20x). End to end: BENCH_TOKENIZER=vault make bench-pipeline.
VAULT_BENCHTIME ?= 20x
bench-vault: vault-bin
	go test -run '^$$' -bench 'Vault' -benchtime $(VAULT_BENCHTIME) ./tokenize/vault
