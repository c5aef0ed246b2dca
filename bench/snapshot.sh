#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench/snapshot.sh [BUILD_DIR]: how fast "posture-cli snapshot" reads a large tenant,
# against parallel curl fetching the same URLs.
#
# Starts "posture-cli demo-server --environments N" (default 2000) on a loopback port,
# then, RUNS times each, interleaved (default 5; the medians are compared, since the
# machine is shared and noisy):
#   1. posture-cli snapshot --tenant … --api-base … (client credentials from the
#      environment, as in CI), including process start, sign-in and writing the file;
#   2. curl: the same three token requests, then every URL posture-cli requested in a
#      first, untimed run (its request log: every page, policy, Dataverse row and role
#      list, Graph source, and any request sent again), 8 curl processes in parallel
#      (xargs -P 8), each fetching its share of the URLs over one kept-alive connection
#      (curl -K), as posture-cli keeps 8 connections to the host. curl is given every
#      URL up front, so it need not wait for one page to learn the next.
# and prints the raw times, the medians and their ratio (target: posture-cli within
# 1.5x of curl), with the CPU time (user + system) of each side and of the demo server
# while it ran: the server shares the machine, and on a busy machine CPU time is the
# steadier figure. Needs curl, jq, bc and GNU time.
# Environment: POSTURE_CLI, POSTURE_BENCH_ENVIRONMENTS, POSTURE_BENCH_RUNS.
set -eu

build=${1:-_build}
cli=${POSTURE_CLI:-$build/src/cli/posture-cli}
n=${POSTURE_BENCH_ENVIRONMENTS:-2000}
runs=${POSTURE_BENCH_RUNS:-5}
tenant=8d2c9a6e-3f1b-4c7a-9e55-0b6f2d1c4a90
client_id=5f1e7d0c-2b4a-4d3e-a0d0-7c9e0de30001
client_secret=posture-demo-secret   # the public demo-only secret of the loopback demo tenant

for tool in curl jq bc /usr/bin/time; do
  command -v $tool >/dev/null || { echo "bench: $tool is needed" >&2; exit 1; }
done
[ -x "$cli" ] || { echo "bench: no posture-cli at $cli (give the build directory)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/posture-bench.XXXXXX")
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"$cli" demo-server --environments "$n" >"$tmp/server.out" 2>"$tmp/server.err" &
server=$!
i=0
until base=$(sed -n 's/^Base URL: *//p' "$tmp/server.out" 2>/dev/null) && [ -n "$base" ]; do
  i=$((i + 1))
  [ $i -gt 100 ] && { echo "bench: the demo server did not start" >&2; cat "$tmp/server.err" >&2; exit 1; }
  sleep 0.1
done

