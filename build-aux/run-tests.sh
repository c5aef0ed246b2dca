#!/bin/bash
# Quick start, command two: install what is missing, build, and run the whole test suite.
# .ci/run calls exactly this. Stages:
#   1. the style check (build-aux/style-check.sh)
#   2. the full build (--werror) and every suite: core, tenant, demo, cli, data,
#      keyring (real gnome-keyring under dbus-run-session), ui (Xvfb)
#   3. an ASan/UBSan build with -Dui=false (which also proves the GTK-free parts build
#      without GTK) running every non-UI suite
#   4. a clang libFuzzer build: the fuzz smoke tests and a 60 s run of each fuzz target
# The last line is "N passed, N failed, N skipped", counted from meson's testlog.json.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
cd "$src"

fuzz_seconds=${POSTURE_FUZZ_SECONDS:-60}
extra_passed=0
extra_failed=0
logs=()

stage() { printf '\n=== %s\n' "$*"; }

note_result() {
  if [ "$1" -eq 0 ]; then
    extra_passed=$((extra_passed + 1))
  else
    extra_failed=$((extra_failed + 1))
    echo "FAILED: $2"
  fi
}

setup() {
  local dir=$1
  shift
  if [ -n "${CI:-}" ] || [ ! -f "$dir/build.ninja" ]; then
    rm -rf "$dir"
    meson setup "$dir" "$@"
  else
    meson setup --reconfigure "$dir" "$@" >/dev/null
  fi
}

stage "Installing missing packages"
if ! build-aux/install-deps.sh; then
  echo "Could not install the packages Posture needs (see above)."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# The environment the tests need, whatever the caller's session has.
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
export GTK_A11Y=none GSETTINGS_BACKEND=memory GDK_BACKEND=x11 GIO_USE_PROXY_RESOLVER=dummy
export NO_AT_BRIDGE=1

stage "Style check"
build-aux/style-check.sh
note_result $? "style check"

stage "Full build and tests (_build)"
if setup _build --werror && meson compile -C _build; then
  meson test -C _build --print-errorlogs --num-processes 2
  logs+=(_build/meson-logs/testlog.json)
else
  note_result 1 "full build"
fi

stage "ASan/UBSan build without the UI (_build-asan)"
if setup _build-asan --werror -Dui=false -Db_sanitize=address,undefined -Db_lundef=false \
     -Dbuildtype=debug && meson compile -C _build-asan; then
  meson test -C _build-asan --setup=asan --print-errorlogs --num-processes 2 --no-suite data
  logs+=(_build-asan/meson-logs/testlog-asan.json)
else
  note_result 1 "sanitizer build"
fi

stage "libFuzzer build (_build-fuzz)"
if command -v clang >/dev/null 2>&1; then
  if CC=clang setup _build-fuzz -Dui=false -Dfuzzing=true -Db_sanitize=address,undefined \
       -Db_lundef=false -Dbuildtype=debugoptimized && meson compile -C _build-fuzz; then
    if meson test -C _build-fuzz --list --suite fuzz 2>/dev/null | grep -q .; then
      meson test -C _build-fuzz --setup=asan --suite fuzz --print-errorlogs
      logs+=(_build-fuzz/meson-logs/testlog-asan.json)
    fi
    for target in _build-fuzz/tests/fuzz/fuzz-*; do
      [ -f "$target" ] && [ -x "$target" ] || continue
      name=$(basename "$target")
      corpus_src="tests/fuzz/corpus/${name#fuzz-}"
      work=$(mktemp -d)
      [ -d "$corpus_src" ] && cp -r "$corpus_src"/. "$work"/
      echo "Fuzzing $name for ${fuzz_seconds}s"
      ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        LSAN_OPTIONS=suppressions="$src/tests/lsan.supp" \
        "$target" -max_total_time="$fuzz_seconds" -rss_limit_mb=4096 -print_final_stats=1 \
        "$work" 2>&1 | tail -n 12
      note_result "${PIPESTATUS[0]}" "fuzzing $name"
      rm -rf "$work"
    done
  else
    note_result 1 "fuzz build"
  fi
else
  echo "clang is not installed; skipping the fuzz stage"
fi

stage "Summary"
python3 - "$extra_passed" "$extra_failed" "${logs[@]}" <<'PY'
import json, sys
passed, failed, skipped = int(sys.argv[1]), int(sys.argv[2]), 0
for path in sys.argv[3:]:
    try:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                r = json.loads(line).get("result", "")
                if r in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                elif r == "SKIP":
                    skipped += 1
                else:
                    failed += 1
                    print("failed: %s (%s) in %s" % (json.loads(line).get("name"), r, path))
    except OSError as e:
        failed += 1
        print("missing test log %s: %s" % (path, e))
print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
sys.exit(1 if failed else 0)
PY
