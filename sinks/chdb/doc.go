// Package chdb owns tazala's embedded ClickHouse store (--store
// chdb:DIR): the sink that writes redacted records and discovery-index
// rows in one Write, the token vault and audit log over ClickHouse, and
// tazala.DB over the embedded engine (internal/chdb). The schema is
// sinks/chschema, the same the server store runs.
package chdb
