package blindc

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tazala/tazala/internal/checksum"
)

// templates are listed in pairs of one system: index 2k belongs to Tune,
// 2k+1 to Held. Names are unique; the prefix names the system.
var templates = []template{
	// --- Kubernetes ---------------------------------------------------------
	{"k8s.events-table", func(g *Generator) string {
		svc := g.w(services)
		pod := g.pod(svc)
		typ := "Normal"
		reason := g.w(k8sReasons)
		msg := fmt.Sprintf("Back-off restarting failed container %s in pod %s_%s(%s)", svc, pod, g.w(namespaces), g.uuid())
		switch g.r.IntN(4) {
		case 0:
			msg = fmt.Sprintf("Container %s failed liveness probe, will be restarted (exit code %s)", svc, g.w([]string{"137", "143", "1", "2", "139", "255"}))
			typ = "Warning"
		case 1:
			msg = fmt.Sprintf("Successfully pulled image \"registry.%s.internal/%s:%s\" in %s (%s including waiting). Image size: %s bytes.", g.w(domains), svc, g.ver(), g.dur(), g.dur(), g.bigCounter())
		case 2:
			msg = fmt.Sprintf("0/%s nodes are available: %s Insufficient memory, %s node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/%s nodes are available.", g.ns(6, 40), g.ns(1, 9), g.ns(1, 5), g.ns(6, 40))
			typ = "Warning"
		}
		return fmt.Sprintf("%dm%ds   %s   %s   pod/%s   %s", g.n(1, 59), g.n(0, 59), typ, reason, pod, msg)
	}},
	{"k8s.event-json", func(g *Generator) string {
		svc := g.w(services)
		t := g.when()
		return js("kind", "Event", "apiVersion", "v1", "metadata", raw(js("name", g.pod(svc)+"."+g.hex(16), "namespace", g.w(namespaces), "uid", g.uuid(), "resourceVersion", g.bigCounter(), "creationTimestamp", t.iso())),
			"involvedObject", raw(js("kind", "Pod", "name", g.pod(svc), "fieldPath", "spec.containers{"+svc+"}")),
			"reason", g.w(k8sReasons), "message", fmt.Sprintf("Memory cgroup out of memory: Killed process %s (%s) total-vm:%skB, anon-rss:%skB, oom_score_adj:%s", g.ns(1000, 4000000), svc, g.digits(8), g.digits(7), g.ns(-999, 1000)),
			"count", raw(g.ns(1, 3000)), "type", "Warning", "lastTimestamp", t.iso(), "reportingComponent", "kubelet", "reportingInstance", g.w(nodes))
	}},
	{"k8s.kubelet", func(g *Generator) string {
		t := g.when()
		svc := g.w(services)
		return fmt.Sprintf("I%s    %s kubelet.go:%s] \"SyncLoop (PLEG): event for pod\" pod=\"%s/%s\" event={\"ID\":\"%s\",\"Type\":\"ContainerStarted\",\"Data\":\"%s\"}",
			t.klog(), g.ns(800, 4000), g.ns(1000, 2999), g.w(namespaces), g.pod(svc), g.uuid(), g.hex(64))
	}},
	{"k8s.kubelet-oom", func(g *Generator) string {
		t := g.when()
		svc := g.w(services)
		return fmt.Sprintf("E%s    %s pod_workers.go:%s] \"Error syncing pod, skipping\" err=\"failed to \\\"StartContainer\\\" for \\\"%s\\\" with CrashLoopBackOff: \\\"back-off 5m0s restarting failed container=%s pod=%s_%s(%s)\\\"\" pod=\"%s/%s\" podUID=\"%s\" lastExitCode=%s",
			t.klog(), g.ns(800, 4000), g.ns(1000, 1400), svc, svc, g.pod(svc), g.w(namespaces), g.uuid(), g.w(namespaces), g.pod(svc), g.uuid(), g.w([]string{"137", "1", "143", "2"}))
	}},

	// --- systemd / journald --------------------------------------------------
	{"systemd.unit", func(g *Generator) string {
		t := g.when()
		svc := g.w(services)
		switch g.r.IntN(3) {
		case 0:
			return fmt.Sprintf("%s %s systemd[1]: %s.service: Main process exited, code=exited, status=%s/%s", t.syslog(), g.w(nodes), svc, g.w([]string{"137", "1", "143", "203", "2", "226"}), g.w([]string{"KILL", "FAILURE", "TERM", "EXEC", "INVALIDARGUMENT", "NAMESPACE"}))
		case 1:
			return fmt.Sprintf("%s %s systemd[1]: %s.service: Consumed %dmin %d.%03ds CPU time, %sM memory peak.", t.syslog(), g.w(nodes), svc, g.n(0, 300), g.n(0, 59), g.n(0, 999), g.ns(12, 9000))
		}
		return fmt.Sprintf("%s %s systemd[1]: Started Session %s of User %s.", t.syslog(), g.w(nodes), g.ns(1, 99999), g.w(sysUsers))
	}},
	{"systemd.journal-json", func(g *Generator) string {
		t := g.when()
		svc := g.w(services)
		return js("__CURSOR", fmt.Sprintf("s=%s;i=%s;b=%s;m=%s;t=%s;x=%s", g.hex(32), g.hex(6), g.hex(32), g.hex(9), g.hex(13), g.hex(16)),
			"__REALTIME_TIMESTAMP", g.epochIn(t, 2), "__MONOTONIC_TIMESTAMP", g.digits(11), "_BOOT_ID", g.hex(32), "PRIORITY", g.ns(2, 7),
			"_SYSTEMD_UNIT", svc+".service", "_PID", g.ns(300, 4000000), "_HOSTNAME", g.w(nodes),
			"MESSAGE", fmt.Sprintf("%s.service: Scheduled restart job, restart counter is at %s.", svc, g.ns(1, 2000)), "SYSLOG_IDENTIFIER", "systemd", "_TRANSPORT", "journal")
	}},

	// --- sshd / sudo / auditd ------------------------------------------------
	{"auth.sshd", func(g *Generator) string {
		t := g.when()
		if g.p(0.5) {
			return fmt.Sprintf("%s %s sshd[%s]: Accepted publickey for %s from %s port %s ssh2: ED25519 SHA256:%s", t.syslog(), g.w(nodes), g.ns(1000, 99999), g.w(sysUsers), g.ip(), g.port(), g.b64(43))
		}
		return fmt.Sprintf("%s %s sshd[%s]: Failed password for invalid user %s from %s port %s ssh2", t.syslog(), g.w(nodes), g.ns(1000, 99999), g.w([]string{"admin", "test", "oracle", "pi", "support", "guest", "user", "ftp"}), g.ip(), g.port())
	}},
	{"auth.sshd-session", func(g *Generator) string {
		t := g.when()
		u := g.w(sysUsers)
		if g.p(0.5) {
			return fmt.Sprintf("%s %s sshd[%s]: pam_unix(sshd:session): session opened for user %s(uid=%s) by (uid=0)", t.syslog(), g.w(nodes), g.ns(1000, 99999), u, g.ns(0, 60000))
		}
		return fmt.Sprintf("%s %s sshd[%s]: Received disconnect from %s port %s:11: disconnected by user; Disconnected from user %s %s port %s", t.syslog(), g.w(nodes), g.ns(1000, 99999), g.ip(), g.port(), u, g.ip(), g.port())
	}},
	{"auth.sudo", func(g *Generator) string {
		t := g.when()
		u := g.w(sysUsers)
		return fmt.Sprintf("%s %s sudo: %s : TTY=pts/%d ; PWD=/home/%s ; USER=root ; COMMAND=/usr/bin/systemctl restart %s.service", t.syslog(), g.w(nodes), u, g.n(0, 9), u, g.w(services))
	}},
	{"auth.auditd", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("type=SYSCALL msg=audit(%s.%03d:%s): arch=c000003e syscall=%s success=yes exit=0 a0=%s a1=%s a2=%s a3=0 items=2 ppid=%s pid=%s auid=%s uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts%d ses=%s comm=\"%s\" exe=\"/usr/bin/%s\" key=\"%s\"",
			g.epochIn(t, 0), t.frac/1000, g.bigCounter(), g.ns(0, 330), g.hex(12), g.hex(12), g.hex(12), g.ns(1, 99999), g.ns(1, 4000000), g.ns(1000, 1010), g.n(0, 9), g.ns(1, 9000),
			g.w([]string{"systemctl", "kubectl", "psql", "journalctl", "curl", "vault"}), g.w([]string{"systemctl", "kubectl", "psql", "journalctl", "curl", "vault"}), g.w([]string{"priv_esc", "exec_watch", "k8s_admin", "secrets"}))
	}},

	// --- HTTP access logs ----------------------------------------------------
	{"http.nginx-combined", func(g *Generator) string {
		t := g.when()
		path := g.w(httpPaths)
		//lint:ignore S1017 digits are drawn only for a path with an id: the frozen corpus depends on it
		if strings.Contains(path, "{id}") {
			path = strings.Replace(path, "{id}", g.digits(g.n(4, 9)), 1)
		}
		q := ""
		if g.p(0.4) {
			q = fmt.Sprintf("?page=%d&limit=%d&from=%s&order_id=%s", g.n(1, 40), pick(g, []int{20, 50, 100, 25}), fmt.Sprintf("%04d-%02d-%02d", t.y, t.mo, t.d), g.luhnID(16))
		}
		return fmt.Sprintf("%s - - [%s] \"%s %s%s HTTP/1.1\" %s %s \"-\" \"%s\" rt=%d.%03d uct=0.%03d urt=%d.%03d rid=%s",
			g.ip(), t.clf(), g.w(httpMethods), path, q, g.w(statuses), g.ns(0, 9999999), g.w(userAgents), g.n(0, 3), g.n(0, 999), g.n(0, 999), g.n(0, 3), g.n(0, 999), g.hex(32))
	}},
	{"http.nginx-json", func(g *Generator) string {
		t := g.when()
		return js("time_local", t.clf(), "remote_addr", g.ip(), "request_method", g.w(httpMethods), "request_uri", g.w(httpPaths)+"?invoice_no="+g.luhnID(16),
			"status", raw(g.w(statuses)), "body_bytes_sent", raw(g.bigCounter()), "request_time", fmt.Sprintf("%d.%03d", g.n(0, 9), g.n(0, 999)),
			"http_user_agent", g.w(userAgents), "request_id", g.hex(32), "upstream_addr", g.ip()+":"+g.port(), "ssl_protocol", "TLSv1.3")
	}},
	{"http.envoy", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("[%s] \"%s %s HTTP/2\" %s %s %s %s %d %d \"%s\" \"%s\" \"%s\" \"%s.%s.svc\" \"%s:%s\" outbound|%s||%s.%s.svc.cluster.local",
			t.iso(), g.w(httpMethods), g.w(httpPaths), g.w(statuses), g.w([]string{"-", "UF", "UH", "URX", "DC", "UT"}), g.ns(0, 99999), g.ns(0, 999999), g.n(0, 3000), g.n(0, 3000),
			g.ip(), g.w(userAgents), g.uuid(), g.w(services), g.w(namespaces), g.ip(), g.port(), g.port(), g.w(services), g.w(namespaces))
	}},
	{"http.haproxy", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s lb-%02d haproxy[%s]: %s:%s [%02d/%s/%04d:%s.%03d] fe_https~ be_%s/%s-%02d %d/%d/%d/%d/%d %s %s - - ---- %d/%d/%d/%d/0 0/0 \"%s %s HTTP/1.1\"",
			t.syslog(), g.n(1, 4), g.ns(1000, 9999), g.ip(), g.port(), t.d, monEn[t.mo-1], t.y, t.hms(), g.n(0, 999), strings.ReplaceAll(g.w(services), "-", "_"), g.w(services), g.n(1, 12),
			g.n(0, 20), g.n(0, 5), g.n(0, 9), g.n(0, 3000), g.n(0, 3000), g.w(statuses), g.ns(100, 9999999), g.n(1, 900), g.n(1, 900), g.n(1, 90), g.n(0, 10), g.w(httpMethods), g.w(httpPaths))
	}},

	// --- Postgres / MySQL -----------------------------------------------------
	{"db.pg-checkpoint", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s +05 [%s] LOG:  checkpoint complete: wrote %s buffers (%d.%d%%); 0 WAL file(s) added, %d removed, %d recycled; write=%d.%03d s, sync=0.%03d s, total=%d.%03d s; sync files=%d, longest=0.%03d s, average=0.%03d s; distance=%s kB, estimate=%s kB; lsn=%X/%s, redo lsn=%X/%s",
			t.sqlms(), g.ns(100, 4000000), g.ns(10, 99999), g.n(0, 99), g.n(0, 9), g.n(0, 9), g.n(0, 9), g.n(0, 300), g.n(0, 999), g.n(0, 999), g.n(0, 300), g.n(0, 999), g.n(1, 400), g.n(0, 999), g.n(0, 999),
			g.bigCounter(), g.bigCounter(), g.n(0, 255), g.upperHex(8), g.n(0, 255), g.upperHex(8))
	}},
	{"db.pg-error", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s UTC [%s] %s@%s ERROR:  could not serialize access due to concurrent update (SQLSTATE %s) CONTEXT: while updating tuple (%s,%d) in relation \"%s\" duration: %d.%03d ms xid=%s",
			t.sqlms(), g.ns(100, 4000000), g.w(dbUsers), g.w(pgDatabases), g.w(sqlStates), g.digits(g.n(3, 8)), g.n(1, 200), g.w(pgTables), g.n(0, 90000), g.n(0, 999), g.bigCounter())
	}},
	{"db.pg-slow", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s +05 [%s]: [%d-1] user=%s,db=%s,app=%s,client=%s LOG:  duration: %d.%03d ms  execute <unnamed>: UPDATE %s SET status = $1 WHERE id = $2 AND version = $3 DETAIL:  parameters: $1 = 'SETTLED', $2 = '%s', $3 = '%d'",
			t.sqlms(), g.ns(100, 4000000), g.n(1, 9), g.w(dbUsers), g.w(pgDatabases), g.w(services), g.ip(), g.n(200, 60000), g.n(0, 999), g.w(pgTables), g.bigCounter(), g.n(1, 40))
	}},
	{"db.pg-replication", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s [%s] LOG:  started streaming WAL from primary at %X/%s on timeline %d; replay lag %s bytes; txid_current=%s; oldest xmin %s",
			t.sqlms(), g.ns(100, 4000000), g.n(0, 255), g.upperHex(8), g.n(1, 30), g.bigCounter(), g.bigCounter(), g.bigCounter())
	}},
	{"db.mysql-error", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%04d-%02d-%02dT%s.%06dZ %s [Warning] [MY-%06d] [Server] Aborted connection %s to db: '%s' user: '%s' host: '%s' (Got an error reading communication packets) code %s",
			t.y, t.mo, t.d, t.hms(), t.frac, g.ns(1, 99999), g.n(10000, 13999), g.bigCounter(), g.w(pgDatabases), g.w(dbUsers), g.ip(), g.w([]string{"1045", "1062", "1213", "2013", "1205", "1040"}))
	}},
	{"db.mysql-slow", func(g *Generator) string {
		return fmt.Sprintf("# Query_time: %d.%06d  Lock_time: 0.%06d Rows_sent: %d  Rows_examined: %s  Thread_id: %s  Errno: 0  Bytes_sent: %s  Binlog_pos: %s",
			g.n(1, 120), g.n(0, 999999), g.n(0, 999999), g.n(0, 5000), g.bigCounter(), g.ns(1, 999999), g.ns(50, 9999999), g.bigCounter())
	}},

	// --- Redis / MongoDB -------------------------------------------------------
	{"db.redis", func(g *Generator) string {
		t := g.when()
		pid := g.ns(1, 99999)
		switch g.r.IntN(3) {
		case 0:
			return fmt.Sprintf("%s:M %02d %s %04d %s.%03d * Background saving started by pid %s", pid, t.d, monEn[t.mo-1], t.y, t.hms(), t.frac/1000, g.ns(1, 99999))
		case 1:
			return fmt.Sprintf("%s:C %02d %s %04d %s.%03d * Fork CoW for RDB: current %d MB, peak %d MB, average %d MB", pid, t.d, monEn[t.mo-1], t.y, t.hms(), t.frac/1000, g.n(0, 900), g.n(0, 900), g.n(0, 900))
		}
		return fmt.Sprintf("%s:S %02d %s %04d %s.%03d * MASTER <-> REPLICA sync: Finished with success; replication offset %s, repl_backlog %s bytes", pid, t.d, monEn[t.mo-1], t.y, t.hms(), t.frac/1000, g.bigCounter(), g.bigCounter())
	}},
	{"db.mongo-json", func(g *Generator) string {
		t := g.when()
		return js("t", raw(js("$date", t.isoTZ())), "s", g.w([]string{"I", "W", "E", "I"}), "c", g.w([]string{"NETWORK", "COMMAND", "REPL", "STORAGE", "WRITE", "QUERY"}), "id", raw(g.ns(20000, 51999)), "ctx", "conn"+g.ns(1, 999999),
			"msg", "Slow query", "attr", raw(js("type", "command", "ns", g.w(pgDatabases)+"."+g.w(pgTables), "command", raw(js("find", g.w(pgTables), "filter", raw(js("order_ref", raw(g.rrn()))), "$db", g.w(pgDatabases))),
				"planSummary", "IXSCAN { order_ref: 1 }", "keysExamined", raw(g.ns(0, 9999)), "docsExamined", raw(g.bigCounter()), "numYields", raw(g.ns(0, 999)), "reslen", raw(g.ns(100, 99999)), "durationMillis", raw(g.ns(100, 99999)))))
	}},
	{"db.mongo-repl", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s I  REPL     [rsSync-0] oplog ts Timestamp(%s, %d) term %d opTime %s:%d, lastApplied %s lag %ds", t.isoTZ(), g.epochIn(t, 0), g.n(1, 900), g.n(1, 400), g.epochIn(t, 0), g.n(1, 99), g.bigCounter(), g.n(0, 30))
	}},
	{"db.redis-slowlog", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("slowlog id=%s ts=%s duration_us=%s cmd=\"%s rl:%s:%s %s\" client=%s:%s name=%s", g.ns(1, 999999), g.epochIn(t, 0), g.ns(10000, 9999999), g.w(redisCmds), g.w(services), g.hex(16), g.ns(1, 86400), g.ip(), g.port(), g.w(services))
	}},

	// --- Kafka ---------------------------------------------------------------
	{"kafka.consumer", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("[%s,%03d] INFO [Consumer clientId=%s-%d, groupId=%s] Setting offset for partition %s-%d to the committed offset FetchPosition{offset=%s, offsetEpoch=Optional[%d], currentLeader=LeaderAndEpoch{leader=Optional[kafka-%d:9092 (id: %d rack: %s)], epoch=%d}} (%s)",
			t.sql(), t.frac/1000, g.w(kafkaGroups), g.n(0, 11), g.w(kafkaGroups), g.w(kafkaTopics), g.n(0, 47), g.bigCounter(), g.n(0, 90), g.n(0, 5), g.n(0, 5), g.w(azs), g.n(0, 90), g.w(javaClasses))
	}},
	{"kafka.broker", func(g *Generator) string {
		t := g.when()
		if g.p(0.5) {
			return fmt.Sprintf("[%s,%03d] INFO [LocalLog partition=%s-%d, dir=/var/lib/kafka/data] Rolled new log segment at offset %s in %d ms. (kafka.log.LocalLog)", t.sql(), t.frac/1000, g.w(kafkaTopics), g.n(0, 47), g.bigCounter(), g.n(0, 90))
		}
		return fmt.Sprintf("[%s,%03d] INFO [Partition %s-%d broker=%d] ISR updated to %d,%d,%d and version updated to %d; high watermark %s, leader epoch %d (kafka.cluster.Partition)", t.sql(), t.frac/1000, g.w(kafkaTopics), g.n(0, 47), g.n(0, 5), g.n(0, 5), g.n(0, 5), g.n(0, 5), g.n(1, 9000), g.bigCounter(), g.n(0, 300))
	}},
	{"kafka.groups-describe", func(g *Generator) string {
		cur := g.bigCounter()
		return fmt.Sprintf("%-22s %-26s %-4d %-14s %-14s %-8d %s-%s /%s %s", g.w(kafkaGroups), g.w(kafkaTopics), g.n(0, 47), cur, cur, g.n(0, 20000), g.w(kafkaGroups), g.uuid(), g.ip(), g.w(kafkaGroups))
	}},
	{"kafka.connect", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("[%s,%03d] INFO [%s|task-%d] Committing offsets for %d acknowledged messages; source offset {lsn=%s, txId=%s, ts_usec=%s} (org.apache.kafka.connect.runtime.WorkerSourceTask:%d)",
			t.sql(), t.frac/1000, g.w(kafkaGroups), g.n(0, 7), g.n(1, 99999), g.bigCounter(), g.bigCounter(), g.epochIn(t, 2), g.n(100, 600))
	}},

	// --- JVM -----------------------------------------------------------------
	{"jvm.gc", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("[%s][%d.%03ds][info][gc] GC(%d) Pause Young (Normal) (%s) %dM->%dM(%dM) %d.%03dms",
			t.isoTZ(), g.n(0, 900000), g.n(0, 999), g.n(0, 99999), g.w(gcCauses), g.n(100, 8000), g.n(50, 4000), pick(g, []int{4096, 8192, 2048, 16384}), g.n(0, 900), g.n(0, 999))
	}},
	{"jvm.exception", func(g *Generator) string {
		cls := g.w(javaClasses)
		parts := strings.Split(cls, ".")
		short := parts[len(parts)-1]
		if g.p(0.5) {
			return fmt.Sprintf("\tat %s.%s(%s.java:%d) ~[%s-%s.jar:%s]", cls, g.w([]string{"handle", "poll", "flush", "route", "execute", "doDispatch"}), short, g.n(20, 2000), strings.ToLower(short), g.ver(), g.ver())
		}
		return fmt.Sprintf("%s ERROR [%s] %s - Request processing failed: java.net.SocketTimeoutException: Read timed out after %d ms [traceId=%s spanId=%s]", g.when().sqlms(), g.w([]string{"http-nio-8080-exec-12", "kafka-coordinator-heartbeat-thread", "scheduling-1", "reactor-http-epoll-3"}), cls, g.n(100, 60000), g.hex(32), g.hex(16))
	}},

	// --- Go ------------------------------------------------------------------
	{"go.panic", func(g *Generator) string {
		switch g.r.IntN(3) {
		case 0:
			return "panic: " + g.w(goPanics)
		case 1:
			return fmt.Sprintf("goroutine %d [%s, %d minutes]:", g.n(1, 99999), g.w([]string{"running", "chan receive", "IO wait", "select", "semacquire", "sync.Mutex.Lock"}), g.n(1, 300))
		}
		return fmt.Sprintf("[signal SIGSEGV: segmentation violation code=0x%d addr=0x%s pc=0x%s]", g.n(1, 2), g.hex(2), g.hex(6))
	}},
	{"go.frame", func(g *Generator) string {
		if g.p(0.5) {
			return fmt.Sprintf("%s(0xc%s, {0x%s, 0xc%s}, 0x%s)", g.w(goFuncs), g.hex(9), g.hex(12), g.hex(9), g.hex(2))
		}
		return fmt.Sprintf("\t%s:%d +0x%s", g.w(goFiles), g.n(10, 3000), g.hex(3))
	}},
	{"go.zap-json", func(g *Generator) string {
		t := g.when()
		return js("level", "error", "ts", raw(g.epochIn(t, 0)+"."+g.zdigits(6)), "caller", strings.TrimPrefix(g.w(goFiles), "/")+":"+g.ns(10, 999), "msg", "upstream call failed",
			"service", g.w(services), "attempt", raw(g.ns(1, 9)), "backoff", "exp backoff "+g.ns(100, 2000)+"ms", "error", "rpc error: code = Unavailable desc = connection refused",
			"stacktrace", g.w(goFuncs)+"\n\t"+g.w(goFiles)+":"+g.ns(10, 999)+"\n"+g.w(goFuncs)+"\n\t"+g.w(goFiles)+":"+g.ns(10, 999))
	}},
	{"go.slog-text", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("time=%s level=%s msg=\"retrying publish\" svc=%s topic=%s partition=%d seq=%s exp_backoff=%s attempt=%d err=\"kafka: %s\"",
			t.isoTZ(), g.w([]string{"WARN", "ERROR", "INFO", "WARN"}), g.w(services), g.w(kafkaTopics), g.n(0, 47), g.bigCounter(), g.ns(100, 2000), g.n(1, 12), g.w([]string{"NOT_LEADER_FOR_PARTITION", "REQUEST_TIMED_OUT", "NETWORK_EXCEPTION", "LEADER_NOT_AVAILABLE"}))
	}},

	// --- Python / Node.js ------------------------------------------------------
	{"py.traceback", func(g *Generator) string {
		switch g.r.IntN(3) {
		case 0:
			return "Traceback (most recent call last):"
		case 1:
			return fmt.Sprintf("  File \"%s\", line %d, in %s", g.w(pyFiles), g.n(10, 2000), g.w([]string{"connect", "run", "_match_batch", "render", "send", "load"}))
		}
		return g.w(pyExc)
	}},
	{"py.logging", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s,%03d - %s - %s - job=%s run_id=%s rows=%s elapsed=%d.%02ds exc=%s", t.sql(), t.frac/1000, "recon."+g.w([]string{"matcher", "loader", "exporter", "scheduler"}), g.w(logLevels), g.w(jobNames), g.uuid(), g.bigCounter(), g.n(0, 9000), g.n(0, 99), g.w(pyExc))
	}},
	{"node.error", func(g *Generator) string {
		if g.p(0.5) {
			return fmt.Sprintf("%s %s:%s", g.w(nodeErrs), g.ip(), g.port())
		}
		return fmt.Sprintf("    at %s (/app/dist/%s.js:%d:%d)", g.w([]string{"TCPConnectWrap.afterConnect [as oncomplete]", "Object.<anonymous>", "processTicksAndRejections", "PaymentsController.create", "Socket.emit", "async Promise.all"}), g.w([]string{"server", "payments.controller", "kafka/producer", "db/pool", "main", "routes/refunds"}), g.n(1, 900), g.n(1, 80))
	}},
	{"node.pino", func(g *Generator) string {
		t := g.when()
		return js("level", raw(g.w([]string{"30", "40", "50", "30"})), "time", raw(g.epochIn(t, 1)), "pid", raw(g.ns(1, 99999)), "hostname", g.pod(g.w(services)),
			"reqId", "req-"+g.lower(6), "req", raw(js("method", g.w(httpMethods), "url", g.w(httpPaths), "remotePort", raw(g.port()))),
			"res", raw(js("statusCode", raw(g.w(statuses)))), "responseTime", raw(fmt.Sprintf("%d.%d", g.n(0, 9000), g.n(0, 9))), "dep", g.w(npmPkgs)+"@"+g.ver(), "msg", "request completed")
	}},

	// --- Terraform / Ansible / CI ------------------------------------------------
	{"iac.terraform", func(g *Generator) string {
		switch g.r.IntN(3) {
		case 0:
			return fmt.Sprintf("%s: Creation complete after %ds [id=%s]", g.w(tfResources), g.n(1, 900), g.w(buckets))
		case 1:
			return fmt.Sprintf("Plan: %d to add, %d to change, %d to destroy.", g.n(0, 40), g.n(0, 40), g.n(0, 9))
		}
		return fmt.Sprintf("%s: Still modifying... [id=arn:aws:rds:eu-central-1:%s:cluster:%s, %dm%ds elapsed]", g.w(tfResources), g.zdigits(12), g.w(services), g.n(0, 30), g.n(0, 59))
	}},
	{"iac.ansible", func(g *Generator) string {
		switch g.r.IntN(3) {
		case 0:
			return fmt.Sprintf("TASK [%s] %s", g.w(ansibleTasks), strings.Repeat("*", g.n(20, 60)))
		case 1:
			return fmt.Sprintf("changed: [%s] => (item={'name': '%s', 'version': '%s'})", g.w(nodes), g.w(services), g.ver())
		}
		return fmt.Sprintf("%-26s : ok=%d    changed=%d    unreachable=0    failed=%d    skipped=%d    rescued=0    ignored=0", g.w(nodes), g.n(1, 90), g.n(0, 20), g.n(0, 2), g.n(0, 30))
	}},
	{"ci.gitlab", func(g *Generator) string {
		switch g.r.IntN(4) {
		case 0:
			return fmt.Sprintf("Running with gitlab-runner %s (%s)", g.ver(), g.hex(8))
		case 1:
			return fmt.Sprintf("Checking out %s as detached HEAD (ref is %s)...", g.hex(8), g.w([]string{"main", "release/2024.11", "hotfix/settlement-rounding", "feature/qr-refunds"}))
		case 2:
			return fmt.Sprintf("Job %s %s in %dm %ds (pipeline #%s, commit %s)", g.w(ciJobs), g.w([]string{"succeeded", "failed", "canceled"}), g.n(0, 59), g.n(0, 59), g.digits(g.n(6, 9)), g.hex(40))
		}
		return fmt.Sprintf("ERROR: Job failed: exit code %s", g.w([]string{"1", "137", "2", "125", "143", "128"}))
	}},
	{"ci.github-actions", func(g *Generator) string {
		t := g.when()
		switch g.r.IntN(3) {
		case 0:
			return fmt.Sprintf("%s ##[group]Run actions/checkout@v%d", t.iso(), g.n(2, 4))
		case 1:
			return fmt.Sprintf("%s Download action repository 'actions/setup-go@v%d' (SHA:%s)", t.iso(), g.n(3, 5), g.hex(40))
		}
		return fmt.Sprintf("%s ##[error]Process completed with exit code %s. Build #%s, run %s, attempt %d", t.iso(), g.w([]string{"1", "2", "137", "255"}), g.ns(1000, 99999), g.digits(10), g.n(1, 3))
	}},
	{"ci.jenkins", func(g *Generator) string {
		return fmt.Sprintf("[Pipeline] { (Deploy %s) } Finished: %s; build #%s duration %d min %d sec; image digest sha256:%s; artifacts %s bytes",
			g.w(services), g.w([]string{"SUCCESS", "FAILURE", "UNSTABLE", "ABORTED"}), g.ns(100, 99999), g.n(0, 90), g.n(0, 59), g.hex(64), g.bigCounter())
	}},
	{"ci.docker", func(g *Generator) string {
		svc := g.w(services)
		return fmt.Sprintf("#%d [%d/%d] RUN go build -trimpath -ldflags=\"-X main.version=%s -X main.commit=%s\" -o /out/%s ./cmd/%s  %d.%ds; pushed registry.%s.internal/%s@sha256:%s size: %d",
			g.n(1, 30), g.n(1, 9), g.n(9, 12), g.ver(), g.hex(12), svc, svc, g.n(0, 300), g.n(0, 9), g.w(domains), svc, g.hex(64), g.n(1000, 9999))
	}},

	// --- OpenTelemetry -----------------------------------------------------------
	{"otel.span-json", func(g *Generator) string {
		t := g.when()
		st := g.epochIn(t, 3)
		return js("traceId", g.hex(32), "spanId", g.hex(16), "parentSpanId", g.hex(16), "name", g.w(otelSpans), "kind", raw(g.ns(1, 5)),
			"startTimeUnixNano", st, "endTimeUnixNano", st[:len(st)-9]+g.zdigits(9),
			"attributes", raw("["+js("key", "http.status_code", "value", raw(js("intValue", g.w(statuses))))+","+js("key", "messaging.kafka.offset", "value", raw(js("intValue", g.bigCounter())))+","+js("key", "service.version", "value", raw(js("stringValue", g.ver())))+"]"),
			"status", raw(js("code", raw(g.ns(0, 2)))))
	}},
	{"otel.logfmt", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("ts=%s level=%s trace_id=%s span_id=%s trace_flags=01 service.name=%s service.version=%s span=\"%s\" duration_ns=%s http.response.status_code=%s",
			t.iso(), g.w(logLevels), g.hex(32), g.hex(16), g.w(services), g.ver(), g.w(otelSpans), g.digits(g.n(6, 11)), g.w(statuses))
	}},

	// --- metrics --------------------------------------------------------------
	{"metrics.prom", func(g *Generator) string {
		v := g.bigCounter()
		if g.p(0.3) {
			v = g.digits(g.n(3, 9)) + "." + g.zdigits(3)
		}
		if g.p(0.2) {
			v = g.ns(1, 9) + "." + g.zdigits(4) + "e+" + g.ns(10, 12)
		}
		return fmt.Sprintf("%s{service=\"%s\",namespace=\"%s\",pod=\"%s\",code=\"%s\"} %s %s", g.w(metricNames), g.w(services), g.w(namespaces), g.pod(g.w(services)), g.w(statuses), v, g.epochIn(g.when(), 1))
	}},
	{"metrics.statsd", func(g *Generator) string {
		return fmt.Sprintf("%s.%s.%s:%s|%s|@0.%d|#env:%s,az:%s,code:%s", strings.ReplaceAll(g.w(services), "-", "_"), g.w([]string{"latency", "requests", "bytes_out", "errors", "queue_depth", "lag"}), g.w(envs), g.bigCounter(), g.w([]string{"c", "ms", "g", "h"}), g.n(1, 9), g.w(envs), g.w(azs), g.w(statuses))
	}},

	// --- cron / schedulers ----------------------------------------------------
	{"cron.syslog", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s %s CRON[%s]: (%s) CMD (%s >> /var/log/%s.log 2>&1)", t.syslog(), g.w(nodes), g.ns(1000, 4000000), g.w(sysUsers), g.w(cronCmds), g.w(jobNames))
	}},
	{"cron.scheduler", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s scheduler: job=%s schedule=\"%d %d * * %s\" run=%s state=%s took=%s next_run=%s exit code %s",
			t.isoTZ(), g.w(jobNames), g.n(0, 59), g.n(0, 23), g.w([]string{"*", "1-5", "0", "6"}), g.uuid(), g.w([]string{"success", "failed", "skipped", "timeout"}), g.dur(), g.date(g.when()), g.w([]string{"0", "1", "137", "124"}))
	}},

	// --- object storage -------------------------------------------------------
	{"storage.s3-event", func(g *Generator) string {
		t := g.when()
		return js("eventVersion", "2.1", "eventSource", "aws:s3", "awsRegion", "eu-central-1", "eventTime", t.iso(), "eventName", g.w([]string{"ObjectCreated:Put", "ObjectRemoved:Delete", "ObjectCreated:CompleteMultipartUpload", "ObjectCreated:Copy"}),
			"s3", raw(js("bucket", raw(js("name", g.w(buckets), "arn", "arn:aws:s3:::"+g.w(buckets))),
				"object", raw(js("key", fmt.Sprintf("settlements/%04d/%02d/%02d/batch-%s.csv.gz", t.y, t.mo, t.d, g.digits(6)), "size", raw(g.bigCounter()), "eTag", g.hex(32)+"-"+g.ns(1, 99), "versionId", g.b64url(32), "sequencer", g.upperHex(18))))))
	}},
	{"storage.gcs", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s gsutil: Copying file:///var/lib/postgresql/wal/%s [Content-Type=application/octet-stream] to gs://%s/wal/%s generation=%s metageneration=1 crc32c=%s== md5=%s== size=%s",
			t.iso(), g.upperHex(24), g.w(buckets), g.upperHex(24), g.epochIn(t, 2), g.b64(6), g.b64(22), g.bigCounter())
	}},

	// --- DNS / DHCP -------------------------------------------------------------
	{"net.bind", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%02d-%s-%04d %s.%03d queries: info: client @0x%s %s#%s (%s): query: %s IN %s +E(0)K (%s)",
			t.d, monEn[t.mo-1], t.y, t.hms(), t.frac/1000, g.hex(12), g.ip(), g.port(), g.w(dnsNames), g.w(dnsNames), g.w([]string{"A", "AAAA", "SRV", "TXT", "MX", "PTR"}), g.ip())
	}},
	{"net.dhcp", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s %s dhcpd[%s]: DHCPACK on %s to %s (pos-terminal-%03d) via eth%d lease %ds xid 0x%s",
			t.syslog(), g.w(nodes), g.ns(100, 9999), g.ip(), g.mac(), g.n(1, 999), g.n(0, 3), g.n(600, 86400), g.hex(8))
	}},

	// --- payment operations ---------------------------------------------------
	{"pay.auth-kv", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s %s acquiring: AUTH %s rrn=%s stan=%s auth_code=%s mcc=%s tid=%s mid=%s amount=%s %s pan=%s exp=**/** cvv2_check=%s resp=%s eci=%02d arn=%s order_id=%s",
			t.isoTZ(), g.w(logLevels), g.w([]string{"APPROVED", "DECLINED", "APPROVED", "REVERSED"}), g.rrn(), g.zdigits(6), g.alnum(6), g.w(mccs), "T"+g.zdigits(7), g.zdigits(15), g.amount(), g.w(currencies), g.masked(), g.w([]string{"match", "M", "not_checked", "P"}), g.w(respCodes), g.n(0, 7), g.arn(), g.luhnID(16))
	}},
	{"pay.auth-json", func(g *Generator) string {
		t := g.when()
		return js("ts", t.iso(), "event", "authorization.completed", "retrieval_ref", raw(g.rrn()), "trace_no", g.zdigits(6), "approval", g.alnum(6), "merchant", raw(js("mid", g.zdigits(15), "terminal", g.alnum(8), "mcc", g.w(mccs), "name", g.w(companies), "city", g.w(cities))),
			"card", raw(js("masked", g.masked(), "bin", g.w(cardBINs), "last4", g.zdigits(4), "network", g.w(networks))), "amount_minor", raw(g.digits(g.n(3, 9))), "currency", g.w(currencies), "response_code", g.w(respCodes), "cvv_result", g.w([]string{"M", "N", "P", "U"}), "acquirer_ref", g.arn(), "invoice_id", g.luhnID(16))
	}},
	{"pay.settlement", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s settlement batch %s closed for merchant %s (БИН %s): %d txns, gross %s KZT, fee %s, net %s, payout to %s, settle_date=%s",
			t.sqlms(), g.digits(g.n(4, 7)), g.w(companies), g.bizBIN(), g.n(1, 20000), g.amount(), g.amount(), g.amount(), g.iban(), g.date(g.when()))
	}},
	{"pay.clearing", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("clearing file %s_%04d%02d%02d_%s.ipm loaded: records=%d presentments=%d chargebacks=%d file_id=%s ref=%s batch_seq=%s card %s",
			g.w(networks), t.y, t.mo, t.d, g.zdigits(3), g.n(100, 900000), g.n(100, 900000), g.n(0, 90), g.digits(20), g.digits(8)+g.iinShaped(), g.bigCounter(), g.w([]string{"network ok", "range table refreshed", "BIN table v" + g.ver()}))
	}},
	{"pay.refund", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("[%s] refund %s: original rrn %s, refund rrn %s, amount %s %s, card ending %s, reason=%s, invoice_no=%s, status=%s",
			t.sql(), g.uuid(), g.rrn(), g.rrn(), g.amount(), g.w(currencies), g.zdigits(4), g.w([]string{"duplicate", "customer_request", "fraud_suspected", "goods_not_received"}), g.luhnID(16), g.w([]string{"queued", "sent", "confirmed", "failed"}))
	}},
	{"pay.reversal-json", func(g *Generator) string {
		t := g.when()
		return js("type", "reversal", "created_at", g.epochIn(t, 1), "transfer_id", raw(g.luhnID(16)), "rrn", g.rrn(), "stan", raw(g.ns(1, 999999)), "auth_code", g.alnum(6),
			"pan_masked", g.masked(), "card_bin", raw(g.w(cardBINs)), "amount", raw(g.amount()), "iso_response", g.w(respCodes), "attempt", raw(g.ns(1, 5)), "exp_backoff_ms", raw(g.ns(100, 5000)))
	}},
	{"pay.3ds-otp", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s 3ds: acs_trans_id=%s ds_trans_id=%s challenge=%s otp_sent channel=%s otp_len=%d value=<hidden> attempts=%d/3 eci=%02d result=%s",
			t.isoTZ(), g.uuid(), g.uuid(), g.w([]string{"required", "frictionless", "required", "decoupled"}), g.w(otpChannels), pick(g, []int{4, 6, 6, 8}), g.n(1, 3), g.n(1, 7), g.w([]string{"Y", "N", "A", "U", "C", "R"}))
	}},
	{"pay.installments", func(g *Generator) string {
		t := g.when()
		n := pick(g, []int{3, 6, 12, 24, 4, 18})
		return fmt.Sprintf("%s installments: plan=0-0-%d merchant=%s order_id=%s principal=%s monthly=%s first_due=%s ratio=%d/%d status=approved",
			t.sql(), n, g.w(companies), g.luhnID(16), g.amount(), g.amount(), g.date(g.when()), g.n(1, n), n)
	}},
	{"pay.merchant-onboard", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s merchant-portal: onboarding %s completed: BIN %s, IBAN %s, MCC %s, terminals %d, address %s, %s %d, contract №%s от %s",
			t.sqlms(), g.w(companies), g.bizBIN(), g.iban(), g.w(mccs), g.n(1, 40), g.w(cities), g.w(streets), g.n(1, 300), g.digits(g.n(4, 8)), g.date(g.when()))
	}},
	{"pay.payout-json", func(g *Generator) string {
		t := g.when()
		return js("ts", t.iso(), "msg", "payout sent", "payout_id", g.uuid(), "beneficiary", g.w(companies), "bin", g.bizBIN(), "iban", g.iban(), "bic", g.w([]string{"HSBKKZKX", "KCJBKZKX", "CASPKZKA", "ALFAKZKA", "TSESKZKA", "IRTYKZKA"}),
			"knp", g.w([]string{"710", "859", "311", "890"}), "kbe", g.w([]string{"17", "19", "27", "14"}), "amount", g.amount(), "doc_no", g.digits(g.n(5, 9)), "value_date", g.date(g.when()))
	}},
	{"pay.pos-terminal", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s POS %s fw %s: modem up, SIM card ok, iccid=%s imei=%s signal -%d dBm, terminal at %s, %s %d, batch %d/%d",
			t.sql(), "T"+g.zdigits(7), g.ver(), luhnTail("89"+g.w([]string{"997", "701", "997", "702"})+g.zdigits(13)), luhnTail(g.w([]string{"35", "86", "35", "86"})+g.zdigits(12)), g.n(50, 110), g.w(cities), g.w(streets), g.n(1, 300), g.n(1, 999), g.n(1, 999))
	}},
	{"pay.pos-receipt", func(g *Generator) string {
		return fmt.Sprintf("receipt printed: ЧЕК №%s ККМ %s ЗНМ %s ФП %s ИТОГ %s ₸ ОПЛАТА КАРТОЙ %s КОД АВТ. %s RRN %s",
			g.digits(g.n(3, 6)), g.digits(12), "SWK"+g.zdigits(8), g.digits(10), g.amount(), g.masked(), g.alnum(6), g.rrn())
	}},

	// --- Russian / Kazakh ops messages ---------------------------------------
	{"ops.ru-plain", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s %s [%s] %s. Узел %s, попытка %d, код %s, задержка %d мс", t.sqlms(), g.w(logLevels), g.w(services), g.w(ruOps), g.w(nodes), g.n(1, 9), g.w(statuses), g.n(1, 60000))
	}},
	{"ops.kk-plain", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s %s %s: %s. Түйін %s, әрекет %d, код %s", t.isoTZ(), g.w(logLevels), g.w(services), g.w(kkOps), g.w(nodes), g.n(1, 9), g.w(statuses))
	}},
	{"ops.kk-json", func(g *Generator) string {
		t := g.when()
		return js("time", t.isoTZ(), "lvl", g.w(logLevels), "svc", g.w(services), "msg", fmt.Sprintf("%s. %s айының есебі: %d жол, %s", g.w(kkOps), g.w(monthsKk), g.n(0, 999999), g.w(productNames)), "branch", g.w(cities)+", "+g.w(streets)+" "+g.ns(1, 300))
	}},
	{"ops.ru-json", func(g *Generator) string {
		t := g.when()
		return js("@timestamp", t.iso(), "level", g.w(logLevels), "logger", g.w(javaClasses), "message", fmt.Sprintf("%s. %s, отчёт за %s %d: %d строк", g.w(ruOps), g.w(productNames), g.w(monthsRuNom), t.y, g.n(0, 999999)),
			"company", g.w(companies), "city", g.w(cities), "env", g.w(envs))
	}},
	{"ops.ru-report", func(g *Generator) string {
		return fmt.Sprintf("Отчёт «%s» за %s %d сформирован: %s. Контрагент %s, БИН %s, %s",
			g.w(productNames), g.w(monthsRuNom), g.n(2023, 2026), g.w(ruOps), g.w(companies), g.bizBIN(), g.date(g.when()))
	}},
	{"ops.kk-notice", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%d жылғы %d %s: %s. Серіктес %s, қала %s, %s", t.y, t.d, strings.ToLower(g.w(monthsKk)), g.w(kkOps), g.w(companies), g.w(cities), g.w(productNames))
	}},

	// --- CDC / ClickHouse --------------------------------------------------------
	{"cdc.debezium", func(g *Generator) string {
		t := g.when()
		return js("before", nil, "after", raw(js("id", raw(g.digits(g.n(6, 12))), "status", "SETTLED", "amount", raw(g.amount()), "currency", g.w(currencies), "rrn", g.rrn(), "updated_at", raw(g.epochIn(t, 2)))),
			"source", raw(js("version", g.ver()+".Final", "connector", "postgresql", "name", "cdc", "ts_ms", raw(g.epochIn(t, 1)), "db", g.w(pgDatabases), "schema", "public", "table", g.w(pgTables), "txId", raw(g.bigCounter()), "lsn", raw(g.bigCounter()))),
			"op", "u", "ts_ms", raw(g.epochIn(t, 1)))
	}},
	{"cdc.clickhouse", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s [ %s ] {%s} <Debug> executeQuery: Read %s rows, %s.%02d MiB in %d.%06d sec., %s rows/sec., %s MiB/sec. query_id=%s",
			t.sqlms(), g.ns(100, 9999), g.uuid(), g.bigCounter(), g.ns(1, 9000), g.n(0, 99), g.n(0, 90), g.n(0, 999999), g.bigCounter(), g.ns(1, 2000), g.uuid())
	}},

	// --- Vault / etcd ---------------------------------------------------------
	{"sec.vault-audit", func(g *Generator) string {
		t := g.when()
		return js("time", t.iso(), "type", "response", "auth", raw(js("client_token", "hmac-sha256:"+g.hex(64), "accessor", "hmac-sha256:"+g.hex(64), "display_name", "kubernetes-"+g.w(namespaces)+"-"+g.w(services), "policies", raw(`["default","transit-hmac"]`), "token_ttl", raw(g.ns(60, 86400)))),
			"request", raw(js("id", g.uuid(), "operation", "update", "path", "transit/hmac/"+g.w(services), "remote_address", g.ip())), "response", raw(js("mount_type", "transit")))
	}},
	{"sec.etcd", func(g *Generator) string {
		t := g.when()
		return js("level", "info", "ts", t.isoTZ(), "caller", "etcdserver/server.go:"+g.ns(100, 3000), "msg", "triggering snapshot", "local-member-id", g.hex(16), "local-member-applied-index", raw(g.bigCounter()), "local-member-snapshot-index", raw(g.bigCounter()), "local-member-snapshot-count", raw(g.ns(10000, 100000)), "raft-term", raw(g.ns(1, 900)))
	}},

	// --- mail transport without recipients ------------------------------------
	{"mail.postfix-msgid", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s %s postfix/cleanup[%s]: %s: message-id=<%04d%02d%02d%s.%s@%s>", t.syslog(), g.w(nodes), g.ns(1000, 99999), g.upperHex(10), t.y, t.mo, t.d, t.hms()[:2], g.hex(12), g.w(messageHosts))
	}},
	{"mail.postfix-relay", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s %s postfix/smtp[%s]: %s: relay=%s[%s]:25, delay=%d.%d, delays=0.%d/0/0.%d/0.%d, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as %s) msgid <%s@%s>",
			t.syslog(), g.w(nodes), g.ns(1000, 99999), g.upperHex(10), g.w(messageHosts), g.ip(), g.n(0, 9), g.n(0, 9), g.n(0, 9), g.n(0, 9), g.n(0, 9), g.upperHex(10), g.uuid(), g.w(messageHosts))
	}},

	// --- non-card senses of card / code / exp -----------------------------------
	{"misc.kanban-card", func(g *Generator) string {
		return fmt.Sprintf("webhook: board \"%s\" card %d moved to Done by automation; card %s due %s; checklist %d/%d; label exp %d",
			g.w(trelloBoards), g.n(1, 4000), g.w([]string{"2024", "2025", "2026", "2023"}), g.date(g.when()), g.n(0, 12), g.n(1, 12), g.n(2023, 2026))
	}},
	{"misc.ui-card", func(g *Generator) string {
		return fmt.Sprintf("frontend: dashboard card %d of %d rendered in %d ms (widget=%s, code %s, exp %d, ver %s)",
			g.n(1, 30), g.n(1, 30), g.n(1, 3000), g.w([]string{"revenue", "approval_rate", "chargebacks", "latency_p99", "refunds", "settlements"}), g.w(statuses), g.n(2023, 2026), g.ver())
	}},
	{"misc.cert-expiry", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("cert-expiry-check: %s notAfter=%s %2d %s %04d GMT expires in %d days (exp %04d-%02d-%02d), serial %s, issuer \"%s Internal CA\"",
			g.w(certNames), monEn[t.mo-1], t.d, t.hms(), t.y, g.n(1, 900), t.y, t.mo, t.d, g.upperHex(32), g.w(productNames))
	}},
	{"misc.token-ttl", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("auth: issued service token for %s (scope %s) exp=%s expires_in=%d jti=%s token=%s", g.w(services), g.w(scopes), g.epochIn(t, 0), pick(g, []int{300, 900, 3600, 86400}), g.uuid(), g.jwt())
	}},
	{"misc.backoff", func(g *Generator) string {
		return fmt.Sprintf("%s: attempt %d failed with code %s, exp backoff %d, jitter %d ms, next retry in %ds", g.w(services), g.n(1, 12), g.w(statuses), pick(g, []int{120, 240, 480, 960, 1920, 3840}), g.n(0, 999), g.n(1, 600))
	}},
	{"misc.feature-flags", func(g *Generator) string {
		return fmt.Sprintf("flags: evaluated exp=%s_q%d_%s variant=%s bucket=%d/%d rollout %d%% code %s seq %s", g.w([]string{"checkout", "qr", "installments", "onboarding"}), g.n(1, 4), g.w([]string{"a", "b", "c", "ctrl"}), g.w([]string{"control", "treatment", "holdout", "b"}), g.n(0, 9999), 10000, g.n(0, 100), g.w([]string{"200", "404", "2025", "2024"}), g.bigCounter())
	}},
	{"misc.npm", func(g *Generator) string {
		return fmt.Sprintf("npm WARN deprecated %s@%s: this version is no longer supported; added %d packages, audited %d packages in %ds; %d vulnerabilities", g.w(npmPkgs), g.ver(), g.n(1, 2000), g.n(1, 3000), g.n(1, 300), g.n(0, 40))
	}},
	{"misc.static-assets", func(g *Generator) string {
		return fmt.Sprintf("webpack: emitted static/img/logo@%dx.png (%s KiB), icons/card@%dx.svg, chunk %s.%s.js [immutable] %s bytes; git %s", g.n(2, 3), g.ns(1, 900), g.n(2, 3), g.w([]string{"main", "vendors", "runtime", "checkout"}), g.hex(8), g.bigCounter(), g.hex(40))
	}},
	{"misc.git-log", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("deploy: %s rolled out %s -> %s (%d commits, merge !%d, tag v%s) at %s, image %s:%s", g.w(services), g.hex(7), g.hex(7), g.n(1, 90), g.n(100, 9999), g.ver(), g.epochIn(t, 0), g.w(services), g.hex(40))
	}},
	{"misc.ssh-git", func(g *Generator) string {
		return fmt.Sprintf("argocd: app %s synced to revision %s from ssh://git@gitea-ssh:2222/platform/%s.git, health %s, took %s", g.w(services), g.hex(40), g.w(services), g.w([]string{"Healthy", "Progressing", "Degraded", "Healthy"}), g.dur())
	}},
	// --- PBX: internal extensions ------------------------------------------------
	{"pbx.asterisk", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("[%s] VERBOSE[%s][C-%s] app_dial.c: SIP/%s-%s answered SIP/%s-%s; queue %s, ext %s, wait %ds, bridge %s",
			t.sqlms(), g.ns(1000, 99999), g.hex(8), g.ns(2000, 7999), g.hex(8), g.ns(2000, 7999), g.hex(8), g.w(pbxQueues), g.ns(100, 9999), g.n(0, 600), g.uuid())
	}},
	{"pbx.queue-stats", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s callcenter: очередь «%s» вн. %s: ожидают %d, агентов %d/%d, SLA %d%%, среднее ожидание %d с, линия %s",
			t.sql(), g.w(pbxQueues), g.ns(100, 9999), g.n(0, 40), g.n(0, 30), g.n(1, 30), g.n(40, 100), g.n(0, 900), g.ns(1, 9))
	}},

	// --- API gateways with service tokens --------------------------------------
	{"gw.kong-json", func(g *Generator) string {
		t := g.when()
		return js("started_at", raw(g.epochIn(t, 1)), "client_ip", g.ip(), "request", raw(js("method", g.w(httpMethods), "uri", g.w(httpPaths), "size", raw(g.ns(100, 99999)),
			"headers", raw(js("authorization", "Bearer "+g.jwt(), "x-request-id", g.uuid(), "user-agent", g.w(userAgents))))),
			"response", raw(js("status", raw(g.w(statuses)), "size", raw(g.ns(100, 999999)))), "latencies", raw(js("kong", raw(g.ns(0, 90)), "proxy", raw(g.ns(1, 9000)), "request", raw(g.ns(1, 9000)))),
			"service", raw(js("name", g.w(productNames), "host", g.w(services)+"."+g.w(namespaces)+".svc", "port", raw(g.port()))))
	}},
	{"gw.oauth2-proxy", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s - %s - svc:%s [%s] %s %s %s \"%s\" %s %d %d.%03d token_sha=%s bearer=%s",
			g.ip(), g.uuid(), g.w(services), t.clf(), g.w(dnsNames), g.w(httpMethods), g.w(httpPaths), g.w(userAgents), g.w(statuses), g.n(0, 99999), g.n(0, 9), g.n(0, 999), g.hex(40), g.jwt())
	}},

	// --- SMS gateway with masked numbers -----------------------------------------
	{"sms.gateway", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s sms-gw: submit_sm ok message_id=%s dest=%s segments=%d encoding=UCS2 template=%s otp=<hidden> provider=%s latency=%s",
			t.isoTZ(), g.hex(16), g.maskedPhone(), g.n(1, 3), g.w(smsTemplates), g.w(smsProviders), g.dur())
	}},
	{"sms.dlr-json", func(g *Generator) string {
		t := g.when()
		return js("event", "dlr", "ts", raw(g.epochIn(t, 0)), "msg_id", g.uuid(), "msisdn_masked", g.maskedPhone(), "status", g.w([]string{"DELIVRD", "UNDELIV", "EXPIRED", "REJECTD"}), "err", g.zdigits(3), "parts", raw(g.ns(1, 3)), "template", g.w(smsTemplates), "provider", g.w(smsProviders))
	}},

	// --- service catalogues with product names in name fields -------------------
	{"catalog.consul-json", func(g *Generator) string {
		return js("ID", g.w(services)+"-"+g.hex(8), "Service", g.w(services), "Name", g.w(productNames), "Tags", raw(`["`+g.w(envs)+`","v`+g.ver()+`"]`), "Address", g.ip(), "Port", raw(g.port()),
			"Meta", raw(js("owner", "team-"+g.w(namespaces), "display_name", g.w(productNamesRu), "git_sha", g.hex(40))), "ModifyIndex", raw(g.bigCounter()))
	}},
	{"catalog.backstage", func(g *Generator) string {
		return fmt.Sprintf("catalog: refreshed Component:default/%s title=\"%s\" displayName=\"%s\" owner=group:%s lifecycle=%s system=%s etag=%s processed in %s",
			g.w(services), g.w(productNames), g.w(productNamesRu), g.w(namespaces), g.w([]string{"production", "experimental", "deprecated", "production"}), g.w(productNames), g.hex(40), g.dur())
	}},

	// --- alerting in Russian/Kazakh ------------------------------------------------
	{"alert.alertmanager-json", func(g *Generator) string {
		t := g.when()
		return js("receiver", "telegram-"+g.w(namespaces), "status", g.w([]string{"firing", "resolved", "firing", "resolved"}), "alerts", raw("["+js("labels", raw(js("alertname", g.w(alertNames), "severity", g.w([]string{"critical", "warning", "info", "page"}), "service", g.w(services))),
			"annotations", raw(js("summary", g.w(productNamesRu)+": "+g.w(ruOps), "description", g.w(kkOps)+". "+g.w(ruOps))), "startsAt", t.iso(), "fingerprint", g.hex(16))+"]"))
	}},
	{"alert.grafana-text", func(g *Generator) string {
		return fmt.Sprintf("[%s] %s — %s. %s. Дашборд «%s», панель %d, значение %s, порог %d",
			g.w([]string{"FIRING:1", "RESOLVED", "FIRING:3", "OK"}), g.w(alertNames), g.w(ruOps), g.w(kkOps), g.w(productNamesRu), g.n(1, 40), g.bigCounter(), g.n(1, 1000))
	}},

	// --- bank files ------------------------------------------------------------------
	{"bank.mt940", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf(":61:%02d%02d%02d%02d%02d%s%s,%02dNTRFNONREF//%s :86:/BIN/%s/KNP/%s/IBAN/%s",
			t.y%100, t.mo, t.d, t.mo, t.d, g.w([]string{"C", "D", "C", "D"}), g.ns(1, 99999999), g.n(0, 99), g.digits(16), g.bizBIN(), g.w([]string{"710", "859", "311", "890"}), g.iban())
	}},
	{"bank.file-import", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("import %s_%04d%02d%02d_%03d.csv: %d rows, %d rejected (row %d: unknown terminal %s; row %d: amount %s exceeds limit), checksum %s, batch id %s",
			g.w([]string{"SETTLE", "PAYOUT", "FEES", "CHARGEBACK"}), t.y, t.mo, t.d, g.n(1, 999), g.n(100, 900000), g.n(0, 40), g.n(1, 9000), "T"+g.zdigits(7), g.n(1, 9000), g.amount(), g.hex(64), g.bigCounter())
	}},

	// --- ISO 8583 dumps ----------------------------------------------------------------
	{"iso.f-fields", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("ISO8583 >> MTI=0200 F2=%s F3=000000 F4=%012d F7=%02d%02d%s F11=%s F12=%s F14=**** F22=%s F37=%s F38=%s F39=%s F41=%s F42=%s F49=398",
			g.masked(), g.n(100, 99999999), t.mo, t.d, strings.ReplaceAll(t.hms(), ":", ""), g.zdigits(6), strings.ReplaceAll(t.hms(), ":", ""), g.w([]string{"071", "051", "021", "812"}), g.rrn(), g.alnum(6), g.w(respCodes), g.alnum(8), g.zdigits(15))
	}},
	{"iso.de-fields", func(g *Generator) string {
		return fmt.Sprintf("<< 0210 DE002=[%s] DE004=[%012d] DE011=[%s] DE014=[XXXX] DE037=[%s] DE038=[%s] DE039=[%s] DE041=[%s] DE043=[%s>%s KZ] DE055=[%s]",
			g.masked(), g.n(100, 99999999), g.zdigits(6), g.rrn(), g.alnum(6), g.w(respCodes), g.alnum(8), strings.ToUpper(g.w(productNames)), g.w(citiesLatin), g.upperHex(g.n(40, 80)))
	}},
	// --- HTTP clients with reason phrases -----------------------------------------
	{"http.client-go", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s %s %s: POST https://%s%s: upstream responded %s %s after %s (attempt %d, request id %s, event_id %s)",
			t.sqlms(), g.w(logLevels), g.w(services), g.w(dnsNames), g.w(httpPaths), g.w(statuses), g.w(reasonPhrases), g.dur(), g.n(1, 5), g.uuid(), g.snowflake())
	}},
	{"http.client-java", func(g *Generator) string {
		t := g.when()
		return fmt.Sprintf("%s WARN [%s] %s : org.springframework.web.client.HttpServerErrorException$%s: %s %s: [no body]; txn_ref=%s; correlation=%s",
			t.sqlms(), g.w([]string{"http-nio-8080-exec-7", "task-3", "scheduling-1", "kafka-listener-2"}), g.w(javaClasses), strings.ReplaceAll(g.w(reasonPhrases), " ", ""), g.w(statuses), g.w(reasonPhrases), g.luhnInvalid(16), g.snowflake())
	}},

	// --- ledger postings with signed amounts -----------------------------------------
	{"ledger.posting", func(g *Generator) string {
		t := g.when()
		a := g.amount()
		return fmt.Sprintf("%s ledger: posting %s journal=%s debit %s -%s credit %s +%s balance_after=%s seq=%s",
			t.sqlms(), g.uuid(), g.digits(g.n(6, 10)), g.iban(), a, g.iban(), a, g.amount(), g.bigCounter())
	}},
	{"ledger.posting-json", func(g *Generator) string {
		t := g.when()
		return js("ts", t.iso(), "journal_id", raw(g.snowflake()), "account", g.iban(), "delta", "+"+g.amount(), "currency", g.w(currencies), "hold_ref", g.luhnInvalid(16), "version", raw(g.ns(1, 900)), "lsn", raw(g.bigCounter()))
	}},
}

// luhnTail appends the Luhn check digit to body.
func luhnTail(body string) string {
	return body + strconv.Itoa(checksum.LuhnDigit([]byte(body)))
}
