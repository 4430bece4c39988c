#!/usr/bin/env bash
# Install whatever is missing to build, serve and test kafka-playground. Idempotent: when
# everything is present it only checks versions (a few seconds).
#
#   wasm32 target                  rustup (from rust-toolchain.toml)
#   wasm-bindgen-cli  = the wasm-bindgen version in Cargo.lock (cargo install, unlocked)
#   trunk 0.21.14                  cargo install --locked (0.22 needs a newer rustc)
#   chromium + chromedriver        Debian packages (browser tests, end-to-end tests)
#   fonts-nanum                    Debian package (Korean glyphs in headless screenshots)
#   binaryen (wasm-opt 132)        npm package: Debian's wasm-opt 108 cannot read the
#                                  reference-types wasm that Rust 1.95 + wasm-bindgen emit
#   playwright-core                npm package, drives the system Chromium (never downloads one)
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
APT_UPDATED=""
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    say "please install: $* (no apt-get on this machine)"; return 1
  fi
  if [ -z "$APT_UPDATED" ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

if ! command -v cargo >/dev/null 2>&1; then
  say "Rust is missing: install it with rustup (https://rustup.rs), then run this again."; exit 1
fi

# The wasm target (rust-toolchain.toml names it; rustup adds it on first use, but be explicit).
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen CLI at exactly the crate's version.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WB_VERSION}\$"; then
  say "installing wasm-bindgen-cli ${WB_VERSION} (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "${WB_VERSION}" --force
fi

if ! trunk --version 2>/dev/null | grep -q " 0.21.14\$"; then
  say "installing trunk 0.21.14 (about 6 minutes)"
  cargo install trunk --version 0.21.14 --locked --force
fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  say "installing chromium and chromedriver"
  apt_install chromium chromium-driver
fi

if command -v fc-list >/dev/null 2>&1 && ! fc-list 2>/dev/null | grep -qi nanum; then
  say "installing a Korean font for headless screenshots"
  apt_install fonts-nanum || true
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  say "installing node and npm"
  apt_install nodejs npm
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version 132" || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  say "installing npm tools (binaryen's wasm-opt, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

say "ready: $(wasm-bindgen --version), $(trunk --version), $(wasm-opt --version | head -1), $(chromium --version 2>/dev/null | head -1)"
