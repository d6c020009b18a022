#!/usr/bin/python3
"""Reads the seed's exports with the reference tools and prints what each sees.

Usage (the server running, reads open or a key in KEY):
  tests/reference/exports/fetch.sh http://127.0.0.1:5000 /tmp/exports
  /usr/bin/python3 tests/reference/exports/read_exports.py /tmp/exports > tests/reference/exports/read_exports.txt
(Debian's Python with python3-networkx 2.8, python3-igraph and python3-graph-tool.)

For every file and tool: the graph is read as undirected, with the seed's 105 nodes and 167 edges, the per-edge
"directed" attribute (True for WORKS_FOR and the other one-way types, False for PARTNERS_WITH and TWINNED_WITH) and a
metric column (betweenness). A tool that does not read a format says so (igraph and graph-tool read no GEXF; NetworkX
2.8 reads GEXF 1.1 and 1.2, not 1.3).
"""
import collections
import json
import sys
from pathlib import Path

folder = Path(sys.argv[1])
one_way = {"WORKS_FOR", "LOCATED_IN", "PARTY_TO", "CONCERNS", "ACTIVE_IN", "MEMBER_OF", "PARTICIPATED_IN"}


def say(tool, file, text):
    print(f"{tool:<11} {file:<15} {text}")


def check(tool, file, directed, nodes, edges, types_and_directed, has_betweenness):
    wrong = [(t, d) for t, d in types_and_directed if (t in one_way) != d]
    counts = collections.Counter(d for _, d in types_and_directed)
    say(tool, file, f"{'directed' if directed else 'undirected'}, {nodes} nodes, {edges} edges; "
        f"edges marked directed {counts[True]}, mutual {counts[False]}, wrongly marked {len(wrong)}; "
        f"betweenness column {'yes' if has_betweenness else 'no'}")


def as_bool(value):
    return value if isinstance(value, bool) else str(value).lower() in ("true", "1")


import networkx as nx
import igraph
import graph_tool
print(f"NetworkX {nx.__version__}, igraph {igraph.__version__}, graph-tool {graph_tool.__version__.split()[0]}")
for name in ("seed.graphml", "seed.1.2.gexf", "seed.gexf"):
    try:
        g = nx.read_graphml(folder / name) if name.endswith("graphml") else nx.read_gexf(folder / name)
    except Exception as e:  # noqa: BLE001 - what the tool says is the result
        say("NetworkX", name, f"cannot read it: {type(e).__name__}: {str(e)[:80]}")
        continue
    pairs = [(d.get("type") or d.get("label"), as_bool(d.get("directed"))) for _, _, d in g.edges(data=True)]
    check("NetworkX", name, g.is_directed(), g.number_of_nodes(), g.number_of_edges(), pairs,
          any("betweenness" in d for _, d in g.nodes(data=True)))

g = igraph.Graph.Read_GraphML(str(folder / "seed.graphml"))
check("igraph", "seed.graphml", g.is_directed(), g.vcount(), g.ecount(),
      [(e["type"], as_bool(e["directed"])) for e in g.es], "betweenness" in g.vs.attributes())
for name in ("seed.1.2.gexf", "seed.gexf"):
    say("igraph", name, "does not read GEXF")

import graph_tool.all as gt
g = gt.load_graph(str(folder / "seed.graphml"))
check("graph-tool", "seed.graphml", g.is_directed(), g.num_vertices(), g.num_edges(),
      [(g.ep["type"][e], as_bool(g.ep["directed"][e])) for e in g.edges()], "betweenness" in g.vp)
for name in ("seed.1.2.gexf", "seed.gexf"):
    say("graph-tool", name, "does not read GEXF")

data = json.loads((folder / "seed.json").read_text())
say("json", "seed.json", f"{len(data['nodes'])} nodes, {len(data['relationships'])} relationships, version {data['version']}")
