#!/usr/bin/env bash
# Installs, as root, the Debian 12 packages ReviewQueue's tests use as real servers and oracles
# (see /work/shared/docs/MAIL-STACK.md): git and git-email, b4, Dovecot, Postfix, mlmmj, Chromium, nginx (a reverse proxy
# in front of the dashboard), perl, sqlite3 (a damaged ledger saved as the program says).
# Idempotent: when everything is there it says so and touches nothing (no apt-get update).
set -euo pipefail

packages=(git git-email libmailtools-perl b4 dovecot-imapd postfix mlmmj chromium nginx-light perl sqlite3)

missing=()
for p in "${packages[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
        missing+=("$p")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps: all test packages are installed, nothing to do (${packages[*]})"
    exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
    echo "install-deps: missing ${missing[*]}; run as root (sudo tests/install-deps.sh) to install them" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
# Postfix asks how it delivers mail; the tests run their own instance, so: local only.
echo 'postfix postfix/main_mailer_type select Local only' | debconf-set-selections
echo 'postfix postfix/mailname string localhost' | debconf-set-selections
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
