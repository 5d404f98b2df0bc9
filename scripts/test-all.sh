#!/usr/bin/env bash
# Runs every test of the project, from a fresh clone, installing what it needs:
#   0. tools: installs missing Debian packages when run as root with apt-get (C and C++
#      compilers, binutils, valgrind, pkg-config, python3 venv, chromium, poppler-utils and
#      fonts-liberation for the printouts);
#   1. Rust: formatting, clippy with warnings as errors, unit + property tests, the shared conformance vectors, doc tests,
#      the CLI, the FFI crate (including the header staleness check), the benchmarks in test mode;
#   2. C: the ABI test programs under AddressSanitizer/UBSan and under valgrind, and against the
#      shared library; then the install path (scripts/install-c.sh into a temporary prefix, a
#      program built with pkg-config against it);
#   3. Printouts: each golden printout and two printed by the CLI, printed to PDF by headless
#      Chromium and read back: figures and citations present, US letter, page count;
#   4. Python: the release wheel installed into a fresh virtual environment, mypy --strict,
#      stubtest and pytest against it.
#
# With CI=true (.ci/run sets it) nothing may be skipped: a missing stage, script or tool is a
# failure. Outside CI a part that cannot run is skipped with a banner saying so.
set -euo pipefail
cd "$(dirname "$0")/.."

ci=false
[[ "${CI:-}" == "true" ]] && ci=true

section() { printf '\n==== %s ====\n' "$1"; }
source scripts/skip.sh # skip WHAT (fails in CI, a banner elsewhere) and have TOOL
python="${PYTHON:-python3}"

# Each tool the tests run, and the Debian package that provides it.
missing_packages() {
    have cc || echo gcc
    have c++ || echo g++
    { have nm && have readelf && have strip; } || echo binutils
    have valgrind || echo valgrind
    have pkg-config || echo pkg-config
    { have chromium || have chromium-browser; } || echo chromium
    { have pdftotext && have pdfinfo; } || echo poppler-utils
    [[ -d /usr/share/fonts/truetype/liberation ]] || echo fonts-liberation
    if ! have "$python"; then
        echo python3 python3-venv
    elif ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        echo python3-venv
    fi
}

section "tools"
mapfile -t need < <(missing_packages | tr ' ' '\n')
if [[ ${#need[@]} -gt 0 ]]; then
    if [[ "$(id -u)" == 0 ]] && have apt-get; then
        echo "installing from Debian's packages: ${need[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" \
            >/dev/null
        mapfile -t need < <(missing_packages | tr ' ' '\n')
        if [[ ${#need[@]} -gt 0 ]]; then
            echo "test-all.sh: still missing after apt-get install: ${need[*]}" >&2
            exit 1
        fi
    else
        skip "missing tools (Debian packages: ${need[*]}) and no root apt-get to install them"
    fi
fi
echo "cc, c++, binutils, valgrind, pkg-config, $python with venv, chromium, poppler-utils: present"

# cargo_test ARGS...: cargo test; in CI an ignored (#[ignore]) test fails the run, as a skip.
cargo_test() {
    local log
    log="$(mktemp)"
    cargo test "$@" 2>&1 | tee "$log"
    if $ci && grep -Eq '^test result: .* [1-9][0-9]* ignored' "$log"; then
        rm -f "$log"
        echo "test-all.sh: cargo test $* ignored some tests; CI=true: failing" >&2
        exit 1
    fi
    rm -f "$log"
}

section "rust: format"
cargo fmt --all -- --check

section "rust: clippy (warnings are errors)"
cargo clippy --locked --workspace --all-targets -- -D warnings

section "rust: tests (unit, property, conformance, doc, CLI, FFI)"
cargo_test --locked

section "rust: benchmarks compile and run once"
if [[ -d benches ]]; then
    cargo_test --locked -p childsupport-benches --benches
else
    skip "benches/ is missing: the benchmark stage"
fi

# stage NAME SCRIPT: runs a test script, or reports that it is missing.
stage() {
    section "$1"
    if [[ -f "$2" ]]; then
        bash "$2"
    else
        skip "$2 is missing: the stage '$1'"
    fi
}
stage "rust: a dependent crate keeps serde_json's own number handling" tests/dependent/run.sh
stage "C ABI: sanitizers, valgrind, shared library" tests/c/run.sh
stage "C install: scripts/install-c.sh, pkg-config, shared and static" tests/c/install-test.sh
stage "printouts: headless Chromium print-to-PDF, figures, citations, page count" \
    tests/printouts/browser-test.sh
export TYPECHECK=1
stage "python: release wheel in a fresh venv, mypy, stubtest, pytest" \
    bindings/python/run-tests.sh

section "all tests passed (${SECONDS}s)"
