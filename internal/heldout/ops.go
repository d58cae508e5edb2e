package heldout

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/tazala/tazala/internal/checksum"
)

// Ops generates operational log lines that hold no personal data: every
// finding the scanner makes on them is a false alarm. Numbers are drawn
// so that many of them would pass a validator (11-digit offsets that
// start like a Kazakh mobile number, 12-digit sequence numbers with a
// valid IIN birth date and control digit, Luhn-valid counters in a card
// network's range), but each is labelled or placed as what it is.
type Ops struct {
	r *rand.Rand
}

// NewOps returns an Ops generator for seed.
func NewOps(seed uint64) *Ops {
	return &Ops{r: rand.New(rand.NewPCG(seed, 0x0b5))}
}

func (o *Ops) pick(xs []string) string { return xs[o.r.IntN(len(xs))] }

func (o *Ops) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + o.r.IntN(10))
	}
	return string(b)
}

func (o *Ops) hex(n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[o.r.IntN(16)]
	}
	return string(b)
}

func (o *Ops) uuid() string {
	return o.hex(8) + "-" + o.hex(4) + "-4" + o.hex(3) + "-a" + o.hex(3) + "-" + o.hex(12)
}

// phoneLike is an 11-digit number that a national phone rule accepts:
// 7 or 8, then 3xx–9xx.
func (o *Ops) phoneLike() string {
	return o.pick([]string{"7", "8"}) + o.pick([]string{"3", "4", "6", "7", "8", "9"}) + o.digits(9)
}

// iinLike is a 12-digit number with a valid IIN birth date, century digit
// and control digit.
func (o *Ops) iinLike() string {
	for {
		s := fmt.Sprintf("%02d%02d%02d%d%s", o.r.IntN(100), 1+o.r.IntN(12), 1+o.r.IntN(28), 3+o.r.IntN(2), o.digits(4))
		if cd := checksum.IINControl([]byte(s)); cd >= 0 {
			return s + strconv.Itoa(cd)
		}
	}
}

// panLike is a 16-digit Luhn-valid number in a card network's range.
func (o *Ops) panLike() string {
	body := o.pick([]string{"4", "5", "22", "6"}) + o.digits(14)
	body = body[:15]
	return body + strconv.Itoa(checksum.LuhnDigit([]byte(body)))
}

// num is a big number that sometimes passes a validator.
func (o *Ops) num() string {
	switch o.r.IntN(4) {
	case 0:
		return o.phoneLike()
	case 1:
		return o.iinLike()
	case 2:
		return o.panLike()
	}
	return strconv.FormatInt(o.r.Int64N(1e12), 10)
}

// pathID is a number in a URL path: an order or object id. It may pass
// the phone or card rules but not the IIN check: a bare valid IIN in a
// URL path is reported by design (its check passes one random 12-digit
// number in about 700, so such a value is far more likely a person's).
func (o *Ops) pathID() string {
	for {
		n := o.num()
		if len(n) != 12 || !checksum.ValidIIN([]byte(n), 2026) {
			return n
		}
	}
}

// grouped writes a number with thousands separators.
func grouped(s, sep string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (o *Ops) ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", 1+o.r.IntN(12), 1+o.r.IntN(28), o.r.IntN(24), o.r.IntN(60), o.r.IntN(60), o.r.IntN(1000))
}

