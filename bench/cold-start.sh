#!/bin/sh
# cold-start.sh: how long the real app takes to open a signed-in tenant from its cache,
# from the process start to the Overview's score drawn (not in CI).
#
#   bench/cold-start.sh BUILDDIR [RUNS] [SIZES]
#   e.g. bench/cold-start.sh _build 7 "200 10000"
#
# It makes a cache of the demo tenant for each size (bench-app --make-cache: a reading
# through the real client, saved by the real cache), stores a credential for each in a
# private gnome-keyring (the tenant's service is unreachable, 127.0.0.1:9: only the cache
# can show it), then starts `posture` RUNS times per size under a private Xvfb and D-Bus,
# with the size as the active tenant and the settings' defaults (refresh on start too).
# The app prints its start-up milestones when POSTURE_STARTUP_TRACE is set:
#   main, gtk-ready, window-built, window-presented (posture-application.c);
#   cache-mapped, decisions-loaded, session-opened, assessed (posture-session*.c);
#   score-drawn: the frame that drew the cached reading's score on the Overview
#     (posture-overview-page.c); document-loaded: the raw document, after it.
# Times are from just before the process is started (CLOCK_MONOTONIC, the clock of
# g_get_monotonic_time()) until the milestone. The baseline, measured in the same run and
# interleaved with the app's runs after one uncounted run of each (it fills Mesa's shader
# cache, as a desktop's first start does): bench-app --first-frame, a process that starts GTK and
# libadwaita and draws one window with one label. It prints raw times, medians, the ratio
# of each size's median to the baseline's, the CPU time the process used until then (all
# threads; less sensitive to the machine's load), and the load before and after.
# POSTURE_COLD_START_APP="PATH..." times other builds of `posture` instead (e.g. an older
# one with the same milestones, and this one: their runs are interleaved), against the
# caches and baseline of BUILDDIR.
# POSTURE_COLD_START_WRAP="perf record -g -o /tmp/x.data" runs the app under a profiler
# (each run overwrites the profile; use RUNS 1).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

if [ "${1:-}" != "--inner" ]; then
  build=$(cd "${1:?usage: cold-start.sh BUILDDIR [RUNS] [SIZES]}" && pwd)
  runs=${2:-5}
  sizes=${3:-200 10000}
  ninja -C "$build" src/app/posture tests/ui/bench-app data/gschemas.compiled >/dev/null
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/posture-cold-start.XXXXXX")
  mkdir -m 700 "$tmp/run"
  trap 'rm -rf "$tmp"' EXIT INT TERM
  echo "load before: $(cat /proc/loadavg)"
  HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" \
  XDG_CONFIG_HOME="$tmp/config" XDG_RUNTIME_DIR="$tmp/run" \
    dbus-run-session -- "$0" --inner "$build" "$runs" "$sizes" "$tmp" </dev/null
  echo "load after: $(cat /proc/loadavg)"
  exit 0
fi

build=$2
runs=$3
sizes=$4
tmp=$5

