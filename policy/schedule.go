package policy

import (
	"context"
	"time"
)

// EnforceEvery runs Enforce now and then every interval until ctx ends,
// handing each result (or error) to report; the daemon runs retention
// with it. A failed run is reported and retried at the next tick.
func (e *Engine) EnforceEvery(ctx context.Context, every time.Duration, report func(*EnforceResult, error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		res, err := e.Enforce(ctx, e.now(), false)
		if ctx.Err() != nil {
			return
		}
		report(res, err)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
