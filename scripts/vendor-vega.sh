#!/usr/bin/env bash
# Re-vendor Vega, Vega-Lite, vega-embed and vega-interpreter from the npm registry, for the growth charts
# (proficio.progress). The minified files are committed so that neither setup nor CI needs npm.
# vega-interpreter ships only as an ES module that imports vega-util, so it is bundled (with the few
# vega-util functions it uses) into one browser script with esbuild; the interpreter is what lets Vega
# evaluate expressions without `new Function` under our Content-Security-Policy (no 'unsafe-eval').
# Usage: scripts/vendor-vega.sh 6.4.0 6.5.0 7.3.0 2.3.2   (vega, vega-lite, vega-embed, vega-interpreter)
set -euo pipefail
vega="${1:?give the versions of vega, vega-lite, vega-embed and vega-interpreter, e.g. 6.4.0 6.5.0 7.3.0 2.3.2}"
lite="${2:?give the vega-lite version}"
embed="${3:?give the vega-embed version}"
interpreter="${4:?give the vega-interpreter version}"
esbuild="0.28.2"
target="$(cd "$(dirname "$0")/../src/proficio/static/proficio/vendor" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
for package in "vega@$vega" "vega-lite@$lite" "vega-embed@$embed"; do
  mkdir -p "${package%@*}"
  npm pack --silent "$package" >/dev/null
  tar xzf "${package%@*}"-*.tgz -C "${package%@*}"
done
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "vega-interpreter@$interpreter" "esbuild@$esbuild" >/dev/null
echo 'export { expressionInterpreter } from "vega-interpreter";' >entry.js
./node_modules/.bin/esbuild entry.js --bundle --format=iife --global-name=vegaInterpreter --minify \
  --legal-comments=none --target=es2020 --log-level=warning --outfile=vega-interpreter.min.js

rm -f "$target"/vega-[0-9]*.min.js "$target"/vega-lite-*.min.js "$target"/vega-embed-*.min.js \
  "$target"/vega-interpreter-*.min.js
cp vega/package/build/vega.min.js "$target/vega-$vega.min.js"
cp vega-lite/package/build/vega-lite.min.js "$target/vega-lite-$lite.min.js"
cp vega-embed/package/build/vega-embed.min.js "$target/vega-embed-$embed.min.js"
cp vega-interpreter.min.js "$target/vega-interpreter-$interpreter.min.js"
cp vega/package/LICENSE "$target/vega-LICENSE.txt"
cp vega-lite/package/LICENSE "$target/vega-lite-LICENSE.txt"
cp vega-embed/package/LICENSE "$target/vega-embed-LICENSE.txt"
cp node_modules/vega-interpreter/LICENSE "$target/vega-interpreter-LICENSE.txt"  # also covers vega-util
(cd "$target" && sha256sum vega-*.min.js)
echo "Now point src/proficio/progress/templates/progress/*.html at these versions."
