package scanner

// Counters and measures beside a card word: in metrics and reports a key
// that names a CVV check and a count or a measure ("cvv_checks=163",
// "cvv2_declines", "cvc_mismatch_total", "cvv_failures_rate") holds a
// number of events, not a card's code. Their words join the grammar's
// other-code class (ctxNegW, cardctx.go), which turns a key of several
// parts away from the CVV class.
var counterStems = []string{
	"checks", "checked", "decline", "declines", "declined", "failure", "failures", "fails", "failed", "fail",
	"errors", "total", "totals", "rate", "rates", "ratio", "mismatch", "mismatches", "mismatched", "tries",
	"hits", "misses", "rejects", "rejected", "reject", "rejections", "successes", "counts", "cnt", "sum",
	"avg", "mean", "max", "min", "pct", "percent", "calls", "requests", "events", "blocked", "lookups",
	"validations", "verifications", "denied", "denials", "passes", "passed", "timeouts", "latency", "duration",
	"gauge", "counter", "histogram", "bucket", "quantile",
}

func init() {
	for _, w := range counterStems {
		stemExact[w] |= ctxNegW
	}
}
