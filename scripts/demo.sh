#!/usr/bin/env bash
# make demo: the streaming daemon end to end, on this machine, no Docker.
#  1. a Kafka-protocol broker (tazala dev broker, kfake) with three topics;
#  2. generated traffic (made-up people) produced with a Kafka client:
#     transactions, MTA logs, support e-mails in ru/kk/en;
#  3. tazala run into the embedded store ./demo-data (local tokenizer, or
#     Vault when `make stack-up` wrote .stack/env), until the consumer lag
#     is zero;
#  4. what an analyst sees: findings per kind per topic, the leakiest
#     fields, one customer's footprint by token, lag zero.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bin="$root/bin/tazala"
N="${DEMO_RECORDS:-100000}"
BROKER="${DEMO_BROKER:-127.0.0.1:19092}"
METRICS="${DEMO_METRICS:-127.0.0.1:19464}"
CHADDR="${DEMO_CLICKHOUSE:-127.0.0.1:18123}"
STORE="$root/demo-data"
TOPICS="payments.transactions,notifications.mta,support.emails"
export TAZALA_LIBCHDB="${TAZALA_LIBCHDB:-$root/.cache/chdb/libchdb.so}"
# the demo's own accounts on the store's HTTP interface the daemon serves
# while it runs (loopback only)
export TAZALA_HTTP_ANALYST_PASSWORD="demo-analyst-$$"
export TAZALA_HTTP_WRITER_PASSWORD="demo-writer-$$"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
t0=$(date +%s%N)
step() { local ms=$((($(date +%s%N) - t0) / 1000000)); printf '\n\033[1m== %s\033[0m (%d.%ds)\n' "$*" $((ms / 1000)) $((ms % 1000 / 100)); }

step "broker: tazala dev broker on $BROKER, topics $TOPICS (3 partitions each)"
"$bin" dev broker --addr "$BROKER" --topics "$TOPICS" --partitions 3 --log-level error &
pids+=($!)
for _ in $(seq 100); do (echo >/dev/tcp/${BROKER%:*}/${BROKER#*:}) 2>/dev/null && break; sleep 0.1; done

step "traffic: $N generated records with a Kafka client (kafka-go)"
"$bin" dev produce --brokers "$BROKER" --topic payments.transactions --stream transactions -n $((N * 6 / 10)) --seed 11
"$bin" dev produce --brokers "$BROKER" --topic notifications.mta --stream notifications -n $((N * 2 / 10)) --seed 12
"$bin" dev produce --brokers "$BROKER" --topic support.emails --stream support -n $((N * 2 / 10)) --seed 13

tok=(--tokenizer-kind local --tokenizer-key-file "$root/.cache/demo-local.key")
if [ -f .stack/env ]; then
  # shellcheck disable=SC1091
  . .stack/env
  if [ -n "${VAULT_ADDR:-}" ] && curl -fsS "$VAULT_ADDR/v1/sys/health" >/dev/null 2>&1; then
    tok=(--tokenizer-kind vault)
    echo "Vault is up at $VAULT_ADDR (make stack-up): tokens from Vault transit"
  fi
fi

step "daemon: tazala run --config testdata/config/tazala.yaml → chdb:./demo-data (${tok[1]} tokenizer)"
rm -rf "$STORE" "$STORE".*
"$bin" run --config testdata/config/tazala.yaml --kafka-brokers "$BROKER" --store-url "chdb:$STORE" \
  --http-addr "$METRICS" --http-clickhouse-addr "$CHADDR" "${tok[@]}" --log-level warn 2>"$STORE.log" &
daemon=$!
pids+=($daemon)
"$bin" dev lag --brokers "$BROKER" --topics "$TOPICS" --wait 110s -q
curl -fsS "http://$METRICS/metrics" | awk '
  /^tazala_records_out_total/ {out += $2}
  /^tazala_findings_total/ {f += $2}
  /^tazala_bytes_in_total/ {b += $2}
  /^tazala_token_cache_hit_ratio/ {hit = $2}
  /^tazala_batch_latency_seconds_sum/ {ls = $2} /^tazala_batch_latency_seconds_count/ {lc = $2}
  END {printf "daemon: %d records (%.1f MB) redacted, %d findings indexed, token cache hit ratio %.1f%%, mean batch latency %.0f ms\n", out, b/1e6, f, hit*100, lc ? 1000*ls/lc : 0}'
curl -fsS "http://$METRICS/readyz"

step "stop the daemon (SIGTERM: in-flight batches finish and commit)"
kill -TERM $daemon
wait $daemon
pids=("${pids[@]/$daemon}")

# What an analyst sees, with tazala query on the store the daemon wrote.
# (While a daemon runs, the same commands go through the HTTP interface it
# serves on the store: --http-clickhouse-addr.)
q() { "$bin" query --store "chdb:$STORE" "$@"; }

step "findings per kind per topic (pii_index_v)"
q "SELECT source AS topic, kind, count() AS findings, uniqExact(token) AS distinct_values
   FROM pii_index_v GROUP BY topic, kind ORDER BY topic, findings DESC"

step "the fields that leak most: tazala query leakiest-fields"
q leakiest-fields

# a customer whose IIN appears in more than one topic, with a short footprint
customer=$(q --format TSV "SELECT token FROM pii_index_v WHERE kind = 'iin' GROUP BY token
  ORDER BY uniqExact(source) DESC, count() BETWEEN 3 AND 12 DESC, count() DESC, token LIMIT 1")
step "one customer's footprint, by the token of their IIN: tazala query --param token=$customer token-footprint"
q --param "token=$customer" token-footprint

step "a few redacted records"
q "SELECT source AS topic, offset, substring(payload, 1, 140) AS payload FROM records_v ORDER BY cityHash64(offset) LIMIT 4"

step "consumer lag, as the broker reports it"
"$bin" dev lag --brokers "$BROKER" --topics "$TOPICS"
step "done: the store is in ./demo-data (daemon log: demo-data.log); try: bin/tazala query --store chdb:./demo-data --list"
