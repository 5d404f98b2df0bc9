#!/usr/bin/env bash
# Installs the C library into a temporary prefix with scripts/install-c.sh and builds a program
# against the installed copy only, as a county's build would:
#   cc test_install.c $(pkg-config --cflags --libs childsupport)
# then checks the install (soname, links, .pc) and runs the program against the shared library
# and, with `pkg-config --static`, against the static one.
#
# Usage (from anywhere): bash tests/c/install-test.sh
# Needs cc, pkg-config and readelf (binutils). With CI=true a missing tool is an error; outside
# CI the test is skipped with a banner.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cc="${CC:-cc}"

source scripts/skip.sh # skip WHAT (fails in CI) and have TOOL
for tool in "$cc" pkg-config readelf strip; do
    if ! have "$tool"; then
        skip "$tool is not installed: the install test"
        exit 0
    fi
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"

bash scripts/install-c.sh "$prefix"
lib="$prefix/lib"

echo "== installed files"
version="$(sed -n 's/^Version: //p' "$lib/pkgconfig/childsupport.pc")"
major="${version%%.*}"
test -f "$prefix/include/childsupport.h"
cmp "$prefix/include/childsupport.h" include/childsupport.h
test -f "$lib/libchildsupport.so.$version"
test "$(readlink "$lib/libchildsupport.so.$major")" = "libchildsupport.so.$version"
test "$(readlink "$lib/libchildsupport.so")" = "libchildsupport.so.$major"
test -f "$lib/libchildsupport.a"
soname="$(readelf -d "$lib/libchildsupport.so.$version" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')"
test "$soname" = "libchildsupport.so.$major" \
    || { echo "soname is '$soname', expected libchildsupport.so.$major" >&2; exit 1; }
# Release artifacts carry no debug info.
if readelf -S "$lib/libchildsupport.so.$version" | grep -q '\.debug_info'; then
    echo "libchildsupport.so.$version has debug info" >&2
    exit 1
fi
if readelf -S "$lib/libchildsupport.a" | grep -Eq '\.debug_info|\.llvmbc'; then
    echo "libchildsupport.a has debug info or LLVM bitcode" >&2
    exit 1
fi
echo "soname $soname; links and header in place; no debug info"

export PKG_CONFIG_PATH="$lib/pkgconfig"
pkg-config --exists --print-errors childsupport
test "$(pkg-config --modversion childsupport)" = "$version"

echo "== cc test_install.c \$(pkg-config --cflags --libs childsupport)   [shared]"
# shellcheck disable=SC2046 # pkg-config's output is a list of flags
"$cc" -std=c99 -Wall -Wextra -Werror -o "$tmp/test_install" tests/c/test_install.c \
    $(pkg-config --cflags --libs childsupport)
readelf -d "$tmp/test_install" | grep -q "NEEDED.*\[$soname\]" \
    || { echo "test_install does not load $soname" >&2; exit 1; }
LD_LIBRARY_PATH="$lib" "$tmp/test_install"

echo "== the same against libchildsupport.a with pkg-config --static (Libs.private)"
# -lchildsupport would pick the .so: name the archive, keep every other flag pkg-config gives.
# shellcheck disable=SC2046
"$cc" -std=c99 -Wall -Wextra -Werror -o "$tmp/test_install_static" tests/c/test_install.c \
    $(pkg-config --cflags childsupport) \
    $(pkg-config --static --libs childsupport | sed "s|-lchildsupport\b|$lib/libchildsupport.a|")
if readelf -d "$tmp/test_install_static" | grep -q 'NEEDED.*libchildsupport'; then
    echo "test_install_static loads libchildsupport dynamically" >&2
    exit 1
fi
"$tmp/test_install_static"

echo "== install test passed"
