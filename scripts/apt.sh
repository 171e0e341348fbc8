#!/usr/bin/env bash
# Install Debian packages that are missing, running `apt-get update` once per run.
set -euo pipefail
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${missing[*]}; run: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
stamp=/tmp/.cpdd-apt-updated
if [ ! -f "$stamp" ]; then
  apt-get update -q >/dev/null
  touch "$stamp"
fi
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
  --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
