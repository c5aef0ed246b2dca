#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench/snapshot.sh [BUILD_DIR]: how fast "posture-cli snapshot" reads a large tenant,
# against parallel curl fetching the same URLs.
#
# Starts "posture-cli demo-server --environments N" (default 2000) on a loopback port,
# then, RUNS times each (default 3, best run kept):
#   1. posture-cli snapshot --tenant … --api-base … (client credentials from the
#      environment, as in CI), including process start, sign-in and writing the file;
#   2. curl: the same three token requests, then every URL posture-cli reads
#      (settings, isolation, organization, every environment page, the DLP list and
#      each policy, every Dataverse organizations row), 8 curl processes in parallel
#      (xargs -P 8), each fetching its share of the URLs over one kept-alive
#      connection (curl -K), as posture-cli keeps 8 connections to the host. curl is
#      given every page URL up front, so it need not follow nextLink in order.
# and prints both times and the ratio (target: posture-cli within 1.5× of curl).
# Needs curl and jq. Environment: POSTURE_CLI, POSTURE_BENCH_ENVIRONMENTS, POSTURE_BENCH_RUNS.
set -eu

build=${1:-_build}
cli=${POSTURE_CLI:-$build/src/cli/posture-cli}
n=${POSTURE_BENCH_ENVIRONMENTS:-2000}
runs=${POSTURE_BENCH_RUNS:-3}
tenant=8d2c9a6e-3f1b-4c7a-9e55-0b6f2d1c4a90
client_id=5f1e7d0c-2b4a-4d3e-a0d0-7c9e0de30001
client_secret=posture-demo-secret   # the public demo-only secret of the loopback demo tenant
select=organizationid,enableipbasedfirewallrule,enableipbasedfirewallruleinauditmode,allowediprangeforfirewall,enableipbasedcookiebinding,isauditenabled,isuseraccessauditenabled,auditretentionperiodv2,iscontentsecuritypolicyenabled,iscontentsecuritypolicyenabledforcanvas

for tool in curl jq; do
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
until base=$(sed -n 's/^Base URL: *//p' "$tmp/server.out") && [ -n "$base" ]; do
  i=$((i + 1))
  [ $i -gt 100 ] && { echo "bench: the demo server did not start" >&2; cat "$tmp/server.err" >&2; exit 1; }
  sleep 0.1
done

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }
best=
best_curl=

# The URL list curl will fetch: derived from a first snapshot.
export POSTURE_CLIENT_ID=$client_id POSTURE_CLIENT_SECRET=$client_secret
"$cli" snapshot --tenant "$tenant" --api-base "$base" --output "$tmp/warm.json"

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

# Page URLs: follow the chain once, outside the timed runs.
make_lists
url="$base/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2023-06-01"
: >"$tmp/pages"
while [ -n "$url" ] && [ "$url" != null ]; do
  echo "$url" >>"$tmp/pages"
  url=$(curl -sS -H "@$tmp/bap.hdr" "$url" | jq -r '.nextLink // empty')
done
{
  echo "POST bap $base/providers/Microsoft.BusinessAppPlatform/listTenantSettings?api-version=2023-06-01"
  echo "GET bap $base/providers/PowerPlatform.Governance/v1/tenants/$tenant/tenantIsolationPolicy?api-version=2020-06-01"
  echo "GET graph $base/v1.0/organization"
  echo "GET bap $base/providers/PowerPlatform.Governance/v2/policies"
  jq -r '.sources.dlp_policies[] | .policyDefinition.name // .name' "$tmp/warm.json" |
    sed "s|^|GET bap $base/providers/PowerPlatform.Governance/v2/policies/|"
  sed "s|^|GET bap |" "$tmp/pages"
  jq -r '.sources.environments[] | .properties.linkedEnvironmentMetadata.instanceUrl // empty' "$tmp/warm.json" |
    sed "s|^\(.*\)$|GET dv \1api/data/v9.2/organizations?\$select=$select|"
} >"$tmp/urls"

# One curl config per lane: URL, method and header per transfer ("next" separates them).
write_configs() {
  rm -f "$tmp"/lane.*
  i=0
  while read -r method hdr url; do
    lane=$((i % 8))
    sep=
    [ -e "$tmp/lane.$lane" ] && sep=next
    {
      [ -n "$sep" ] && printf 'next\n'
      printf 'url = "%s"\n' "$url"
      [ "$method" = POST ] && printf 'request = "POST"\ndata-binary = ""\n'
      printf 'header = "@%s/%s.hdr"\noutput = "/dev/null"\nsilent\nshow-error\n' "$tmp" "$hdr"
    } >>"$tmp/lane.$lane"
    i=$((i + 1))
  done <"$tmp/urls"
}
write_configs

requests=$(( $(wc -l <"$tmp/urls") + 3 ))

r=0
while [ $r -lt "$runs" ]; do
  r=$((r + 1))

  t0=$(now)
  "$cli" snapshot --tenant "$tenant" --api-base "$base" --output "$tmp/snapshot.json"
  t1=$(now)
  t=$(elapsed "$t0" "$t1")

  t0=$(now)
  make_lists
  ls "$tmp"/lane.* | xargs -P 8 -n 1 curl -K
  t1=$(now)
  c=$(elapsed "$t0" "$t1")

  printf 'run %d: posture-cli %.3f s, curl -P 8 %.3f s\n' "$r" "$t" "$c"
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  if [ -z "$best_curl" ] || [ "$(echo "$c < $best_curl" | bc -l)" = 1 ]; then best_curl=$c; fi
done

envs=$(jq '.sources.environments | length' "$tmp/snapshot.json")
dataverse=$(jq '.sources.dataverse | length' "$tmp/snapshot.json")
printf '\n%s environments, %s Dataverse rows, %s requests, best of %s runs\n' "$envs" "$dataverse" "$requests" "$runs"
printf 'posture-cli snapshot:      %.3f s\n' "$best"
printf 'curl (xargs -P 8):         %.3f s\n' "$best_curl"
printf 'ratio posture-cli / curl:  %.2f (target <= 1.5)\n' "$(echo "$best / $best_curl" | bc -l)"
