# Card-data blind corpus (internal/blindf, docs/blindf.md): PANs in many
# notations, expiry and CVV with code-shaped negatives near card words.
# Tune on tune.*; held.* is only ever scored.

BLINDF_OUT  ?= /tmp/blindf
BLINDF_N    ?= 5000
BLINDF_SEED ?= 1
BLINDF_SCORE ?= $(firstword $(wildcard ../shared/eval/score.py ../../shared/eval/score.py /work/shared/eval/score.py))

.PHONY: blindf-corpus blindf-score

## blindf-corpus: write tune/held corpora and truth files into BLINDF_OUT.
blindf-corpus:
	BLINDF_OUT=$(BLINDF_OUT) BLINDF_N=$(BLINDF_N) BLINDF_SEED=$(BLINDF_SEED) $(GO) test -count=1 -run '^TestWriteCorpus$$' ./internal/blindf

## blindf-score: scan both parts with bin/tazala and print exact/overlap F1 per kind.
blindf-score: build blindf-corpus
	@for p in tune held; do \
		echo "== $$p"; \
		$(BIN)/tazala scan --findings $(BLINDF_OUT)/$$p.findings.jsonl --out /dev/null $(BLINDF_OUT)/$$p.jsonl 2>/dev/null; \
		python3 $(BLINDF_SCORE) $(BLINDF_OUT)/$$p.truth.jsonl $(BLINDF_OUT)/$$p.findings.jsonl; \
	done
