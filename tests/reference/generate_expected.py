#!/usr/bin/python3
"""Expected metric values for the analysis engine's reference tests.

Run with Debian's Python and packages (python3-networkx, python3-igraph, python3-leidenalg, r-cran-sna):

    /usr/bin/python3 tests/reference/generate_expected.py

Writes tests/reference/expected/<graph>.json (the graph itself plus every expected value) and
tests/reference/graphs/<graph>.graphml (the same graph, for end-to-end tests of `network analyze`).
Conventions are those of DESIGN.md: weights are tie strengths, shortest paths use distance = 1/weight.
Tests read these files; they never run Python or R.
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import igraph
import leidenalg
import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))


def graphs():
    karate = nx.Graph(nx.karate_club_graph())
    for _, _, d in karate.edges(data=True):
        d.clear()
    club = {v: karate.nodes[v]["club"] for v in karate}
    yield "karate", karate, {str(v): club[v] for v in karate}, "Zachary karate club (nx.karate_club_graph), unweighted; group = club"

    kite = nx.krackhardt_kite_graph()
    yield "kite", kite, None, "Krackhardt kite (nx.krackhardt_kite_graph)"

    lesmis = nx.les_miserables_graph()
    yield "lesmis", lesmis, None, "Les Misérables co-appearances (nx.les_miserables_graph), weighted"

    florentine = nx.florentine_families_graph()
    # Weights from a fixed rule so the graph is weighted with ties of several strengths and equal-length paths.
    for i, (u, v) in enumerate(sorted(florentine.edges())):
        florentine[u][v]["weight"] = [1, 2, 4][i % 3]
    yield "florentine-weighted", florentine, None, "Florentine families (nx.florentine_families_graph) with weights 1, 2, 4 by sorted edge order"

    disconnected = nx.disjoint_union_all([nx.krackhardt_kite_graph(), nx.path_graph(4), nx.complete_graph(3), nx.empty_graph(1)])
    yield "disconnected", disconnected, None, "Kite + path of 4 + triangle + an isolate (disjoint union)"

    groups = nx.gnm_random_graph(40, 90, seed=3)
    yield "groups", groups, {str(v): f"g{v % 3}" for v in groups}, "G(n=40, m=90, seed=3) with group = v mod 3"

    planted = nx.planted_partition_graph(4, 32, 0.5, 0.02, seed=42)
    truth = {}
    for c, block in enumerate(planted.graph["partition"]):
        for v in block:
            truth[str(v)] = f"block{c}"
    yield "planted", planted, truth, "Planted partition, 4 blocks of 32, p_in 0.5, p_out 0.02 (nx.planted_partition_graph, seed=42); group = true block"


def hierarchy(G, v, constraint):
    deg = G.degree(v)
    if deg < 2:
        return None
    local = [nx.local_constraint(G, v, j, weight="weight") for j in G[v]]
    total = constraint
    h = sum((c / total * deg) * math.log(c / total * deg) for c in local)
    return h / (deg * math.log(deg))


def sna_brokerage(G, group):
    """R sna::brokerage on the symmetrised graph: raw counts per node and role."""
    nodes = list(G)
    with tempfile.TemporaryDirectory() as tmp:
        adj = os.path.join(tmp, "adj.csv")
        cl = os.path.join(tmp, "cl.csv")
        with open(adj, "w") as f:
            for u in nodes:
                f.write(",".join("1" if G.has_edge(u, v) else "0" for v in nodes) + "\n")
        with open(cl, "w") as f:
            f.write("\n".join(group[str(v)] for v in nodes) + "\n")
        script = f"""
        suppressMessages(library(sna))
        a <- as.matrix(read.csv("{adj}", header=FALSE))
        cl <- readLines("{cl}")
        b <- brokerage(a, cl)
        write.csv(b$raw.nli, stdout(), row.names=FALSE)
        """
        out = subprocess.run(["Rscript", "-e", script], check=True, capture_output=True, text=True).stdout
    lines = [l for l in out.strip().splitlines()]
    header = [h.strip('"') for h in lines[0].split(",")]
    result = {}
    for v, line in zip(nodes, lines[1:]):
        row = dict(zip(header, (float(x) for x in line.split(","))))
        result[str(v)] = row
    return result


def leiden_reference(G):
    ids = list(G)
    index = {v: i for i, v in enumerate(ids)}
    ig = igraph.Graph(n=len(ids), edges=[(index[u], index[v]) for u, v in G.edges()])
    weights = [d.get("weight", 1.0) for _, _, d in G.edges(data=True)]
    ig.es["weight"] = weights
    best = -1.0
    for seed in range(5):
        import random
        random.seed(seed)
        igraph.set_random_number_generator(random)
        part = ig.community_leiden(objective_function="modularity", weights="weight", resolution_parameter=1.0, n_iterations=-1)
        best = max(best, ig.modularity(part.membership, weights="weight"))
    la = leidenalg.find_partition(ig, leidenalg.ModularityVertexPartition, weights="weight", seed=1, n_iterations=-1)
    return best, la.modularity


def expected(name, G, group, description):
    weighted = any("weight" in d for _, _, d in G.edges(data=True))
    for _, _, d in G.edges(data=True):
        d.setdefault("weight", 1.0)
        d["distance"] = 1.0 / d["weight"]
    dist = "distance" if weighted else None

    betweenness = nx.betweenness_centrality(G, normalized=True, weight=dist)
    closeness = nx.closeness_centrality(G, distance=dist)
    harmonic = nx.harmonic_centrality(G, distance=dist)
    pagerank = nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-15, max_iter=1000000)
    eigenvector = nx.eigenvector_centrality_numpy(G, weight="weight")
    constraint = nx.constraint(G, weight="weight")
    effective = nx.effective_size(G, weight="weight")
    cores = nx.core_number(G)
    brokerage = sna_brokerage(G, group) if group else None

    def num(x):
        return None if x is None or (isinstance(x, float) and math.isnan(x)) else x

    nodes = {}
    for v in G:
        deg = G.degree(v)
        c = num(constraint[v])
        e = num(effective[v])
        node = {
            "degree": deg,
            "strength": G.degree(v, weight="weight"),
            "betweenness": betweenness[v],
            "closeness": closeness[v],
            "harmonic": harmonic[v],
            "pagerank": pagerank[v],
            "eigenvector": abs(eigenvector[v]),
            "constraint": c,
            "effectiveSize": e,
            "efficiency": None if e is None else e / deg,
            "hierarchy": None if c is None else hierarchy(G, v, c),
            "coreNumber": cores[v],
        }
        if group:
            node["group"] = group[str(v)]
            r = brokerage[str(v)]
            # sna counts ordered pairs on the symmetrised graph (see DESIGN.md).
            node["snaBrokerage"] = {"w_I": r["w_I"], "w_O": r["w_O"], "b_IO": r["b_IO"], "b_OI": r["b_OI"], "b_O": r["b_O"]}
        nodes[str(v)] = node

    leiden_best, leidenalg_q = leiden_reference(G) if G.number_of_edges() else (0.0, 0.0)
    return {
        "name": name,
        "description": description,
        "generatedBy": f"tests/reference/generate_expected.py with networkx {nx.__version__}, python-igraph {igraph.__version__}",
        "weighted": weighted,
        "nodes": [str(v) for v in G],
        "edges": [[str(u), str(v), d["weight"]] for u, v, d in G.edges(data=True)],
        "expected": nodes,
        "articulationPoints": sorted(str(v) for v in nx.articulation_points(G)),
        "bridges": sorted(sorted([str(u), str(v)]) for u, v in nx.bridges(G)),
        "components": nx.number_connected_components(G),
        "groupModularity": nx.algorithms.community.modularity(G, group_sets(G, group), weight="weight") if group else None,
        "igraphLeidenModularity": leiden_best,
        "leidenalgModularity": leidenalg_q,
    }


def group_sets(G, group):
    sets = {}
    for v in G:
        sets.setdefault(group[str(v)], set()).add(v)
    return list(sets.values())


def write_graphml(name, G, group):
    H = nx.Graph()
    for v in G:
        attrs = {"group": group[str(v)]} if group else {}
        H.add_node(str(v), **attrs)
    for u, v, d in G.edges(data=True):
        H.add_edge(str(u), str(v), weight=float(d["weight"]))
    nx.write_graphml(H, os.path.join(HERE, "graphs", f"{name}.graphml"))


def main():
    os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "graphs"), exist_ok=True)
    for name, G, group, description in graphs():
        data = expected(name, G, group, description)
        with open(os.path.join(HERE, "expected", f"{name}.json"), "w") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
            f.write("\n")
        write_graphml(name, G, group)
        print(f"{name}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges", file=sys.stderr)


if __name__ == "__main__":
    main()
