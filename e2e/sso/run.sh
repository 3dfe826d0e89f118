#!/usr/bin/env bash
# Browser tests of Ironbox sign-in against a real OpenID Provider (oidc-provider) on loopback.
#   IRONBOX_BIN=target/debug/ironbox bash e2e/sso/run.sh
# Needs Debian's chromium (apt-get install -y chromium); npm packages are installed here from
# package-lock.json and no browser is ever downloaded. The tests start the IdP and Ironbox
# instances themselves and stop them at the end; the exit status is the tests'. With
# TEST_DATABASE_URL=postgres://…/NAME each instance gets a fresh database NAME_sso_<instance>.
set -euo pipefail
: "${IRONBOX_BIN:?set IRONBOX_BIN to the ironbox binary}"
IRONBOX_BIN=$(realpath "$IRONBOX_BIN")
export IRONBOX_BIN
cd "$(dirname "$0")"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
command -v chromium >/dev/null || { echo "chromium is missing: apt-get install -y chromium" >&2; exit 1; }
npm ci --no-audit --no-fund --loglevel=error
node --test --test-concurrency=1 tests/
