#!/bin/sh
# Takes a screenshot of the real app under Xvfb: build-aux/screenshot.sh BUILD_DIR OUT.png [WIDTHxHEIGHT] [app args…]
# App arguments: e.g. --demo --view recommendations
# Environment: POSTURE_SCREENSHOT_KEYS  xdotool key names sent before the capture (e.g. "ctrl+f")
#              POSTURE_SCREENSHOT_DARK  1 for the dark style
#              POSTURE_SCREENSHOT_DELAY seconds to wait for the first reading (default 2)
# The app runs with its XDG folders in a temporary directory, so it neither reads nor
# writes your own history, cache or keyring.
set -eu
build=${1:-_build}
out=${2:-screenshot.png}
size=${3:-1280x800}
shift 3 2>/dev/null || shift $#
disp=:$(( 90 + $$ % 100 ))
Xvfb "$disp" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=
state=$(mktemp -d "${TMPDIR:-/tmp}/posture-screenshot-XXXXXX")
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$state"' EXIT
i=0; until xdpyinfo -display "$disp" >/dev/null 2>&1; do i=$((i+1)); [ $i -lt 100 ] || exit 1; sleep 0.1; done
w=${size%x*}; h=${size#*x}
# The window takes the whole screen through its own size settings (keyfile backend).
mkdir -p "$state/config/glib-2.0/settings"
printf '[io/github/posture/Posture]\nwindow-width=%s\nwindow-height=%s\n' "$w" "$h" \
  > "$state/config/glib-2.0/settings/keyfile"
scheme=
[ "${POSTURE_SCREENSHOT_DARK:-0}" = 1 ] && scheme=prefer-dark
DISPLAY=$disp XDG_DATA_HOME="$state/data" XDG_CACHE_HOME="$state/cache" XDG_CONFIG_HOME="$state/config" \
  ADW_DEBUG_COLOR_SCHEME=${scheme:-default} GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data" GTK_A11Y=none \
  GDK_BACKEND=x11 GIO_USE_PROXY_RESOLVER=dummy ${POSTURE_SCREENSHOT_ENV:-} \
  "$build/src/app/posture" "$@" >/dev/null 2>&1 &
app=$!
DISPLAY=$disp xdotool search --sync --onlyvisible --name '^Posture' >/dev/null
sleep "${POSTURE_SCREENSHOT_DELAY:-2}"
wid=$(DISPLAY=$disp xdotool search --onlyvisible --name '^Posture' | head -1)
for key in ${POSTURE_SCREENSHOT_KEYS:-}; do
  DISPLAY=$disp xdotool windowfocus --sync "$wid" key "$key" 2>/dev/null || DISPLAY=$disp xdotool key "$key"
  sleep 0.5
done
sleep 1
DISPLAY=$disp import -window root "$out"
echo "$out"
