#!/usr/bin/python3
"""Times graph-tool's sfdp_layout on one weighted edge list, for `network bench-layout` (which lays out the same file).

Usage: layout_reference.py EDGES
EDGES: one "u v w" line per tie, nodes 0..n-1. Prints one JSON object: seconds (best of three below 1 s, else one run),
the ratio of the median tie length to the median distance between 20,000 random pairs (lower is better), and peak MiB.
"""
import json
import random
import resource
import statistics
import sys
import time

import graph_tool.all as gt
import numpy

path = sys.argv[1]
rows = [line.split() for line in open(path)]
edges = [(int(u), int(v)) for u, v, *_ in rows]
n = 1 + max(max(e) for e in edges)
g = gt.Graph(directed=False)
g.add_vertex(n)
g.add_edge_list(edges)

best, pos = None, None
for _ in range(3):
    start = time.perf_counter()
    pos = gt.sfdp_layout(g)
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
    if elapsed >= 1.0:
        break

xy = pos.get_2d_array([0, 1]).T


def distance(a, b):
    return float(numpy.hypot(*(xy[a] - xy[b])))


ties = [distance(u, v) for u, v in edges]
random.seed(1)
pairs = []
for _ in range(20000):
    a, b = random.randrange(n), random.randrange(n)
    if a != b:
        pairs.append(distance(a, b))
print(json.dumps({
    "n": n, "m": len(edges), "sfdp_seconds": best,
    "sfdp_ratio": statistics.median(ties) / statistics.median(pairs),
    "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
