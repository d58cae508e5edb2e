package chhttp

import (
	"errors"
	"net/http"
	"regexp"
	"strconv"

	"github.com/tazala/tazala/internal/chdb"
)

// ClickHouse error codes used by the interface itself (the engine's own
// errors keep the engine's code).
const (
	codeUnknownTable        = 60
	codeUnknownDatabase     = 81
	codeNotImplemented      = 48
	codeSyntaxError         = 62
	codeUnknownSetting      = 115
	codeReadonly            = 164
	codeUnknownUser         = 192
	codeRequiredPassword    = 194
	codeUnknownFormat       = 73
	codeAccessDenied        = 497
	codeAuthenticationFail  = 516
	codeQueryIsTooLarge     = 202
	codeCannotParseInput    = 27
	codeHTTPLengthRequired  = 381
	codeBadArguments        = 36
	codeUnknownException    = 1002
	codeTimeoutExceeded     = 159
	codeUnsupportedMethod   = 1
	codeUnknownQueryParam   = 456
	codeTooLargeRequestBody = 307
)

// codeNames are the names ClickHouse prints after a message, for the codes
// this package raises itself.
var codeNames = map[int]string{
	codeUnknownDatabase: "UNKNOWN_DATABASE", codeNotImplemented: "NOT_IMPLEMENTED",
	codeSyntaxError: "SYNTAX_ERROR", codeUnknownSetting: "UNKNOWN_SETTING", codeReadonly: "READONLY",
	codeRequiredPassword: "REQUIRED_PASSWORD", codeAccessDenied: "ACCESS_DENIED",
	codeAuthenticationFail: "AUTHENTICATION_FAILED", codeUnknownFormat: "UNKNOWN_FORMAT",
	codeBadArguments: "BAD_ARGUMENTS", codeTooLargeRequestBody: "TOO_LARGE_STRING_SIZE",
	codeUnknownException: "UNKNOWN_EXCEPTION", codeHTTPLengthRequired: "HTTP_LENGTH_REQUIRED",
}

// chError is an error sent to the client in ClickHouse's form:
// "Code: N. DB::Exception: message. (NAME)".
type chError struct {
	code int
	name string
	msg  string // the full text for the client
}

func (e *chError) Error() string { return e.msg }

func newError(code int, msg string) *chError {
	name := codeNames[code]
	text := "Code: " + strconv.Itoa(code) + ". DB::Exception: " + msg + "."
	if name != "" {
		text += " (" + name + ")"
	}
	return &chError{code: code, name: name, msg: text}
}

var codePrefix = regexp.MustCompile(`Code: (\d+)\.`)
var codeName = regexp.MustCompile(`\(([A-Z][A-Z0-9_]+)\)`)

// fromEngine turns an engine error into a chError with the engine's code.
func fromEngine(err error) *chError {
	var ce *chError
	if errors.As(err, &ce) {
		return ce
	}
	var ee *chdb.Error
	if !errors.As(err, &ee) {
		return newError(codeUnknownException, "internal error")
	}
	e := &chError{code: codeUnknownException, msg: ee.Message}
	if m := codePrefix.FindStringSubmatch(ee.Message); m != nil {
		e.code, _ = strconv.Atoi(m[1])
	}
	if all := codeName.FindAllStringSubmatch(ee.Message, -1); len(all) > 0 {
		e.name = all[len(all)-1][1]
	}
	return e
}

// status maps a ClickHouse error code to the HTTP status the ClickHouse
// server answers with.
func status(code int) int {
	switch code {
	case codeRequiredPassword:
		return http.StatusUnauthorized
	case codeUnknownUser, 193, codeAuthenticationFail, codeAccessDenied, codeReadonly:
		return http.StatusForbidden
	case codeBadArguments, codeSyntaxError, codeUnknownSetting, codeCannotParseInput, codeUnknownFormat,
		codeUnknownQueryParam, 26, 38, 41, 53, 70, 72, 117, 6, 25:
		return http.StatusBadRequest
	case codeUnknownTable, codeUnknownDatabase, 46, 47, 50, 56:
		return http.StatusNotFound
	case codeQueryIsTooLarge, codeTooLargeRequestBody:
		return http.StatusRequestEntityTooLarge
	case codeNotImplemented:
		return http.StatusNotImplemented
	case codeTimeoutExceeded:
		return http.StatusRequestTimeout
	case codeHTTPLengthRequired:
		return http.StatusLengthRequired
	case codeUnsupportedMethod:
		return http.StatusMethodNotAllowed
	}
	return http.StatusInternalServerError
}
