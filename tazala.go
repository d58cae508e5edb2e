// Package tazala owns the domain types shared by every part of the
// pipeline: records, findings, kinds of personal data, tokens, and the
// small interfaces (Source, Sink, Tokenizer) that adapters implement.
//
// It imports only the standard library. Adapters live in subpackages
// (sources/kafka, sinks/chdb, tokenize/vault, ...) and the one place that
// chooses concrete adapters is cmd/tazala.
package tazala

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Kind is a category of personal data the scanner detects.
type Kind uint8

// The kinds of personal data tazala detects. The zero Kind is invalid.
const (
	KindIIN    Kind = iota + 1 // Kazakh individual identification number (ИИН/ЖСН)
	KindPhone                  // phone number
	KindEmail                  // e-mail address
	KindPAN                    // payment card number
	KindExpiry                 // card expiry date
	KindCVV                    // card verification value (sensitive authentication data)
	KindName                   // person's full name (ФИО)
	numKinds
)

// Kinds lists every valid kind in a stable order.
var Kinds = []Kind{KindIIN, KindPhone, KindEmail, KindPAN, KindExpiry, KindCVV, KindName}

var kindNames = [numKinds]string{"", "iin", "phone", "email", "card_pan", "card_expiry", "card_cvv", "person_name"}

// String returns the wire name of k as used in findings files
// ("iin", "phone", "email", "card_pan", "card_expiry", "card_cvv", "person_name").
func (k Kind) String() string {
	if k == 0 || k >= numKinds {
		return fmt.Sprintf("kind(%d)", uint8(k))
	}
	return kindNames[k]
}

// Valid reports whether k is one of the defined kinds.
func (k Kind) Valid() bool { return k > 0 && k < numKinds }

// Label is the short upper-case label used inside redaction tokens ([IIN:tk_…]).
func (k Kind) Label() string {
	switch k {
	case KindIIN:
		return "IIN"
	case KindPhone:
		return "PHONE"
	case KindEmail:
		return "EMAIL"
	case KindPAN:
		return "PAN"
	case KindExpiry:
		return "EXP"
	case KindCVV:
		return "CVV"
	case KindName:
		return "NAME"
	}
	return "PII"
}

// ParseKind maps a wire name (or a few common aliases) to a Kind.
func ParseKind(s string) (Kind, error) {
	for k := Kind(1); k < numKinds; k++ {
		if kindNames[k] == s {
			return k, nil
		}
	}
	switch s {
	case "pan", "card":
		return KindPAN, nil
	case "expiry", "exp":
		return KindExpiry, nil
	case "cvv", "cvc":
		return KindCVV, nil
	case "name", "fio":
		return KindName, nil
	}
	return 0, fmt.Errorf("unknown kind %q (want one of iin, phone, email, card_pan, card_expiry, card_cvv, person_name)", s)
}

// Category is the policy category a kind belongs to.
func (k Kind) Category() string {
	switch k {
	case KindIIN, KindName:
		return "identity"
	case KindPhone, KindEmail:
		return "contact"
	case KindPAN, KindExpiry, KindCVV:
		return "payment_card"
	}
	return "other"
}

// Span is a half-open byte range [Start, End) into a record's raw bytes.
type Span struct {
	Start, End int
}

// Len returns the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Finding is one piece of personal data found in a record. It never holds
// the value itself: the value is Record.Value[Span.Start:Span.End].
type Finding struct {
	Kind       Kind
	Span       Span    // offsets into the raw record bytes (for JSON: the escaped text as it appears)
	Path       string  // JSON path of the value ("payer.iin", "items[2].phone"); empty for plain text
	Detector   string  // which detector or user rule found it
	Confidence float32 // 0..1
}

// Record is one log record as read from a source.
type Record struct {
	Source    string // topic or file name
	Partition int32
	Offset    int64 // Kafka offset, or line number (1-based) for files
	Key       []byte
	Value     []byte
	Time      time.Time // event time if known, else read time
}

// Token is the stand-in for one finding's value.
type Token struct {
	Kind Kind
	// ID is the deterministic, typed-by-construction token string (tk_…).
	// Empty for KindCVV: sensitive authentication data is never tokenized.
	ID string
	// Ciphertext is the reversible copy (e.g. Vault transit ciphertext),
	// empty when the tokenizer keeps none. Never set for KindCVV.
	Ciphertext string
}

// TokenRequest asks for the token of one raw value of a kind. Value is the
// decoded value as found (the tokenizer normalizes it).
type TokenRequest struct {
	Kind  Kind
	Value []byte
}

// Tokenizer turns raw values into deterministic tokens. Implementations
// must be safe for concurrent use and fail closed: on any error they
// return no tokens at all.
type Tokenizer interface {
	// Tokenize returns one Token per request, in order.
	Tokenize(ctx context.Context, reqs []TokenRequest) ([]Token, error)
	Close() error
}

// Output is one redacted record ready for the sinks.
type Output struct {
	Record   Record // Value holds the redacted bytes
	Findings []Finding
	Tokens   []Token // Tokens[i] belongs to Findings[i]
	// Subject is the token of the person the record is about (its IIN's
	// token, else its first e-mail or phone token); empty when none.
	Subject string
	// Purpose is the policy's purpose, legal basis and deadline.
	Purpose Purpose
}

// Batch is a group of records handed out by a Source together with the
// function that acknowledges them. Ack must be called only after every sink
// accepted the batch's outputs; a Kafka source commits offsets inside Ack.
type Batch struct {
	Records []Record
	Ack     func(ctx context.Context) error
}

// Source produces batches of records.
type Source interface {
	// Next blocks until a batch is available. It returns ErrEndOfInput
	// when a finite source is exhausted.
	Next(ctx context.Context) (Batch, error)
	Close() error
}

// Sink durably writes redacted outputs. Write returns only after the
// outputs are acknowledged by the storage; writing the same record
// (source, partition, offset) twice must not duplicate it.
type Sink interface {
	Write(ctx context.Context, outs []Output) error
	Close() error
}

// Sentinel errors.
var (
	// ErrEndOfInput is returned by a finite Source when it has no more records.
	ErrEndOfInput = errors.New("end of input")
	// ErrUnavailable wraps failures of a backend (Vault, ClickHouse, Kafka)
	// that may recover: the caller backs off and retries without committing.
	ErrUnavailable = errors.New("backend unavailable")
	// ErrDenied wraps authorization failures: retrying will not help.
	ErrDenied = errors.New("permission denied")
	// ErrNotFound is returned when a token or subject is unknown.
	ErrNotFound = errors.New("not found")
	// ErrBlocked is returned when an operation touches a blocked or erased subject.
	ErrBlocked = errors.New("subject is blocked or erased")
)