now() { date +%s.%N; }
tick=$(getconf CLK_TCK)
# The demo server's CPU time so far (user + system, seconds).
server_cpu() { awk -v t="$tick" '{ printf "%.2f\n", ($14 + $15) / t }' "/proc/$server/stat"; }
# The CPU time (user + system) that GNU time wrote to FILE.
cpu_of() { awk '{ printf "%.2f\n", $1 + $2 }' "$1"; }
elapsed() { echo "$2 - $1" | bc -l; }
median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The URL list curl will fetch: what a first posture-cli run requested (its debug log
# names every request sent, "METHOD URL -> STATUS").
export POSTURE_CLIENT_ID=$client_id POSTURE_CLIENT_SECRET=$client_secret
G_MESSAGES_DEBUG=posture-tenant "$cli" snapshot --tenant "$tenant" --api-base "$base" \
  --output "$tmp/warm.json" >"$tmp/requests.log" 2>&1

token() {
  curl -sS -X POST "$base/$tenant/oauth2/v2.0/token" \
    --data-urlencode grant_type=client_credentials --data-urlencode client_id=$client_id \
    --data-urlencode client_secret=$client_secret --data-urlencode "scope=$1" | jq -r .access_token
}

make_lists() {
  bap=$(token https://service.powerapps.com/.default)
  graph=$(token https://graph.microsoft.com/.default)
  dv=$(token "$base/.default")
  printf 'Authorization: Bearer %s\n' "$bap" >"$tmp/bap.hdr"
  printf 'Authorization: Bearer %s\n' "$graph" >"$tmp/graph.hdr"
  printf 'Authorization: Bearer %s\n' "$dv" >"$tmp/dv.hdr"
}

sed -n 's/.*DEBUG: [0-9:.]*: \(GET\|POST\) \([^ ]*\) -> .*/\1 \2/p' "$tmp/requests.log" |
  grep -v '/oauth2/' |
  while read -r method url; do
    case "$url" in
      "$base"/dataverse/*) echo "$method dv $url" ;;
      "$base"/v1.0/*) echo "$method graph $url" ;;
      *) echo "$method bap $url" ;;
    esac
  done >"$tmp/urls"

# One curl config per lane: URL, method and header per transfer ("next" separates them).
rm -f "$tmp"/lane.*
i=0
while read -r method hdr url; do
  lane=$((i % 8))
  {
    [ -e "$tmp/lane.$lane" ] && printf 'next\n'
    printf 'url = "%s"\n' "$url"
    [ "$method" = POST ] && printf 'request = "POST"\ndata-binary = ""\n'
    printf 'header = "@%s/%s.hdr"\noutput = "/dev/null"\nsilent\nshow-error\n' "$tmp" "$hdr"
  } >>"$tmp/lane.$lane"
  i=$((i + 1))
done <"$tmp/urls"

requests=$(( $(wc -l <"$tmp/urls") + 3 ))
: >"$tmp/times.cli"
: >"$tmp/times.curl"

r=0
while [ $r -lt "$runs" ]; do
  r=$((r + 1))

  s0=$(server_cpu)
  t0=$(now)
  /usr/bin/time -f '%U %S' -o "$tmp/cpu.cli" \
    "$cli" snapshot --tenant "$tenant" --api-base "$base" --output "$tmp/snapshot.json"
  t1=$(now)
  s1=$(server_cpu)
  t=$(elapsed "$t0" "$t1")
  tc=$(cpu_of "$tmp/cpu.cli")
  ts=$(elapsed "$s0" "$s1")

  s0=$(server_cpu)
  t0=$(now)
  make_lists
  ls "$tmp"/lane.* | /usr/bin/time -f '%U %S' -o "$tmp/cpu.curl" xargs -P 8 -n 1 curl -K
  t1=$(now)
  s1=$(server_cpu)
  c=$(elapsed "$t0" "$t1")
  cc=$(cpu_of "$tmp/cpu.curl")
  cs=$(elapsed "$s0" "$s1")

  printf 'run %d: posture-cli %.3f s (CPU %.2f s, server %.2f s), curl -P 8 %.3f s ' \
    "$r" "$t" "$tc" "$ts" "$c"
  printf '(CPU %.2f s, server %.2f s)\n' "$cc" "$cs"
  echo "$t" >>"$tmp/times.cli"
  echo "$c" >>"$tmp/times.curl"
  echo "$tc" >>"$tmp/cpu.cli.all"
  echo "$cc" >>"$tmp/cpu.curl.all"
done

med=$(median <"$tmp/times.cli")
med_curl=$(median <"$tmp/times.curl")
envs=$(jq '.sources.environments | length' "$tmp/snapshot.json")
dataverse=$(jq '.sources.dataverse | length' "$tmp/snapshot.json")
printf '\n%s environments, %s Dataverse rows, %s requests, median of %s interleaved runs\n' \
  "$envs" "$dataverse" "$requests" "$runs"
printf 'posture-cli snapshot:      %.3f s (CPU %.2f s)\n' "$med" "$(median <"$tmp/cpu.cli.all")"
printf 'curl (xargs -P 8):         %.3f s (CPU %.2f s, the token requests not counted)\n' \
  "$med_curl" "$(median <"$tmp/cpu.curl.all")"
printf 'load: %s\n' "$(uptime)"
printf 'ratio posture-cli / curl:  %.2f (target <= 1.5)\n' "$(echo "$med / $med_curl" | bc -l)"
