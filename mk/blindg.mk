# Last independent corpus (internal/blindg, docs/blindg.md): card security
# codes among other codes, card numbers in varied notations and containers,
# names in varied forms, hard negatives. Entirely held out; scored once for
# the closing figure. Never tune the scanner on it.

BLINDG_OUT  ?= /tmp/blindg
BLINDG_N    ?= 6000
BLINDG_SEED ?= 1
BLINDG_SCORE ?= $(firstword $(wildcard ../shared/eval/score.py ../../shared/eval/score.py /work/shared/eval/score.py))

.PHONY: blindg-corpus blindg-score

## blindg-corpus: write blindg.jsonl and blindg.truth.jsonl into BLINDG_OUT.
blindg-corpus:
	BLINDG_OUT=$(BLINDG_OUT) BLINDG_N=$(BLINDG_N) BLINDG_SEED=$(BLINDG_SEED) $(GO) test -count=1 -run '^TestWriteCorpus$$' ./internal/blindg

## blindg-score: scan the corpus with bin/tazala, score per kind (exact and overlap) and count findings on PII-free lines.
blindg-score: build blindg-corpus
	$(BIN)/tazala scan --findings $(BLINDG_OUT)/findings.jsonl --out /dev/null $(BLINDG_OUT)/blindg.jsonl 2>/dev/null
	python3 $(BLINDG_SCORE) $(BLINDG_OUT)/blindg.truth.jsonl $(BLINDG_OUT)/findings.jsonl
	@python3 -c 'import json,sys; e={json.loads(l)["line"] for l in open(sys.argv[1]) if not json.loads(l)["spans"]}; f=[json.loads(l) for l in open(sys.argv[2]) if l.strip()]; print("PII-free lines: %d, findings on them: %d" % (len(e), sum(1 for x in f if x["line"] in e)))' $(BLINDG_OUT)/blindg.truth.jsonl $(BLINDG_OUT)/findings.jsonl
