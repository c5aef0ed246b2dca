#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench/assess.sh [BUILD_DIR] [N_ENVIRONMENTS] [RUNS] [FORMAT]: how fast and how lean
# `posture-cli assess --snapshot` is on a synthetic tenant (bench/gen-snapshot.py),
# against baselines measured on the same file in the same run:
#   json-glib-validate  json-glib parsing the file into a tree (the floor Posture sits on)
#   jq empty            a faster parser
# Measured: `assess --format json` (streamed), `assess --format text`, and
# `report --format csv` (streamed), each writing to a file.
#
# Every tool runs RUNS times (default 5), taking turns in each round so that a busy
# machine weighs on all alike; the median wall time, the median CPU time (user + system:
# steadier than wall time when other work shares the machine) and the median peak memory
# (maximum resident set size, from GNU time) of each are printed raw, then as ratios.
# Target (issue 15): assess --format json at most 1.3x json-glib-validate's time and
# 1.2x its peak memory. Exit 0 when met, 3 when missed.
#
# BUILD_DIR defaults to _build; N to 10000; RUNS to 5; FORMAT (the snapshot format
# gen-snapshot.py writes) to 2. Needs json-glib-tools, jq, time, python3.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../_build}
n=${2:-10000}
runs=${3:-5}
format=${4:-2}
cli=${POSTURE_CLI:-$build/src/cli/posture-cli}

for tool in json-glib-validate jq /usr/bin/time python3; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "bench: $tool is missing (apt-get install json-glib-tools jq time python3)" >&2; exit 1; }
done
[ -x "$cli" ] || { echo "bench: $cli is not built (meson compile -C $build posture-cli)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/posture-bench-assess.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
snapshot=$work/snapshot-$n.json

python3 "$here/gen-snapshot.py" "$n" --format "$format" -o "$snapshot"
echo "snapshot: format $format, $n environments, $(stat -c %s "$snapshot") bytes; $runs runs each"

# Keeps the state of `assess` (cache, history) out of the user's folders.
export XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"

tools="jsonglib jq json text csv"

i=0
while [ "$i" -lt "$runs" ]; do
  for tool in $tools; do
    # The tool itself, not a shell around it, is what GNU time measures.
    case $tool in
      jsonglib) set -- json-glib-validate "$snapshot" ;;
      jq) set -- jq empty "$snapshot" ;;
      json) set -- "$cli" assess --snapshot "$snapshot" --format json --output "$work/out.json" ;;
      text) set -- "$cli" assess --snapshot "$snapshot" --format text --output "$work/out.txt" ;;
      csv) set -- "$cli" report --snapshot "$snapshot" --format csv --output "$work/out.csv" ;;
    esac
    /usr/bin/time -f '%e %M %U %S' -o "$work/time.$tool.$i" "$@" >/dev/null 2>"$work/err" || {
      echo "bench: $tool failed:" >&2; cat "$work/err" >&2; exit 1; }
  done
  i=$((i + 1))
done

# median FIELD TOOL: the median of column FIELD (1 wall time, 2 memory, 5 CPU time) over
# the runs.
median () {
  cat "$work"/time."$2".* | awk -v f="$1" '{ $5 = $3 + $4; print $f }' | sort -g |
    awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

json-glib-validate "$work/out.json" || { echo "bench: the streamed JSON does not parse" >&2; exit 1; }

printf '%-34s %9s %9s %12s\n' "median of $runs" "wall" "CPU" "peak memory"
for tool in $tools; do
  case $tool in
    jsonglib) label="json-glib-validate" ;;
    jq) label="jq empty" ;;
    json) label="posture-cli assess --format json" ;;
    text) label="posture-cli assess --format text" ;;
    csv) label="posture-cli report --format csv" ;;
  esac
  eval "${tool}_t=\$(median 1 $tool) ${tool}_m=\$(median 2 $tool) ${tool}_c=\$(median 5 $tool)"
  eval "printf '%-34s %7.2f s %7.2f s %8d KiB\n' \"\$label\" \"\$${tool}_t\" \"\$${tool}_c\" \"\$${tool}_m\""
done

awk -v jt="$json_t" -v jm="$json_m" -v tt="$text_t" -v tm="$text_m" -v ct="$csv_t" -v cm="$csv_m" \
    -v gt="$jsonglib_t" -v gm="$jsonglib_m" -v qt="$jq_t" -v qm="$jq_m" \
    -v jc="$json_c" -v gc="$jsonglib_c" 'BEGIN {
  printf "assess json / json-glib-validate: time %.2fx, peak memory %.2fx (target <= 1.3x, <= 1.2x)\n", jt / gt, jm / gm
  printf "assess json / json-glib-validate: CPU time %.2fx\n", jc / gc
  printf "assess text / json-glib-validate: time %.2fx, peak memory %.2fx\n", tt / gt, tm / gm
  printf "report csv  / json-glib-validate: time %.2fx, peak memory %.2fx\n", ct / gt, cm / gm
  printf "assess json / jq empty:           time %.2fx, peak memory %.2fx\n", jt / qt, jm / qm
  exit !(jt / gt <= 1.3 && jm / gm <= 1.2)
}' && echo "target met" || { echo "target missed"; exit 3; }
