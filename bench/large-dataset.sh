#!/usr/bin/env bash
# A large generated ecosystem end to end, as an admin brings it into a running server: `network generate --members N`
# into the server's import folder, the import through the API with its progress, the background analysis step by step
# until `ready`, then each page's first and second load (server time from Server-Timing, weight) and the explorer's data.
# Usage: bench/large-dataset.sh [MEMBERS]     (default 50000; a Release server on a free loopback port, fresh data folder)
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-50000}
dotnet build src/Network.Cli -c Release -v q -nologo >/dev/null
source bench/release-server.sh
cli=src/Network.Cli/bin/Release/net10.0/network.dll
key=$(dotnet $cli keys create admin --name bench --data "$data" | grep -o 'nk_[A-Za-z0-9_-]*')
base="http://127.0.0.1:$port"
folder="members-$members"
start=$(date +%s.%N)
dotnet $cli generate --members "$members" --out "$data/incoming/$folder" | tail -1
generated=$(date +%s.%N)
python3 -c "print(f'generated in {$generated - $start:.1f} s')"

curl -sf -o /dev/null -X POST -H "X-Api-Key: $key" -H 'Content-Type: application/json' -d "{\"name\":\"large\",\"title\":\"$members members\"}" "$base/api/folders/$folder/import"
last=""
while true; do
  state=$(curl -s -H "X-Api-Key: $key" "$base/api/folders/$folder/import")
  phase=$(python3 -c "import json,sys; s=json.loads(sys.argv[1]); print(s['phase'], s['written'], 'of', s['total'], f\"({s['percent']} %)\")" "$state")
  [ "$phase" != "$last" ] && echo "  import: $phase" && last=$phase
  case "$phase" in done*) break ;; failed*) echo "$state"; exit 1 ;; esac
  sleep 1
done
imported=$(date +%s.%N)
python3 -c "print(f'imported in {$imported - $generated:.1f} s')"
last=""
until curl -s -H "X-Api-Key: $key" "$base/api/datasets/large" | grep -q '"ready":true'; do
  step=$(curl -s -H "X-Api-Key: $key" "$base/api/datasets/large" | grep -o '"step":"[^"]*"' | cut -d'"' -f4)
  [ "$step" != "$last" ] && python3 -c "print(f'  analysis: {\"$step\"} at {$(date +%s.%N) - $imported:.0f} s')" && last=$step
  sleep 1
done
ready=$(date +%s.%N)
python3 -c "print(f'analysis ready {$ready - $imported:.0f} s after the import')"
echo "server peak resident memory: $(grep VmHWM /proc/$server/status | tr -s ' ' | cut -d' ' -f2-)"

top=$(curl -s -H "X-Api-Key: $key" "$base/api/datasets/large/analysis/brokers?limit=1" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
printf '%-36s %12s %10s %12s\n' "page (/datasets/large…)" "1st server" "1st KB" "2nd server"
for page in "" /brokers "/brokers?who=people" /value-chains "/organisations/$top" "/what-if?remove=$top" /communities /explore \
  "/explore?country=all" "/explore?handler=Graph&country=all" /explore/map /report /organisations "/organisations?q=cloud" /compare /changes; do
  url="$base/datasets/large$page"
  one=$(curl -s -o /dev/null -D - -H "X-Api-Key: $key" -H 'Accept-Encoding: gzip' -w 'size %{size_download}\n' "$url" | tr -d '\r' | awk '/^[Ss]erver-[Tt]iming:/ { split($2, a, "dur="); s=a[2] } /^size/ { print s, $2 / 1024 }')
  two=$(curl -s -o /dev/null -D - -H "X-Api-Key: $key" -H 'Accept-Encoding: gzip' "$url" | tr -d '\r' | awk '/^[Ss]erver-[Tt]iming:/ { split($2, a, "dur="); print a[2] }')
  read -r s1 k1 <<<"$one"
  printf '%-36s %10.1fms %10.0f %10.1fms\n' "${page:-/}" "$s1" "$k1" "$two"
done
echo "($(nproc) cores)"
