package chschema

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// ParamText formats v as ClickHouse reads a query parameter's value (a
// {name:Type} bound by the embedded engine, a param_NAME of the HTTP
// interface, a clickhouse-go parameter): the escaped
// text format (backslash, tab, newline escaped), times as
// "2006-01-02 15:04:05.999999999" UTC, slices as array literals (not
// escaped again: the engine reads them as literals).
func ParamText(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", errors.New("nil value")
	case string:
		return escape(x), nil
	case []byte:
		return escape(string(x)), nil
	case time.Time:
		return x.UTC().Format("2006-01-02 15:04:05.999999999"), nil
	case bool:
		if x {
			return "1", nil
		}
		return "0", nil
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return fmt.Sprint(x), nil
	case fmt.Stringer:
		return escape(x.String()), nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return "", fmt.Errorf("unsupported type %T", v)
	}
	var b strings.Builder
	b.WriteByte('[')
	for i := 0; i < rv.Len(); i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		switch e := rv.Index(i).Interface().(type) {
		case string:
			b.WriteString(Quote(e))
		case time.Time:
			b.WriteString(Quote(e.UTC().Format("2006-01-02 15:04:05.999999999")))
		case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64, bool:
			b.WriteString(fmt.Sprint(e))
		default:
			return "", fmt.Errorf("unsupported array element %T", e)
		}
	}
	b.WriteByte(']')
	// an array is read as a literal, its elements quoted (Quote escapes
	// quotes, backslashes and control bytes): not escaped again, or a
	// backslash or a quote in an element breaks it
	return b.String(), nil
}

var escaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`, "\x00", `\0`)

func escape(s string) string { return escaper.Replace(s) }

// Quote writes s as a ClickHouse string literal.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' || c == '\'':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(c)>>4, 16))
			b.WriteString(strconv.FormatUint(uint64(c)&15, 16))
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}
