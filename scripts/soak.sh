#!/usr/bin/env bash
# The full soak run (not in CI): a simulated day at 1,000 records/s with consumer and broker
# crashes, rebalances, retention and a reassignment every simulated hour, invariants checked
# every simulated second (tests/soak.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo test --locked --release --test soak -- --ignored --nocapture
