package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/chhttp"
	"github.com/tazala/tazala/policy"
	"github.com/tazala/tazala/rules"
	schdb "github.com/tazala/tazala/sinks/chdb"
)

// streamPolicy assigns each record the purpose its topic is mapped to in
// the daemon's configuration (streams), and falls back to the policy
// file's own stream globs for other sources.
type streamPolicy struct {
	byTopic  map[string]streamPurpose
	fallback *policy.Classifier
}

type streamPurpose struct {
	p *rules.Purpose
	b *rules.Basis
}

// loadStreamPolicy loads policy.file (or the shipped policy) and checks
// every stream's purpose and basis against it.
func loadStreamPolicy(cfg *runConfig) (*streamPolicy, error) {
	pol := rules.DefaultPolicy()
	if cfg.Policy.File != "" {
		var err error
		if pol, err = rules.LoadPolicy(cfg.Policy.File); err != nil {
			return nil, fmt.Errorf("config: policy.file: %w", err)
		}
	}
	sp := &streamPolicy{byTopic: map[string]streamPurpose{}, fallback: policy.NewClassifier(pol)}
	var errs []error
	for i, s := range cfg.Streams {
		p := pol.Purpose(s.Purpose)
		if p == nil {
			errs = append(errs, fmt.Errorf("config: streams[%d].purpose: the policy has no purpose %q", i, s.Purpose))
			continue
		}
		var b *rules.Basis
		if s.Basis == "" {
			if len(p.Bases) > 0 {
				b = p.Bases[0]
			}
		} else {
			for _, x := range p.Bases {
				if x.ID == s.Basis {
					b = x
				}
			}
			if b == nil {
				errs = append(errs, fmt.Errorf("config: streams[%d].basis: %q is not a basis of purpose %q in the policy", i, s.Basis, s.Purpose))
				continue
			}
		}
		sp.byTopic[s.Topic] = streamPurpose{p, b}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return sp, nil
}

// Purpose implements tazala.Policy: the retention deadline runs from the
// record's event time.
func (sp *streamPolicy) Purpose(rec *tazala.Record, fs []tazala.Finding) tazala.Purpose {
	x, ok := sp.byTopic[rec.Source]
	if !ok {
		return sp.fallback.Purpose(rec, fs)
	}
	t := rec.Time
	if t.IsZero() {
		t = time.Now()
	}
	pu := tazala.Purpose{Name: x.p.ID, RetainUntil: x.p.Retention.Until(t)}
	if x.b != nil {
		pu.LegalBasis = x.b.ID
	}
	return pu
}

// serveClickHouse serves the embedded store's ClickHouse HTTP interface
// from the daemon (the process owning the data path), so analysts and
// tazala commands read while it runs; the address file tells them where.
func (d *daemon) serveClickHouse(ctx context.Context, cfg *runConfig, st *schdb.Store, dir string) error {
	users, err := loadHTTPUsers(cfg.HTTP.Users)
	if err != nil {
		return fmt.Errorf("config: http.users: %w", err)
	}
	ln, err := chhttp.Listen(chhttp.ListenConfig{Addr: cfg.HTTP.ClickHouseAddr, TLSCert: cfg.HTTP.TLSCert, TLSKey: cfg.HTTP.TLSKey})
	if err != nil {
		return fmt.Errorf("config: http.clickhouse_addr: %w", err)
	}
	// sessions of its own: analysts' queries never wait behind the daemon's inserts
	srv, err := chhttp.New(ctx, chhttp.Config{DB: st.Engine(), Users: users, Logger: d.log.With("component", "chhttp"), Sessions: 2})
	if err != nil {
		ln.Close()
		return err
	}
	remove, err := chhttp.WriteAddrFile(dir, ln.URL())
	if err != nil {
		srv.Close()
		ln.Close()
		return err
	}
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := ln.Serve(sctx, srv); err != nil && !errors.Is(err, http.ErrServerClosed) && !errors.Is(err, net.ErrClosed) { // closed at shutdown
			d.log.Error("clickhouse http interface stopped", "err", err.Error())
		}
	}()
	d.closers = append(d.closers, func() error {
		remove()
		cancel()
		ln.Close()
		<-done
		return srv.Close()
	})
	d.log.Info("serving the store's ClickHouse HTTP interface", "url", ln.URL(), "users", users.Len())
	return nil
}
