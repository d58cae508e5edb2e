# Blind card-data corpus (internal/blindd, docs/blindd.md): labelled PAN,
# expiry, CVV and cardholder lines plus card-shaped hard negatives, in two
# disjoint parts. Tune on tune.*; held.* is only ever scored.

BLINDD_OUT  ?= /tmp/blindd
BLINDD_N    ?= 5000
BLINDD_SEED ?= 1
BLINDD_SCORE ?= /work/shared/eval/score.py

.PHONY: blindd-corpus blindd-score

## blindd-corpus: write tune/held corpora, truth and template names into BLINDD_OUT.
blindd-corpus:
	BLINDD_OUT=$(BLINDD_OUT) BLINDD_N=$(BLINDD_N) BLINDD_SEED=$(BLINDD_SEED) $(GO) test -count=1 -run '^TestWriteCorpus$$' ./internal/blindd

## blindd-score: scan both parts with bin/tazala and print exact-span scores per kind.
blindd-score: build blindd-corpus
	@for p in tune held; do \
		echo "== $$p"; \
		$(BIN)/tazala scan --findings $(BLINDD_OUT)/$$p.findings.jsonl --out /dev/null $(BLINDD_OUT)/$$p.jsonl 2>/dev/null; \
		python3 $(BLINDD_SCORE) $(BLINDD_OUT)/$$p.truth.jsonl $(BLINDD_OUT)/$$p.findings.jsonl | sed -n '2,10p'; \
	done
