// Package pipeline owns tazala's one processing path and the loop around
// it.
//
// The processing step (process*.go) turns raw records into redacted
// outputs: scan → unescape each finding's value → tokenize the batch →
// check the erasure ledger → store the reversible copies in the token
// vault → redact → subject and purpose. `tazala scan` (through scanfile's
// Step use), the daemon and rescans all run this code: Processor.Process
// for batches of tazala.Record, Step for callers that keep their own
// buffers. It fails closed: when the tokenizer, the ledger or the token
// store fails, nothing of the batch comes out.
//
// The runner (run*.go) moves batches from a tazala.Source through the
// processor into the sinks and acknowledges them only after every sink
// accepted them.
package pipeline
