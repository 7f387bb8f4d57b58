#!/usr/bin/env bash
# Installs the Debian packages proficio and its tests need, only when they are missing.
# chromium: browser tests (Playwright drives Debian's Chromium; no browser is ever downloaded).
# libpango-1.0-0, libpangoft2-1.0-0: only for the report-card benchmark's baseline (WeasyPrint, a test extra);
#   proficio itself typesets PDFs with Typst, which needs no system library.
# fonts-dejavu-core: the fonts printed documents use (proficio.printing.typeset gives them to Typst).
# poppler-utils: pdftotext, pdffonts and pdftoppm, with which the tests read PDFs back.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
for package in libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; do
  dpkg -s "$package" 2>/dev/null | grep '^Status: install ok installed$' >/dev/null || missing+=("$package")
done
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  apt_get=(apt-get)
elif command -v sudo >/dev/null 2>&1; then
  apt_get=(sudo apt-get)
else
  echo "Please install: ${missing[*]} (Debian packages; needed for PDFs and the tests)." >&2
  exit 0
fi
echo "Installing ${missing[*]} from Debian…"
"${apt_get[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null \
  || { "${apt_get[@]}" update >/dev/null && "${apt_get[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null; }
