#!/usr/bin/env bash
# Builds the C library in release and installs it under PREFIX:
#   PREFIX/include/childsupport.h
#   PREFIX/lib/libchildsupport.so.X.Y.Z      (soname libchildsupport.so.X)
#   PREFIX/lib/libchildsupport.so.X -> libchildsupport.so.X.Y.Z
#   PREFIX/lib/libchildsupport.so   -> libchildsupport.so.X
#   PREFIX/lib/libchildsupport.a             (debug info stripped)
#   PREFIX/lib/pkgconfig/childsupport.pc     (from crates/childsupport-ffi/childsupport.pc.in)
# Then: cc app.c $(pkg-config --cflags --libs childsupport)
# (with PKG_CONFIG_PATH=PREFIX/lib/pkgconfig when PREFIX is not a system prefix).
#
# Usage: bash scripts/install-c.sh PREFIX
# Environment: LIBDIR (default PREFIX/lib), DESTDIR (staged install for packagers: files go to
# DESTDIR/PREFIX, the .pc file names PREFIX), CARGO (default cargo).
# Linux (ELF) only: macOS names shared libraries differently.
set -euo pipefail

if [[ $# -ne 1 || -z "$1" ]]; then
    echo "usage: bash scripts/install-c.sh PREFIX" >&2
    exit 2
fi
prefix="$1"
[[ "$prefix" == /* ]] || prefix="$(pwd)/$prefix"
prefix="${prefix%/}"
libdir="${LIBDIR:-$prefix/lib}"
includedir="$prefix/include"
destdir="${DESTDIR:-}"
cargo="${CARGO:-cargo}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

echo "== build the C library in release (cargo build --release -p childsupport-ffi)"
"$cargo" build --locked --release -p childsupport-ffi
target_dir="$("$cargo" metadata --format-version 1 --no-deps \
    | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
so="$target_dir/release/libchildsupport.so"
a="$target_dir/release/libchildsupport.a"
for f in "$so" "$a"; do
    [[ -f "$f" ]] || { echo "install-c.sh: $f was not built" >&2; exit 1; }
done

pkgid="$("$cargo" pkgid -p childsupport-ffi)"   # path+file:///...#childsupport-ffi@X.Y.Z
version="${pkgid##*[@#]}"
major="${version%%.*}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || { echo "install-c.sh: bad version '$version'" >&2; exit 1; }
url="$(sed -n 's/^repository = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"

echo "== install childsupport $version into ${destdir}$prefix"
install -d "$destdir$includedir" "$destdir$libdir" "$destdir$libdir/pkgconfig"
install -m 644 include/childsupport.h "$destdir$includedir/childsupport.h"
install -m 755 "$so" "$destdir$libdir/libchildsupport.so.$version"
ln -sfn "libchildsupport.so.$version" "$destdir$libdir/libchildsupport.so.$major"
ln -sfn "libchildsupport.so.$major" "$destdir$libdir/libchildsupport.so"
install -m 644 "$a" "$destdir$libdir/libchildsupport.a"
# The standard library's objects inside the archive carry their own debug info and LLVM bitcode
# (.llvmbc, only for link-time optimisation in rustc): the release profile cannot remove them
# from a static library, strip can (28.8 MB -> 11.3 MB; docs/packaging.md).
strip --strip-debug --remove-section=.llvmbc --remove-section=.llvmcmd \
    "$destdir$libdir/libchildsupport.a"
# The .pc file names its directories relative to ${prefix} where it can, so that pkg-config's
# --define-prefix (or a moved prefix) works.
pc_libdir="$libdir"
[[ -n "${LIBDIR:-}" ]] || pc_libdir='${exec_prefix}/lib'
pc_includedir='${prefix}/include'
sed -e "s|@PREFIX@|$prefix|g" -e "s|@LIBDIR@|$pc_libdir|g" -e "s|@INCLUDEDIR@|$pc_includedir|g" \
    -e "s|@VERSION@|$version|g" -e "s|@URL@|$url|g" \
    crates/childsupport-ffi/childsupport.pc.in \
    | grep -v '^#' > "$destdir$libdir/pkgconfig/childsupport.pc"
if grep -q '@[A-Z]*@' "$destdir$libdir/pkgconfig/childsupport.pc"; then
    echo "install-c.sh: unfilled @...@ in childsupport.pc" >&2
    exit 1
fi

ls -l "$destdir$includedir/childsupport.h" "$destdir$libdir"/libchildsupport.* \
    "$destdir$libdir/pkgconfig/childsupport.pc"
