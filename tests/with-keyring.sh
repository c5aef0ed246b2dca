#!/bin/sh
# Runs a test inside a private D-Bus session with an unlocked gnome-keyring.
# Race-free after shared/reference/build-and-test.md §4: the daemon runs in the
# foreground of a background job, and we wait until it owns org.freedesktop.secrets
# before the test starts; activated services never hold the caller's pipes.
set -u

if [ "${1:-}" != "--inner" ]; then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/posture-keyring.XXXXXX") || exit 1
  trap 'rm -rf "$tmp"' EXIT INT TERM
  exec 3>&1 4>&2
  HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run" \
  XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" \
    dbus-run-session -- "$0" --inner "$@" </dev/null >/dev/null 2>&1
  rc=$?
  exit $rc
fi
shift
mkdir -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" && chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY
printf 'posture-test\n' | gnome-keyring-daemon --foreground --unlock --components=secrets \
  >/dev/null 2>&1 3>&- 4>&- &
daemon=$!
i=0
until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true; do
  i=$((i + 1))
  if [ $i -gt 100 ]; then
    echo "gnome-keyring-daemon did not start" >&4
    kill $daemon 2>/dev/null
    exit 1
  fi
  sleep 0.1
done
"$@" >&3 2>&4
rc=$?
kill $daemon 2>/dev/null
wait $daemon 2>/dev/null
exit $rc
