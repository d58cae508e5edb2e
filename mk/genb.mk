# Blind customer-contact corpus (internal/blindb, docs/blindb.md): writes
# the Tune and Held halves with their truth files into BLINDB_DIR and
# scores the scanner on both. Held is for measuring only: don't read its
# misses when tuning the scanner.

BLINDB_DIR ?= /tmp/blindb
BLINDB_N ?= 5000
BLINDB_SCORE ?= /work/shared/eval/score.py

.PHONY: blindb
## blindb: generate the blind customer-contact corpus (Tune/Held) and score the scanner on it.
blindb:
	BLINDB_OUT=$(BLINDB_DIR) BLINDB_N=$(BLINDB_N) go test -count=1 -run '^TestWriteCorpus$$' ./internal/blindb/
	$(GO) build -o $(BLINDB_DIR)/tazala ./cmd/tazala
	@for p in tune held; do \
		echo "== $$p"; \
		$(BLINDB_DIR)/tazala scan -q --findings $(BLINDB_DIR)/$$p.findings.jsonl --out /dev/null $(BLINDB_DIR)/$$p.jsonl; \
		python3 $(BLINDB_SCORE) $(BLINDB_DIR)/$$p.truth.jsonl $(BLINDB_DIR)/$$p.findings.jsonl | sed -n '1,10p'; \
	done
