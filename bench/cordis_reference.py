#!/usr/bin/python3
"""Times igraph's weighted betweenness on one weighted edge list, for `network bench` (CORDIS row).

Usage: cordis_reference.py EDGES
EDGES: one "u v w" line per tie, nodes 0..n-1, w the tie strength; the length of a tie is 1/w, as in the engine.
Prints one JSON object: the seconds of one run and this process's peak resident memory (MiB).
"""
import json
import resource
import sys
import time

import igraph

rows = [line.split() for line in open(sys.argv[1])]
edges = [(int(u), int(v)) for u, v, _ in rows]
lengths = [1.0 / float(w) for _, _, w in rows]
n = 1 + max(max(e) for e in edges)
graph = igraph.Graph(n=n, edges=edges)
start = time.perf_counter()
graph.betweenness(directed=False, weights=lengths)
seconds = time.perf_counter() - start
print(json.dumps({"n": n, "m": len(edges), "igraph_weighted_betweenness": seconds,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
