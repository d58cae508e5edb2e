#!/usr/bin/env bash
# Stops what scripts/stack-up.sh started (PIDs in .stack/). Idempotent.
# With --status, only reports.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
state="$root/.stack"
status=0
[ "${1:-}" = "--status" ] && status=1

for name in kafka vault; do
  pidfile="$state/$name.pid"
  if [ ! -f "$pidfile" ]; then
    echo "$name: not running"
    continue
  fi
  pid="$(cat "$pidfile")"
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "$name: not running (stale pid $pid)"
    [ "$status" = 1 ] || rm -f "$pidfile"
    continue
  fi
  if [ "$status" = 1 ]; then
    echo "$name: running, pid $pid (log: .stack/$name.log)"
    continue
  fi
  # stack-up started each in its own session: stop the whole group
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    echo "$name: killed (pid $pid did not stop in 10s)"
  else
    echo "$name: stopped (pid $pid)"
  fi
  rm -f "$pidfile"
done
if [ "$status" = 0 ]; then
  rm -f "$state/env"
fi
