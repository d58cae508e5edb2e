package chhttp

import (
	"encoding/binary"
	"strconv"
	"strings"
)

// helloQuery is what clickhouse-go/v2 asks first over HTTP, in Native with
// client_protocol_version set.
const helloQuery = "SELECT displayName(), version(), revision(), timezone()"

// minRevisionCustomSerialization is the protocol revision from which a
// Native block carries a custom-serialization flag per column.
const minRevisionCustomSerialization = 54454

// helloNative answers helloQuery in the Native format of protocol
// revision rev, reporting revision 0.
//
// The embedded engine writes Native as for revision 0 (no block info, no
// serialization flags): it has no client protocol version to honour. A
// client that learns revision 0 from its first query reads every later
// block that way, which is what the engine writes.
func helloNative(rev uint64, displayName, version, tz string) []byte {
	var b []byte
	if rev > 0 { // block info: is_overflows = false, bucket_num = -1
		b = binary.AppendUvarint(b, 1)
		b = append(b, 0)
		b = binary.AppendUvarint(b, 2)
		b = binary.LittleEndian.AppendUint32(b, 0xFFFFFFFF)
		b = binary.AppendUvarint(b, 0)
	}
	b = binary.AppendUvarint(b, 4) // columns
	b = binary.AppendUvarint(b, 1) // rows
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	col := func(name, typ string) {
		str(name)
		str(typ)
		if rev >= minRevisionCustomSerialization {
			b = append(b, 0)
		}
	}
	col("displayName()", "String")
	str(displayName)
	col("version()", "String")
	str(version)
	col("revision()", "UInt32")
	b = binary.LittleEndian.AppendUint32(b, 0)
	col("timezone()", "String")
	str(tz)
	return b
}

// isHello says whether a request is clickhouse-go's handshake.
func isHello(text, format, protocolVersion string) (uint64, bool) {
	if format != "Native" || protocolVersion == "" || strings.TrimSpace(text) != helloQuery {
		return 0, false
	}
	rev, err := strconv.ParseUint(protocolVersion, 10, 64)
	return rev, err == nil
}
