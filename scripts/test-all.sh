#!/usr/bin/env bash
# Runs every test of the project, from a fresh clone, installing what it needs:
#   1. Rust: formatting, unit + property tests, the shared conformance vectors, doc tests,
#      the CLI, the FFI crate (including the header staleness check), the benchmarks in test mode;
#   2. C: the ABI test programs under AddressSanitizer/UBSan and under valgrind;
#   3. Python: builds the extension with maturin into .venv and runs pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==== %s ====\n' "$1"; }

section "rust: format"
cargo fmt --all -- --check

section "rust: tests (unit, property, conformance, doc, CLI, FFI)"
cargo test --locked

if [ -d benches ]; then
  section "rust: benchmarks compile and run once"
  cargo test --locked -p childsupport-benches --benches
fi

if [ -f tests/c/run.sh ]; then
  section "C ABI: sanitizers and valgrind"
  if ! command -v valgrind >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "valgrind is missing: installing it from Debian's packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null
  fi
  bash tests/c/run.sh
fi

if [ -f bindings/python/run-tests.sh ]; then
  section "python: pytest"
  TYPECHECK=1 bash bindings/python/run-tests.sh
fi

section "all tests passed"
