package chhttp

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// ListenConfig says where and how the interface listens.
type ListenConfig struct {
	// Addr is host:port; empty means 127.0.0.1:8123.
	Addr string
	// TLSCert and TLSKey are PEM files. They are required when Addr is
	// not a loopback address: credentials and redacted data never cross
	// a network in clear text.
	TLSCert, TLSKey string
}

// DefaultAddr is where the interface listens unless told otherwise.
const DefaultAddr = "127.0.0.1:8123"

// Listener is a listening interface; Serve runs it.
type Listener struct {
	ln  net.Listener
	tls bool
}

// Listen opens the listening socket after checking the loopback/TLS rule.
func Listen(cfg ListenConfig) (*Listener, error) {
	addr := cfg.Addr
	if addr == "" {
		addr = DefaultAddr
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("chhttp: listen address %q: %w", addr, err)
	}
	useTLS := cfg.TLSCert != "" || cfg.TLSKey != ""
	if !useTLS && !loopback(host) {
		return nil, fmt.Errorf("chhttp: listen on %s: not a loopback address, so TLS is required (--tls-cert, --tls-key)", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("chhttp: listen: %w", err)
	}
	if useTLS {
		cert, err := tls.LoadX509KeyPair(cfg.TLSCert, cfg.TLSKey)
		if err != nil {
			ln.Close()
			return nil, fmt.Errorf("chhttp: TLS key pair: %w", err)
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	}
	return &Listener{ln: ln, tls: useTLS}, nil
}

// loopback says whether host names only this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Addr returns the address listened on.
func (l *Listener) Addr() net.Addr { return l.ln.Addr() }

// URL returns the base URL of the interface (http:// or https://).
func (l *Listener) URL() string {
	if l.tls {
		return "https://" + l.ln.Addr().String()
	}
	return "http://" + l.ln.Addr().String()
}

// Serve answers requests with h until ctx is done, then shuts down
// gracefully (running statements finish).
func (l *Listener) Serve(ctx context.Context, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l.ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	<-done
	return err
}

// Close closes the socket (Serve does it on shutdown).
func (l *Listener) Close() error { return l.ln.Close() }

// AddrFile is the file, in an embedded store's data directory, where the
// process that owns the store writes the URL of its HTTP interface, so
// other tazala commands reach the store through it.
const AddrFile = "tazala-http.addr"

// WriteAddrFile writes url to dir/AddrFile (mode 0600, atomically) and
// returns a function that removes it.
func WriteAddrFile(dir, url string) (remove func(), err error) {
	path := filepath.Join(dir, AddrFile)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(url+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("chhttp: address file: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("chhttp: address file: %w", err)
	}
	return func() { os.Remove(path) }, nil
}

// ReadAddrFile returns the URL written by the owner of the store in dir,
// or an error wrapping os.ErrNotExist when no process serves it.
func ReadAddrFile(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, AddrFile))
	if err != nil {
		return "", err
	}
	u := string(b)
	for len(u) > 0 && (u[len(u)-1] == '\n' || u[len(u)-1] == '\r') {
		u = u[:len(u)-1]
	}
	if u == "" {
		return "", fmt.Errorf("chhttp: address file in %s is empty: %w", dir, os.ErrNotExist)
	}
	return u, nil
}
