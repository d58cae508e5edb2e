#!/usr/bin/env bash
# Configures a Vault for tazala with an admin (root) token in VAULT_TOKEN:
#   - transit and the keys tazala-hmac and tazala-pii (when missing);
#   - the policies shipped in scripts/vault/*.hcl: tazala-scanner (hmac and
#     encrypt) and tazala-dpo (decrypt: the only policy with it);
#   - a file audit device writing to $TAZALA_VAULT_AUDIT_LOG: Vault logs
#     every request, values HMAC'd, so a reveal is on record whatever the
#     client does;
#   - a token per policy in $TAZALA_VAULT_TOKEN_DIR/{scanner,dpo}.token
#     (0600), reused while Vault still knows them.
# Idempotent. Used by scripts/stack-up.sh and by the tests of the shipped
# policies (cmd/tazala TestVaultPoliciesAndAudit).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
VAULT_BIN="${VAULT_BIN:-vault}"
: "${VAULT_ADDR:?VAULT_ADDR must point at the Vault}"
: "${VAULT_TOKEN:?VAULT_TOKEN must be an admin (root) token}"
: "${TAZALA_VAULT_AUDIT_LOG:?TAZALA_VAULT_AUDIT_LOG must name the audit log file}"
: "${TAZALA_VAULT_TOKEN_DIR:?TAZALA_VAULT_TOKEN_DIR must name where the tokens go}"
export VAULT_ADDR VAULT_TOKEN
v() { "$VAULT_BIN" "$@"; }
say() { echo "vault-setup: $*"; }

# (outputs are captured first: grep -q closing the pipe early would fail
# the pipeline under pipefail)
mounts="$(v secrets list -format=json)"
if ! grep -q '"transit/"' <<<"$mounts"; then
  v secrets enable transit >/dev/null
  say "transit enabled"
fi
for key in tazala-hmac tazala-pii; do
  if ! v read -format=json "transit/keys/$key" >/dev/null 2>&1; then
    v write -f "transit/keys/$key" type=aes256-gcm96 >/dev/null
    say "transit key $key created"
  fi
done

for f in "$here"/vault/*.hcl; do
  name="$(basename "$f" .hcl)"
  v policy write "$name" "$f" >/dev/null
  say "policy $name written"
done

audits="$(v audit list -format=json 2>/dev/null || true)"
if ! grep -q '"tazala-file/"' <<<"$audits"; then
  mkdir -p "$(dirname "$TAZALA_VAULT_AUDIT_LOG")"
  v audit enable -path=tazala-file file file_path="$TAZALA_VAULT_AUDIT_LOG" mode=0600 >/dev/null
  say "file audit device on $TAZALA_VAULT_AUDIT_LOG"
fi

mkdir -p "$TAZALA_VAULT_TOKEN_DIR"
chmod 700 "$TAZALA_VAULT_TOKEN_DIR"
for role in scanner dpo; do
  tf="$TAZALA_VAULT_TOKEN_DIR/$role.token"
  # looked up with the admin token: the scanner token may not look itself up
  if [ -s "$tf" ] && v token lookup -format=json "$(cat "$tf")" >/dev/null 2>&1; then
    continue
  fi
  # no default policy: each token holds exactly its shipped policy
  created="$(v token create -no-default-policy -policy="tazala-$role" -display-name="tazala-$role" -orphan -format=json)"
  tok="$(sed -n 's/.*"client_token": *"\([^"]*\)".*/\1/p' <<<"$created" | head -n1)"
  [ -n "$tok" ] || { echo "vault-setup: could not create the $role token" >&2; exit 1; }
  (umask 077; printf '%s' "$tok" >"$tf")
  say "token for tazala-$role in $tf"
done
