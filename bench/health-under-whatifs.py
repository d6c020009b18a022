#!/usr/bin/env python3
"""/health while 32 what-ifs run at once on a running server (issue #22: it must keep answering).

Usage: bench/health-under-whatifs.py BASE_URL KEY_FILE [DATASET]
e.g. after bench/release-server.sh and creating CORDIS: bench/health-under-whatifs.py http://127.0.0.1:5077 /tmp/key cordis
Prints how long the what-ifs took and the median and slowest /health answer during them."""
import json, statistics, sys, threading, time, urllib.request

base, key = sys.argv[1], open(sys.argv[2]).read().strip()
dataset = sys.argv[3] if len(sys.argv) > 3 else "cordis"

def get(path):
    request = urllib.request.Request(base + path, headers={"X-Api-Key": key})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        body = response.read()
    return time.perf_counter() - started, body

_, page = get(f"/api/datasets/{dataset}/organisations?pageSize=200&page=2")
ids = [o["id"] for o in json.loads(page)["items"]][:32]
answered, failed = [], []

def what_if(id):
    try:
        answered.append(get(f"/api/datasets/{dataset}/analysis/whatif/{id}")[0])
    except Exception as e:
        failed.append(str(e)[:100])

threads = [threading.Thread(target=what_if, args=(id,)) for id in ids]
for t in threads:
    t.start()
probes = []
while any(t.is_alive() for t in threads):
    probes.append(get("/health")[0])
    time.sleep(0.2)
for t in threads:
    t.join()
print(f"what-ifs: {len(answered)}/{len(ids)} answered, slowest {max(answered, default=0):.1f} s; failed: {failed[:3]}")
print(f"/health during them: {len(probes)} probes, median {statistics.median(probes) * 1000:.0f} ms, slowest {max(probes) * 1000:.0f} ms")
