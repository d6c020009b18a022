#!/usr/bin/python3
"""The reference side of `network bench`'s whole-process row: read a GraphML file with igraph and compute exact
betweenness, as one process (interpreter start, import and file read included). Prints nothing; `network bench` times
the process from outside, as it times its own `network analyze FILE --metrics betweenness`.

Usage: betweenness_process.py GRAPHML
"""
import sys

import igraph

graph = igraph.Graph.Read_GraphML(sys.argv[1])
graph.betweenness(directed=False)
