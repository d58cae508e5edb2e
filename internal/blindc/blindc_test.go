package blindc

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tazala/tazala/internal/checksum"
	"github.com/tazala/tazala/internal/evalfmt"
	"golang.org/x/net/publicsuffix"
)

func TestDeterministic(t *testing.T) {
	for _, p := range []Part{Tune, Held} {
		a, b := New(7, p), New(7, p)
		c := New(8, p)
		same := 0
		for i := 0; i < 2000; i++ {
			la, lb, lc := a.Next(), b.Next(), c.Next()
			if !bytes.Equal(la, lb) {
				t.Fatalf("%v: line %d differs between two generators with one seed", p, i)
			}
			if bytes.Equal(la, lc) {
				same++
			}
		}
		if same > 20 {
			t.Errorf("%v: seeds 7 and 8 gave %d identical lines of 2000", p, same)
		}
	}
}

func TestPartsDisjoint(t *testing.T) {
	if len(templates)%2 != 0 {
		t.Fatalf("templates must come in Tune/Held pairs, have %d", len(templates))
	}
	seen := map[string]bool{}
	for _, tm := range templates {
		if seen[tm.name] {
			t.Errorf("template %q twice", tm.name)
		}
		seen[tm.name] = true
	}
	tn, hn := New(1, Tune).Templates(), New(1, Held).Templates()
	if len(tn) != len(hn) || len(tn)+len(hn) != len(templates) {
		t.Fatalf("parts hold %d and %d templates of %d", len(tn), len(hn), len(templates))
	}
	for _, l := range vocabularies() {
		if len(l) < 2 {
			t.Errorf("word list %q… has fewer than two entries: one part would have none", l[0])
		}
	}
	// Words drawn by each part come from its own half only.
	tune := map[string]bool{}
	for i, w := range services {
		if i%2 == 0 {
			tune[w] = true
		}
	}
	g := New(3, Held)
	for i := 0; i < 500; i++ {
		if w := g.w(services); tune[w] {
			t.Fatalf("Held drew the Tune word %q", w)
		}
	}
}

func vocabularies() [][]string {
	return [][]string{services, productNames, javaClasses, domains, scopes, namespaces, nodes, sysUsers, k8sReasons,
		httpPaths, httpMethods, statuses, userAgents, kafkaTopics, kafkaGroups, pgDatabases, pgTables, sqlStates, redisCmds,
		gcCauses, goFuncs, goFiles, goPanics, pyExc, pyFiles, nodeErrs, tfResources, ansibleTasks, ciJobs, otelSpans,
		metricNames, cronCmds, buckets, dnsNames, mccs, respCodes, currencies, networks, companies, cities, streets,
		monthsRu, monthsKk, monthsRuNom, ruOps, kkOps, logLevels, envs, azs, jobNames, messageHosts, npmPkgs, certNames,
		trelloBoards, dbUsers, otpChannels, pbxQueues, smsTemplates, smsProviders, productNamesRu, alertNames, citiesLatin, reasonPhrases, cardPrefixes, cardBINs, kzPrefixes, publicNets}
}

func TestValues(t *testing.T) {
	g := New(5, Tune)
	for i := 0; i < 2000; i++ {
		if s := g.iinShaped(); !checksum.ValidIIN([]byte(s), 2026) {
			t.Fatalf("iinShaped %d: not a valid IIN shape", i)
		}
		if s := g.bizBIN(); checksum.ValidIIN([]byte(s), 2026) || checksum.IINControl([]byte(s)) != int(s[11]-'0') {
			t.Fatalf("bizBIN %d: not a business BIN", i)
		}
		if s := g.luhnID(16); !checksum.Luhn([]byte(s)) || !cardNetwork(s) {
			t.Fatalf("luhnID %d: not Luhn-valid in a network range", i)
		}
		if s := g.kzCounter(); len(s) != 11 || !kzPhoneShaped(s) {
			t.Fatalf("kzCounter %d: %d digits, not phone-shaped", i, len(s))
		}
		if s := g.iban(); len(s) != 20 || !ibanValid(s) {
			t.Fatalf("iban %d: bad check digits or length %d", i, len(s))
		}
	}
}

func ibanValid(s string) bool {
	r := s[4:] + s[:4]
	rem := 0
	for _, c := range r {
		if c >= 'A' && c <= 'Z' {
			v := int(c-'A') + 10
			rem = (rem*100 + v) % 97
		} else {
			rem = (rem*10 + int(c-'0')) % 97
		}
	}
	return rem == 1
}

