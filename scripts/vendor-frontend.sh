#!/usr/bin/env bash
# Vendors the front-end packages into src/ProfilePortal.Web/wwwroot/lib from the npm registry.
# The files are committed, so building and running never need npm; rerun this to upgrade.
set -euo pipefail
cd "$(dirname "$0")/.."
lib=src/ProfilePortal.Web/wwwroot/lib
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

BOOTSTRAP_VERSION=5.3.9

(cd "$work" && npm pack --silent "bootstrap@${BOOTSTRAP_VERSION}" >/dev/null && tar -xzf bootstrap-*.tgz)
rm -rf "$lib/bootstrap"
mkdir -p "$lib/bootstrap/css"
cp "$work/package/dist/css/bootstrap.min.css" "$lib/bootstrap/css/"
cp "$work/package/dist/css/bootstrap.rtl.min.css" "$lib/bootstrap/css/"
cp "$work/package/LICENSE" "$lib/bootstrap/LICENSE"
echo "bootstrap ${BOOTSTRAP_VERSION}" > "$lib/bootstrap/VERSION"
echo "Vendored bootstrap ${BOOTSTRAP_VERSION} into $lib/bootstrap"
