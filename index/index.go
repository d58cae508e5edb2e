// Package index owns the discovery index row, one finding of one record
// with its token and where it was found, never the value, and its one
// JSON form, written by `tazala scan --findings`, the file sink and
// anything else that writes findings as JSON lines. The ClickHouse stores
// write the same rows into the pii_index table (sinks/chschema).
package index

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/tazala/tazala"
)

// Row is one finding of one record: a row of the discovery index.
type Row struct {
	Subject    string // token of the person the record is about; empty when none
	Token      string // token of the value; empty for CVV and masked findings
	Kind       tazala.Kind
	Source     string // topic or file name
	Partition  int32
	Offset     int64  // Kafka offset, or 1-based line number for files
	Ordinal    uint16 // finding number in the record, from 0
	Path       string // JSON path (raw key text, as the scanner reports it)
	Start, End int64  // byte span in the raw record
	Detector   string
	Confidence float32
	EventTime  time.Time
	Purpose    tazala.Purpose
	IngestTime time.Time
}

// Category returns the data category of a kind in the policy's names:
// "IIN", "FIO", "phone", "e-mail", "card details".
func Category(k tazala.Kind) string {
	if k.Valid() {
		return categories[k]
	}
	return "other"
}

var categories = [tazala.NumKinds]string{
	tazala.KindIIN:    "IIN",
	tazala.KindName:   "FIO",
	tazala.KindPhone:  "phone",
	tazala.KindEmail:  "e-mail",
	tazala.KindPAN:    "card details",
	tazala.KindExpiry: "card details",
	tazala.KindCVV:    "card details",
}

// AppendRows appends the index rows of out, one per finding, to dst.
func AppendRows(dst []Row, out *tazala.Output, ingest time.Time) []Row {
	r := &out.Record
	for i, f := range out.Findings {
		row := Row{
			Subject: out.Subject, Kind: f.Kind,
			Source: r.Source, Partition: r.Partition, Offset: r.Offset, Ordinal: uint16(min(i, 0xffff)),
			Path: f.Path, Start: int64(f.Span.Start), End: int64(f.Span.End),
			Detector: f.Detector, Confidence: f.Confidence,
			EventTime: r.Time, Purpose: out.Purpose, IngestTime: ingest,
		}
		if i < len(out.Tokens) {
			row.Token = out.Tokens[i].ID
		}
		dst = append(dst, row)
	}
	return dst
}

// AppendJSON appends r as one JSON object and a newline:
//
//	{"line":12,"type":"iin","start":8,"end":20,"path":"payer.iin","detector":"iin","confidence":0.99,"token":"tk_…","subject":"tk_…","source":"a.jsonl"}
//
// "line" is the record's offset (the 1-based line of a file); "path",
// "token", "subject", "source", "partition", "purpose", "legal_basis" and
// "event_time" are left out when empty or zero. Every string is escaped so
// the line is valid JSON whatever bytes it holds.
func AppendJSON(b []byte, r *Row) []byte {
	b = append(b, `{"line":`...)
	b = appendInt(b, r.Offset)
	if r.Kind.Valid() {
		b = append(b, typeStart[r.Kind]...)
	} else {
		b = append(b, `,"type":"`...)
		b = append(b, r.Kind.String()...)
		b = append(b, `","start":`...)
	}
	b = appendInt(b, r.Start)
	b = append(b, `,"end":`...)
	b = appendInt(b, r.End)
	if r.Path != "" {
		b = append(b, `,"path":`...)
		b = AppendRawJSONString(b, r.Path)
	}
	b = append(b, `,"detector":`...)
	b = AppendString(b, r.Detector)
	b = append(b, `,"confidence":`...)
	b = appendConf(b, r.Confidence)
	if r.Token != "" {
		b = append(b, `,"token":`...)
		b = AppendString(b, r.Token)
	}
	if r.Subject != "" {
		b = append(b, `,"subject":`...)
		b = AppendString(b, r.Subject)
	}
	if r.Source != "" {
		b = append(b, `,"source":`...)
		b = AppendString(b, r.Source)
	}
	if r.Partition != 0 {
		b = append(b, `,"partition":`...)
		b = strconv.AppendInt(b, int64(r.Partition), 10)
	}
	if r.Purpose.Name != "" {
		b = append(b, `,"purpose":`...)
		b = AppendString(b, r.Purpose.Name)
	}
	if r.Purpose.LegalBasis != "" {
		b = append(b, `,"legal_basis":`...)
		b = AppendString(b, r.Purpose.LegalBasis)
	}
	if !r.EventTime.IsZero() {
		b = append(b, `,"event_time":"`...)
		b = r.EventTime.UTC().AppendFormat(b, "2006-01-02T15:04:05.000Z")
		b = append(b, '"')
	}
	return append(b, "}\n"...)
}