// cardNetwork reports whether digits d have the length and prefix of a card
// network (the ranges of README "What is detected", generously).
func cardNetwork(d string) bool {
	n := len(d)
	p2, _ := strconv.Atoi(d[:2])
	p3, _ := strconv.Atoi(d[:3])
	p4, _ := strconv.Atoi(d[:4])
	switch {
	case d[0] == '4':
		return n == 13 || n == 16 || n == 19
	case p2 >= 51 && p2 <= 55, p4 >= 2221 && p4 <= 2720:
		return n == 16
	case p2 == 34 || p2 == 37:
		return n == 15
	case p4 >= 2200 && p4 <= 2204, p2 == 62, p4 >= 3528 && p4 <= 3589, p4 == 6011, p3 >= 644 && p3 <= 649, p2 == 65:
		return n >= 16 && n <= 19
	case p2 == 50 || (p2 >= 56 && p2 <= 69):
		return n >= 12 && n <= 19
	case p3 >= 300 && p3 <= 305, p2 == 36, p2 == 38, p2 == 39:
		return n >= 14 && n <= 19
	}
	return false
}

func kzPhoneShaped(d string) bool {
	if len(d) != 11 || (d[0] != '7' && d[0] != '8') {
		return false
	}
	return d[1] == '7' || d[1] == '6' || d[1] == '3' || d[1] == '4' || d[1] == '8' || d[1] == '9'
}

var (
	digitRun = regexp.MustCompile(`[0-9]+`)
	uuidRe   = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	atDomain = regexp.MustCompile(`@([A-Za-z0-9.-]+)`)
	plusRun  = regexp.MustCompile(`(^|[^eE0-9])\+[0-9][0-9 ()-]{6,}`)
	// labels under which a validator-passing number is an intended hard
	// negative (the 64 bytes before the number must hold one of them).
	hardNegLabels = []string{
		"order_id", "invoice_no", "invoice_id", "transfer_id", "order_ref", // Luhn ids
		"rrn", "RRN", "retrieval_ref", "ref=", "batch_seq", // RRNs, references
		"offset", "lsn", "seq", "txid", "txId", "xid", "xmin", "Rows_examined", "Binlog_pos", "resourceVersion",
		"bytes", "size", "Read ", "rows", "Image size", "lag", "docsExamined", "applied-index", "snapshot-index", "lastApplied",
		"msg=audit(", "high watermark", "intValue", "mid=", "\"mid\"", "iccid=", "imei=", "ККМ", "arn:aws", "__MONOTONIC",
		"DE037=[", "F37=", "ModifyIndex", "значение ", "batch id ", "NONREF//", "\"} ", "distance=", "estimate=", "$2 = '", "duration_ns=", "Aborted connection", "Killed process", "connectionId",
		"\"id\"", "ts_usec", "_TIMESTAMP", "TimeUnixNano",
	}
)

// TestNoPersonalData checks, on every line of both parts, that no value is
// personal by construction: no '@' address with a public-suffix domain, no
// '+' number, and every standalone digit run that passes a validator (IIN
// date + control digit, Luhn + card network, 11 digits in a Kazakh phone
// range) sits under one of the documented non-personal labels. Digit runs
// touching letters (inside hex ids, base64, file names) are parts of longer
// tokens and not checked.
func TestNoPersonalData(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 4000
	}
	for _, p := range []Part{Tune, Held} {
		g := New(11, p)
		for i := 0; i < n; i++ {
			line := string(g.Next())
			if !utf8.ValidString(line) || strings.ContainsAny(line, "\n\r\x00") {
				t.Fatalf("%v line %d (%s): not one line of valid UTF-8", p, i+1, g.Template())
			}
			if err := personal(line, g.Template()); err != "" {
				t.Errorf("%v line %d (%s): %s", p, i+1, g.Template(), err)
			}
		}
	}
}

// columnTemplates write counters as table columns without a label
// (kafka-consumer-groups --describe).
var columnTemplates = map[string]bool{"kafka.groups-describe": true}

// unitsAfter are units or separators right after a counter: a byte count,
// a StatsD value, a Prometheus sample followed by its timestamp.
var unitsAfter = []string{" bytes", "|", " kB", " rows", " MiB"}

