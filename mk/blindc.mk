# Blind PII-free operational logs (internal/blindc, docs/blindc.md): every
# line is free of personal data, so every finding is a false alarm. Writes
# the Tune and Held halves (with empty-span truth files and the template of
# every line) into BLINDC_DIR and counts findings per kind and per template.
# Held is for measuring only: don't read its false alarms when tuning.

BLINDC_DIR  ?= /tmp/blindc
BLINDC_N    ?= 10000
BLINDC_SEED ?= 1
BLINDC_SCORE ?= /work/shared/eval/score.py

.PHONY: blindc
## blindc: generate the blind PII-free ops-log corpus (Tune/Held) and count the scanner's false alarms per kind and template.
blindc:
	BLINDC_OUT=$(BLINDC_DIR) BLINDC_N=$(BLINDC_N) BLINDC_SEED=$(BLINDC_SEED) $(GO) test -count=1 -run '^TestWriteCorpus$$' ./internal/blindc/
	$(GO) build -o $(BLINDC_DIR)/tazala ./cmd/tazala
	@for p in tune held; do \
		echo "== $$p"; \
		$(BLINDC_DIR)/tazala scan -q --findings $(BLINDC_DIR)/$$p.findings.jsonl --out /dev/null $(BLINDC_DIR)/$$p.jsonl; \
		python3 $(BLINDC_SCORE) $(BLINDC_DIR)/$$p.truth.jsonl $(BLINDC_DIR)/$$p.findings.jsonl | sed -n '1,10p'; \
		echo "lines with a finding: $$(grep -o '"line":[0-9]*' $(BLINDC_DIR)/$$p.findings.jsonl | sort -u | wc -l) of $$(wc -l < $(BLINDC_DIR)/$$p.jsonl)"; \
		awk 'NR==FNR { t[FNR]=$$0; next } \
		     match($$0, /"line":[0-9]+/) { n=substr($$0, RSTART+7, RLENGTH-7); \
		       if (match($$0, /"type":"[a-z_]+"/)) c[t[n] " " substr($$0, RSTART+8, RLENGTH-9)]++ } \
		     END { for (k in c) print c[k], k }' $(BLINDC_DIR)/$$p.tmpl $(BLINDC_DIR)/$$p.findings.jsonl | sort -rn; \
	done
