# The ClickHouse store (sinks/chdb, sinks/chschema): insert throughput on
# the embedded engine. Each benchmark reports records/s and index_rows/s
# (wall clock) and the same per CPU-second of the whole process (Go
# encoding, the engine's insert threads and the merges that ran meanwhile):
# the rate on one core, whatever else the machine runs.
# The merges the inserts start are waited for and counted
# (TAZALA_BENCH_SETTLE=1). TAZALA_BENCH_NO_MERGES=1 stops background merges:
# the insert path alone. TAZALA_BENCH_ALTER='stmt; stmt' runs statements on
# the fresh tables (to try a setting or codec), TAZALA_BENCH_EVENTS=1 prints
# the engine's profile events, TAZALA_BENCH_PARTS=1 the parts. TMPDIR=/dev/shm
# keeps the disk's noise out.

.PHONY: bench-store
## bench-store: rows/s of redacted_records and pii_index inserts into the embedded store.
bench-store: export TAZALA_LIBCHDB ?= $(CURDIR)/.cache/chdb/libchdb.so
bench-store: export TAZALA_BENCH_SETTLE ?= 1
bench-store:
	$(GO) test -run='^$$' -bench=Store -benchtime=50x ./sinks/chdb

.PHONY: bench-index-view
## bench-index-view: pii_index_v (superseded scans, migration 5) against migration 4's form and pii_index FINAL, on VIEW_BENCH_RECORDS records.
VIEW_BENCH_RECORDS ?= 1000000
bench-index-view: export TAZALA_LIBCHDB ?= $(CURDIR)/.cache/chdb/libchdb.so
bench-index-view:
	TAZALA_VIEW_BENCH=$(VIEW_BENCH_RECORDS) $(GO) test -count=1 -run='^TestIndexViewSpeed$$' -v ./sinks/chdb
