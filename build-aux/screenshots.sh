#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every view of the real app on the demo tenant, at every width we design for, light and
# dark: build-aux/screenshots.sh BUILD_DIR [OUT_DIR (default /tmp/ui-shots)]
#
# Writes OUT_DIR/<state>-<width>-<scheme>.png for the states overview, recommendations
# (a control shown), fix-plan, fix-progress, fix-outcome, policies, training (a module
# shown), history, preferences and shortcuts, and OUT_DIR/windows.txt: the size of every
# window next to the screen's (a window wider than the screen does not fit).
# Each run has its own Xvfb (-displayfd: a free display), D-Bus session and XDG folders,
# so it neither reads nor writes your own history, cache or keyring. Everything is
# driven through the keyboard (xdotool), as a person would. The cairo renderer: under
# Xvfb, GL can leave parts of an older frame on screen.
# Environment: POSTURE_SHOT_SIZES   (default "360x720 600x800 1280x720 1920x1080")
#              POSTURE_SHOT_SCHEMES (default "light dark")
#              POSTURE_SHOT_LATENCY the demo's latency per answer (default 250ms)
#              POSTURE_SHOT_WAIT    seconds for a reading or a fix (default 10)
set -eu

if [ "${1:-}" = --run ]; then
  build=$2 out=$3 size=$4 scheme=$5
  w=${size%x*} h=${size#*x}
  state=$(mktemp -d "${TMPDIR:-/tmp}/posture-shots-XXXXXX")
  xvfb= app=
  trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$state"' EXIT

  Xvfb -displayfd 3 -screen 0 "${w}x${h}x24" -nolisten tcp 3>"$state/display" 2>/dev/null &
  xvfb=$!
  i=0; until [ -s "$state/display" ]; do i=$((i+1)); [ $i -lt 100 ] || exit 1; sleep 0.1; done
  DISPLAY=:$(cat "$state/display")
  export DISPLAY

  # The window takes the whole screen through its own size settings (keyfile backend).
  mkdir -p "$state/config/glib-2.0/settings"
  printf '[io/github/posture/Posture]\nwindow-width=%s\nwindow-height=%s\n' "$w" "$h" \
    > "$state/config/glib-2.0/settings/keyfile"
  color=default
  [ "$scheme" = dark ] && color=prefer-dark
  XDG_DATA_HOME="$state/data" XDG_CACHE_HOME="$state/cache" XDG_CONFIG_HOME="$state/config" \
    ADW_DEBUG_COLOR_SCHEME=$color GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data" \
    GTK_A11Y=none NO_AT_BRIDGE=1 GDK_BACKEND=x11 GSK_RENDERER=cairo GIO_USE_PROXY_RESOLVER=dummy \
    POSTURE_DEMO_FAULTS=latency=${POSTURE_SHOT_LATENCY:-250ms} \
    "$build/src/app/posture" --demo >"$state/app.log" 2>&1 &
  app=$!

  # The demo answers slowly enough to catch a fix in progress: wait for the first reading.
  main=$(xdotool search --sync --onlyvisible --name '^Posture')
  sleep ${POSTURE_SHOT_WAIT:-10}
  xdotool mousemove "$w" "$h"

  # Keys go to the newest visible window whose title matches.
  keys () {
    pattern=$1; shift
    win=$(xdotool search --onlyvisible --name "$pattern" | tail -1)
    [ -n "$win" ] || win=$main
    xdotool windowfocus --sync "$win" key --delay 80 "$@" 2>/dev/null || xdotool key --delay 80 "$@"
    sleep 1.5
  }
  shot () {
    for win in $(xdotool search --onlyvisible --name '.'); do
      printf '%s %s-%s %s %s\n' "$1" "$w" "$scheme" "$(xdotool getwindowname "$win" | tr ' ' _)" \
        "$(xdotool getwindowgeometry "$win" | sed -n 's/.*Geometry: //p')" >> "$out/windows.txt"
    done
    import -window root "$out/$1-$w-$scheme.png"
  }

  keys '^Posture' alt+1;  shot overview
  keys '^Posture' alt+2 ctrl+n; shot recommendations
  keys '^Posture' ctrl+Return; sleep 1; shot fix-plan
  keys '^Fix' alt+f; shot fix-progress
  sleep ${POSTURE_SHOT_WAIT:-10}; shot fix-outcome
  keys '^Fix' Escape; sleep 1
  # A view's key twice: the first can reach the window before the dialog has let go.
  keys '^Posture' alt+3 alt+3;  shot policies
  keys '^Posture' alt+4 ctrl+f; xdotool type --delay 40 'guest'; keys '^Posture' Return; shot training
  keys '^Posture' alt+5;  shot history
  keys '^Posture' ctrl+comma; sleep 1; shot preferences
  keys '^Preferences' Escape; sleep 1
  keys '^Posture' ctrl+question; sleep 1; shot shortcuts
  keys '^Shortcuts' Escape
  if [ -s "$state/app.log" ]; then
    sed "s/^/$w-$scheme: /" "$state/app.log" >> "$out/app.log"
  fi
  exit 0
fi

build=$(cd "${1:-_build}" && pwd)
out=${2:-/tmp/ui-shots}
mkdir -p "$out"
rm -f "$out/windows.txt" "$out/app.log"
for size in ${POSTURE_SHOT_SIZES:-360x720 600x800 1280x720 1920x1080}; do
  for scheme in ${POSTURE_SHOT_SCHEMES:-light dark}; do
    dbus-run-session -- "$0" --run "$build" "$out" "$size" "$scheme"
  done
done
echo "$out"
