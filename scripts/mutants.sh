#!/usr/bin/env bash
# Mutation testing with cargo-mutants: change one operator, constant or return value at a time
# in the code that carries legal results, run the tests that should notice, and report what no
# test caught. Too slow for the CI run (each mutant is a rebuild plus the suite); run it by hand
# and record the counts in docs/mutation.md.
#
# Usage: bash scripts/mutants.sh [AREA...]
#   areas: california (the §4055 guideline), texas (ch. 154), exact (the number type),
#          money (rounding and splits), rules (lookups and validation), arrears (crediting and
#          interest); default: california texas rules
# Output: mutants.out/ (outcomes.json, caught.txt, missed.txt, timeout.txt, unviable.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo mutants --version >/dev/null 2>&1; then
    echo "mutants.sh: installing cargo-mutants from crates.io" >&2
    cargo install --locked cargo-mutants
fi

areas=("$@")
[[ ${#areas[@]} -gt 0 ]] || areas=(california texas rules)
files=()
for area in "${areas[@]}"; do
    case "$area" in
        california) files+=(--file 'crates/childsupport/src/guideline/california/*.rs') ;;
        texas) files+=(--file 'crates/childsupport/src/guideline/texas/*.rs') ;;
        exact) files+=(--file crates/childsupport/src/exact.rs) ;;
        money) files+=(--file crates/childsupport/src/money.rs) ;;
        rules) files+=(--file 'crates/childsupport/src/rules/*.rs') ;;
        arrears) files+=(--file crates/childsupport/src/arrears/crediting.rs
                         --file crates/childsupport/src/arrears/interest.rs
                         --file crates/childsupport/src/arrears/accrual.rs) ;;
        *) echo "mutants.sh: unknown area $area" >&2; exit 2 ;;
    esac
done

# The engine's own tests and the shared conformance vectors (with the golden worksheets and the
# table checks) decide whether a mutant is caught.
exec cargo mutants -p childsupport "${files[@]}" \
    --test-package childsupport --test-package childsupport-conformance \
    --timeout 40 --output mutants.out
