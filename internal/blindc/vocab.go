package blindc

// Word lists. Every list is split by index parity: even entries belong to
// Tune, odd entries to Held (Generator.w). Keep every list at two entries
// or more; TestVocabularies checks it. No entry is a person's name, an
// e-mail address or a phone number.

var services = []string{
	"payment-gateway", "settlement-svc", "card-vault-proxy", "notification-hub",
	"acquiring-core", "fraud-scoring", "ledger-writer", "merchant-portal",
	"payout-engine", "kyc-orchestrator", "reconciliation", "tokenizer-api",
	"billing-worker", "clearing-bridge", "limits-service", "report-builder",
	"pos-gateway", "qr-pay", "loyalty-points", "installments-api",
}

var productNames = []string{
	"Payment Gateway", "Alma Cloud", "Merchant Portal", "Dala Pay",
	"Settlement Engine", "Tengri Vault", "Fraud Shield", "Steppe Ledger",
	"Card Issuing", "Altyn Bridge", "Open Banking", "Nomad Connect",
	"Risk Engine", "Samal Hub", "Core Banking", "Arman Wallet",
}

var javaClasses = []string{
	"kz.alma.payments.api.PaymentController", "kz.dala.ledger.LedgerWriter",
	"kz.alma.settlement.BatchCloser", "kz.dala.fraud.ScoringClient",
	"org.apache.kafka.clients.consumer.internals.ConsumerCoordinator", "org.apache.kafka.clients.NetworkClient",
	"com.zaxxer.hikari.pool.HikariPool", "io.netty.channel.DefaultChannelPipeline",
	"org.springframework.web.servlet.DispatcherServlet", "io.grpc.internal.ManagedChannelImpl",
	"kz.alma.acquiring.IsoMessageRouter", "kz.dala.payouts.PayoutScheduler",
	"org.hibernate.engine.jdbc.spi.SqlExceptionHelper", "reactor.netty.http.client.HttpClientConnect",
}

var domains = []string{"alma", "dala", "tengri", "steppe", "nomad", "altyn", "samal", "kokpar"}

var scopes = []string{"payments:write", "ledger:read", "settlement:run", "reports:read", "merchants:admin", "tokens:issue"}

var namespaces = []string{"payments", "ledger", "platform", "observability", "kafka", "fraud", "ingress", "batch"}

var nodes = []string{"node-07", "k8s-worker-12", "app-03", "db-pg-02", "kafka-1", "edge-lb-01", "ci-runner-4", "mon-01", "worker-az2-31", "pg-replica-5"}

var sysUsers = []string{"deploy", "ansible", "postgres", "ubuntu", "gitlab-runner", "root", "svc-backup", "www-data", "kafka", "nobody"}

var k8sReasons = []string{
	"BackOff", "Pulled", "FailedScheduling", "Killing", "Unhealthy", "Created",
	"OOMKilling", "SuccessfulCreate", "FailedMount", "ScalingReplicaSet", "Evicted", "NodeNotReady",
}

var httpPaths = []string{
	"/api/v1/payments", "/api/v2/transfers", "/healthz", "/metrics", "/api/v1/merchants/{id}/terminals",
	"/v1/settlements/batch", "/static/js/app.8f3a2c.js", "/api/v1/refunds", "/readyz", "/api/v3/qr/scan",
	"/static/img/logo@2x.png", "/api/v1/installments/plans", "/favicon.ico", "/api/internal/limits",
}

var httpMethods = []string{"GET", "POST", "PUT", "GET", "DELETE", "PATCH", "GET", "HEAD"}

var statuses = []string{"200", "201", "204", "301", "304", "400", "401", "403", "404", "409", "422", "429", "500", "502", "503", "504"}

var userAgents = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.118 Safari/537.36",
	"okhttp/4.12.0",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
	"Go-http-client/2.0",
	"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
	"kube-probe/1.29",
	"AlmaPay/5.31.0 (Android 14; SM-A546E; build 53100421)",
	"python-requests/2.31.0",
	"Prometheus/2.51.2",
	"curl/8.5.0",
	"DalaBank/7.2.3 (iOS 17.4.1; iPhone15,2; build 720301)",
	"Apache-HttpClient/5.2.1 (Java/17.0.10)",
	"Grafana/10.4.2",
	"axios/1.6.8",
}

var kafkaTopics = []string{"payments.events", "ledger.postings", "settlement.batches", "notifications.outbox", "fraud.scores", "audit.trail", "payouts.commands", "cdc.public.transfers"}

