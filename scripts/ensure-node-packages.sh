#!/usr/bin/env bash
# Installs the pinned npm packages (Azurite, maildev) when node_modules is missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null || { echo "Node.js is required (https://nodejs.org); it is not on PATH." >&2; exit 1; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages from package-lock.json ..."
  npm ci --no-audit --no-fund --loglevel=error
fi
