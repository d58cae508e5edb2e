package clickhouse_test

import (
	"context"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenstore/clickhouse"
)

// TestPutEscapes: fields travel to the engine as TSV text; a backslash,
// tab, newline or carriage return in one stays in its field and row.
func TestPutEscapes(t *testing.T) {
	db := openDB(t, t.Name())
	defer db.Close()
	s := clickhouse.New(db)
	ctx := context.Background()
	odd := []tazala.TokenEntry{
		{ID: "tk_tab\tnl\nend", Kind: tazala.KindEmail, Ciphertext: "vault:v1:a\\tb\\", Subject: "tk_s\r\n\tx"},
		{ID: "tk_plain", Kind: tazala.KindIIN, Ciphertext: "vault:v1:\\n\t\\\\"},
	}
	if err := s.Put(ctx, odd); err != nil {
		t.Fatal(err)
	}
	for _, want := range odd {
		got, err := s.Get(ctx, want.ID)
		if err != nil {
			t.Fatalf("%q: %v", want.ID, err)
		}
		if got.ID != want.ID || got.Kind != want.Kind || got.Ciphertext != want.Ciphertext || got.Subject != want.Subject || got.State != tazala.TokenActive {
			t.Errorf("stored %+v, want %+v", got, want)
		}
	}
}
