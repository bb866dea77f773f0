#!/usr/bin/env bash
# DynamoDB Local (npm start, integration tests) needs Java 17+. Installs a headless JRE with apt
# when run as root; otherwise stops with the exact command to run.
set -euo pipefail
needed=17
install_command="apt-get update && apt-get install -y openjdk-17-jre-headless"

java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

if command -v java >/dev/null 2>&1 && [ "$(java_major)" -ge "$needed" ] 2>/dev/null; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Java $needed+ is missing: installing a headless JRE for DynamoDB Local..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  java -version
  exit 0
fi
echo "DynamoDB Local needs Java $needed or newer. Install it, then run the command again:" >&2
echo "  sudo sh -c '$install_command'" >&2
exit 1
