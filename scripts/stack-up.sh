#!/usr/bin/env bash
# Starts the local real stack for the demo, on the usual ports:
#   Kafka protocol  `bin/tazala dev broker` (kfake)   127.0.0.1:9092
#   Vault           `vault server -dev` (.cache/vault) 127.0.0.1:8200, transit + tazala's keys,
#                   the shipped policies (scripts/vault/*.hcl), a file audit device
#                   (.stack/vault-audit.log) and a scanner and a DPO token
#   ClickHouse      libchdb.so (a library: only checked to be present)
# PIDs and logs go to .stack/, and .stack/env holds the variables clients
# need (`. .stack/env`). Idempotent: running components are left alone.
# `make stack-up` builds the prerequisites (make chdb vault-bin) first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
state="$root/.stack"
mkdir -p "$state"

KAFKA_ADDR="${TAZALA_STACK_KAFKA_ADDR:-127.0.0.1:9092}"
VAULT_LISTEN="${TAZALA_STACK_VAULT_ADDR:-127.0.0.1:8200}"
VAULT_ROOT_TOKEN="tazala-dev-root"
VAULT_BIN="${TAZALA_VAULT_BIN:-$root/.cache/vault/vault}"
LIBCHDB="${TAZALA_LIBCHDB:-$root/.cache/chdb/libchdb.so}"
TAZALA_BIN="$root/bin/tazala"

die() { echo "stack-up: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }
running() { # pidfile
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}
port_taken() { # host:port
  (exec 3<>"/dev/tcp/${1%:*}/${1##*:}") 2>/dev/null
}
wait_port() { # host:port pid seconds
  local deadline=$(( $(date +%s) + $3 ))
  until port_taken "$1"; do
    kill -0 "$2" 2>/dev/null || return 1
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}

# --- ClickHouse engine (library) -------------------------------------------
[ -f "$LIBCHDB" ] || die "libchdb.so not found at $LIBCHDB: run \`make chdb\`"
echo "clickhouse: libchdb present ($LIBCHDB)"

# --- Kafka protocol ---------------------------------------------------------
if running "$state/kafka.pid"; then
  echo "kafka: already running (pid $(cat "$state/kafka.pid")) on $KAFKA_ADDR"
else
  port_taken "$KAFKA_ADDR" && die "kafka: $KAFKA_ADDR is taken by another process (find it: ss -ltnp 'sport = :${KAFKA_ADDR##*:}'; or set TAZALA_STACK_KAFKA_ADDR)"
  if [ -n "${TAZALA_STACK_BIN:-}" ]; then
    TAZALA_BIN="$TAZALA_STACK_BIN"
  else
    echo "kafka: building bin/tazala"
    go build -o "$TAZALA_BIN" ./cmd/tazala || die "kafka: go build ./cmd/tazala failed"
  fi
  if ! "$TAZALA_BIN" dev broker --help >/dev/null 2>&1; then
    die "kafka: $TAZALA_BIN has no 'dev broker' command: cmd/tazala/commands.go must register devCommand() (cmd/tazala/dev.go)"
  fi
  t0=$(now_ms)
  setsid "$TAZALA_BIN" dev broker --addr "$KAFKA_ADDR" --partitions 3 --log-level warn \
    >"$state/kafka.log" 2>&1 </dev/null &
  echo $! >"$state/kafka.pid"
  if ! wait_port "$KAFKA_ADDR" "$!" 15; then
    tail -n 20 "$state/kafka.log" >&2 || true
    rm -f "$state/kafka.pid"
    die "kafka: broker did not come up on $KAFKA_ADDR (log: .stack/kafka.log)"
  fi
  echo "kafka: kfake broker on $KAFKA_ADDR, pid $(cat "$state/kafka.pid"), up in $(( $(now_ms) - t0 )) ms (process start included)"
fi

# --- Vault ------------------------------------------------------------------
[ -x "$VAULT_BIN" ] || die "vault: binary not found at $VAULT_BIN: run \`make vault-bin\`"
export VAULT_ADDR="http://$VAULT_LISTEN" VAULT_TOKEN="$VAULT_ROOT_TOKEN"
if running "$state/vault.pid"; then
  echo "vault: already running (pid $(cat "$state/vault.pid")) on $VAULT_LISTEN"
else
  port_taken "$VAULT_LISTEN" && die "vault: $VAULT_LISTEN is taken by another process (find it: ss -ltnp 'sport = :${VAULT_LISTEN##*:}'; or set TAZALA_STACK_VAULT_ADDR)"
  t0=$(now_ms)
  VAULT_DISABLE_MLOCK=true HOME="$state" setsid "$VAULT_BIN" server -dev \
    -dev-root-token-id="$VAULT_ROOT_TOKEN" -dev-listen-address="$VAULT_LISTEN" -dev-no-store-token \
    >"$state/vault.log" 2>&1 </dev/null &
  echo $! >"$state/vault.pid"
  pid=$!
  deadline=$(( $(date +%s) + 30 ))
  until "$VAULT_BIN" status >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      tail -n 20 "$state/vault.log" >&2 || true
      rm -f "$state/vault.pid"
      die "vault: dev server did not come up on $VAULT_LISTEN (log: .stack/vault.log)"
    fi
    sleep 0.1
  done
  echo "vault: dev server on $VAULT_LISTEN, pid $pid, unsealed in $(( $(now_ms) - t0 )) ms"
fi
# transit, keys, the shipped policies (only tazala-dpo may decrypt), a file
# audit device and one token per policy (a dev server keeps all of it in
# memory: recreated when missing)
VAULT_BIN="$VAULT_BIN" TAZALA_VAULT_AUDIT_LOG="$state/vault-audit.log" TAZALA_VAULT_TOKEN_DIR="$state/vault" \
  "$root/scripts/vault-setup.sh"

# --- environment -------------------------------------------------------------
# VAULT_TOKEN is the scanner's (tazala-scanner: hmac and encrypt, no
# decrypt); reveal needs the DPO's, in .stack/dpo.env. The root token is
# for administration only and is not exported.
cat >"$state/env" <<ENV
# written by make stack-up; load with: . .stack/env
export VAULT_ADDR=http://$VAULT_LISTEN
export VAULT_TOKEN=$(cat "$state/vault/scanner.token")
export TAZALA_KAFKA_BROKERS=$KAFKA_ADDR
export TAZALA_LIBCHDB=$LIBCHDB
export TAZALA_VAULT_AUDIT_LOG=$state/vault-audit.log
ENV
(umask 077; cat >"$state/dpo.env" <<ENV
# written by make stack-up: the data-protection officer's Vault token
# (tazala-dpo: decrypt), for tazala reveal; load with: . .stack/dpo.env
export VAULT_ADDR=http://$VAULT_LISTEN
export VAULT_TOKEN=$(cat "$state/vault/dpo.token")
ENV
)
echo "vault: audit log $state/vault-audit.log (every request, values HMAC'd)"
echo "stack up; load the environment with: . .stack/env   (reveal: . .stack/dpo.env)"
