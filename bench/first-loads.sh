#!/usr/bin/env bash
# CORDIS from the shipped folder as a new user meets it: how long creating it takes, how long until its analysis is
# ready, then each page's first and second load (the server's own time from Server-Timing, the total, the weight).
# Usage: bench/first-loads.sh        (a Release server on a free loopback port over a fresh data folder)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Network.Cli -c Release -v q -nologo >/dev/null
source bench/release-server.sh
key=$(dotnet src/Network.Cli/bin/Release/net10.0/network.dll keys create admin --name bench --data "$data" | grep -o 'nk_[A-Za-z0-9_-]*')
base="http://127.0.0.1:$port"

start=$(date +%s.%N)
curl -sf -o /dev/null -X POST -H "X-Api-Key: $key" -H 'Content-Type: application/json' -d '{"name":"cordis","from":"cordis-h2020-leuven"}' "$base/api/datasets"
created=$(date +%s.%N)
until curl -s -H "X-Api-Key: $key" "$base/api/datasets/cordis" | grep -q '"ready":true'; do sleep 0.5; done
ready=$(date +%s.%N)
python3 -c "print(f'created CORDIS in {$created - $start:.1f} s; analysis ready {$ready - $created:.1f} s later')"

printf '%-44s %12s %12s %10s %12s %10s\n' "page (/datasets/cordis…)" "1st server" "1st total" "1st KB" "2nd server" "2nd total"
for page in "" /brokers /value-chains /organisations/pic-999991334 "/what-if?remove=pic-999991334" /communities /explore \
  /report /organisations "/organisations?q=ku%20leuven" /compare; do
  url="$base/datasets/cordis$page"
  one=$(curl -s -o /dev/null -D - -H "X-Api-Key: $key" -w 'total %{time_total} size %{size_download}\n' "$url" | tr -d '\r' | awk '/^[Ss]erver-[Tt]iming:/ { split($2, a, "dur="); s=a[2] } /^total/ { print s, $2 * 1000, $4 / 1024 }')
  two=$(curl -s -o /dev/null -D - -H "X-Api-Key: $key" -w 'total %{time_total}\n' "$url" | tr -d '\r' | awk '/^[Ss]erver-[Tt]iming:/ { split($2, a, "dur="); s=a[2] } /^total/ { print s, $2 * 1000 }')
  read -r s1 t1 k1 <<<"$one"; read -r s2 t2 <<<"$two"
  printf '%-44s %10.1fms %10.1fms %10.0f %10.1fms %8.1fms\n' "${page:-/}" "$s1" "$t1" "$k1" "$s2" "$t2"
done
echo "($(nproc) cores)"
