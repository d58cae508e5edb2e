#!/usr/bin/env bash
# Fetches the embedded ClickHouse engine (libchdb.so from the npm package
# @chdb/lib-linux-x64-gnu) into .cache/chdb/, once per machine, and verifies
# it: the npm tarball against its pinned SHA-1 (the registry's shasum) and
# the library against its pinned SHA-256. Idempotent: a verified library is
# left alone. Called by `make chdb`, which passes the pinned values.
set -euo pipefail
VERSION="${CHDB_VERSION:?CHDB_VERSION not set (make chdb sets it)}"
TGZ_SHA1="${CHDB_TGZ_SHA1:-}"
SO_SHA256="${CHDB_SO_SHA256:-}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.cache/chdb"
lib="$dir/libchdb.so"
stamp="$dir/VERSION"

verify_lib() { # $1: path of a libchdb.so; prints nothing, fails loudly
  local f="$1" sum
  if [ -n "$SO_SHA256" ]; then
    sum="$(sha256sum "$f" | cut -d' ' -f1)"
    if [ "$sum" != "$SO_SHA256" ]; then
      echo "fetch-chdb: $f: sha256 $sum, want $SO_SHA256" >&2
      return 1
    fi
  fi
  # the C API the Go binding (internal/chdb) loads
  local syms
  if command -v nm >/dev/null; then
    syms="$(nm -D --defined-only "$f" | awk '{print $NF}')"
  else
    syms="$(grep -a -o 'chdb_[a-z_]*' "$f" | sort -u)"
  fi
  for sym in chdb_set_signal_handlers_enabled chdb_connect chdb_close_conn chdb_query_n \
             chdb_query_with_params_n chdb_destroy_query_result chdb_result_buffer \
             chdb_result_length chdb_result_error chdb_result_elapsed \
             chdb_result_rows_read chdb_result_rows_written; do
    if ! grep -qx "$sym" <<<"$syms"; then
      echo "fetch-chdb: $f does not export $sym" >&2
      return 1
    fi
  done
}

if [ -f "$lib" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$VERSION" ]; then
  if verify_lib "$lib"; then
    echo "libchdb $VERSION present and verified: $lib"
    exit 0
  fi
  echo "fetch-chdb: cached library fails verification, fetching again" >&2
fi

command -v npm >/dev/null || { echo "fetch-chdb: npm not found (Debian: apt-get install npm)" >&2; exit 1; }
mkdir -p "$dir"
tmp="$(mktemp -d "$dir/.fetch.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
echo "npm pack @chdb/lib-linux-x64-gnu@$VERSION (about 180 MB)"
start=$(date +%s)
tgz="$(cd "$tmp" && npm pack --silent --pack-destination "$tmp" "@chdb/lib-linux-x64-gnu@$VERSION" 2>/dev/null | tail -n1)"
tgz="$tmp/$tgz"
if [ ! -f "$tgz" ]; then
  echo "fetch-chdb: npm pack produced no tarball (is the npm registry reachable?)" >&2
  exit 1
fi
if [ -n "$TGZ_SHA1" ]; then
  sum="$(sha1sum "$tgz" | cut -d' ' -f1)"
  if [ "$sum" != "$TGZ_SHA1" ]; then
    echo "fetch-chdb: $tgz: sha1 $sum, want $TGZ_SHA1" >&2
    exit 1
  fi
fi
tar -xzf "$tgz" -C "$tmp" package/libchdb.so
verify_lib "$tmp/package/libchdb.so"
mv "$tmp/package/libchdb.so" "$lib"
echo "$VERSION" > "$stamp"
echo "libchdb $VERSION fetched in $(( $(date +%s) - start ))s: $lib ($(du -h "$lib" | cut -f1)), sha256 $(sha256sum "$lib" | cut -d' ' -f1)"
