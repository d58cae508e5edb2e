# Independent corpus (internal/blindj, docs/blindj.md): logs of a Kazakhstan
# insurer, a microfinance lender and an eGov-style integration. Held out:
# written without reading the scanner; never tune the scanner on it.

BLINDJ_OUT   ?= /tmp/blindj
BLINDJ_N     ?= 6000
BLINDJ_SEED  ?= 1
BLINDJ_SCORE ?= $(firstword $(wildcard ../shared/eval/score.py ../../shared/eval/score.py /work/shared/eval/score.py))

.PHONY: blindj-corpus blindj-score

## blindj-corpus: write blindj.jsonl and blindj.truth.jsonl into BLINDJ_OUT.
blindj-corpus:
	BLINDJ_OUT=$(BLINDJ_OUT) BLINDJ_N=$(BLINDJ_N) BLINDJ_SEED=$(BLINDJ_SEED) $(GO) test -count=1 -run '^TestWriteCorpus$$' ./internal/blindj

## blindj-score: build bin/tazala, scan the corpus, score per kind (exact and overlap), print findings on PII-free lines.
blindj-score: build blindj-corpus
	$(BIN)/tazala scan --findings $(BLINDJ_OUT)/findings.jsonl --out /dev/null $(BLINDJ_OUT)/blindj.jsonl 2>/dev/null
	python3 $(BLINDJ_SCORE) $(BLINDJ_OUT)/blindj.truth.jsonl $(BLINDJ_OUT)/findings.jsonl
	@python3 -c 'import json,sys; e={json.loads(l)["line"] for l in open(sys.argv[1]) if not json.loads(l)["spans"]}; c=open(sys.argv[3],"rb").read().split(b"\n"); f=[json.loads(l) for l in open(sys.argv[2]) if l.strip()]; h=[x for x in f if x["line"] in e]; print("PII-free lines: %d, findings on them: %d" % (len(e), len(h))); [print("  %s line %d: %s" % (x["type"], x["line"], c[x["line"]-1][max(0,x["start"]-30):x["end"]+30].decode(errors="replace"))) for x in h[:20]]' $(BLINDJ_OUT)/blindj.truth.jsonl $(BLINDJ_OUT)/findings.jsonl $(BLINDJ_OUT)/blindj.jsonl
