# The path around the scanner (docs/perf.md): fuzz targets that keep its
# fast paths equal to their definitions.
.PHONY: fuzz-procspeed

## fuzz-procspeed: the redaction fast path and the name normalization against their definitions, FUZZTIME each.
fuzz-procspeed:
	$(GO) test -run='^$$' -fuzz='^FuzzAloneFast$$' -fuzztime=$(FUZZTIME) ./redact
	$(GO) test -run='^$$' -fuzz='^FuzzNormalizeName$$' -fuzztime=$(FUZZTIME) .
