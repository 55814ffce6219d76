#!/usr/bin/env bash
# Runs npm in the app's directory with the machine's node and npm; the Maven build calls it (see pom.xml).
# `npm.sh ci` reinstalls node_modules only when package-lock.json changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/src/main/web"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "web-client: node and npm are needed to build the web client (Node 20 or newer); install them, e.g. apt-get install nodejs npm" >&2
  exit 1
fi
if [ "${1:-}" = ci ]; then
  stamp=node_modules/.parley-lock
  if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
    exit 0
  fi
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
  exit 0
fi
exec npm "$@"
