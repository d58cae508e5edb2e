#!/usr/bin/env bash
# Builds the real HashiCorp Vault server binary from the Go module proxy into
# .cache/vault/vault, once per machine (about 8 minutes on 2 cores, 420 MB).
# Newer tags do not compile against any published vault/sdk; v1.17.6 does
# once its local replace directives are dropped.
set -euo pipefail
VERSION="${VAULT_VERSION:-v1.17.6}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.cache/vault"
bin="$out/vault"
if [ -x "$bin" ] && "$bin" version 2>/dev/null | grep -q "${VERSION}"; then
  echo "vault ${VERSION} already built: $bin"
  exit 0
fi
mkdir -p "$out"
export GOFLAGS=-mod=mod
echo "downloading github.com/hashicorp/vault@${VERSION} from the module proxy"
dir="$(cd "$out" && go mod download -json "github.com/hashicorp/vault@${VERSION}" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
  echo "build-vault: module download failed" >&2
  exit 1
fi
src="$out/src-${VERSION}"
rm -rf "$src"
cp -r "$dir" "$src"
chmod -R u+w "$src"
cd "$src"
# drop every local replace (./api, ./sdk, ...): use the published modules
for r in $(go mod edit -json | sed -n 's/.*"Path": "\(github.com\/hashicorp\/vault\/[^"]*\)".*/\1/p' | sort -u); do
  go mod edit -dropreplace="$r" 2>/dev/null || true
done
echo "building vault (several minutes)"
start=$(date +%s)
go build -trimpath -ldflags "-s -w -X github.com/hashicorp/vault/version.fullVersion=${VERSION#v}" -o "$bin.tmp" .
mv "$bin.tmp" "$bin"
rm -rf "$src"
echo "built $bin in $(( $(date +%s) - start ))s: $("$bin" version)"
