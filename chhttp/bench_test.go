package chhttp_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tazala/tazala/internal/chdb"
)

// BenchmarkSmallQueryHTTP: one parameterised analyst query per request
// (authentication, the two checking statements, the query, the answer),
// beside the same query on the engine directly.
func BenchmarkSmallQueryHTTP(b *testing.B) {
	base, _ := server(b)
	body := "SELECT count() FROM records_v WHERE subject = {s:String}"
	u := base + "/?" + url.Values{"param_s": {"tk_a"}}.Encode()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(body))
		req.SetBasicAuth("analyst", analystPW)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			b.Fatal(res.Status)
		}
	}
}

func BenchmarkSmallQueryDirect(b *testing.B) {
	_, db := server(b)
	for i := 0; i < b.N; i++ {
		if _, _, err := db.Raw(context.Background(), "SELECT count() FROM records_v WHERE subject = {s:String}", "TabSeparated", chdb.P("s", "tk_a")); err != nil {
			b.Fatal(err)
		}
	}
}
