#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Times `posture-cli assess --snapshot` on a synthetic tenant against json-glib-validate
# (json-glib's parse: the floor this design sits on) and `jq empty` (a faster parser),
# on the same file, in one run; prints wall time and peak memory (GNU time) and ratios.
# Target: assess within 1.5x of json-glib-validate in time and in peak memory.
#
# usage: bench/assess.sh [BUILD_DIR] [N_ENVIRONMENTS] [RUNS] [FORMAT]
#   BUILD_DIR defaults to _build-engine (needs a built posture-cli), N to 10000, RUNS to 3
#   (the best of RUNS is kept for each tool), FORMAT (the snapshot format) to 2.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../_build-engine}
n=${2:-10000}
runs=${3:-3}
format=${4:-2}
cli=$build/src/cli/posture-cli

for tool in json-glib-validate jq /usr/bin/time python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing (apt-get install json-glib-tools jq time python3)" >&2; exit 1; }
done
[ -x "$cli" ] || { echo "bench: $cli is not built (meson compile -C $build)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
snapshot=$work/snapshot-$n.json

python3 "$here/gen-snapshot.py" "$n" --format "$format" -o "$snapshot"
size=$(stat -c %s "$snapshot")
echo "snapshot: format $format, $n environments, $size bytes"

# One run of COMMAND…: wall seconds and peak RSS (KiB) into $t and $m.
run_once () {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
    echo "bench: $1 failed:" >&2; cat "$work/err" >&2; exit 1; }
  read -r t m <"$work/time"
}

# The tools take turns in each round, so that a busy machine weighs on all of them
# alike; the best time of each (and the peak memory of that run) is kept.
posture_t=; jsonglib_t=; jq_t=
i=0
while [ "$i" -lt "$runs" ]; do
  for tool in posture jsonglib jq; do
    case $tool in
      posture) run_once "$cli" assess --snapshot "$snapshot" --format text ;;
      jsonglib) run_once json-glib-validate "$snapshot" ;;
      jq) run_once jq empty "$snapshot" ;;
    esac
    eval "best=\${${tool}_t}"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then
      eval "${tool}_t=$t; ${tool}_m=$m"
    fi
  done
  i=$((i + 1))
done

printf '%-26s %8.2f s %10d KiB\n' "posture-cli assess" "$posture_t" "$posture_m"
printf '%-26s %8.2f s %10d KiB\n' "json-glib-validate" "$jsonglib_t" "$jsonglib_m"
printf '%-26s %8.2f s %10d KiB\n' "jq empty" "$jq_t" "$jq_m"

awk -v pt="$posture_t" -v pm="$posture_m" -v gt="$jsonglib_t" -v gm="$jsonglib_m" \
    -v jt="$jq_t" -v jm="$jq_m" 'BEGIN {
  printf "assess / json-glib-validate: time %.2fx, peak memory %.2fx (target <= 1.5x)\n", pt / gt, pm / gm
  printf "assess / jq empty:           time %.2fx, peak memory %.2fx\n", pt / jt, pm / jm
  exit !(pt / gt <= 1.5 && pm / gm <= 1.5)
}' && echo "target met" || { echo "target missed"; exit 3; }
