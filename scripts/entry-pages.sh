#!/bin/sh
# Trunk post-build hook: one entry page per static route (see Trunk.toml).
set -eu
: "${TRUNK_STAGING_DIR:?run by trunk}"
for route in barometer about; do
  mkdir -p "$TRUNK_STAGING_DIR/$route"
  cp "$TRUNK_STAGING_DIR/index.html" "$TRUNK_STAGING_DIR/$route/index.html"
done
