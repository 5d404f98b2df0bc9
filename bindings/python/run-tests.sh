#!/usr/bin/env bash
# Builds the Python package as users get it, a release abi3 wheel (stripped), installs that wheel
# into a fresh virtual environment, and runs the pytest suite against the installed package.
#
# Usage (from anywhere): bash bindings/python/run-tests.sh [PYTEST ARGS...]
# With TYPECHECK=1 it also installs pinned mypy and checks the package (--strict) and the
# _native stub against the installed module (stubtest).
# Needs only Rust (cargo), Python >= 3.10 with venv, and pip access to PyPI.
#   .venv (at the repository root, kept between runs): maturin, the build tool;
#   a new virtual environment per run (removed afterwards): the wheel, pytest, mypy, and the
#   table libraries of the batch tests (pyarrow, polars, pandas, dask[distributed]).
# The wheel is left in target/wheels (or $CARGO_TARGET_DIR/wheels).
# With CI=true, a run where pytest collects nothing or skips a test fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.venv"
python="${PYTHON:-python3}"

# Pinned tool versions: bump deliberately.
MATURIN_VERSION="1.16.0"
PYTEST_VERSION="9.2.0"
MYPY_VERSION="2.4.1"
# The table libraries the batch tests read and write (childsupport.batch, childsupport.dask).
PYARROW_VERSION="26.0.1"
POLARS_VERSION="2.1.0"
PANDAS_VERSION="3.1.1"
DASK_VERSION="2026.8.0"

pip_install() { # pip_install PYTHON ARGS...: fails the run when an install fails
    local py="$1"
    shift
    "$py" -m pip install --disable-pip-version-check --quiet "$@"
}

if [[ ! -x "$venv/bin/python" ]]; then
    echo "run-tests.sh: creating $venv" >&2
    "$python" -m venv "$venv"
fi
if [[ "$("$venv/bin/python" -m pip show maturin 2>/dev/null | sed -n 's/^Version: //p')" \
      != "$MATURIN_VERSION" ]]; then
    pip_install "$venv/bin/python" "maturin==$MATURIN_VERSION"
fi

target_dir="${CARGO_TARGET_DIR:-$root/target}"
[[ "$target_dir" == /* ]] || target_dir="$root/$target_dir"
wheels="$target_dir/wheels"
rm -f "$wheels"/childsupport-*.whl
echo "== maturin build --release (abi3 wheel, stripped)"
(cd "$here" && "$venv/bin/maturin" build --release --locked --out "$wheels" \
    --manifest-path "$here/Cargo.toml")
shopt -s nullglob
built=("$wheels"/childsupport-*.whl)
shopt -u nullglob
if [[ ${#built[@]} -ne 1 ]]; then
    echo "run-tests.sh: expected one wheel in $wheels, found ${#built[@]}" >&2
    exit 1
fi
wheel="${built[0]}"
ls -l "$wheel"

# A fresh environment: the installed wheel is all the tests can import.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
test_venv="$tmp/venv"
"$python" -m venv "$test_venv"
tpy="$test_venv/bin/python"
pip_install "$tpy" "$wheel" "pytest==$PYTEST_VERSION" "pyarrow==$PYARROW_VERSION" \
    "polars==$POLARS_VERSION" "pandas==$PANDAS_VERSION" "dask[distributed]==$DASK_VERSION"
"$tpy" - <<'PY'
import pathlib, sys, childsupport
where = pathlib.Path(childsupport.__file__).resolve()
assert pathlib.Path(sys.prefix).resolve() in where.parents, f"childsupport imported from {where}"
print(f"childsupport {childsupport.__version__} from {where.parent}")
PY

if [[ "${TYPECHECK:-0}" == 1 ]]; then
    echo "== mypy --strict and stubtest"
    pip_install "$tpy" "mypy==$MYPY_VERSION"
    (cd "$here" && "$tpy" -m mypy --strict python/childsupport tests \
        && "$tpy" -m mypy.stubtest childsupport._native)
fi

echo "== pytest (against the installed wheel)"
cd "$root"
status=0
"$tpy" -m pytest -p no:cacheprovider --junitxml="$tmp/junit.xml" "$here/tests" "$@" || status=$?
if [[ $status -eq 5 ]]; then
    echo "run-tests.sh: pytest collected no tests: failing" >&2
    exit 1
elif [[ $status -ne 0 ]]; then
    exit "$status"
fi
skipped="$(sed -n 's/.*<testsuite [^>]*skipped="\([0-9]*\)".*/\1/p' "$tmp/junit.xml" | head -n 1)"
if [[ "${CI:-}" == "true" && "${skipped:-0}" != 0 ]]; then
    echo "run-tests.sh: pytest skipped $skipped test(s); CI=true: failing" >&2
    exit 1
fi
