"""Directed graphs over string nodes."""

from graph.digraph import Digraph
from graph.order import topological_order
from graph.search import hop_count, reachable, shortest_path
