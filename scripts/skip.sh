# Sourced by the test scripts (scripts/test-all.sh, tests/c/*.sh): what to do when a part of a
# test cannot run.
#   skip WHAT   With CI=true: fail the run (CI must not pass by skipping). Elsewhere: print a
#               banner naming what is not tested, and go on.
#   have TOOL   Whether TOOL is on the PATH.

skip() {
    if [[ "${CI:-}" == "true" ]]; then
        echo "$(basename "$0"): $1; CI=true: failing instead of skipping" >&2
        exit 1
    fi
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    echo "!! SKIPPED: $1 (required in CI)" >&2
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
}

have() { command -v "$1" >/dev/null 2>&1; }
