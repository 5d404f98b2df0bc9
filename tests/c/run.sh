#!/usr/bin/env bash
# Builds the C interface, checks its header, and runs the C tests twice: under AddressSanitizer
# + UndefinedBehaviorSanitizer (with leak detection), then without sanitizers under valgrind.
#
# Usage (from anywhere): bash tests/c/run.sh
# Environment: CC (default cc). With CI=true nothing is skipped: a missing tool (valgrind, nm,
# readelf, a C++ compiler) or a missing shared library is an error. Outside CI such a part is
# skipped with a banner.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

cc="${CC:-cc}"
src="tests/c"
out="tests/c/build"
include="include"
header="$include/childsupport.h"
mkdir -p "$out"

# skip WHAT (fails in CI) and have TOOL.
source scripts/skip.sh

echo "== build the C library (cargo build -p childsupport-ffi)"
cargo build --locked -p childsupport-ffi
target_dir="$(cargo metadata --format-version 1 --no-deps \
    | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
lib="$target_dir/debug/libchildsupport.a"
test -f "$lib" || { echo "missing $lib" >&2; exit 1; }

echo "== header: regenerate with cbindgen and fail if the committed copy is stale"
# Read-only in CI so a stale header fails without being rewritten; locally the test rewrites
# it for review.
if [[ "${CI:-}" == "true" ]]; then
    CHILDSUPPORT_HEADER_CHECK_ONLY=1 cargo test -p childsupport-ffi --test header
else
    cargo test -p childsupport-ffi --test header
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && ! git diff --quiet -- "$header"; then
    echo "$header differs from the committed copy: review and commit it" >&2
    exit 1
fi

echo "== every function the shared library exports is declared in the header"
so="$target_dir/debug/libchildsupport.so"
if [[ ! -f "$so" ]]; then
    skip "$so was not built: the export check and the shared-library test"
elif ! have nm; then
    skip "nm is not installed (binutils): the export check"
else
    exported=0
    while read -r sym; do
        exported=$((exported + 1))
        grep -Eq "[ *]$sym\(" "$header" || { echo "$sym is exported but not in $header" >&2; exit 1; }
    done < <(nm -D --defined-only "$so" | awk '$3 ~ /^cs_/ {print $3}')
    [[ $exported -gt 0 ]] || { echo "$so exports no cs_* function" >&2; exit 1; }
    echo "$exported cs_* functions exported, all declared"
fi

echo "== header compiles on its own (C99 and C11, -Wall -Wextra -Wpedantic -Werror; C++)"
for std in c99 c11; do
    "$cc" -std="$std" -Wall -Wextra -Wpedantic -Werror -fsyntax-only -x c "$header"
done
if have c++; then
    c++ -std=c++11 -Wall -Wextra -Werror -fsyntax-only -x c++ "$header"
else
    skip "no C++ compiler (c++, from g++): the header's C++ check"
fi

cflags=(-std=c99 -Wall -Wextra -Werror -g -I"$include")
libs=("$lib" -lpthread -ldl -lm)
vectors=(tests/vectors/*.json)
tests=(test_api conformance test_threads)

run_all() { # $1: a label; the rest: a command prefix for each program
    local label="$1"
    shift
    local status=0
    echo "-- $label: test_api"
    "$@" "$out/test_api-$label" "$out" || status=1
    echo "-- $label: conformance (${#vectors[@]} vector files)"
    "$@" "$out/conformance-$label" "${vectors[@]}" || status=1
    echo "-- $label: test_threads (threads sharing one rules handle)"
    "$@" "$out/test_threads-$label" || status=1
    return "$status"
}

echo "== ASan + UBSan build"
for t in "${tests[@]}"; do
    "$cc" "${cflags[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer \
        -fno-sanitize-recover=undefined -o "$out/$t-asan" "$src/$t.c" "${libs[@]}"
done
ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1" \
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    run_all asan

echo "== plain build under valgrind"
for t in "${tests[@]}"; do
    "$cc" "${cflags[@]}" -O1 -o "$out/$t-plain" "$src/$t.c" "${libs[@]}"
done
if have valgrind; then
    run_all plain valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --error-exitcode=1
else
    skip "valgrind is not installed (apt-get install valgrind): the valgrind run"
    run_all plain
fi

echo "== shared library build (libchildsupport.so)"
if [[ -f "$so" ]] && have readelf; then
    # The program records the library's soname (libchildsupport.so.MAJOR, set by build.rs);
    # cargo makes only libchildsupport.so, so give the soname a link next to the program.
    soname="$(readelf -d "$so" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')"
    [[ -n "$soname" ]] || { echo "$so has no soname" >&2; exit 1; }
    mkdir -p "$out/lib"
    ln -sfn "$so" "$out/lib/$soname"
    "$cc" "${cflags[@]}" -o "$out/test_api-shared" "$src/test_api.c" \
        -L"$(dirname "$so")" -Wl,-rpath,"$root/$out/lib" -lchildsupport
    echo "-- shared: test_api ($soname)"
    "$out/test_api-shared" "$out"
elif [[ -f "$so" ]]; then
    skip "readelf is not installed (binutils): the shared-library test"
fi

echo "== C tests passed"
