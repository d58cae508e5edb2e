package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/tazala/tazala/internal/chdb"
	sinkchdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
)

// migrateServed brings the schema of the served store up to date.
func migrateServed(ctx context.Context, db *chdb.DB) error {
	return chschema.Migrate(ctx, sinkchdb.WrapDB(db))
}

// pingURL checks that a tazala HTTP interface answers at base.
func pingURL(ctx context.Context, base string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(base, "/")+"/ping", nil)
	if err != nil {
		return err
	}
	client := http.DefaultClient
	if strings.HasPrefix(base, "https://") {
		// a liveness probe: nothing is sent but the path
		client = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, 64))
	if res.StatusCode != http.StatusOK || string(b) != "Ok.\n" {
		return fmt.Errorf("ping %s: %s", base, res.Status)
	}
	return nil
}
