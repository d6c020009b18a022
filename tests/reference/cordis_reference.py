#!/usr/bin/python3
"""Weighted betweenness, closeness and harmonic centrality of the real CORDIS projection by igraph, for the engine's test on real data.

Usage: tests/reference/cordis_reference.py   (from the repository root; about a minute)
The organisation network of data/cordis-h2020-leuven as the engine projects it: every organisation of
organisations.csv is a node ("pic-" + id); two organisations are tied with weight = the number of projects both take
part in; a tie's length is 1/weight. igraph counts shortest paths as equal within a relative tolerance of 1e-10.
Writes tests/reference/expected/cordis-weighted.json: per id, betweenness normalised by (n-1)(n-2)/2; closeness as
NetworkX defines it (Wasserman-Faust: igraph's closeness over the reachable nodes times (r-1)/(n-1)); harmonic
centrality unnormalised (the sum of 1/distance).
"""
import csv
import itertools
import json
from collections import defaultdict

import igraph

folder = "data/cordis-h2020-leuven"
ids = ["pic-" + row["id"] for row in csv.DictReader(open(f"{folder}/organisations.csv", encoding="utf-8"))]
index = {pic: i for i, pic in enumerate(ids)}
members = defaultdict(set)
for row in csv.DictReader(open(f"{folder}/participations.csv", encoding="utf-8")):
    members[row["project_id"]].add(index["pic-" + row["organisation_id"]])
weights = defaultdict(int)
for orgs in members.values():
    for a, b in itertools.combinations(sorted(orgs), 2):
        weights[(a, b)] += 1
edges = sorted(weights)
graph = igraph.Graph(n=len(ids), edges=edges)
lengths = [1.0 / weights[e] for e in edges]
raw = graph.betweenness(directed=False, weights=lengths)
closeness = graph.closeness(weights=lengths, normalized=True)
harmonic = graph.harmonic_centrality(weights=lengths, normalized=False)
component_size = {}
for component in graph.connected_components():
    for v in component:
        component_size[v] = len(component)
n = len(ids)
scale = (n - 1) * (n - 2) / 2


def wasserman_faust(v):
    reached = component_size[v]
    value = closeness[v]
    return 0.0 if reached <= 1 or value != value else value * (reached - 1) / (n - 1)


result = {pic: {"betweenness": raw[i] / scale, "closeness": wasserman_faust(i), "harmonic": harmonic[i]} for i, pic in enumerate(ids)}
json.dump(result, open("tests/reference/expected/cordis-weighted.json", "w"), indent=0, sort_keys=True)
print(f"{n} organisations, {len(edges)} ties, igraph {igraph.__version__}")
