#!/bin/sh
# Trunk post-build hook: finishes the site for static hosting with `datakit site`
# (CSP meta, an entry page per deep link with its title and Open Graph meta, the build's
# id in every page, the service worker sw.js listing the build's files, .nojekyll).
# `make data` (run by make serve/test/dist) has built datakit.
set -eu
: "${TRUNK_STAGING_DIR:?run by trunk}"
datakit="${CARGO_TARGET_DIR:-target}/debug/datakit"
[ -x "$datakit" ] || { echo "entry-pages: $datakit missing: run 'make data' first" >&2; exit 1; }
exec "$datakit" site --dist "$TRUNK_STAGING_DIR" --data data
