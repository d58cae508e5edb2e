# Blind accuracy (issue 12): internal/blinda writes labelled payment logs
# from templates and vocabularies the scanner was not written against, in
# two disjoint parts. Tune on tune.*; held.* is only ever scored.
# See docs/blinda.md.

BLINDA_OUT ?= $(CURDIR)/$(BIN)/blinda
BLINDA_N   ?= 5000
BLINDA_SEED ?= 1
SCORE_PY   ?= ../shared/eval/score.py

.PHONY: blind-corpus blind-score

## blind-corpus: write tune/held corpora and truth files into BLINDA_OUT.
blind-corpus:
	BLINDA_OUT=$(BLINDA_OUT) BLINDA_N=$(BLINDA_N) BLINDA_SEED=$(BLINDA_SEED) $(GO) test -count=1 -run '^TestWriteCorpus$$' ./internal/blinda

## blind-score: scan both parts with bin/tazala and print exact-span F1 per kind.
blind-score: build blind-corpus
	@for p in tune held; do \
		echo "== $$p"; \
		$(BIN)/tazala scan --findings $(BLINDA_OUT)/$$p.findings.jsonl --out /dev/null $(BLINDA_OUT)/$$p.jsonl 2>/dev/null; \
		python3 $(SCORE_PY) $(BLINDA_OUT)/$$p.truth.jsonl $(BLINDA_OUT)/$$p.findings.jsonl | sed -n '2,10p'; \
	done
