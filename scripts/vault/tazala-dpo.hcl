# tazala-dpo: the data-protection officer's `tazala reveal`. The only policy
# tazala ships with decrypt on the encryption key: Vault enforces it, and
# Vault's audit device records every decrypt (HMAC'd, never the value),
# whatever the client does.
path "transit/decrypt/tazala-pii" {
  capabilities = ["update"]
}
# who is asking, for the audit row (also in Vault's default policy)
path "auth/token/lookup-self" {
  capabilities = ["read"]
}
