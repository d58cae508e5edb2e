package kafka

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"strings"
	"testing"

	kgo "github.com/segmentio/kafka-go"
)

// TestHint: failed authentications and TLS handshakes name the settings
// to check; outages get no hint.
func TestHint(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("could not successfully authenticate to b:9092 with SASL: %w", kgo.SASLAuthenticationFailed), "kafka.sasl.username"},
		{fmt.Errorf("failed to dial: %w", &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}), "kafka.tls.ca_file"},
		{fmt.Errorf("failed to dial: %w", x509.HostnameError{Host: "b"}), "kafka.tls.server_name"},
		{fmt.Errorf("failed to dial: %w", tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}), "kafka.tls.enabled"},
		{fmt.Errorf("dial tcp b:9092: connection refused"), ""},
	} {
		got := hint(c.err)
		if c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("hint(%v) = %q, want it to name %q", c.err, got, c.want)
		}
	}
}
