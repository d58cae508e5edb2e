# The ClickHouse store (sinks/chdb, sinks/chschema): insert throughput on
# the embedded engine. Each benchmark reports records/s and index_rows/s
# (wall clock) and the same per CPU-second of the whole process (Go
# encoding, the engine's insert threads and the merges that ran meanwhile):
# the rate on one core, whatever else the machine runs.
# TAZALA_BENCH_NO_MERGES=1 stops background merges: the insert path alone.

.PHONY: bench-store
## bench-store: rows/s of redacted_records and pii_index inserts into the embedded store.
bench-store: export TAZALA_LIBCHDB ?= $(CURDIR)/.cache/chdb/libchdb.so
bench-store:
	$(GO) test -run='^$$' -bench=Store -benchtime=20x ./sinks/chdb
