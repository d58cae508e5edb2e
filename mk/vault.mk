# The real Vault server for tests and the demo, built from the Go module
# proxy once per machine into .cache/vault (git-ignored).
VAULT_BIN ?= $(CURDIR)/.cache/vault/vault

.PHONY: vault-bin
vault-bin:
	scripts/build-vault.sh
