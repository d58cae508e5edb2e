# ClickHouse over HTTP and servers (issue 13): chhttp, tazala serve,
# sinks/clickhouse, cluster DDL. See docs/clickhouse.md.

.PHONY: bench-clickhouse test-clickhouse

## bench-clickhouse: rows/s through clickhouse-go/v2 over HTTP into the embedded store, beside sinks/chdb.
bench-clickhouse:
	TAZALA_LIBCHDB=$(TAZALA_LIBCHDB) go test -count=1 -run XXX -bench . -benchtime 10x ./sinks/clickhouse/
	TAZALA_LIBCHDB=$(TAZALA_LIBCHDB) go test -count=1 -run XXX -bench Small -benchtime 300x ./chhttp/

## test-clickhouse: the HTTP interface, serve, the clickhouse sink suites (natively too with TAZALA_CLICKHOUSE_ADDR=host:9000).
test-clickhouse:
	TAZALA_LIBCHDB=$(TAZALA_LIBCHDB) go test -count=1 ./chhttp/ ./sinks/clickhouse/ ./sinks/chschema/
	TAZALA_LIBCHDB=$(TAZALA_LIBCHDB) go test -count=1 -run 'TestServe|TestQuery|TestMigrate' ./cmd/tazala/
