package blindi

import (
	"fmt"
	"strings"
)

var templates = []tmpl{
	{"cbs_batch", func(g *Generator) string {
		return fmt.Sprintf("%s INFO  [CBS-BATCH] job=%s step=%d/%d status=%s records=%d rejected=%d elapsed=%dms node=%s",
			g.ts(), g.pick("INTACCR", "EODPOST", "FXREVAL", "LOANAMORT", "DEPCAPIT", "GLRECON", "FEECHG"), g.n(1, 12), 12,
			g.pick("COMPLETED", "RUNNING", "RESTARTED", "COMPLETED_WITH_WARNINGS"), g.n(1000, 2_400_000), g.n(0, 40), g.n(200, 900000), g.host("cbs"))
	}},
	{"eod_report", func(g *Generator) string {
		return fmt.Sprintf("EOD %04d-%02d-%02d branch=%04d accounts_processed=%d gl_entries=%d debit_total=%d.%02d credit_total=%d.%02d KZT diff=0.00 settlement_batch=%s",
			2026, g.n(1, 12), g.n(1, 28), g.n(1, 350), g.n(1000, 900000), g.n(1000, 5000000), g.n(1_000_000, 900_000_000), g.n(0, 99), g.n(1_000_000, 900_000_000), g.n(0, 99), g.iinValid())
	}},
	{"atm_journal", func(g *Generator) string {
		return fmt.Sprintf("[%s] ATM %s TXN %s CARD %s AMT %d.00 KZT AUTH %s RC %s STAN %s DISP %dx%d CASSETTE %d OK",
			g.ts(), g.pick("KZ0", "HB0", "FF0")+g.digits(5), g.pick("WDL", "BAL", "CASHIN", "PINCHG"), g.masked(), g.n(1, 400)*1000, strings.ToUpper(g.hex(6)), g.pick("00", "05", "51", "55", "91"),
			g.digits(6), g.n(1, 40), g.pickI(1000, 2000, 5000, 10000), g.n(1, 4))
	}},
	{"pos_journal", func(g *Generator) string {
		return fmt.Sprintf(`{"ts":"%s","terminal_id":"%s","merchant_id":"%s","mcc":"%s","pan_masked":"%s","rrn":"%s","auth_code":"%s","amount":%d,"currency":"398","entry_mode":"%s","result":"%s"}`,
			g.ts(), g.digits(8), g.nonLuhn(15), g.pick("5411", "5812", "5999", "4111", "5541"), g.masked(), g.digits(12), strings.ToUpper(g.hex(6)), g.n(100, 500000), g.pick("contactless", "chip", "qr"), g.pick("APPROVED", "DECLINED", "REVERSED"))
	}},
	{"swift_status", func(g *Generator) string {
		return fmt.Sprintf("%s swift-gw %s MT%s ref=%s sender=%s receiver=%s amount=%s%d,%02d status=%s uetr=%s",
			g.ts(), g.pick("OUT", "IN"), g.pick("103", "202", "940", "950", "199"), "FT"+g.nonLuhn(14), g.bic(), g.bic(), g.pick("USD", "EUR", "KZT", "CNY"), g.n(100, 9_000_000), g.n(0, 99),
			g.pick("ACK", "NAK", "DELIVERED", "PENDING_COMPLIANCE"), g.uuid())
	}},
	{"iso20022", func(g *Generator) string {
		return fmt.Sprintf(`{"msgType":"%s","msgId":"%s","endToEndId":"E2E%s","debtorAgent":"%s","creditorAgent":"%s","debtorAccount":"%s","creditorAccount":"%s","txSts":"%s","rsn":"%s","journal_ref":"%s"}`,
			g.pick("pacs.008.001.08", "pacs.002.001.10", "camt.053.001.08", "pain.001.001.09"), "MSG"+g.digits(10), g.digits(14), g.bic(), g.bic(), g.iban(), g.iban(), g.pick("ACSC", "ACSP", "RJCT", "PDNG"), g.pick("", "AC04", "AM04", "FF01"), g.iinValid())
	}},
	{"cdr_summary", func(g *Generator) string {
		return fmt.Sprintf("cdr-agg %s hour=%02d cell_id=%d lac=%d mcc=401 mnc=%02d calls=%d sms=%d data_mb=%d avg_dur_s=%d dropped=%d region=%s",
			g.ts(), g.n(0, 23), g.n(10000, 268435455), g.n(1000, 65000), g.pickI(1, 2, 7, 77), g.n(0, 90000), g.n(0, 40000), g.n(0, 9_000_000), g.n(5, 600), g.n(0, 300), g.city())
	}},
	{"billing_run", func(g *Generator) string {
		return fmt.Sprintf("billing: cycle %s%02d closed, invoices=%d, invoice_no range starts %s, total_due=%d KZT, short code *%d# usage %d, service line 7%03d ext %d",
			"2026", g.n(1, 12), g.n(10000, 2_000_000), g.iinValid(), g.n(1_000_000, 900_000_000), g.n(100, 999), g.n(0, 90000), g.n(0, 999), g.n(100, 9999))
	}},
	{"payroll_sys", func(g *Generator) string {
		return fmt.Sprintf("%s payroll-svc job_id=%s period=2026-%02d batch_id=%s employees_count=%d payslips_generated=%d errors=%d bank_file=SAL_%s_%d.xml",
			g.ts(), g.uuid(), g.n(1, 12), g.iinValid(), g.n(10, 9000), g.n(10, 9000), g.n(0, 3), g.pick("HSBK", "CASP", "KCJB"), g.n(1, 99))
	}},
	{"onec_exchange", func(g *Generator) string {
		return fmt.Sprintf("%s 1С:Обмен Узел «%s» — выгружено объектов: %d, загружено: %d, ошибок: %d. Номер документа %s от %02d.%02d.2026. Сообщение обмена №%d подтверждено.",
			g.ts()[:19], g.pick("Центральная база", "Филиал Алматы", "Склад Астана", "Бухгалтерия ТОО"), g.n(0, 90000), g.n(0, 90000), g.n(0, 12), g.iinValid(), g.n(1, 28), g.n(1, 12), g.n(1, 99999))
	}},
	{"onec_error", func(g *Generator) string {
		return fmt.Sprintf("Ошибка при проведении документа «Реализация товаров и услуг %s»: недостаточно остатков на складе «%s». Регламентное задание «%s» перезапущено в %02d:%02d.",
			g.digits(9), g.pick("Основной склад", "Склад Шымкент", "Транзитный"), g.pick("Закрытие месяца", "Обмен с банком", "Загрузка курсов валют"), g.n(0, 23), g.n(0, 59))
	}},
	{"etl_dwh", func(g *Generator) string {
		return fmt.Sprintf("%s etl.load table=%s.%s partition=dt=2026-%02d-%02d rows_in=%d rows_out=%d dup=%d md5=%s duration=%.1fs",
			g.ts(), g.pick("dwh", "stg", "mart"), g.pick("fact_payments", "dim_merchant", "fact_cdr_hourly", "agg_atm_cash", "fact_gl_postings"), g.n(1, 12), g.n(1, 28), g.n(0, 90_000_000), g.n(0, 90_000_000), g.n(0, 500), g.hex(32), float64(g.n(1, 36000))/10)
	}},
	{"airflow", func(g *Generator) string {
		return fmt.Sprintf("[%s] {taskinstance.py:%d} INFO - Marking task as %s. dag_id=%s, task_id=%s, run_id=scheduled__2026-%02d-%02dT00:00:00+00:00, execution_date=2026%02d%02dT000000, try_number=%d",
			g.ts(), g.n(1000, 3000), g.pick("SUCCESS", "FAILED", "UP_FOR_RETRY"), g.pick("core_eod", "cdr_daily", "swift_recon", "card_settlement"), g.pick("extract_gl", "load_stage", "dbt_run", "notify_slack"), g.n(1, 12), g.n(1, 28), g.n(1, 12), g.n(1, 28), g.n(1, 4))
	}},
	{"dbt", func(g *Generator) string {
		return fmt.Sprintf("%02d:%02d:%02d  %d of %d OK created sql %s model %s.%s ........ [%s %d in %.2fs]",
			g.n(0, 23), g.n(0, 59), g.n(0, 59), g.n(1, 200), 200, g.pick("table", "incremental", "view"), g.pick("analytics", "finance"), g.pick("fct_transfers", "dim_branches", "int_fx_rates", "rpt_weekly_kpis"), g.pick("INSERT", "MERGE", "SELECT"), g.n(0, 9_000_000), float64(g.n(10, 90000))/100)
	}},
	{"opensearch", func(g *Generator) string {
		return fmt.Sprintf("[%s][%s][o.o.c.r.a.AllocationService] [%s] Cluster health status changed from [%s] to [%s] (reason: [shards started [[logs-app-2026.%02d.%02d][%d]]]).",
			g.ts(), g.pick("INFO ", "WARN "), g.host("os-data"), g.pick("RED", "YELLOW"), g.pick("YELLOW", "GREEN"), g.n(1, 12), g.n(1, 28), g.n(0, 9))
	}},
	{"es_gc", func(g *Generator) string {
		return fmt.Sprintf("[%s][WARN ][o.e.m.j.JvmGcMonitorService] [%s] [gc][%d] overhead, spent [%dms] collecting in the last [%ds], heap %dgb/%dgb",
			g.ts(), g.host("es-master"), g.n(10000, 9_000_000), g.n(100, 9000), g.n(1, 10), g.n(2, 30), 31)
	}},
	{"rabbitmq", func(g *Generator) string {
		return fmt.Sprintf("%s [%s] <0.%d.0> accepting AMQP connection <0.%d.0> (%s:%d -> %s:5672), vhost '%s', queue '%s' messages_ready=%d unacked=%d",
			g.ts(), g.pick("info", "warning"), g.n(100, 99999), g.n(100, 99999), g.ip(), g.n(30000, 65000), g.ip(), g.pick("/", "payments", "billing"), g.pick("cbs.postings", "notify.push", "cdr.raw"), g.n(0, 900000), g.n(0, 5000))
	}},
	{"nats", func(g *Generator) string {
		return fmt.Sprintf("[%d] %s [INF] JetStream stream '%s' consumer '%s' ack_pending=%d redelivered=%d num_pending=%d seq=%s",
			g.n(1, 99999), g.ts()[:19], g.pick("EVENTS", "LEDGER", "ALERTS"), g.pick("etl-worker", "audit-sink"), g.n(0, 1000), g.n(0, 50), g.n(0, 9000000), g.nonLuhn(13))
	}},
	{"vault", func(g *Generator) string {
		return fmt.Sprintf("%s [%s] %s: %s: accessor=hmac-sha256:%s path=%s ttl=%dh",
			g.ts(), g.pick("INFO", "WARN"), g.pick("core", "expiration", "secrets.pki"), g.pick("successfully mounted backend", "revoked lease", "certificate issued", "rotated root credentials"), g.hex(64), g.pick("pki_int/issue/cbs", "database/creds/dwh-ro", "transit/keys/tokens"), g.n(1, 8760))
	}},
	{"consul_nomad", func(g *Generator) string {
		return fmt.Sprintf("%s [%s] %s: %s: alloc_id=%s job=%s task_group=%s node=%s address=%s:%d",
			g.ts(), g.pick("INFO", "DEBUG"), g.pick("nomad.client", "agent.server.raft", "consul.health"), g.pick("task started", "alloc marked healthy", "check passing", "leadership transfer"), g.uuid(), g.pick("swift-adapter", "atm-monitor", "cdr-agg"), g.pick("api", "worker"), g.host("nomad"), g.ip(), g.n(1024, 65000))
	}},
	{"cdn_waf", func(g *Generator) string {
		return fmt.Sprintf(`%s - - [%02d/%s/2026:%02d:%02d:%02d +0600] "%s /%s HTTP/2.0" %d %d "-" "%s" waf_rule=%d action=%s pop=%s cache=%s`,
			g.ip(), g.n(1, 28), g.pick("Jan", "Mar", "Jun", "Sep", "Nov"), g.n(0, 23), g.n(0, 59), g.n(0, 59), g.pick("GET", "POST"), g.pick("static/app."+g.hex(8)+".js", "img/logo@2x.png", "api/v2/rates", "wp-login.php", "health"),
			g.pickI(200, 304, 403, 429), g.n(0, 900000), g.pick("Mozilla/5.0 (Linux; Android 14)", "curl/8.5.0", "okhttp/4.12.0"), g.n(900000, 990000), g.pick("log", "block", "challenge"), g.pick("ALA", "NQZ", "FRA", "IST"), g.pick("HIT", "MISS"))
	}},
	{"mobile_release", func(g *Generator) string {
		return fmt.Sprintf("release %s %s %d.%d.%d (build %d) rollout %d%% crash_free_users=%.2f%% crash_free_sessions=%.2f%% anr_rate=%.2f%% week 2026-W%02d owner: %s",
			g.product(), g.pick("iOS", "Android"), g.n(5, 9), g.n(0, 40), g.n(0, 9), g.n(1000, 99999), g.pickI(1, 5, 10, 20, 50, 100), 99.0+float64(g.n(0, 99))/100, 99.0+float64(g.n(0, 99))/100, float64(g.n(0, 60))/100, g.n(1, 52), g.team())
	}},
	{"alert_ru", func(g *Generator) string {
		return fmt.Sprintf("%s Сервис %s в %s недоступен %d минут. Команда %s расследует инцидент INC-%d, следующее обновление в %02d:%02d. Плановые работы перенесены на %d %s.",
			g.pick("ВНИМАНИЕ.", "Алерт:", "[P2]"), g.product(), g.cityRu(), g.n(2, 90), g.team(), g.n(1000, 99999), g.n(0, 23), g.n(0, 59), g.n(1, 28), g.monthRu())
	}},
	{"alert_kk", func(g *Generator) string {
		return fmt.Sprintf("Назар аударыңыз: %s филиалындағы банкоматтар желісінде %d құрылғы істен шықты. %s тобы жұмыс істеп жатыр. Келесі хабарлама %d %s сағат %02d:%02d.",
			g.city(), g.n(1, 40), g.team(), g.n(1, 28), g.monthKk(), g.n(0, 23), g.n(0, 59))
	}},
	{"alert_kk2", func(g *Generator) string {
		return fmt.Sprintf("Мониторинг: %s қызметінің жауап уақыты %d мс-қа дейін өсті. Жүктеме %d%%. Кезекші инженер хабардар етілді, тикет OPS-%d.",
			g.product(), g.n(300, 9000), g.n(50, 100), g.n(100, 99999))
	}},
	{"cert_expiry", func(g *Generator) string {
		return fmt.Sprintf("Certificate %s (serial %s) issued by %s expires on %d %s 2027; license %s-%s valid until %02d.%02d.2027, seats %d/%d.",
			g.pick("*.api.bank.internal", "swift-gw.corp.internal", "mq01.dc1.local"), strings.ToUpper(g.hex(16)), g.pick("Corp Issuing CA", "Vault Intermediate"), g.n(1, 28), g.monthEn(),
			g.pick("ORCL", "RHEL", "ELK"), strings.ToUpper(g.hex(8)), g.n(1, 28), g.n(1, 12), g.n(1, 500), 500)
	}},
	{"cert_expiry_ru", func(g *Generator) string {
		return fmt.Sprintf("Срок действия сертификата ЭЦП для узла «%s» истекает %d %s 2027 года. Ответственная команда: %s. Заявка на продление CHG-%d.",
			g.pick("Обмен с НБРК", "Шлюз МСФО", "Клиринг"), g.n(1, 28), g.monthRu(), g.team(), g.n(1000, 99999))
	}},
	{"promo", func(g *Generator) string {
		return fmt.Sprintf("campaign=%s promo_code=%s Q%d-2026 week=%d audience_size=%d redeemed=%d voucher=%s conv=%.2f%%",
			g.pick("BLACKFRIDAY", "NAURYZ", "BACK2SCHOOL", "NEWYEAR"), strings.ToUpper(g.hex(6)), g.n(1, 4), g.n(1, 52), g.n(1000, 900000), g.n(0, 90000), g.luhnRef(16), float64(g.n(0, 999))/100)
	}},
	{"luhn_refs", func(g *Generator) string {
		return fmt.Sprintf(`{"event":"contract.signed","contract_ref":"%s","loyalty_acct":"%s","ts_ms":%s,"branch":%d,"channel":"%s"}`,
			g.luhnRef(g.n(13, 19)), g.luhnRef(16), g.luhnRef(13), g.n(1, 350), g.pick("web", "branch", "api"))
	}},
	{"counter11", func(g *Generator) string {
		return fmt.Sprintf("%s seqgen: sequence=%s next=%d%s cache=%d gap_detected=%t",
			g.ts(), g.pick("GL_ENTRY_SEQ", "SWIFT_MSG_SEQ", "CDR_SEQ"), g.n(7, 8), g.digits(10), g.pickI(20, 100, 1000), g.r.IntN(5) == 0)
	}},
	{"call_center", func(g *Generator) string {
		return fmt.Sprintf("ivr: queue %s menu=*%d# short_code=%d ext=%d calls_waiting=%d sla=%d%% abandoned=%d",
			g.pick("cards", "loans", "business"), g.n(100, 999), g.pickI(7111, 1414, 2525, 505, 3535), g.n(1000, 9999), g.n(0, 200), g.n(60, 100), g.n(0, 50))
	}},
	{"git_deploy", func(g *Generator) string {
		return fmt.Sprintf("deploy %s@%s to %s by pipeline #%d: %d pods updated, image sha256:%s, message-id <%s@ci.corp.internal> notified @%s",
			g.pick("cbs-api", "atm-monitor", "swift-adapter"), g.hex(40), g.pick("prod-ala", "prod-nqz", "staging"), g.n(1000, 99999), g.n(1, 40), g.hex(64), g.hex(16), g.pick("sre-oncall", "core-banking", "dwh-team"))
	}},
	{"fx_rates", func(g *Generator) string {
		return fmt.Sprintf("fx: rates loaded for %02d.%02d.2026 USD/KZT=%d.%02d EUR/KZT=%d.%02d RUB/KZT=%d.%02d source=NBRK version=%d.%d.%d",
			g.n(1, 28), g.n(1, 12), g.n(440, 540), g.n(0, 99), g.n(480, 600), g.n(0, 99), g.n(4, 7), g.n(0, 99), g.n(1, 3), g.n(0, 20), g.n(0, 99))
	}},
	{"kpi_week", func(g *Generator) string {
		return fmt.Sprintf("Weekly report W%02d %d: %s processed %d transfers, p99 latency %d ms, availability %d.%02d%%. Prepared by %s for the %s steering meeting.",
			g.n(1, 52), 2026, g.team(), g.n(100000, 90000000), g.n(50, 3000), g.n(99, 99), g.n(0, 99), g.team(), g.monthEn())
	}},
	{"ru_status", func(g *Generator) string {
		return fmt.Sprintf("Отчёт за %s: Служба Поддержки закрыла %d обращений, Отдел Разработки выпустил %d релизов. Банк Центр Кредит и Народный Банк подтвердили сверку за %d квартал.",
			g.pick("неделю", "месяц", "квартал"), g.n(100, 90000), g.n(1, 40), g.n(1, 4))
	}},
}
