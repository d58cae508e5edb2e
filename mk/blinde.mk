# Last blind corpus (internal/blinde, docs/blinde.md): a Kazakhstan
# fintech's logs, entirely held out; scored once for the closing figure.
# Never tune the scanner on it.

BLINDE_OUT  ?= /tmp/blinde
BLINDE_N    ?= 6000
BLINDE_SEED ?= 1
BLINDE_SCORE ?= $(firstword $(wildcard ../shared/eval/score.py ../../shared/eval/score.py /work/shared/eval/score.py))

.PHONY: blinde-corpus blinde-score

## blinde-corpus: write blinde.jsonl and blinde.truth.jsonl into BLINDE_OUT.
blinde-corpus:
	BLINDE_OUT=$(BLINDE_OUT) BLINDE_N=$(BLINDE_N) BLINDE_SEED=$(BLINDE_SEED) $(GO) test -count=1 -run '^TestWriteCorpus$$' ./internal/blinde

## blinde-score: scan the corpus with bin/tazala, score per kind (exact and overlap) and count findings on PII-free lines.
blinde-score: build blinde-corpus
	$(BIN)/tazala scan --findings $(BLINDE_OUT)/findings.jsonl --out /dev/null $(BLINDE_OUT)/blinde.jsonl 2>/dev/null
	python3 $(BLINDE_SCORE) $(BLINDE_OUT)/blinde.truth.jsonl $(BLINDE_OUT)/findings.jsonl
	@python3 -c 'import json,sys; e={json.loads(l)["line"] for l in open(sys.argv[1]) if not json.loads(l)["spans"]}; f=[json.loads(l) for l in open(sys.argv[2]) if l.strip()]; print("PII-free lines: %d, findings on them: %d" % (len(e), sum(1 for x in f if x["line"] in e)))' $(BLINDE_OUT)/blinde.truth.jsonl $(BLINDE_OUT)/findings.jsonl
