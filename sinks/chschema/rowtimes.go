package chschema

import (
	"time"

	"github.com/tazala/tazala"
)

// MaxDateTime is the last second a ClickHouse DateTime column holds.
var MaxDateTime = time.Date(2106, 2, 7, 6, 28, 15, 0, time.UTC)

// RowTimes returns the event time and the retention deadline that a
// record's row and its index rows carry, the same in every sink: the
// ingest time when the source gave no event time, and
// tazala.ForeverUntilWithdrawn when the policy set no deadline (a zero
// deadline never means "delete now"), at most MaxDateTime.
func RowTimes(o *tazala.Output, ingest time.Time) (event, until time.Time) {
	event = o.Record.Time
	if event.IsZero() {
		event = ingest
	}
	until = o.Purpose.RetainUntil
	if until.IsZero() {
		until = tazala.ForeverUntilWithdrawn
	}
	if until.After(MaxDateTime) {
		until = MaxDateTime
	}
	return event, until
}
