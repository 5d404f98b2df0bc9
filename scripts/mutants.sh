#!/usr/bin/env bash
# Mutation testing with cargo-mutants: change one operator, constant or return value at a time
# in the code that carries legal results, run the tests that should notice, and report what no
# test caught. Too slow for the CI run (each mutant is a rebuild plus the suite); run it by hand
# and record the counts in docs/mutation.md.
#
# Usage: bash scripts/mutants.sh [SCOPE...] [-- CARGO-MUTANTS-ARGS...]
#   A scope is an area name or a file (glob) under crates/childsupport/src:
#     california (the §4055 guideline), texas (ch. 154), exact (the number type), money (rounding
#     and splits), rules (lookups and validation), arrears (crediting and interest);
#     or a path such as crates/childsupport/src/guideline/texas/step_down.rs or
#     'crates/childsupport/src/rules/*.rs' (quote globs so the shell leaves them alone).
#   Default: california texas rules.
#   Arguments after `--` go to cargo-mutants unchanged, e.g. `-- -F 'rate_on'` to run only the
#   mutants of functions whose name matches, or `-- --list` to see them without running any.
#   A second `--` passes what follows to `cargo test`: `-- --baseline skip -- -- allocation::`
#   runs only that module's tests for each mutant (cheaper; read each miss).
# Environment: MUTANTS_JOBS (parallel mutants, default 1), MUTANTS_TIMEOUT (seconds per test
#   run, default 60), MUTANTS_OUT (output folder, default mutants.out), MUTANTS_TESTS (`all`, the
#   default: the engine's tests and the conformance package; `unit`: the engine's own unit and
#   property tests only, about a third of the build per mutant. On a busy machine run `unit`
#   first, then the same command with MUTANTS_TESTS=all and `-- --iterate`, which retests only
#   the mutants the first pass did not catch).
# Each mutant is built in a scratch copy of the tree, into $CARGO_TARGET_DIR when it is set: do not
#   build the worktree into the same target directory while a run is going (the engine's test
#   binary has the same file name in both, and one build replaces the other's, so a mutant can be
#   tested without its change). Give the run a directory of its own, or unset CARGO_TARGET_DIR to
#   build in the scratch copy.
# Output: $MUTANTS_OUT/mutants.out/ (outcomes.json, caught.txt, missed.txt, timeout.txt,
#   unviable.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo mutants --version >/dev/null 2>&1; then
    echo "mutants.sh: installing cargo-mutants from crates.io" >&2
    cargo install --locked cargo-mutants
fi

scopes=()
passthrough=()
while [[ $# -gt 0 ]]; do
    if [[ "$1" == "--" ]]; then
        shift
        passthrough=("$@")
        break
    fi
    scopes+=("$1")
    shift
done
[[ ${#scopes[@]} -gt 0 ]] || scopes=(california texas rules)

files=()
for scope in "${scopes[@]}"; do
    case "$scope" in
        california) files+=(--file 'crates/childsupport/src/guideline/california/*.rs') ;;
        texas) files+=(--file 'crates/childsupport/src/guideline/texas/*.rs') ;;
        exact) files+=(--file crates/childsupport/src/exact.rs) ;;
        money) files+=(--file crates/childsupport/src/money.rs) ;;
        rules) files+=(--file 'crates/childsupport/src/rules/*.rs') ;;
        arrears) files+=(--file crates/childsupport/src/arrears/crediting.rs
                         --file crates/childsupport/src/arrears/interest.rs
                         --file crates/childsupport/src/arrears/accrual.rs) ;;
        */*|*.rs)
            # A file or glob; it must name at least one file of the core crate.
            if ! compgen -G "$scope" >/dev/null; then
                echo "mutants.sh: no file matches $scope" >&2
                exit 2
            fi
            files+=(--file "$scope") ;;
        *) echo "mutants.sh: unknown scope $scope (an area name or a path with a /)" >&2; exit 2 ;;
    esac
done

# The engine's own tests and the shared conformance vectors (with the golden worksheets and the
# table checks) decide whether a mutant is caught. `--tests` leaves out the doctests and examples:
# they pin no legal result and would double each mutant's build.
tests=(--test-package childsupport --test-package childsupport-conformance
       --cargo-test-arg=--tests)
case "${MUTANTS_TESTS:-all}" in
    all) ;;
    # `--lib` in the build as well: only the engine's test binary is compiled, not the library
    # a second time for the examples.
    unit) tests=(--test-package childsupport --cargo-arg=--lib) ;;
    *) echo "mutants.sh: MUTANTS_TESTS is all or unit, not ${MUTANTS_TESTS}" >&2; exit 2 ;;
esac
exec cargo mutants -p childsupport "${files[@]}" \
    "${tests[@]}" \
    --jobs "${MUTANTS_JOBS:-1}" --timeout "${MUTANTS_TIMEOUT:-60}" \
    --output "${MUTANTS_OUT:-mutants.out}" "${passthrough[@]}"
