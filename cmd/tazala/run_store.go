package main

import (
	"context"
	"errors"
	"log/slog"

	"github.com/tazala/tazala"
)

// openChdbStore opens the embedded store at dir as the daemon's sink.
func openChdbStore(ctx context.Context, dir string, log *slog.Logger) (tazala.Sink, func() error, error) {
	return nil, nil, errors.New("store chdb: the embedded store sink (sinks/chdb) is not in this build yet; use file:DIR")
}
