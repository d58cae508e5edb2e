package chdb

import (
	"context"
	"errors"
	"fmt"
	"reflect"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/chdb"
	"github.com/tazala/tazala/sinks/chschema"
)

// DB is tazala.DB over the embedded engine: ClickHouse SQL with
// {name:Type} parameters bound by the engine.
type DB struct {
	db    *chdb.DB
	owner bool // Close closes db
}

var _ tazala.DB = (*DB)(nil)

// OpenDB opens the embedded engine on dir (created if missing). The
// engine allows one data path per process: see internal/chdb.
func OpenDB(dir string) (*DB, error) {
	db, err := chdb.Open(chdb.Config{Path: dir})
	if err != nil {
		return nil, fmt.Errorf("sinks/chdb: open %s: %w: %w", dir, tazala.ErrUnavailable, err)
	}
	return &DB{db: db, owner: true}, nil
}

// WrapDB returns a DB over an open engine connection; Close leaves it open.
func WrapDB(db *chdb.DB) *DB { return &DB{db: db} }

// Engine returns the engine connection.
func (d *DB) Engine() *chdb.DB { return d.db }

// Exec runs a statement that returns no rows.
func (d *DB) Exec(ctx context.Context, query string, params ...tazala.Param) error {
	ps, err := convert(params)
	if err != nil {
		return err
	}
	if _, err := d.db.Exec(ctx, query, ps...); err != nil {
		return classify("exec", err)
	}
	return nil
}

// Select runs a query and decodes its rows into dst, a pointer to a slice
// of structs (json tags name the columns) or of map[string]any (numbers
// as json.Number).
func (d *DB) Select(ctx context.Context, dst any, query string, params ...tazala.Param) error {
	pv := reflect.ValueOf(dst)
	if pv.Kind() != reflect.Pointer || pv.Elem().Kind() != reflect.Slice {
		return fmt.Errorf("sinks/chdb: select: dst is a %T, want a pointer to a slice", dst)
	}
	ps, err := convert(params)
	if err != nil {
		return err
	}
	rows, err := d.db.Query(ctx, query, ps...)
	if err != nil {
		return classify("select", err)
	}
	sv := pv.Elem()
	sv.SetLen(0)
	et := sv.Type().Elem()
	for rows.Next() {
		ev := reflect.New(et)
		if err := rows.Scan(ev.Interface()); err != nil {
			return fmt.Errorf("sinks/chdb: select: %w", err)
		}
		sv.Set(reflect.Append(sv, ev.Elem()))
	}
	return rows.Err()
}

// Close closes the engine connection if DB opened it.
func (d *DB) Close() error {
	if d.owner {
		return d.db.Close()
	}
	return nil
}

// classify wraps engine errors: a statement the engine rejected is the
// caller's error; anything else (closed, cancelled, no result) means the
// store is unavailable.
func classify(op string, err error) error {
	var ee *chdb.Error
	if errors.As(err, &ee) {
		return fmt.Errorf("sinks/chdb: %s: %w", op, err)
	}
	return fmt.Errorf("sinks/chdb: %s: %w: %w", op, tazala.ErrUnavailable, err)
}

func convert(params []tazala.Param) ([]chdb.Param, error) {
	if len(params) == 0 {
		return nil, nil
	}
	out := make([]chdb.Param, len(params))
	for i, p := range params {
		v, err := chschema.ParamText(p.Value)
		if err != nil {
			return nil, fmt.Errorf("sinks/chdb: parameter %s: %w", p.Name, err)
		}
		out[i] = chdb.Param{Name: p.Name, Value: v}
	}
	return out, nil
}

// QueryFormat runs a query and returns its output in a ClickHouse output
// format ("PrettyCompactMonoBlock", "CSVWithNames", "JSONEachRow",
// "Markdown", ...), as the engine writes it.
func (d *DB) QueryFormat(ctx context.Context, query, format string, params ...tazala.Param) ([]byte, error) {
	ps, err := convert(params)
	if err != nil {
		return nil, err
	}
	out, _, err := d.db.Raw(ctx, query, format, ps...)
	if err != nil {
		return nil, classify("query", err)
	}
	return out, nil
}
