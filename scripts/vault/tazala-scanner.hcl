# tazala-scanner: `tazala scan --tokenizer vault`, the daemon and rescans.
# Tokenize only: hmac (the token) and encrypt (the reversible copy kept in
# the token vault). No decrypt: a stolen scanner credential reveals nothing.
path "transit/hmac/tazala-hmac/*" {
  capabilities = ["update"]
}
path "transit/encrypt/tazala-pii" {
  capabilities = ["update"]
}
