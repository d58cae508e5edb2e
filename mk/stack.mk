# The real local stack for tests and the demo (no Docker): a Kafka-protocol
# broker (kfake, built into `tazala dev broker`), the embedded ClickHouse
# engine (libchdb.so from npm) and a Vault dev server (mk/vault.mk builds the
# binary). Everything is cached in git-ignored .cache/; `make stack-up`
# keeps PIDs, logs and an env file in git-ignored .stack/.

# chDB: the npm package that ships libchdb.so (ClickHouse 26.5), pinned.
CHDB_VERSION    := 26.5.3
# sha1 of the npm tarball as the registry publishes it (dist.shasum)
CHDB_TGZ_SHA1   := 3e52ecb7d894d9ebb1a6a50ac03f64208cc65501
# sha256 of the libchdb.so inside it, recorded on first download
CHDB_SO_SHA256  := 4330da79405733f7572f27c1442f46c03a08301f00859dce0368645731b1e1dc
TAZALA_LIBCHDB  ?= $(CURDIR)/.cache/chdb/libchdb.so

.PHONY: chdb kcat stack-deps stack-up stack-down stack-status

## chdb: fetch and verify libchdb.so into .cache/chdb/ (once per machine).
chdb:
	@CHDB_VERSION=$(CHDB_VERSION) CHDB_TGZ_SHA1=$(CHDB_TGZ_SHA1) CHDB_SO_SHA256=$(CHDB_SO_SHA256) scripts/fetch-chdb.sh

## kcat: Debian's kcat, the third-party Kafka client of the end-to-end tests.
kcat:
	@scripts/install-kcat.sh

## stack-deps: everything the integration tests need, cached; idempotent.
stack-deps: kcat chdb vault-bin

# `make test` needs the whole stack: install it first, and make a missing
# component fail the tests instead of skipping them (override with
# TAZALA_REQUIRE_STACK=0 make test). `make unit` needs nothing.
test: stack-deps
test: export TAZALA_REQUIRE_STACK ?= 1
test: export TAZALA_LIBCHDB ?= $(CURDIR)/.cache/chdb/libchdb.so

## stack-up: broker on 127.0.0.1:9092, Vault on 127.0.0.1:8200, libchdb; writes .stack/env.
stack-up: chdb vault-bin
	@scripts/stack-up.sh

## stack-down: stop what stack-up started.
stack-down:
	@scripts/stack-down.sh

stack-status:
	@scripts/stack-down.sh --status
