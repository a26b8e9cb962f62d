#!/bin/sh
# Trunk post-build hook: one entry page (a copy of index.html) per deep link listed by
# `datakit build` in data/routes.txt, so that /about/, /project/<id>/ and
# /commune/<nis>/ answer HTTP 200 with the app on any static file server.
set -eu
: "${TRUNK_STAGING_DIR:?run by trunk}"
routes="$TRUNK_STAGING_DIR/data/routes.txt"
[ -f "$routes" ] || { echo "entry-pages: $routes missing (run datakit build)" >&2; exit 1; }
while IFS= read -r route; do
  case "$route" in ''|*..*|/*) continue ;; esac
  mkdir -p "$TRUNK_STAGING_DIR/$route"
  cp "$TRUNK_STAGING_DIR/index.html" "$TRUNK_STAGING_DIR/$route/index.html"
done < "$routes"