var kafkaGroups = []string{"settlement-consumer", "ledger-projector", "fraud-enricher", "outbox-relay", "clickhouse-sink", "audit-archiver", "payout-worker", "cdc-connect"}

var pgDatabases = []string{"payments", "ledger", "merchants", "settlement", "reports", "fraud", "limits", "payouts"}

var pgTables = []string{"transfers", "postings", "terminals", "batches", "ledger_entries", "merchant_fees", "payout_orders", "audit_events", "limits_daily", "refunds"}

var sqlStates = []string{"40001", "57014", "23505", "40P01", "08006", "53300", "42P01", "55P03"}

var redisCmds = []string{"GET", "SETEX", "HGETALL", "ZADD", "EVALSHA", "XADD", "MGET", "EXPIRE"}

var gcCauses = []string{"G1 Evacuation Pause", "Allocation Failure", "G1 Humongous Allocation", "Metadata GC Threshold", "System.gc()", "G1 Preventive Collection"}

var goFuncs = []string{
	"main.(*Server).handlePayment", "github.com/segmentio/kafka-go.(*Reader).FetchMessage",
	"net/http.(*conn).serve", "database/sql.(*DB).conn",
	"kz/alma/ledger/internal/posting.(*Writer).Flush", "runtime.gopark",
	"kz/dala/settlement/batch.Close", "google.golang.org/grpc.(*ClientConn).Invoke",
	"kz/alma/payout/engine.(*Scheduler).tick", "sync.(*WaitGroup).Wait",
}

var goFiles = []string{"/app/internal/server/handler.go", "/go/pkg/mod/github.com/segmentio/kafka-go@v0.4.47/reader.go",
	"/usr/local/go/src/net/http/server.go", "/usr/local/go/src/database/sql/sql.go",
	"/src/ledger/internal/posting/writer.go", "/usr/local/go/src/runtime/proc.go",
	"/src/settlement/batch/close.go", "/go/pkg/mod/google.golang.org/grpc@v1.63.2/call.go"}

var goPanics = []string{
	"runtime error: invalid memory address or nil pointer dereference",
	"runtime error: index out of range [5] with length 3",
	"assignment to entry in nil map",
	"runtime error: slice bounds out of range [:4096] with capacity 2048",
	"send on closed channel",
	"close of nil channel",
}

var pyExc = []string{
	"psycopg2.OperationalError: could not connect to server: Connection refused",
	"KeyError: 'merchant_ref'",
	"redis.exceptions.ConnectionError: Error 111 connecting to redis-master:6379. Connection refused.",
	"ValueError: invalid literal for int() with base 10: 'N/A'",
	"requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='fx-rates.internal', port=443): Read timed out. (read timeout=30)",
	"TimeoutError: [Errno 110] Connection timed out",
	"sqlalchemy.exc.IntegrityError: (psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint \"payout_orders_pkey\"",
	"json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
}

var pyFiles = []string{"/usr/lib/python3.11/site-packages/psycopg2/__init__.py", "/opt/recon/app/jobs/match.py",
	"/usr/local/lib/python3.12/site-packages/redis/connection.py", "/srv/reports/builder/render.py",
	"/usr/local/lib/python3.11/site-packages/requests/adapters.py", "/opt/etl/tasks/load_fx.py"}

var nodeErrs = []string{
	"Error: connect ECONNREFUSED", "TypeError: Cannot read properties of undefined (reading 'amount')",
	"Error: getaddrinfo ENOTFOUND", "RangeError: Maximum call stack size exceeded",
	"Error: read ECONNRESET", "UnhandledPromiseRejection: Error: socket hang up",
	"Error: Request failed with status code 502", "SyntaxError: Unexpected token < in JSON at position 0",
}

var tfResources = []string{"aws_s3_bucket.settlement_exports", "google_container_node_pool.payments", "aws_rds_cluster.ledger",
	"kubernetes_namespace.fraud", "aws_msk_cluster.events", "google_sql_database_instance.reports",
	"aws_iam_role.payout_worker", "vault_mount.transit"}

var ansibleTasks = []string{"nginx : render vhost", "common : install base packages", "postgres : apply pg_hba", "kafka : restart broker",
	"node_exporter : copy binary", "ssh : harden sshd_config", "certs : deploy wildcard", "app : run migrations"}

var ciJobs = []string{"build", "unit-test", "lint", "integration", "docker-push", "deploy-staging", "sast", "deploy-prod"}

