#!/usr/bin/env bash
# Quick start, command 1: install what is missing, then serve the playground at
# http://127.0.0.1:8080 (rebuilds on change; Ctrl-C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
echo "serving the playground at http://127.0.0.1:8080"
exec trunk serve --release --address 127.0.0.1 --port 8080
