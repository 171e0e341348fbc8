#!/usr/bin/env bash
# Create .venv with Python 3.12+ and install the locked requirements (every
# package, transitive ones included, each checked against its hash), once per
# change of the lock. `make lock` writes the locks from requirements*.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
lock="${1:-requirements-dev.lock}"

pick_python() {
  for cand in python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null 2>&1 &&
      "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$cand"
      return
    fi
  done
  # pyenv keeps 3.12 outside PATH until .python-version is read from here.
  for cand in "$HOME"/.pyenv/versions/3.12*/bin/python3; do
    [ -x "$cand" ] && echo "$cand" && return
  done
  echo "Python 3.12 or newer is needed (Django 6.1)." >&2
  exit 1
}

if [ ! -x .venv/bin/python ] ||
  ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
  rm -rf .venv
  "$(pick_python)" -m venv .venv
fi
stamp=".venv/.installed-$(md5sum <"$lock" | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  # --no-deps: the lock already lists every dependency, so nothing unlisted
  # (and unhashed) can come in.
  .venv/bin/python -m pip install -q --require-hashes --no-deps -r "$lock"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
