#!/usr/bin/env bash
# Installs the Debian packages proficio's tests need, only when they are missing.
# chromium: browser tests (Playwright drives Debian's Chromium; no browser is ever downloaded).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  apt_get=(apt-get)
elif command -v sudo >/dev/null 2>&1; then
  apt_get=(sudo apt-get)
else
  echo "Please install: ${missing[*]} (Debian packages; needed for the browser tests)." >&2
  exit 0
fi
echo "Installing ${missing[*]} from Debian…"
"${apt_get[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null \
  || { "${apt_get[@]}" update >/dev/null && "${apt_get[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null; }
