#!/bin/sh
# Installs the Debian 12 packages Posture needs to build, run and test, if any are missing.
# Uses sudo when not root. Safe to run repeatedly: it does nothing when all are present.
set -eu

packages="
  meson ninja-build pkgconf gcc clang libclang-rt-14-dev gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev json-glib-tools libsoup-3.0-dev libsecret-1-dev
  libgtk-4-dev libadwaita-1-dev librsvg2-common fonts-dejavu-core adwaita-icon-theme
  desktop-file-utils appstream
  xvfb xauth x11-utils xdotool imagemagick
  dbus dbus-x11 gnome-keyring libsecret-tools
  at-spi2-core python3-pyatspi
  python3 python3-html5lib jq curl
  groff-base man-db bash-completion
"

missing=""
for p in $packages; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing="$missing $p"
done

if [ -z "$missing" ]; then
  exit 0
fi

echo "Installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
else
  sudo="sudo"
fi
$sudo apt-get update -q </dev/null
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing </dev/null