func personal(line, tmpl string) string {
	for _, m := range atDomain.FindAllStringSubmatch(line, -1) {
		d := strings.TrimRight(m[1], ".-")
		if !strings.Contains(d, ".") {
			continue
		}
		if _, icann := publicsuffix.PublicSuffix(strings.ToLower(d)); icann {
			return "an '@' address with a public suffix: " + d
		}
	}
	for _, loc := range plusRun.FindAllStringIndex(line, -1) {
		if rest := line[loc[1]:]; len(rest) >= 3 && rest[0] == '.' && isDigit(rest[1]) && isDigit(rest[2]) {
			continue // a signed amount such as +1250000.00
		}
		return "a '+' number"
	}
	uuids := uuidRe.FindAllStringIndex(line, -1)
runs:
	for _, loc := range digitRun.FindAllStringIndex(line, -1) {
		s, e := loc[0], loc[1]
		if s > 0 && isAlnum(line[s-1]) || e < len(line) && isAlnum(line[e]) {
			continue
		}
		for _, u := range uuids {
			if s >= u[0] && e <= u[1] {
				continue runs
			}
		}
		d := line[s:e]
		var kind string
		switch {
		case len(d) == 12 && checksum.ValidIIN([]byte(d), 2026):
			kind = "an IIN-valid 12-digit run"
		case len(d) >= 12 && len(d) <= 19 && checksum.Luhn([]byte(d)) && cardNetwork(d):
			kind = "a Luhn-valid card-network run"
		case kzPhoneShaped(d):
			kind = "an 11-digit phone-shaped run"
		default:
			continue
		}
		before, after := line[max(0, s-64):s], line[e:min(len(line), e+12)]
		ok := columnTemplates[tmpl]
		for _, l := range hardNegLabels {
			if strings.Contains(before, l) {
				ok = true
				break
			}
		}
		for _, l := range unitsAfter {
			if strings.HasPrefix(after, l) {
				ok = true
			}
		}
		if !ok {
			return fmt.Sprintf("%s at byte %d without a non-personal label (after %q)", kind, s, line[max(0, s-24):s])
		}
	}
	return ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

// TestWriteCorpus writes tune.jsonl and held.jsonl (BLINDC_N lines each,
// default 10000, seed BLINDC_SEED, default 1), their empty-span truth files
// and the template name of every line (tune.tmpl, held.tmpl) into
// BLINDC_OUT. Skipped unless BLINDC_OUT is set.
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("BLINDC_OUT")
	if dir == "" {
		t.Skip("set BLINDC_OUT=dir to write the corpus")
	}
	n, err := evalfmt.EnvCount("BLINDC_N", 10000)
	if err != nil {
		t.Fatal(err)
	}
	seed, err := evalfmt.EnvSeed("BLINDC_SEED", 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []Part{Tune, Held} {
		g := New(seed, p)
		next := func() evalfmt.Record {
			line := g.Next()
			return evalfmt.Record{Line: line, Template: g.Template()}
		}
		if err := evalfmt.WriteCorpus(evalfmt.Config{Dir: dir, Name: p.String(), Templates: ".tmpl"}, n, next); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("wrote %d lines per part into %s", n, dir)
}

// TestPersonalCheck shows the check of TestNoPersonalData catches what it
// is meant to catch, on values built here.
func TestPersonalCheck(t *testing.T) {
	g := New(1, Tune)
	pan, iin, ctr := g.luhnID(16), g.iinShaped(), g.kzCounter()
	for _, c := range []struct {
		name, line string
		flagged    bool
	}{
		{"public e-mail", "notify ops-team@alma.kz failed", true},
		{"Message-ID", "message-id=<2024.abc@mx1.alma.local>", false},
		{"retina asset", "GET /static/img/logo@2x.png", false},
		{"npm package", "added lodash@4.17.21", false},
		{"plus number", "callback +7 701 555 01 23", true},
		{"exponent", "metric 1.5e+10 1733059200123", false},
		{"signed amount", "credit +1250000.00 KZT", false},
		{"Luhn id unlabelled", "ref " + pan + " ok", true},
		{"Luhn order id", "order_id=" + pan, false},
		{"IIN-shaped unlabelled", "client " + iin, true},
		{"IIN-shaped rrn", "rrn=" + iin, false},
		{"IIN-shaped inside a longer id", "ref 0" + iin + "7", false},
		{"phone-shaped unlabelled", "call " + ctr, true},
		{"phone-shaped offset", "offset=" + ctr, false},
		{"inside hex", "trace a" + iin + "f", false},
	} {
		if got := personal(c.line, "x") != ""; got != c.flagged {
			t.Errorf("%s: flagged=%v, want %v", c.name, got, c.flagged)
		}
	}
}