// appendInt is strconv.AppendInt(b, v, 10) for the small non-negative
// numbers of a finding (line, offsets), two digits at a time.
func appendInt(b []byte, v int64) []byte {
	if v < 0 {
		return strconv.AppendInt(b, v, 10)
	}
	var buf [20]byte
	i := len(buf)
	u := uint64(v)
	for u >= 100 {
		q := u / 100
		d := (u - q*100) * 2
		i -= 2
		buf[i], buf[i+1] = digitPairs[d], digitPairs[d+1]
		u = q
	}
	if u >= 10 {
		i -= 2
		buf[i], buf[i+1] = digitPairs[u*2], digitPairs[u*2+1]
	} else {
		i--
		buf[i] = byte('0' + u)
	}
	return append(b, buf[i:]...)
}

const digitPairs = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"

// typeStart holds `,"type":"<kind>","start":` per kind: one append.
var typeStart = func() (t [tazala.NumKinds]string) {
	for _, k := range tazala.Kinds {
		t[k] = `,"type":"` + k.String() + `","start":`
	}
	return
}()

// appendConf writes a confidence in [0,1] with two decimals.
func appendConf(b []byte, c float32) []byte {
	v := int(c*100 + 0.5)
	if v <= 0 {
		return append(b, '0')
	}
	if v >= 100 {
		return append(b, '1')
	}
	return append(b, '0', '.', byte('0'+v/10), byte('0'+v%10))
}

const hexDigits = "0123456789abcdef"

// plainJSON marks the bytes written as they are inside a JSON string:
// printable ASCII but the quote and the backslash.
var plainJSON = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return
}()

// AppendString appends s as a JSON string: quotes, backslashes and every
// control byte (U+0000–U+001F, U+007F) escaped, invalid UTF-8 replaced by
// U+FFFD, so the result is valid JSON for any input.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	// the common case (tokens, detector and file names): nothing to escape
	i := 0
	for i < len(s) && plainJSON[s[i]] {
		i++
	}
	if i == len(s) {
		b = append(b, s...)
		return append(b, '"')
	}
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || n != 1 {
				i += n
				continue
			}
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// AppendRawJSONString appends s, text taken from inside a JSON string as
// written (escapes kept), between quotes when it is valid there; otherwise
// (a path from a broken record with control bytes or a stray quote) it
// escapes s like AppendString.
func AppendRawJSONString(b []byte, s string) []byte {
	if rawJSONSafe(s) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	return AppendString(b, s)
}

// rawJSONSafe reports whether s is valid between JSON quotes as it is:
// valid UTF-8, no control byte, every backslash starting a valid escape,
// no bare quote.
func rawJSONSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20 || c == '"' || c == 0x7f:
			return false
		case c == '\\':
			if i+1 >= len(s) {
				return false
			}
			i++
			switch s[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(s) {
					return false
				}
				for _, h := range []byte(s[i+1 : i+5]) {
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return false
					}
				}
				i += 4
			default:
				return false
			}
		}
	}
	return utf8.ValidString(s)
}
