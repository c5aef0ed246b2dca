#!/bin/sh
# Quick start, command one: install what is missing, build, and start Posture.
# With no tenant signed in, Posture opens on its built-in demo tenant.
# Arguments are passed to the app (for example --demo).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
cd "$src"

"$src/build-aux/install-deps.sh"

build="$src/_build"
if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure "$build" >/dev/null
else
  meson setup "$build"
fi
meson compile -C "$build"

# Run uninstalled: the schema and the icons come from the build and source trees.
export GSETTINGS_SCHEMA_DIR="$build/data"
export XDG_DATA_DIRS="$src/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
exec "$build/src/app/posture" "$@"
