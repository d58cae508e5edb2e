package main

import (
	"encoding/json"
	"io"
)

// printJSON writes v as indented JSON: the --format json output of the
// store commands (rescan, retention, subject).
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
