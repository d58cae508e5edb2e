// Package initgc turns the garbage collector off while the program's
// packages initialise and lets main turn it back on (Restore).
//
// Package initialisation (phone metadata, protocol tables, compiled
// regular expressions, most of which a short `tazala scan` and its
// supervising parent never use) allocates ~5 MB in small objects, nearly
// all of it live: with the collector on, the collections that run over it
// cost about a fifth of each process's start-up CPU.
//
// Go initialises a package once its imports are, taking the ready ones in
// import-path order; so this package imports nothing that waits for
// regexp (as runtime/debug does, by its path) and reaches the collector
// setting through runtime/debug's own link name, which the runtime
// provides.
package initgc

import (
	_ "unsafe" // go:linkname
)

//go:linkname setGCPercent runtime/debug.setGCPercent
func setGCPercent(int32) int32

// percent is the GOGC setting in force before init turned it off.
var percent = setGCPercent(-1)

// Restore turns the collector back on with the setting it had (GOGC).
func Restore() { setGCPercent(percent) }
