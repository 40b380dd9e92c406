"""Ordering the nodes of an acyclic graph."""

from graph.digraph import Digraph


def topological_order(graph: Digraph) -> list[str]:
    """Every node after all of its predecessors; among ready nodes the alphabetically first goes first.

    Raises ValueError if the graph has a cycle.
    """
    indegree = {node: 0 for node in graph.nodes()}
    for node in graph.nodes():
        for successor in graph.successors(node):
            indegree[successor] += 1
    ready = sorted(node for node, degree in indegree.items() if degree == 0)
    order: list[str] = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for successor in graph.successors(node):
            indegree[successor] -= 1
            if indegree[successor] == 0:
                ready.append(successor)
                ready.sort()
    if len(order) != len(indegree):
        raise ValueError("the graph has a cycle")
    return order
