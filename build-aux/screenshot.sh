#!/bin/sh
# Takes a screenshot of the real app under Xvfb: build-aux/screenshot.sh BUILD_DIR OUT.png [WIDTHxHEIGHT] [app args…]
set -eu
build=${1:-_build}
out=${2:-screenshot.png}
size=${3:-1280x800}
shift 3 2>/dev/null || shift $#
disp=:$(( 90 + $$ % 100 ))
Xvfb "$disp" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
i=0; until xdpyinfo -display "$disp" >/dev/null 2>&1; do i=$((i+1)); [ $i -lt 100 ] || exit 1; sleep 0.1; done
w=${size%x*}; h=${size#*x}
DISPLAY=$disp GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" GTK_A11Y=none \
  GDK_BACKEND=x11 GIO_USE_PROXY_RESOLVER=dummy ${POSTURE_SCREENSHOT_ENV:-} \
  "$build/src/app/posture" "$@" >/dev/null 2>&1 &
app=$!
DISPLAY=$disp xdotool search --sync --onlyvisible --name '^Posture' >/dev/null
sleep "${POSTURE_SCREENSHOT_DELAY:-2}"
wid=$(DISPLAY=$disp xdotool search --onlyvisible --name '^Posture' | head -1)
DISPLAY=$disp xdotool windowsize "$wid" "$w" "$h" windowmove "$wid" 0 0 2>/dev/null || true
sleep 1
DISPLAY=$disp import -window root "$out"
echo "$out"
