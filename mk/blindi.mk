# PII-free operational logs (internal/blindi, docs/blindi.md): core-banking
# batches, ATM/POS journals with masked PANs, SWIFT/ISO 20022, telecom CDR
# summaries, payroll/ERP/1C, ETL, queues, HashiCorp, CDN/WAF, alerts in
# Kazakh and Russian. Every line is a negative: any finding is a false alarm.
# Written without reading the scanner; not for tuning.

BLINDI_OUT  ?= /tmp/blindi
BLINDI_N    ?= 10000
BLINDI_SEED ?= 1

.PHONY: blindi-corpus blindi-count

## blindi-corpus: write blindi.jsonl, blindi.truth.jsonl (no spans) and blindi.templates.txt into BLINDI_OUT.
blindi-corpus:
	BLINDI_OUT=$(BLINDI_OUT) BLINDI_N=$(BLINDI_N) BLINDI_SEED=$(BLINDI_SEED) $(GO) test -count=1 -run '^TestWriteCorpus$$' ./internal/blindi

## blindi-count: scan the PII-free corpus with bin/tazala and count findings per kind and per template.
blindi-count: build blindi-corpus
	$(BIN)/tazala scan --findings $(BLINDI_OUT)/findings.jsonl --out /dev/null $(BLINDI_OUT)/blindi.jsonl 2>/dev/null
	python3 internal/blindi/testdata/count.py $(BLINDI_OUT)
