#!/usr/bin/env bash
# Fuzzing (not in CI): a million proptest cases (FUZZ_CASES) against each parser: scenario
# files, reassignment JSON, console command lines, share links (tests/fuzz.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
FUZZ_CASES="${FUZZ_CASES:-1000000}" cargo test --locked --release --test fuzz -- --ignored --test-threads 4
