# tazala — build, test, benchmark.
# The real local stack (Kafka-protocol broker, libchdb, Vault) lives in mk/stack.mk.

GO       ?= go
BIN      := bin
PKGS     := ./...
export GOFLAGS := -buildvcs=false

.PHONY: all build test unit bench fuzz lint tidy-check sample clean

all: build

build:
	$(GO) build -o $(BIN)/tazala ./cmd/tazala

## test: everything CI runs: vet, unit tests, integration tests against the real stack.
test: build
	$(GO) vet $(PKGS)
	$(GO) test -race -shuffle=on -count=1 $(PKGS)

## unit: fast tests that need nothing running.
unit:
	$(GO) test -short -count=1 $(PKGS)

# bench: see mk/scanner.mk

FUZZTIME ?= 30s
## fuzz: run every fuzz target (scanner, redaction, windows, index, HTTP authz, name normalization) for FUZZTIME each.
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzScan$$' -fuzztime=$(FUZZTIME) ./scanner
	$(GO) test -run='^$$' -fuzz='^FuzzJSONWalk$$' -fuzztime=$(FUZZTIME) ./scanner
	$(GO) test -run='^$$' -fuzz='^FuzzRedact$$' -fuzztime=$(FUZZTIME) ./redact
	$(GO) test -run='^$$' -fuzz='^FuzzRedactOverlap$$' -fuzztime=$(FUZZTIME) ./redact
	$(GO) test -run='^$$' -fuzz='^FuzzAppendString$$' -fuzztime=$(FUZZTIME) ./index
	$(GO) test -run='^$$' -fuzz='^FuzzParseAST$$' -fuzztime=$(FUZZTIME) ./chhttp
	$(MAKE) fuzz-procspeed fuzz-windows FUZZTIME=$(FUZZTIME)

STATICCHECK := $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint: tidy-check
	$(GO) vet $(PKGS)
	$(STATICCHECK) $(PKGS)

## tidy-check: go.mod and go.sum match the imports.
tidy-check:
	$(GO) mod tidy -diff

## sample: scan the bundled sample with embedded defaults (no servers needed).
sample: build
	$(BIN)/tazala scan testdata/sample/sample.jsonl

clean:
	rm -rf $(BIN)

# Each area keeps its own targets in mk/*.mk (stack, vault, store, daemon, ...).
-include $(sort $(wildcard mk/*.mk))
