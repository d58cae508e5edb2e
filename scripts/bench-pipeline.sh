#!/usr/bin/env bash
# make bench-pipeline: tazala run end to end on this machine: a kfake broker
# preloaded with BENCH_RECORDS generated transactions (plus MTA and support
# traffic), the daemon on the embedded store, timed from start to consumer
# lag zero. Reports records/s, MB/s, batch and record latency percentiles
# (from /metrics) and RSS sampled every 200ms.
#   BENCH_TOKENIZER=vault uses Vault transit (needs `make stack-up`).
#   BENCH_ARGS: more flags for `tazala run` (e.g. --pipeline-workers 3).
#   BENCH_BIN: the tazala binary (default bin/tazala); BENCH_DAEMON_LOG:
#   keep the daemon's log there. Reports CPU seconds per million records
#   of the daemon, the broker and (with Vault) the Vault server, which hold
#   on a shared machine where records/s does not.
#   BENCH_RATE=N: no backlog; the daemon starts on empty topics and
#   generated traffic arrives at N records/s for BENCH_SECONDS (default
#   30): record latency below saturation.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bin="${BENCH_BIN:-$root/bin/tazala}"
N="${BENCH_RECORDS:-1000000}"
BROKER="${BENCH_BROKER:-127.0.0.1:19192}"
METRICS="${BENCH_METRICS:-127.0.0.1:19564}"
work="$(mktemp -d /tmp/tazala-bench.XXXXXX)"
TOPICS="payments.transactions,notifications.mta,support.emails"
export TAZALA_LIBCHDB="${TAZALA_LIBCHDB:-$root/.cache/chdb/libchdb.so}"
pids=()
cleanup() { [ -n "${BENCH_DAEMON_LOG:-}" ] && cp "$work/daemon.log" "$BENCH_DAEMON_LOG" 2>/dev/null; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$bin" dev broker --addr "$BROKER" --topics "$TOPICS" --partitions 6 --log-level error >/dev/null &
broker=$!
pids+=($broker)
for _ in $(seq 100); do (echo >/dev/tcp/${BROKER%:*}/${BROKER#*:}) 2>/dev/null && break; sleep 0.1; done
repeat="${BENCH_REPEAT:-0.9}"
RATE="${BENCH_RATE:-0}"
if [ "$RATE" -gt 0 ]; then N=$((RATE * ${BENCH_SECONDS:-30})); fi
produce() {
"$bin" dev produce --brokers "$BROKER" --topic payments.transactions --stream transactions -n $((N * 6 / 10)) --seed 21 --repeat "$repeat" --rate $((RATE * 6 / 10)) >/dev/null &
p1=$!
"$bin" dev produce --brokers "$BROKER" --topic notifications.mta --stream notifications -n $((N * 2 / 10)) --seed 22 --repeat "$repeat" --rate $((RATE * 2 / 10)) >/dev/null &
p2=$!
"$bin" dev produce --brokers "$BROKER" --topic support.emails --stream support -n $((N * 2 / 10)) --seed 23 --repeat "$repeat" --rate $((RATE * 2 / 10)) >/dev/null &
p3=$!
wait $p1 $p2 $p3
}
[ "$RATE" -gt 0 ] || produce

tok=(--tokenizer-kind local --tokenizer-key-file "$work/local.key")
if [ "${BENCH_TOKENIZER:-local}" = vault ]; then
  # shellcheck disable=SC1091
  . "$root/.stack/env"
  tok=(--tokenizer-kind vault)
fi
# CPU seconds of a process (utime + stime, children excluded)
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / hz}' "/proc/$1/stat" 2>/dev/null || echo 0; }
vault_pid=""
audit_log=""
if [ "${BENCH_TOKENIZER:-local}" = vault ]; then
  [ -f "$root/.stack/vault.pid" ] && vault_pid=$(cat "$root/.stack/vault.pid")
  audit_log="${TAZALA_VAULT_AUDIT_LOG:-}"
fi
vault_cpu0=0; [ -n "$vault_pid" ] && vault_cpu0=$(cpu_s "$vault_pid")
broker_cpu0=$(cpu_s $broker)
audit0=0; [ -n "$audit_log" ] && [ -f "$audit_log" ] && audit0=$(stat -c %s "$audit_log")
load0=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s%N)
"$bin" run --config testdata/config/tazala.yaml --kafka-brokers "$BROKER" --store-url "chdb:$work/store" \
  --http-addr "$METRICS" --http-clickhouse-addr "" "${tok[@]}" ${BENCH_ARGS:-} --log-level warn ${BENCH_CPUPROFILE:+--cpuprofile "$BENCH_CPUPROFILE"} 2>"$work/daemon.log" &
daemon=$!
pids+=($daemon)
if [ "$RATE" -gt 0 ]; then
  sleep 3 # joined the group
  start=$(date +%s%N)
  produce &
  pids+=($!)
  sleep 1
fi
maxrss=0
rss_log=""
until ! kill -0 $daemon 2>/dev/null || "$bin" dev lag --brokers "$BROKER" --topics "$TOPICS" -q 2>/dev/null | grep -q "lag 0 of"; do
  rss=$(awk '/VmRSS/ {print $2}' /proc/$daemon/status 2>/dev/null || echo 0)
  [ "$rss" -gt "$maxrss" ] && maxrss=$rss
  rss_log="$rss_log $((rss / 1024))"
  sleep 0.2
done
end=$(date +%s%N)
if ! kill -0 $daemon 2>/dev/null; then echo "bench-pipeline: the daemon exited:" >&2; tail -20 "$work/daemon.log" >&2; exit 1; fi
el_ms=$(((end - start) / 1000000))
curl -fsS "http://$METRICS/metrics" >"$work/metrics"
daemon_cpu=$(cpu_s $daemon)
broker_cpu=$(awk -v a="$(cpu_s $broker)" -v b="$broker_cpu0" 'BEGIN {printf "%.2f", a - b}')
vault_cpu=0; [ -n "$vault_pid" ] && vault_cpu=$(awk -v a="$(cpu_s "$vault_pid")" -v b="$vault_cpu0" 'BEGIN {printf "%.2f", a - b}')
audit_mb=0; [ -n "$audit_log" ] && [ -f "$audit_log" ] && audit_mb=$(awk -v a="$(stat -c %s "$audit_log")" -v b="$audit0" 'BEGIN {printf "%.1f", (a - b) / 1e6}')
load1=$(cut -d' ' -f1-3 /proc/loadavg)
kill -TERM $daemon; wait $daemon || true
pids=("${pids[@]/$daemon}")
mode="the backlog was produced before start"
[ "$RATE" -gt 0 ] && mode="traffic arriving at $RATE records/s"
awk -v el="$el_ms" -v n="$N" -v maxrss="$maxrss" -v mode="$mode" -v dcpu="$daemon_cpu" -v bcpu="$broker_cpu" -v vcpu="$vault_cpu" -v audit="$audit_mb" -v vault="$vault_pid" -v load0="$load0" -v load1="$load1" '
  function pct(name, q,   i, tot, target) {
    tot = cnt[name]; target = q * tot
    for (i = 1; i <= nb[name]; i++) if (bc[name, i] >= target) return be[name, i]
    return "+Inf"
  }
  /^tazala_bytes_in_total/ {bytes += $2}
  /^tazala_records_out_total/ {out += $2}
  /^tazala_vault_values_sent_total/ {sent = $2}
  /^tazala_vault_values_shared_total/ {shared = $2}
  /^tazala_vault_requests_total/ {reqs = $2}
  /^tazala_vault_http_attempts_total/ {att = $2}
  /^tazala_(batch|record)_latency_seconds_bucket/ {
    name = $1; sub(/_bucket.*/, "", name); le = $1; sub(/.*le="/, "", le); sub(/".*/, "", le)
    nb[name]++; be[name, nb[name]] = le; bc[name, nb[name]] = $2
  }
  /^tazala_(batch|record)_latency_seconds_count/ {name = $1; sub(/_count/, "", name); cnt[name] = $2}
  END {
    s = el / 1000
    printf "records: %d in %.1fs (start to lag zero, startup included): %.0f records/s, %.1f MB/s\n", out, s, out / s, bytes / 1e6 / s
    printf "batch latency  p50 <= %ss  p99 <= %ss\n", pct("tazala_batch_latency_seconds", 0.5), pct("tazala_batch_latency_seconds", 0.99)
    printf "record latency p50 <= %ss  p99 <= %ss (Kafka timestamp to store ack; %s)\n", pct("tazala_record_latency_seconds", 0.5), pct("tazala_record_latency_seconds", 0.99), mode
    printf "max RSS %.0f MB\n", maxrss / 1024
    m = out / 1e6
    if (m > 0) {
      printf "CPU: daemon %.1f s (%.1f CPU-s per million records)", dcpu, dcpu / m
      if (vault != "") printf ", Vault %.1f s (%.1f per million), audit log +%s MB", vcpu, vcpu / m, audit
      printf "; broker %.1f s (%.1f per million)\n", bcpu, bcpu / m
      t = dcpu + bcpu + (vault != "" ? vcpu : 0)
      printf "CPU, all processes: %.1f CPU-s per million records: at most %.0f records/s on 2 idle cores\n", t / m, 2e6 / (t / m)
    }
    if (sent > 0) {
      printf "Vault: %.0f distinct values sent per 1,000 records (%.0f more waited for a concurrent call), %d transit requests (%.0f values each), %d HTTP attempts\n", sent * 1000 / out, shared * 1000 / out, reqs, sent / (reqs / 2), att
    }
    printf "load average at start %s, at lag zero %s\n", load0, load1
  }' "$work/metrics"
grep -E "^(tazala_token_cache_hit_ratio|tazala_tokenizer_latency_seconds_(sum|count)|go_memstats_heap_inuse_bytes|go_memstats_heap_sys_bytes|process_resident_memory_bytes)" "$work/metrics" || true
echo "RSS (MB) every 200ms:$rss_log" | fmt -w 160