var (
	services = []string{"ledger", "payout-worker", "fraud-scoring", "notification", "settlement", "api-gateway", "card-issuing", "reporting"}
	classes  = []string{"PaymentGateway", "LedgerService", "KafkaConsumer", "RetryPolicy", "CardTokenCache", "SettlementJob", "HttpClient", "ConnectionPool"}
	products = []string{"Apple Pay", "Google Pay", "Samsung Pay", "Visa Direct", "Mastercard Send", "Kaspi Gold", "Halyk Bonus", "Business Premium", "Gold Card", "Platinum Travel"}
	twoCaps  = []string{"Payment Gateway", "Order Service", "Kafka Connect", "Redis Cluster", "Spring Boot", "Grafana Agent", "Jenkins Pipeline", "Circuit Breaker", "Token Vault", "Fraud Engine", "Apache Flink", "Cloud Run", "Nginx Ingress", "Node Exporter"}
	topics   = []string{"payments.events", "ledger-entries", "card.auth.v2", "notifications", "settlement.batches"}
	paths    = []string{"/api/v1/payments", "/api/v2/orders", "/health", "/metrics", "/api/v1/cards/tokens", "/internal/ledger/entries", "/static/app.js"}
	agents   = []string{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36", "okhttp/4.12.0", "Go-http-client/2.0", "kube-probe/1.30", "Prometheus/2.53.0"}
)

// Next returns one PII-free line.
func (o *Ops) Next() []byte {
	var s string
	switch o.r.IntN(13) {
	case 0: // access log
		s = fmt.Sprintf(`10.%d.%d.%d - - [01/Dec/2026:%02d:%02d:%02d +0000] "%s %s/%s?page=%d&limit=%d&cursor=%s HTTP/1.1" %s %d "-" "%s" rt=%d.%03d upstream_rt=%d.%03d req_id=%s`,
			o.r.IntN(256), o.r.IntN(256), o.r.IntN(256), o.r.IntN(24), o.r.IntN(60), o.r.IntN(60), o.pick([]string{"GET", "POST", "PUT"}), o.pick(paths), o.pathID(), o.r.IntN(500), 10+o.r.IntN(90), o.num(),
			o.pick([]string{"200", "201", "204", "400", "404", "500"}), o.r.Int64N(5_000_000), o.pick(agents), o.r.IntN(3), o.r.IntN(1000), o.r.IntN(3), o.r.IntN(1000), o.hex(32))
	case 1: // JSON application event
		s = fmt.Sprintf(`{"ts":"%s","level":"%s","service":"%s","msg":"batch committed","offset":%s,"partition":%d,"lsn":"%X/%X","seq":%s,"epoch":%d,"latency_ms":%d,"bytes":%d,"records":%d,"trace_id":"%s","span_id":"%s"}`,
			o.ts(), o.pick([]string{"info", "debug", "warn"}), o.pick(services), o.phoneLike(), o.r.IntN(64), o.r.IntN(16), o.r.Uint32(), o.iinLike(), 1_760_000_000+o.r.IntN(1e7), o.r.IntN(5000), o.r.Int64N(1<<34), o.r.IntN(100000), o.hex(32), o.hex(16))
	case 2: // Kafka consumer
		s = fmt.Sprintf(`[%s] INFO [Consumer clientId=consumer-%s-%d, groupId=%s] Committed offset %s for partition %s-%d (lag %d, epoch %d)`,
			strings.Replace(o.ts()[:23], "T", " ", 1), o.pick(services), o.r.IntN(9), o.pick(services), o.phoneLike(), o.pick(topics), o.r.IntN(32), o.r.IntN(10000), o.r.IntN(90))
	case 3: // Kafka fetch / seek with bare numbers
		s = fmt.Sprintf(`%s WARN  o.a.k.c.c.i.Fetcher - [Consumer clientId=%s] Fetch position FetchPosition{offset=%s, offsetEpoch=Optional[%d], currentLeader=LeaderAndEpoch{leader=Optional[broker-%d:9092 (id: %d rack: null)], epoch=%d}} is out of range for partition %s-%d, resetting offset`,
			o.ts(), o.pick(services), o.phoneLike(), o.r.IntN(50), o.r.IntN(6), o.r.IntN(6), o.r.IntN(50), o.pick(topics), o.r.IntN(32))
	case 4: // Postgres / WAL
		s = fmt.Sprintf(`%s UTC [%d] LOG:  checkpoint complete: wrote %d buffers (%d.%d%%); %d WAL file(s) added, %d removed, %d recycled; write=%d.%03d s, sync=%d.%03d s; distance=%d kB, estimate=%d kB; lsn=%X/%X, redo lsn=%X/%X, xid %s`,
			strings.Replace(o.ts()[:23], "T", " ", 1), 1000+o.r.IntN(60000), o.r.IntN(100000), o.r.IntN(100), o.r.IntN(10), o.r.IntN(5), o.r.IntN(5), o.r.IntN(5), o.r.IntN(300), o.r.IntN(1000), o.r.IntN(3), o.r.IntN(1000), o.r.IntN(1e6), o.r.IntN(1e6), o.r.IntN(16), o.r.Uint32(), o.r.IntN(16), o.r.Uint32(), o.iinLike())
	case 5: // Prometheus exposition
		s = fmt.Sprintf(`%s_total{service="%s",instance="10.0.%d.%d:9100",le="%d"} %s %d`,
			o.pick([]string{"payments_processed", "kafka_consumer_records_consumed", "http_requests", "ledger_entries_written", "bytes_sent"}), o.pick(services), o.r.IntN(256), o.r.IntN(256), o.r.IntN(10000), o.num(), 1_760_000_000_000+o.r.Int64N(1e10))
	case 6: // Java stack frame and exception
		c := o.pick(classes)
		s = fmt.Sprintf(`%s ERROR [%s-%d] kz.pay.%s.%s - Retry %d of %d failed after %d ms: java.net.SocketTimeoutException: Read timed out (seq %s)
	at kz.pay.%s.%s.execute(%s.java:%d)`,
			o.ts(), strings.ToLower(c), o.r.IntN(32), strings.ToLower(o.pick(services)), c, 1+o.r.IntN(5), 5, o.r.IntN(30000), o.num(), strings.ToLower(o.pick(services)), c, c, 10+o.r.IntN(900))
		s = strings.ReplaceAll(s, "\n", " ")
	case 7: // systemd / kernel
		s = fmt.Sprintf(`Dec %2d %02d:%02d:%02d node-%d kernel: [%d.%06d] %s: rx_packets=%s tx_packets=%s dropped=%d mtu=%d`,
			1+o.r.IntN(28), o.r.IntN(24), o.r.IntN(60), o.r.IntN(60), o.r.IntN(40), o.r.IntN(9_999_999), o.r.IntN(1e6), o.pick([]string{"eth0", "ens5", "bond0"}), o.num(), o.num(), o.r.IntN(1000), 1500+o.r.IntN(7500))
	case 8: // logfmt with counters written in groups
		n := o.num()
		s = fmt.Sprintf(`ts=%s level=info svc=%s msg="stats flushed" processed="%s" bytes_in=%s seq_no=%s duration=%dms uptime_s=%d build=%s commit=%s`,
			o.ts(), o.pick(services), grouped(n, " "), grouped(o.num(), ","), o.phoneLike(), o.r.IntN(100000), o.r.IntN(1e8), o.pick([]string{"1.42.0", "2.0.3-rc1", "2026.11.3"}), o.hex(40))
	case 9: // product and component names, two capitalised words
		s = fmt.Sprintf(`%s INFO  %s started on port %d in %d.%03d s; %s enabled for %s; %s connected to %s (pool size %d)`,
			o.ts(), o.pick(twoCaps), 1024+o.r.IntN(60000), o.r.IntN(30), o.r.IntN(1000), o.pick(products), o.pick(twoCaps), o.pick(twoCaps), o.pick(twoCaps), 1+o.r.IntN(64))
	case 10: // storage / object ids and hashes
		s = fmt.Sprintf(`{"event":"object.stored","bucket":"ledger-archive","key":"%d/%02d/%s.parquet","size":%s,"etag":"%s","version_id":"%s","checksum_sha256":"%s","upload_id":"%s","parts":%d,"duration_us":%s}`,
			2026, 1+o.r.IntN(12), o.uuid(), o.num(), o.hex(32), o.hex(24), o.hex(64), o.uuid(), 1+o.r.IntN(1000), o.phoneLike())
	case 11: // card payments without card data: the other codes of a payment log
		s = o.paymentOps()
	default: // scheduler and job ids
		s = fmt.Sprintf(`%s job=%s run_id=%s attempt=%d sequence=%s started_at=%d finished_at=%d rows_read=%s rows_written=%s watermark=%s lag_seconds=%d`,
			o.ts(), o.pick([]string{"daily_settlement", "card_expiry_notifier", "ledger_compaction", "fx_rates_import"}), o.uuid(), 1+o.r.IntN(3), o.iinLike(), 1_760_000_000+o.r.IntN(1e7), 1_760_000_000+o.r.IntN(1e7), o.num(), o.num(), o.phoneLike(), o.r.IntN(3600))
	}
	return []byte(s)
}

// paymentOps writes a line of a payment service that holds codes which are
// not card security codes and dates which are not expiries: approval,
// response, error, one-time and SMS codes, MCCs, PIN tries, masked PANs.
func (o *Ops) paymentOps() string {
	d3, d4 := fmt.Sprintf("%03d", o.r.IntN(1000)), fmt.Sprintf("%04d", o.r.IntN(10000))
	switch o.r.IntN(8) {
	case 0:
		return fmt.Sprintf(`%s INFO [acq-gw] auth result=APPROVED rrn=%s stan=%06d approval_code=%s resp_code=00 mcc=%s terminal_id=%s card=411111******%s amount=%d.%02d currency=398 eci=05 cvv_result=M cvc_check=pass avs=Y`,
			o.ts(), o.digits(12), o.r.IntN(1e6), d3, d4, o.hex(8), d4, o.r.IntN(100000), o.r.IntN(100))
	case 1:
		return fmt.Sprintf(`%s INFO [otp] SMS code %s sent, attempt %d/3, resend in %d s; Код из SMS: %s; Бір реттік код: %s`,
			o.ts(), d4, 1+o.r.IntN(3), o.r.IntN(60), d4, d4)
	case 2:
		return fmt.Sprintf(`{"ts":"%s","event":"3ds.challenge","otp_length":4,"sms_code":"%s","verification_code":"%s","auth_code":"%s","security_level":%d,"result":"ok"}`,
			o.ts(), d4, d4, d3, o.r.IntN(4))
	case 3:
		return fmt.Sprintf(`%s WARN [issuer-adapter] declined: response code %s, error code %s, approval code %s, mcc %s, PIN tries %d/3 (card ending %s)`,
			o.ts(), d3, d3, d3, d4, o.r.IntN(4), d4)
	case 4:
		return fmt.Sprintf(`%s INFO Код подтверждения %s отправлен. Код ответа %s, код ошибки %s, код авторизации %s. Растау коды %s жіберілді.`,
			o.ts(), d4, d3, d3, d3, d4)
	case 5:
		return fmt.Sprintf(`%s INFO Your verification code is %s; promo code %s applied; secret code %s for locker %d`,
			o.ts(), d4, d4, d3, o.r.IntN(100))
	case 6:
		return fmt.Sprintf(`%s DEBUG [report] page %d/%d of settlement batch, %d/%d rows valid, retries %d/ %d`,
			o.ts(), 1+o.r.IntN(9), 10+o.r.IntN(20), 1+o.r.IntN(9), 10+o.r.IntN(20), o.r.IntN(9), 10+o.r.IntN(20))
	}
	return fmt.Sprintf(`%s INFO [cards] card token issued: pan=411111******%s last4=%s bin=%s cvv_required=true cvv_length=3 exp_checked=true code=%s`,
		o.ts(), d4, d4, o.digits(6), d3)
}