unset WAYLAND_DISPLAY
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data"
export GTK_A11Y=none NO_AT_BRIDGE=1 GIO_USE_PROXY_RESOLVER=dummy
schema=$(basename "$build"/data/*.gschema.xml .gschema.xml)

# A private keyring, unlocked, owning org.freedesktop.secrets before anything asks.
printf 'posture-bench\n' | gnome-keyring-daemon --foreground --unlock --components=secrets \
  >/dev/null 2>&1 &
keyring=$!
i=0
until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null |
      grep -q true; do
  i=$((i + 1))
  [ $i -le 100 ] || { echo "gnome-keyring-daemon did not start" >&2; exit 1; }
  sleep 0.1
done

# A private X server on a free display.
exec 5<>"$tmp/display"
Xvfb -displayfd 5 -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
i=0
until [ -s "$tmp/display" ]; do
  i=$((i + 1))
  [ $i -le 100 ] || { echo "Xvfb did not start" >&2; exit 1; }
  sleep 0.1
done
export DISPLAY=":$(head -n 1 "$tmp/display")"
trap 'kill $xvfb $keyring 2>/dev/null || :' EXIT

for n in $sizes; do
  (cd "$tmp" && "$build/tests/ui/bench-app" --make-cache "$n" >/dev/null)
  printf 'bench' | secret-tool store --label="Posture bench $n" \
    xdg:schema io.github.posture.Posture.ClientSecret \
    tenant-id "bench-$n" client-id bench cloud "http://127.0.0.1:9" version 1
done

python3 - "$build" "$runs" "$schema" $sizes <<'EOF'
import os, signal, statistics, subprocess, sys, time

build, runs, schema, sizes = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
apps = os.environ.get("POSTURE_COLD_START_APP", f"{build}/src/app/posture").split()
wrap = os.environ.get("POSTURE_COLD_START_WRAP", "").split()
print(f"{runs} runs per size of: {' '.join(apps)}")
env = dict(os.environ, POSTURE_STARTUP_TRACE="1")

def run(argv, goal):
    """Milestones (ms after the start) of one process, killed once @goal is printed."""
    start = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    marks = {}
    deadline = time.monotonic() + 120
    for line in proc.stderr:
        words = line.split()
        if len(words) == 3 and words[0] == "posture-startup":
            marks.setdefault(words[1], (int(words[2]) - start) / 1000.0)
            if words[1] == goal:
                # The CPU time of all its threads so far: less sensitive to the load.
                with open(f"/proc/{proc.pid}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                marks["cpu"] = (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")
                break
        if time.monotonic() > deadline:
            break
    proc.send_signal(signal.SIGTERM)
    proc.wait()
    if goal not in marks:
        sys.exit(f"{' '.join(argv)}: no {goal} milestone")
    return marks

def tenant(n):
    subprocess.run(["gsettings", "set", schema, "active-tenant", f"bench-{n}"], check=True)
    subprocess.run(["gsettings", "set", schema, "tenants", f"['bench-{n}']"], check=True)

# One run of each first, not counted: Mesa compiles the GL shaders of a process once and
# keeps them in $XDG_CACHE_HOME/mesa_shader_cache, as on a desktop after the first start.
first = run([f"{build}/tests/ui/bench-app", "--first-frame"], "frame-drawn")["frame-drawn"]
print(f"first runs (shader cache cold, not counted): baseline {first:.0f} ms", end="")
for n in sizes:
    tenant(n)
    for posture in apps:
        print(f", {n} {run(wrap + [posture], 'score-drawn')['score-drawn']:.0f} ms", end="")
print()

baseline, app = [], {(posture, n): [] for posture in apps for n in sizes}
for i in range(runs):
    baseline.append(run([f"{build}/tests/ui/bench-app", "--first-frame"], "frame-drawn"))
    for n in sizes:
        tenant(n)
        for posture in apps:
            app[posture, n].append(run(wrap + [posture], "score-drawn"))

def show(name, samples, goal):
    times = [m[goal] for m in samples]
    print(f"{name}: median {statistics.median(times):.0f} ms, runs " +
          " ".join(f"{t:.0f}" for t in times))
    print(f"  CPU time until then (all threads): median {statistics.median([m['cpu'] for m in samples]):.0f} ms")
    return statistics.median(times)

base = show("baseline (GTK + one window drawn)", baseline, "frame-drawn")
for (posture, n), samples in app.items():
    median = show(f"{posture}: {n} environments, score drawn", samples, "score-drawn")
    print(f"  ratio to baseline {median / base:.2f}")
    names = sorted({k for m in samples for k in m} - {"cpu"}, key=lambda k: statistics.median(
        [m[k] for m in samples if k in m]))
    print("  milestones (median ms): " + ", ".join(
        f"{k} {statistics.median([m[k] for m in samples if k in m]):.0f}" for k in names))
EOF
