package index_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/index"
)

func TestAppendJSONValid(t *testing.T) {
	cases := []struct {
		name string
		row  index.Row
		want string
	}{
		{"plain", index.Row{Offset: 3, Kind: tazala.KindIIN, Start: 8, End: 20, Path: "payer.iin", Detector: "iin", Confidence: 0.99, Token: "tk_a"},
			`{"line":3,"type":"iin","start":8,"end":20,"path":"payer.iin","detector":"iin","confidence":0.99,"token":"tk_a"}` + "\n"},
		{"control bytes in source and path", index.Row{Offset: 1, Kind: tazala.KindEmail, Path: "a\x01b\"c", Detector: "email", Confidence: 1, Source: "f\x00\x1f\x7f\n.log"},
			`{"line":1,"type":"email","start":0,"end":0,"path":"a\u0001b\"c","detector":"email","confidence":1,"source":"f\u0000\u001f\u007f\n.log"}` + "\n"},
		{"escaped path kept as written", index.Row{Kind: tazala.KindPhone, Path: `a\u0041.b\"c`, Detector: "phone"},
			`{"line":0,"type":"phone","start":0,"end":0,"path":"a\u0041.b\"c","detector":"phone","confidence":0}` + "\n"},
		{"broken escape in path", index.Row{Kind: tazala.KindPhone, Path: `a\x`, Detector: "phone"},
			`{"line":0,"type":"phone","start":0,"end":0,"path":"a\\x","detector":"phone","confidence":0}` + "\n"},
		{"invalid UTF-8", index.Row{Kind: tazala.KindName, Detector: "n\xffame", Subject: "tk_s", Partition: 2,
			Purpose: tazala.Purpose{Name: "support", LegalBasis: "consent"}, EventTime: time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC)},
			`{"line":0,"type":"person_name","start":0,"end":0,"detector":"n\ufffdame","confidence":0,"subject":"tk_s","partition":2,"purpose":"support","legal_basis":"consent","event_time":"2026-01-02T03:04:05.006Z"}` + "\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := string(index.AppendJSON(nil, &c.row))
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			if !json.Valid([]byte(got)) {
				t.Errorf("not valid JSON: %q", got)
			}
		})
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "a", "\x00", "\"\\", "Иванов", "\xff\xfe", `\u00`, "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := index.AppendString(nil, s)
		var back string
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("AppendString(%q) = %q: %v", s, b, err)
		}
		if strings.ToValidUTF8(s, "\ufffd") != back && strings.ToValidUTF8(s, "") == s {
			t.Fatalf("round trip %q → %q", s, back)
		}
		r := index.AppendRawJSONString(nil, s)
		if !json.Valid(r) {
			t.Fatalf("AppendRawJSONString(%q) = %q is not JSON", s, r)
		}
	})
}

func TestAppendRowsAndCategory(t *testing.T) {
	out := tazala.Output{
		Record:   tazala.Record{Source: "t", Partition: 1, Offset: 9},
		Findings: []tazala.Finding{{Kind: tazala.KindIIN, Span: tazala.Span{Start: 1, End: 13}}, {Kind: tazala.KindCVV}},
		Tokens:   []tazala.Token{{Kind: tazala.KindIIN, ID: "tk_i"}, {Kind: tazala.KindCVV}},
		Subject:  "tk_i",
	}
	rows := index.AppendRows(nil, &out, time.Now())
	if len(rows) != 2 || rows[0].Token != "tk_i" || rows[1].Token != "" || rows[1].Ordinal != 1 || rows[0].Subject != "tk_i" || rows[1].Offset != 9 {
		t.Fatalf("rows %+v", rows)
	}
	want := map[tazala.Kind]string{tazala.KindIIN: "IIN", tazala.KindName: "FIO", tazala.KindPhone: "phone", tazala.KindEmail: "e-mail",
		tazala.KindPAN: "card details", tazala.KindExpiry: "card details", tazala.KindCVV: "card details"}
	for _, k := range tazala.Kinds {
		if index.Category(k) != want[k] {
			t.Errorf("Category(%v) = %q", k, index.Category(k))
		}
	}
}

func TestAppendIntMatchesStrconv(t *testing.T) {
	for _, v := range []int64{0, 1, 9, 10, 99, 100, 101, 999, 1000, 12345, 1<<31 - 1, 1<<63 - 1, -1, -100, -1 << 63} {
		row := index.Row{Offset: v, Start: v, End: v}
		got := string(index.AppendJSON(nil, &row))
		n := strconv.FormatInt(v, 10)
		want := `{"line":` + n + `,"type":"kind(0)","start":` + n + `,"end":` + n + `,"detector":"","confidence":0}` + "\n"
		if got != want {
			t.Errorf("%d: got %s want %s", v, got, want)
		}
	}
}
