#!/usr/bin/env bash
# Server time of every workspace page of the synthetic 300-member dataset, after warm-up, from a Release build.
# Usage: bench/pages.sh [requests per page, default 20]
# Starts its own server on a free loopback port over a fresh data folder, reads each answer's Server-Timing header
# (the server's own time to produce the page) and curl's total time, and prints the median and 95th percentile.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
source bench/release-server.sh

pages=(
  "" /brokers /brokers?who=people /value-chains "/value-chains?sector=syn-sector-ict-software&stage=pilot" /communities
  /organisations /people /explore /what-if "/compare?from=2015-01-01" /report /changes
)
first=$(curl -s "http://127.0.0.1:$port/datasets/synthetic/brokers" | grep -o 'href="/datasets/synthetic/organisations/[^"]*"' | head -1 | cut -d'"' -f2)
pages+=("${first#/datasets/synthetic}")

printf '%-58s %10s %10s %10s\n' "page (/datasets/synthetic…)" "server p50" "server p95" "total p50"
for page in "${pages[@]}"; do
  url="http://127.0.0.1:$port/datasets/synthetic$page"
  for _ in 1 2 3; do curl -s -o /dev/null "$url"; done
  for _ in $(seq 1 "$runs"); do
    curl -s -o /dev/null -D - -w 'total %{time_total}\n' "$url" | tr -d '\r' | awk '/^[Ss]erver-[Tt]iming:/ { split($2, a, "dur="); s=a[2] } /^total/ { print s, $2 * 1000 }'
  done | python3 -c '
import statistics, sys
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
server = sorted(r[0] for r in rows); total = sorted(r[1] for r in rows)
p95 = lambda xs: xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
print(f"{sys.argv[1]:<58} {statistics.median(server):8.1f}ms {p95(server):8.1f}ms {statistics.median(total):8.1f}ms")' "${page:-/}"
done
echo "($runs requests per page after 3 warm-up requests; $(nproc) cores)"
