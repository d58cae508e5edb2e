package main

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/chdb"
)

// openPolicyStore opens the store the policy commands work on. Until the
// store work's openStore lands in main, it understands chdb:DIR only.
func openPolicyStore(url string) (tazala.DB, error) {
	dir, ok := strings.CutPrefix(url, "chdb:")
	if !ok || dir == "" {
		return nil, usageErr("--store %q: want chdb:DIR", url)
	}
	db, err := chdb.Open(chdb.Config{Path: dir})
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", url, err)
	}
	return policyDB{db}, nil
}

type policyDB struct{ db *chdb.DB }

func (d policyDB) params(ps []tazala.Param) []chdb.Param {
	out := make([]chdb.Param, len(ps))
	for i, p := range ps {
		out[i] = chdb.P(p.Name, p.Value)
	}
	return out
}

func (d policyDB) Exec(ctx context.Context, q string, ps ...tazala.Param) error {
	_, err := d.db.Exec(ctx, q, d.params(ps)...)
	return err
}

func (d policyDB) Select(ctx context.Context, dst any, q string, ps ...tazala.Param) error {
	rows, err := d.db.Query(ctx, q, d.params(ps)...)
	if err != nil {
		return err
	}
	sv := reflect.ValueOf(dst).Elem()
	sv.SetLen(0)
	for rows.Next() {
		v := reflect.New(sv.Type().Elem())
		if err := json.Unmarshal(rows.Raw(), v.Interface()); err != nil {
			return err
		}
		sv.Set(reflect.Append(sv, v.Elem()))
	}
	return rows.Err()
}

func (d policyDB) Close() error { return d.db.Close() }