var otelSpans = []string{"POST /api/v1/payments", "kafka.produce payments.events", "SELECT ledger.postings", "HTTP GET fx-rates",
	"redis EVALSHA", "grpc kz.alma.fraud.Scoring/Score", "settlement.close_batch", "vault transit/hmac"}

var metricNames = []string{"http_requests_total", "kafka_consumergroup_lag", "node_network_receive_bytes_total", "process_cpu_seconds_total",
	"pg_stat_database_xact_commit", "payments_authorized_total", "go_memstats_alloc_bytes_total", "redis_commands_processed_total",
	"envoy_cluster_upstream_rq_total", "jvm_gc_collection_seconds_count"}

var cronCmds = []string{"/usr/local/bin/pg_backup.sh --full", "/opt/recon/bin/run-daily", "certbot renew --quiet", "/usr/sbin/logrotate /etc/logrotate.conf",
	"/opt/reports/export --day yesterday", "find /var/tmp -mtime +7 -delete", "/usr/local/bin/vacuum-ledger", "/opt/fx/bin/refresh-rates"}

var buckets = []string{"alma-settlement-exports", "dala-pg-wal-archive", "tengri-reports-prod", "steppe-ci-artifacts", "nomad-clearing-files", "altyn-audit-archive"}

var dnsNames = []string{"api.alma.kz", "pg-primary.ledger.svc.cluster.local", "kafka-2.kafka-headless.kafka.svc", "fx-rates.internal",
	"acs.3ds.dala.kz", "vault.platform.internal", "mx1.steppe.kz", "grafana.mon.internal"}

var mccs = []string{"5411", "5812", "4111", "5999", "6011", "5732", "4814", "5541", "7011", "5912", "4900", "5311"}

var respCodes = []string{"00", "05", "51", "54", "55", "57", "61", "91", "14", "96", "65", "N7"}

var currencies = []string{"KZT", "USD", "RUB", "EUR", "KZT", "UZS"}

var networks = []string{"VISA", "MASTERCARD", "MIR", "UNIONPAY", "VISA", "AMEX"}

var companies = []string{
	"ТОО «Арман Логистик»", "АО «Жулдыз Финанс»", "ТОО «Самал Девелопмент»", "ТОО «Нур Трейд»",
	"АО «Дана Пэй»", "ТОО «Алатау Сити Сервис»", "ТОО «Степной Ветер»", "АО «Казахская Торговая Компания»",
	"ТОО «Алма Фуд Маркет»", "ТОО «Байтерек Строй»", "ТОО «Tengri Logistics»", "АО «Северный Транзит»",
	"ТОО «Мир Электроники»", "ТОО «Айгуль Текстиль»", "ТОО «Шолпан Маркет»", "ТОО «Береке Агро»",
	"ТОО «Ұлы Дала Логистикс»", "ТОО «Роза Ветров Тур»", "АО «Нұрлы Жол Транзит»", "ТОО «Вера и Надежда Фарм»",
}

var cities = []string{"Алматы", "Астана", "Шымкент", "Караганда", "Актобе", "Павлодар", "Усть-Каменогорск", "Атырау", "Костанай", "Тараз", "Кызылорда", "Семей"}

// streets include toponyms named after historical figures (given name +
// surname in the genitive): addresses, not personal data.
var streets = []string{
	"пр. Абая", "ул. Шокана Уалиханова", "пр. Достык", "ул. Кабанбай батыра", "ул. Толе би", "ул. Ахмета Байтурсынова",
	"пр. Аль-Фараби", "ул. Мухтара Ауэзова", "ул. Желтоксан", "ул. Сакена Сейфуллина", "мкр. Самал-2", "пр. Кунаева",
	"ул. Жандосова", "ул. Богенбай батыра", "ул. Розыбакиева", "пр. Республики",
}

var monthsRu = []string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}

var monthsKk = []string{"Қаңтар", "Ақпан", "Наурыз", "Сәуір", "Мамыр", "Маусым", "Шілде", "Тамыз", "Қыркүйек", "Қазан", "Қараша", "Желтоқсан"}

var monthsRuNom = []string{"Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"}

