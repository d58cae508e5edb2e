# Independent corpus (internal/blindh, docs/blindh.md): logs of a Kazakhstan
# marketplace, delivery service and its payment provider. Entirely held out:
# written without reading the scanner, scored for the closing figure. Never
# tune the scanner on it.

BLINDH_OUT  ?= /tmp/blindh
BLINDH_N    ?= 6000
BLINDH_SEED ?= 1
BLINDH_SCORE ?= $(firstword $(wildcard ../shared/eval/score.py ../../shared/eval/score.py /work/shared/eval/score.py))

.PHONY: blindh-corpus blindh-score

## blindh-corpus: write blindh.jsonl and blindh.truth.jsonl into BLINDH_OUT.
blindh-corpus:
	BLINDH_OUT=$(BLINDH_OUT) BLINDH_N=$(BLINDH_N) BLINDH_SEED=$(BLINDH_SEED) $(GO) test -count=1 -run '^TestWriteCorpus$$' ./internal/blindh

## blindh-score: scan the corpus with bin/tazala, score per kind (exact and overlap) and count findings on PII-free lines.
blindh-score: build blindh-corpus
	$(BIN)/tazala scan --findings $(BLINDH_OUT)/findings.jsonl --out /dev/null $(BLINDH_OUT)/blindh.jsonl 2>/dev/null
	python3 $(BLINDH_SCORE) $(BLINDH_OUT)/blindh.truth.jsonl $(BLINDH_OUT)/findings.jsonl
	@python3 -c 'import json,sys; e={json.loads(l)["line"] for l in open(sys.argv[1]) if not json.loads(l)["spans"]}; f=[json.loads(l) for l in open(sys.argv[2]) if l.strip()]; print("PII-free lines: %d, findings on them: %d" % (len(e), sum(1 for x in f if x["line"] in e)))' $(BLINDH_OUT)/blindh.truth.jsonl $(BLINDH_OUT)/findings.jsonl
