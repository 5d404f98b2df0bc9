#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (libFuzzer through cargo-fuzz, nightly toolchain).
#
# Usage: bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#   SECONDS_PER_TARGET  default 60; each target runs that long (-max_total_time).
#   TARGET              default: every target in fuzz/Cargo.toml.
# Environment: FUZZ_JOBS (default 1) parallel jobs per target; NICE (default 10) the nice level.
#
# New inputs that cover new code are added to fuzz/corpus/TARGET/. A crash leaves its input in
# fuzz/artifacts/TARGET/: copy it to fuzz/regressions/TARGET/ once fixed, where the stable test
# suite replays it (tests/fuzz_corpus.rs). Without the nightly toolchain or cargo-fuzz, the
# script says so and exits 0: fuzzing is not part of the test run (the replay is).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
jobs="${FUZZ_JOBS:-1}"
nice_level="${NICE:-10}"

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz.sh: no nightly toolchain (rustup toolchain install nightly): skipping fuzzing"
    exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: cargo-fuzz is not installed (cargo install cargo-fuzz): skipping fuzzing"
    exit 0
fi

if [[ $# -gt 0 ]]; then
    targets=("$@")
else
    mapfile -t targets < <(sed -n 's/^name = "\([a-z_]*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^childsupport')
fi

status=0
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    dict=()
    [[ -f fuzz/dict/decimals.dict ]] && dict=(-dict=fuzz/dict/decimals.dict)
    echo "== $t: ${seconds}s"
    parallel=()
    # (-jobs=1 would still fork a worker that logs to ./fuzz-0.log; one job runs in place.)
    [[ "$jobs" -gt 1 ]] && parallel=(-jobs="$jobs" -workers="$jobs")
    if ! nice -n "$nice_level" cargo +nightly fuzz run --fuzz-dir fuzz "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -max_len=4096 -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 "${dict[@]}" "${parallel[@]}"; then
        echo "fuzz.sh: $t found a crash (input in fuzz/artifacts/$t/)" >&2
        status=1
    fi
done
exit "$status"
