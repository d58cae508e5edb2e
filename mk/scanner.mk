# Scanner speed (issue 12): `make bench` builds the binary, then times the
# whole `tazala scan` process (GOMAXPROCS=1, local HMAC tokens, findings
# on) against a line-copy loop over the same file in the same run, on a
# dense input (tazala gen's mix) and a typical one (one such record, nine
# PII-free operational lines), and prints MB/s of both and their ratio
# (goals: 0.30 dense, 0.60 typical). Then the in-process benchmarks
# (scanner alone, file-to-file path, and what the path costs besides the
# scanner per MB of each input: BenchmarkAround).
# BENCH_MB sets the input sizes of the ratio benchmark (comma-separated;
# at 128 MB process start-up weighs half as much as at 64).
BENCH_MB ?= 64,128

.PHONY: bench bench-ratio bench-profile

## bench: ratios of `tazala scan` to a line-copy loop (dense, typical), then MB/s in-process.
bench: bench-ratio
	$(GO) test -run='^$$' -bench='ScanOnly|ScanRedact$$|Around' -benchtime=3x -cpu=1 ./scanfile

bench-ratio: build
	TAZALA_BIN=$(CURDIR)/$(BIN)/tazala TAZALA_RATIO_MB=$(BENCH_MB) $(GO) test -run='^$$' -bench=Ratio -benchtime=5x ./scanfile

## bench-profile: CPU profile of the scanner alone on the dense input (go tool pprof -top scanfile.test cpu.out).
bench-profile:
	$(GO) test -run='^$$' -bench='ScanOnly' -benchtime=3x -cpuprofile=cpu.out -o scanfile.test ./scanfile
