#!/usr/bin/env bash
# Quick start, command 2: install what is missing, then run every test:
#   1. native: unit, scenario, property, Kafka-vector and command-line tests (cargo test)
#   2. browser: wasm-bindgen-test in headless Chromium (tests/web.rs)
#   3. end to end: build the site (dist/) and drive it in headless Chromium (tests/e2e),
#      with screenshots in target/screenshots and the bundle-size budget.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
# The browser tests run one after another in one page; give the whole run room (seconds).
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}"

echo "== native tests"
cargo test --locked

echo "== browser tests (headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --test web

echo "== end-to-end tests of the built site"
trunk build --release
node --test tests/e2e/
