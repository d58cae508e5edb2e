#!/usr/bin/env bash
# Fetches the embedded ClickHouse engine (libchdb.so, ClickHouse 26.x) from
# the npm registry into .cache/chdb/, once per machine, and verifies it.
set -euo pipefail
VERSION="${CHDB_VERSION:-26.5.3}"
# sha1 of the npm tarball as published (npm view @chdb/lib-linux-x64-gnu@26.5.3 dist.shasum)
SHA1="${CHDB_SHA1:-3e52ecb7d894d9ebb1a6a50ac03f64208cc65501}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.cache/chdb"
lib="$out/libchdb.so"
if [ -f "$lib" ] && [ -f "$out/VERSION" ] && [ "$(cat "$out/VERSION")" = "$VERSION" ]; then
  echo "libchdb $VERSION already present: $lib"
  exit 0
fi
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "fetching @chdb/lib-linux-x64-gnu@$VERSION (about 180 MB)"
(cd "$tmp" && npm pack --silent "@chdb/lib-linux-x64-gnu@$VERSION" >/dev/null 2>"$tmp/npm.err") || { cat "$tmp/npm.err" >&2; exit 1; }
tgz="$(ls "$tmp"/*.tgz)"
got="$(sha1sum "$tgz" | cut -d' ' -f1)"
if [ "$got" != "$SHA1" ]; then
  echo "fetch-chdb: checksum mismatch for $tgz: got $got, want $SHA1" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$tmp"
so="$(find "$tmp/package" -name 'libchdb.so' | head -1)"
if [ -z "$so" ]; then
  echo "fetch-chdb: libchdb.so not found in the package" >&2
  exit 1
fi
# the C API tazala binds must be exported
for sym in chdb_connect chdb_query_n chdb_destroy_query_result chdb_close_conn; do
  if ! nm -D --defined-only "$so" 2>/dev/null | grep -q " $sym$"; then
    echo "fetch-chdb: $so does not export $sym" >&2
    exit 1
  fi
done
mv "$so" "$lib.tmp" && mv "$lib.tmp" "$lib"
find "$tmp/package" -name '*.h' -exec cp {} "$out/" \; || true
echo "$VERSION" > "$out/VERSION"
echo "libchdb $VERSION ready: $lib ($(du -h "$lib" | cut -f1))"
