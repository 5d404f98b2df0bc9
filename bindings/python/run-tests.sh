#!/usr/bin/env bash
# Builds the Python package into the repository's .venv and runs its pytest suite.
#
# Usage (from anywhere): bash bindings/python/run-tests.sh [PYTEST ARGS...]
# With TYPECHECK=1 it also installs pinned mypy and checks the package (--strict) and the
# _native stub against the built module (stubtest).
# Needs only Rust (cargo), Python >= 3.10 with venv, and pip access to PyPI. Creates .venv at the
# repository root if missing, installs the pinned build/test tools into it, builds the extension
# with `maturin develop` (debug profile, shared workspace target/), and runs pytest.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.venv"
python="${PYTHON:-python3}"

# Pinned tool versions: bump deliberately.
MATURIN_VERSION="1.16.0"
PYTEST_VERSION="9.2.0"
MYPY_VERSION="2.4.1"

if [[ ! -x "$venv/bin/python" ]]; then
    echo "run-tests.sh: creating $venv" >&2
    "$python" -m venv "$venv"
fi
vpy="$venv/bin/python"

want() { # want NAME VERSION: true when NAME==VERSION is not installed
    [[ "$("$vpy" -m pip show "$1" 2>/dev/null | sed -n 's/^Version: //p')" != "$2" ]]
}
if want maturin "$MATURIN_VERSION" || want pytest "$PYTEST_VERSION"; then
    "$vpy" -m pip install --disable-pip-version-check --quiet \
        "maturin==$MATURIN_VERSION" "pytest==$PYTEST_VERSION"
fi

# maturin develop installs into the active virtualenv.
export VIRTUAL_ENV="$venv"
export PATH="$venv/bin:$PATH"
(cd "$here" && "$venv/bin/maturin" develop --quiet --manifest-path "$here/Cargo.toml")

if [[ "${TYPECHECK:-0}" == 1 ]]; then
    if want mypy "$MYPY_VERSION"; then
        "$vpy" -m pip install --disable-pip-version-check --quiet "mypy==$MYPY_VERSION"
    fi
    (cd "$here" && "$vpy" -m mypy --strict python/childsupport tests \
        && "$vpy" -m mypy.stubtest childsupport._native)
fi

cd "$root"
"$vpy" -m pytest "$here/tests" "$@"
