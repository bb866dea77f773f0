#!/usr/bin/env bash
# The browser tests (test/e2e) drive Debian's Chromium, and Bengali renders only with fonts-beng.
# Installs both with apt when run as root and either is missing; otherwise stops with the exact
# command to run. A browser is never downloaded by npm.
set -euo pipefail
install_command="apt-get update && apt-get install -y chromium fonts-beng"

has_fonts() {
  dpkg-query -W -f='${Status}' fonts-beng 2>/dev/null | grep -q "install ok installed"
}

if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && has_fonts; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium or fonts-beng is missing: installing them for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium fonts-beng >/dev/null
  chromium --version
  exit 0
fi
echo "The browser tests need Debian's Chromium and fonts-beng. Install them, then run the command again:" >&2
echo "  sudo sh -c '$install_command'" >&2
exit 1
