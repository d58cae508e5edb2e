# The daemon end to end on generated traffic (scripts/demo.sh): a Kafka-protocol
# broker, three topics, realistic traffic produced with a Kafka client,
# `tazala run` into the embedded store ./demo-data, then what an analyst sees.
# Needs only Go: libchdb is fetched once into .cache/ (make chdb).

DEMO_RECORDS ?= 100000

.PHONY: demo bench-pipeline

## demo: the streaming daemon end to end on ~100k generated records (./demo-data).
demo: build chdb
	@DEMO_RECORDS=$(DEMO_RECORDS) TAZALA_LIBCHDB=$(TAZALA_LIBCHDB) scripts/demo.sh

BENCH_RECORDS ?= 1000000
## bench-pipeline: records/s, MB/s, latency percentiles and RSS of tazala run
## (broker → scan → tokens → embedded store) on the 2-core machine.
bench-pipeline: build chdb
	@BENCH_RECORDS=$(BENCH_RECORDS) TAZALA_LIBCHDB=$(TAZALA_LIBCHDB) scripts/bench-pipeline.sh
