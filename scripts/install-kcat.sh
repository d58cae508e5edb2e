#!/usr/bin/env bash
# Installs Debian's kcat (librdkafka's command-line client) if it is missing.
set -euo pipefail
if command -v kcat >/dev/null 2>&1; then
  echo "kcat present: $(command -v kcat)"
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=sudo; else
    echo "install-kcat: kcat is missing and this user cannot apt-get install it (run as root: apt-get install kcat)" >&2
    exit 1
  fi
fi
echo "apt-get install kcat"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends kcat >/dev/null
echo "kcat installed: $(command -v kcat)"
