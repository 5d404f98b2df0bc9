#!/usr/bin/env bash
# Builds a crate that depends on childsupport on its own (not in the project's workspace, where
# the C library's features would be unified in) and checks that serde_json's
# `arbitrary_precision` is not turned on for it, then runs its tests.
set -euo pipefail
cd "$(dirname "$0")"
# The project's target directory (a dependent's features get their own build there).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/../../target}"
locked=()
[[ -f Cargo.lock ]] && locked=(--locked)
features="$(cargo tree "${locked[@]}" -e features -i serde_json)"
if grep -q arbitrary_precision <<<"$features"; then
    echo "tests/dependent: childsupport turns on serde_json's arbitrary_precision for its dependents:" >&2
    echo "$features" >&2
    exit 1
fi
echo "serde_json's features in a dependent: none forced by childsupport (no arbitrary_precision)"
cargo test "${locked[@]}"
