package rules_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/rules"
)

var updatePolicyErrs = flag.Bool("update-policy", false, "rewrite testdata/policy/invalid/*.err from the current errors")

// TestShippedPolicy: the embedded policy.yaml loads and says what the
// privacy policy's §6 and §9 tables say.
func TestShippedPolicy(t *testing.T) {
	p := rules.DefaultPolicy()
	type want struct {
		cats      []string
		bases     []string
		retention string
		withdraw  bool
	}
	wants := map[string]want{
		"payments":      {[]string{"FIO", "IIN", "phone", "e-mail", "transaction data", "card details"}, []string{"consent", "bank_request"}, "5y from the event (statutory)", false},
		"support":       {[]string{"FIO", "phone", "e-mail", "request content"}, []string{"request"}, "until consent is withdrawn", true},
		"notifications": {[]string{"e-mail"}, []string{"consent"}, "until consent is withdrawn", true},
	}
	if len(p.Purposes) != len(wants) {
		t.Fatalf("%d purposes, want %d", len(p.Purposes), len(wants))
	}
	for id, w := range wants {
		pp := p.Purpose(id)
		if pp == nil {
			t.Fatalf("purpose %q missing", id)
		}
		var cats, bases []string
		for _, c := range pp.Categories {
			cats = append(cats, c.ID)
		}
		for _, b := range pp.Bases {
			bases = append(bases, b.ID)
		}
		if strings.Join(cats, ",") != strings.Join(w.cats, ",") || strings.Join(bases, ",") != strings.Join(w.bases, ",") {
			t.Errorf("%s: categories %v bases %v, want %v %v", id, cats, bases, w.cats, w.bases)
		}
		if got := pp.Retention.String(); got != w.retention || pp.Withdrawable() != w.withdraw {
			t.Errorf("%s: retention %q withdrawable %v, want %q %v", id, got, pp.Withdrawable(), w.retention, w.withdraw)
		}
	}
	m, b := p.Recipient("merchant"), p.Recipient("bank")
	if m == nil || b == nil {
		t.Fatal("recipients merchant and bank required")
	}
	for _, k := range tazala.Kinds {
		card := k == tazala.KindPAN || k == tazala.KindExpiry || k == tazala.KindCVV
		if m.Allows(k) == card {
			t.Errorf("merchant allows %s: %v", k, m.Allows(k))
		}
		if !b.Allows(k) {
			t.Errorf("bank does not get %s", k)
		}
	}
	if m.Retention.Period != (rules.Period{Years: 5}) || b.Retention.Period != (rules.Period{Years: 5}) {
		t.Errorf("recipients keep %v and %v, want 5y", m.Retention.Period, b.Retention.Period)
	}
	catOf := map[tazala.Kind]string{tazala.KindIIN: "IIN", tazala.KindPhone: "phone", tazala.KindEmail: "e-mail",
		tazala.KindPAN: "card details", tazala.KindExpiry: "card details", tazala.KindCVV: "card details", tazala.KindName: "FIO"}
	for k, c := range catOf {
		if got := p.CategoryOf(k); got != c {
			t.Errorf("category of %s = %q, want %q", k, got, c)
		}
	}
	pay := time.Date(2020, 3, 15, 10, 0, 0, 0, time.UTC)
	if got := p.Purpose("payments").Retention.Until(pay); !got.Equal(time.Date(2025, 3, 15, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("payments of %v kept until %v", pay, got)
	}
	if got := p.Purpose("support").Retention.Until(pay); !got.Equal(tazala.ForeverUntilWithdrawn) {
		t.Errorf("support kept until %v", got)
	}
}

func TestClassify(t *testing.T) {
	p := rules.DefaultPolicy()
	for _, tc := range []struct{ source, purpose, basis string }{
		{"payments", "payments", "consent"},
		{"payments.v2", "payments", "consent"},
		{"bank-requests", "payments", "bank_request"},
		{"payments.bank-requests", "payments", "bank_request"},
		{"support-requests", "support", "request"},
		{"/var/log/tazala/support-2026-01.jsonl", "support", "request"},
		{"feedback", "support", "request"},
		{"notifications.email", "notifications", "consent"},
		{"gateway-debug", "payments", "consent"}, // default: the statutory hold
	} {
		pp, b := p.Classify(tc.source)
		if pp.ID != tc.purpose || b.ID != tc.basis {
			t.Errorf("%s: %s/%s, want %s/%s", tc.source, pp.ID, b.ID, tc.purpose, tc.basis)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want rules.Period
		ok   bool
	}{
		{"5y", rules.Period{Years: 5}, true},
		{"18m", rules.Period{Months: 18}, true},
		{"1y6m", rules.Period{Years: 1, Months: 6}, true},
		{"30d", rules.Period{Days: 30}, true},
		{"0y", rules.Period{}, false},
		{"", rules.Period{}, false},
		{"5 years", rules.Period{}, false},
		{"6m1y", rules.Period{}, false},
	} {
		got, err := rules.ParsePeriod(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("%q: %v %v", tc.in, got, err)
		}
	}
}

func TestPolicyValidFixtures(t *testing.T) {
	files, _ := filepath.Glob("../testdata/policy/valid/*.yaml")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if _, err := rules.LoadPolicy(f); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestPolicyInvalidFixtures: each file in testdata/policy/invalid fails
// with exactly the error in the .err file beside it.
func TestPolicyInvalidFixtures(t *testing.T) {
	files, _ := filepath.Glob("../testdata/policy/invalid/*.yaml")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, err := rules.LoadPolicy(f)
			if err == nil {
				t.Fatal("loaded without error")
			}
			errFile := strings.TrimSuffix(f, ".yaml") + ".err"
			if *updatePolicyErrs {
				os.WriteFile(errFile, []byte(err.Error()+"\n"), 0o644)
			}
			want, rerr := os.ReadFile(errFile)
			if rerr != nil {
				t.Fatal(rerr)
			}
			if got := err.Error(); got != strings.TrimSpace(string(want)) {
				t.Errorf("error\n got %q\nwant %q", got, strings.TrimSpace(string(want)))
			}
		})
	}
}
