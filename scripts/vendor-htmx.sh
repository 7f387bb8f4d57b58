#!/usr/bin/env bash
# Re-vendor htmx from the npm registry (the file is committed so that neither setup nor CI needs npm).
# Usage: scripts/vendor-htmx.sh 2.0.11
set -euo pipefail
version="${1:?give the htmx version, e.g. 2.0.11}"
target="$(dirname "$0")/../src/proficio/static/proficio/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "htmx.org@$version" >/dev/null && tar xzf htmx.org-*.tgz)
rm -f "$target"/htmx-*.min.js
cp "$work/package/dist/htmx.min.js" "$target/htmx-$version.min.js"
cp "$work/package/LICENSE" "$target/htmx-LICENSE.txt"
sha256sum "$target/htmx-$version.min.js"
echo "Now point base.html at proficio/vendor/htmx-$version.min.js."