// ruOps are Russian ops sentences; several start with words shaped like
// surnames (genitive plurals in -ов/-ев, nouns in -ина).
var ruOps = []string{
	"Ошибка соединения с базой данных", "Сервер перезапущен после обновления",
	"Сбоев за сутки не обнаружено", "Причина отказа: превышен таймаут",
	"Платёжный шлюз недоступен, повтор через 30 с", "Очередь платежей переполнена",
	"Серверов в пуле доступно меньше порога", "Логов за период не найдено",
	"Репликация восстановлена", "Ключей шифрования в кэше нет, загружаем из Vault",
	"Токенов обновлено успешно", "Глубина очереди превысила лимит",
	"Сертификат обновлён", "Половина реплик недоступна",
	"Пакет клиринга отправлен в процессинг", "Величина задержки репликации выше нормы",
	"Кластеров без лидера: 0", "Задание выгрузки завершено",
	"Ретраев исчерпано, сообщение отправлено в DLQ", "Отчёт по эквайрингу сформирован",
}

// kkOps are Kazakh ops sentences.
var kkOps = []string{
	"Дерекқорға қосылу қатесі", "Сервер қайта іске қосылды",
	"Төлем шлюзы уақытша қолжетімсіз", "Төлем сәтті өңделді",
	"Кезек толып қалды", "Сертификат мерзімі жаңартылды",
	"Репликация қалпына келтірілді", "Есеп дайын",
	"Байланыс үзілді, қайта қосылу", "Клиринг пакеті жіберілді",
	"Жүйе жаңартуы аяқталды", "Кілттер кэші бос",
}

var logLevels = []string{"INFO", "WARN", "ERROR", "DEBUG", "info", "warning", "error", "notice", "TRACE", "FATAL", "I", "W"}

var envs = []string{"prod", "staging", "dev", "prod-kz", "dr", "sandbox"}

var azs = []string{"az-a", "az-b", "az-c", "alm-1", "ast-1", "alm-2"}

var jobNames = []string{"settlement-daily", "fx-rates-refresh", "ledger-vacuum", "report-monthly", "card-bin-sync", "dormant-merchant-scan", "payout-cutoff", "cert-expiry-check"}

var messageHosts = []string{"mx1.alma.local", "mta-out-02.dala.internal", "smtp-relay.svc.cluster.local", "mail.corp.lan", "relay-3.tengri.localdomain", "postfix-1.nomad.internal"}

var npmPkgs = []string{"express", "@nestjs/core", "axios", "@types/node", "pg", "kafkajs", "ioredis", "@opentelemetry/api", "lodash", "zod"}

var certNames = []string{"*.alma.internal", "api.dala.kz", "vault.platform.internal", "acs.3ds.dala.kz", "kafka-broker.kafka.svc", "grafana.mon.internal"}

var trelloBoards = []string{"Payments Sprint", "SRE Backlog", "Release Train", "Ops Board", "Risk Roadmap", "Platform Kanban"}

var dbUsers = []string{"app_payments", "replicator", "ledger_rw", "readonly", "debezium", "reports_ro", "pgbouncer", "migrator"}

var otpChannels = []string{"sms", "push", "voice", "in-app", "whatsapp", "email"}

var pbxQueues = []string{"support-kz", "merchants-line", "collections", "fraud-desk", "acquiring-2nd", "vip-merchants", "tech-hotline", "disputes"}

var smsTemplates = []string{"otp_login", "otp_3ds", "payout_notice", "limit_changed", "card_blocked_notice", "merchant_settlement", "promo_opt_in", "pin_reset"}

var smsProviders = []string{"smpp-kcell", "smpp-beeline", "http-mobizon", "smpp-tele2", "http-smsc", "smpp-altel"}

// productNamesRu are product and team names written in Russian/Kazakh,
// capitalised like titles.
var productNamesRu = []string{
	"Платёжный Шлюз", "Алма Клауд", "Кабинет Мерчанта", "Дала Пэй", "Сервис Выплат", "Арман Кошелёк",
	"Антифрод Система", "Төлем Орталығы", "Центр Клиринга", "Жұлдыз Бонус", "Служба Лимитов", "Самал Хаб",
}

var alertNames = []string{"KafkaConsumerLagHigh", "PostgresReplicationLag", "PaymentApprovalRateDrop", "PodCrashLooping",
	"CertificateExpiringSoon", "SettlementBatchLate", "HighErrorRate5xx", "VaultSealed", "DiskWillFillIn4Hours", "RedisMemoryHigh"}

var citiesLatin = []string{"ALMATY", "ASTANA", "SHYMKENT", "KARAGANDA", "AKTOBE", "PAVLODAR", "ATYRAU", "KOSTANAY"}

var reasonPhrases = []string{"Bad Gateway", "Service Unavailable", "Gateway Timeout", "Internal Server Error", "Too Many Requests", "Not Found", "Conflict", "Unprocessable Entity", "Request Timeout", "Precondition Failed"}
