#!/usr/bin/env bash
# Vendors the front-end packages into src/ProfilePortal.Web/wwwroot/lib from the npm registry.
# The files are committed, so building and running never need npm; rerun this to upgrade.
set -euo pipefail
cd "$(dirname "$0")/.."
lib=src/ProfilePortal.Web/wwwroot/lib
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

BOOTSTRAP_VERSION=5.3.9
THREE_VERSION=0.187.0
# three ships no minified build since r18x: esbuild bundles its module and core into one minified ES module.
ESBUILD_VERSION=0.28.2

(cd "$work" && npm pack --silent "bootstrap@${BOOTSTRAP_VERSION}" >/dev/null && tar -xzf bootstrap-*.tgz)
rm -rf "$lib/bootstrap"
mkdir -p "$lib/bootstrap/css"
cp "$work/package/dist/css/bootstrap.min.css" "$lib/bootstrap/css/"
cp "$work/package/dist/css/bootstrap.rtl.min.css" "$lib/bootstrap/css/"
cp "$work/package/LICENSE" "$lib/bootstrap/LICENSE"
echo "bootstrap ${BOOTSTRAP_VERSION}" > "$lib/bootstrap/VERSION"
echo "Vendored bootstrap ${BOOTSTRAP_VERSION} into $lib/bootstrap"

# The avatar creator needs a small part of three: the bundle exports only the names avatar-character.js uses
# (THREE.Name), so esbuild leaves out the rest (a quarter of the bytes the browser would otherwise compile before the
# first frame). Rerun after using a new three class there; ThreeBundleTests fails until then.
mkdir -p "$work/three"
(cd "$work/three" && npm pack --silent "three@${THREE_VERSION}" >/dev/null && tar -xzf three-*.tgz)
names=$(grep -o 'THREE\.[A-Za-z0-9_]*' src/ProfilePortal.Web/wwwroot/js/avatar-character.js | sed 's/^THREE\.//' | sort -u | paste -sd, -)
echo "export { ${names} } from \"./package/build/three.module.js\";" > "$work/three/avatar-entry.js"
rm -rf "$lib/three"
mkdir -p "$lib/three"
(cd "$work/three" && npm exec --yes --package="esbuild@${ESBUILD_VERSION}" -- esbuild avatar-entry.js \
  --bundle --minify --format=esm --legal-comments=eof --log-level=warning --outfile=three.avatar.min.js)
cp "$work/three/three.avatar.min.js" "$lib/three/"
cp "$work/three/package/LICENSE" "$lib/three/LICENSE"
echo "three ${THREE_VERSION} (build/three.module.js with three.core.js, only the exports avatar-character.js uses, bundled and minified by esbuild ${ESBUILD_VERSION})" > "$lib/three/VERSION"
echo "Vendored three ${THREE_VERSION} into $lib/three"
