package chdb

import (
	"encoding/binary"
	"math"
	"time"

	"github.com/tazala/tazala/sinks/chschema"
)

// Value encoders of ClickHouse's binary formats (Native columns, as the
// file() table function reads them). String is a
// uvarint length and the bytes; integers and floats little-endian;
// DateTime64(3) an Int64 of milliseconds; DateTime a UInt32 of seconds.

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendBytes(b []byte, s []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendInt32(b []byte, v int32) []byte { return binary.LittleEndian.AppendUint32(b, uint32(v)) }

func appendInt64(b []byte, v int64) []byte { return binary.LittleEndian.AppendUint64(b, uint64(v)) }

func appendUint16(b []byte, v uint16) []byte { return binary.LittleEndian.AppendUint16(b, v) }

func appendUint32(b []byte, v uint32) []byte { return binary.LittleEndian.AppendUint32(b, v) }

func appendUint64(b []byte, v uint64) []byte { return binary.LittleEndian.AppendUint64(b, v) }

func appendFloat32(b []byte, v float32) []byte {
	return binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
}

// appendTime64ms writes a DateTime64(3).
func appendTime64ms(b []byte, t time.Time) []byte { return appendInt64(b, t.UnixMilli()) }

// appendDateTime writes a DateTime, clamped to its range.
func appendDateTime(b []byte, t time.Time) []byte {
	s := t.Unix()
	switch {
	case s < 0:
		s = 0
	case s > chschema.MaxDateTime.Unix():
		s = chschema.MaxDateTime.Unix()
	}
	return appendUint32(b, uint32(s))
}
