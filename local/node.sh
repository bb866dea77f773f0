#!/usr/bin/env bash
# Runs a command on the Node.js version in .node-version (the Lambda runtime's major, nodejs24.x).
# A machine whose own node is older gets that version from the npm registry (the node-<os>-<arch>
# packages carry Node.js's official builds), kept in ~/.cache/ccms; nothing else is downloaded.
#   bash local/node.sh <command> [args...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(tr -d '[:space:]' < "$root/.node-version")"
major="${version%%.*}"

current_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(current_major)" != "$major" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux-x64 ;;
    Linux-aarch64 | Linux-arm64) platform=linux-arm64 ;;
    Darwin-arm64) platform=darwin-arm64 ;;
    Darwin-x86_64) platform=darwin-x64 ;;
    *) echo "No Node.js $version build is known for $(uname -s) $(uname -m): install Node.js $major yourself." >&2; exit 1 ;;
  esac
  home="${XDG_CACHE_HOME:-$HOME/.cache}/ccms/node-$version-$platform"
  if [ ! -x "$home/bin/node" ]; then
    echo "Node.js $version is not this machine's node ($(node -v 2>/dev/null || echo none)): fetching node-$platform@$version from the npm registry..." >&2
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && npm pack --silent "node-$platform@$version" >/dev/null && tar xzf ./*.tgz)
    mkdir -p "$home/bin"
    mv "$work/package/bin/node" "$home/bin/node.$$" && mv "$home/bin/node.$$" "$home/bin/node"
    rm -rf "$work"
    trap - EXIT
  fi
  export PATH="$home/bin:$PATH"
fi
exec "$@"
