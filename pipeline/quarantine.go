package pipeline

import (
	"context"
	"errors"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tazala/tazala"
)

// ErrIncomplete is returned by Processor.Process when a user rule timed
// out on a record (scanner.Incomplete): the record may hold a value the
// rule would have found, so it is never written as redacted. The Runner
// quarantines it masked and writes the rest of its batch.
var ErrIncomplete = errors.New("a user rule timed out")

// Quarantined is a record the processing step failed on, masked: it never
// holds a raw value.
type Quarantined struct {
	Source    string
	Partition int32
	Offset    int64
	Time      time.Time
	// Masked is the record with every letter and digit replaced by '*'
	// (JSON object keys made only of ASCII letters, '_', '-' and '.' are
	// kept so the shape of the record stays readable).
	Masked []byte
	// Reason says which stage failed and why, never with a value.
	Reason string
}

// Quarantine stores quarantined records (a table or a file). It must be
// idempotent per (source, partition, offset) like a sink.
type Quarantine interface {
	Quarantine(ctx context.Context, recs []Quarantined) error
}

func (r *Runner) quarantine(rec tazala.Record, err error) Quarantined {
	return Quarantined{Source: rec.Source, Partition: rec.Partition, Offset: rec.Offset, Time: rec.Time,
		Masked: r.cfg.Mask(rec.Value), Reason: err.Error()}
}

// MaskRecord returns rec with every letter and digit replaced by '*'
// (one '*' per character), keeping punctuation, blanks and plain JSON
// object keys. Nothing a detector or user rule could match survives.
func MaskRecord(rec []byte) []byte {
	out := make([]byte, 0, len(rec))
	keep := plainKeys(rec)
	for i := 0; i < len(rec); {
		if len(keep) > 0 && i == keep[0][0] {
			out = append(out, rec[keep[0][0]:keep[0][1]]...)
			i = keep[0][1]
			keep = keep[1:]
			continue
		}
		c := rec[i]
		if c < utf8.RuneSelf {
			if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
				c = '*'
			}
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(rec[i:])
		if r == utf8.RuneError || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			out = append(out, '*')
		} else {
			out = append(out, rec[i:i+n]...)
		}
		i += n
	}
	return out
}

// plainKeys returns the byte ranges of JSON object keys (quotes excluded)
// that are short and made only of ASCII letters, '_', '-' and '.'.
func plainKeys(rec []byte) [][2]int {
	var keys [][2]int
	for i := 0; i < len(rec); i++ {
		if rec[i] != '"' {
			continue
		}
		j := i + 1
		plain := true
		for j < len(rec) && rec[j] != '"' {
			if rec[j] == '\\' {
				plain = false
				j++
			} else if c := rec[j]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-' || c == '.') {
				plain = false
			}
			j++
		}
		if j >= len(rec) {
			break
		}
		k := j + 1
		for k < len(rec) && (rec[k] == ' ' || rec[k] == '\t') {
			k++
		}
		if plain && j-i-1 > 0 && j-i-1 <= 64 && k < len(rec) && rec[k] == ':' {
			keys = append(keys, [2]int{i + 1, j})
		}
		i = j
	}
	return keys
}
