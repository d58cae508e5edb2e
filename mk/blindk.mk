# Blind corpus k (telecom operator + partner bank, scored once): see docs/blindk.md.

BLINDK_OUT ?= $(CURDIR)/$(BIN)/blindk
BLINDK_N   ?= 5000
BLINDK_SCORE ?= $(firstword $(wildcard ../shared/eval/score.py /work/shared/eval/score.py))

.PHONY: blindk-corpus blindk-score

## blindk-corpus: write blindk.jsonl and blindk.truth.jsonl into BLINDK_OUT.
blindk-corpus:
	BLINDK_OUT=$(BLINDK_OUT) BLINDK_N=$(BLINDK_N) $(GO) test -count=1 -run '^TestWriteCorpus$$' ./internal/blindk

## blindk-score: scan the blindk corpus with bin/tazala and print exact/overlap F1 per kind.
blindk-score: build blindk-corpus
	$(BIN)/tazala scan --findings $(BLINDK_OUT)/blindk.findings.jsonl --out /dev/null $(BLINDK_OUT)/blindk.jsonl
	python3 $(BLINDK_SCORE) $(BLINDK_OUT)/blindk.truth.jsonl $(BLINDK_OUT)/blindk.findings.jsonl --corpus $(BLINDK_OUT)/blindk.jsonl --show 10
