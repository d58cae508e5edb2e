package synth

import "fmt"

// Stream is one of the company's log streams, each its own Kafka topic in
// the demo and the daemon's tests.
type Stream int

// The three streams of the privacy policy.
const (
	Transactions  Stream = iota // payment gateway: checkout JSON, app and access logs, settlements
	Notifications               // MTA / e-mail delivery logs
	Support                     // support e-mails and chat tickets in ru/kk/en
)

// Streams lists every stream.
var Streams = []Stream{Transactions, Notifications, Support}

// String names the stream ("transactions", "notifications", "support").
func (s Stream) String() string {
	switch s {
	case Transactions:
		return "transactions"
	case Notifications:
		return "notifications"
	case Support:
		return "support"
	}
	return fmt.Sprintf("stream(%d)", int(s))
}

// ParseStream maps a stream name to a Stream.
func ParseStream(name string) (Stream, error) {
	for _, s := range Streams {
		if s.String() == name {
			return s, nil
		}
	}
	return 0, fmt.Errorf("synth: unknown stream %q (want transactions, notifications or support)", name)
}

// NextOf returns a new record of stream s.
func (g *Generator) NextOf(s Stream) Record {
	l := &line{}
	n := g.r.IntN(100)
	switch s {
	case Notifications:
		g.mailLog(l)
	case Support:
		if n < 60 {
			g.supportJSON(l)
		} else {
			g.supportText(l)
		}
	default:
		switch {
		case n < 55:
			g.checkoutJSON(l)
		case n < 80:
			g.appLog(l)
		case n < 90:
			g.negatives(l)
		default:
			g.accessLog(l)
		}
	}
	return Record{Line: l.b, Spans: l.spans}
}
