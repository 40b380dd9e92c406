"""Breadth-first searches."""

from collections import deque

from graph.digraph import Digraph


def reachable(graph: Digraph, start: str) -> list[str]:
    """Nodes reachable from start, start included, sorted."""
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for successor in graph.successors(node):
            if successor not in seen:
                seen.add(successor)
                queue.append(successor)
    return sorted(seen)


def shortest_path(graph: Digraph, start: str, goal: str) -> list[str] | None:
    """A path with the fewest edges from start to goal (both included), or None if there is none."""
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path: list[str] = []
            current: str | None = node
            while current is not None:
                path.append(current)
                current = previous[current]
            return path[::-1]
        for successor in graph.successors(node):
            if successor not in previous:
                previous[successor] = node
                queue.append(successor)
    return None


def hop_count(graph: Digraph, start: str, goal: str) -> int:
    """Edges on a shortest path from start to goal; -1 if goal cannot be reached."""
    path = shortest_path(graph, start, goal)
    if path is None:
        return -1
    return len(path) - 1
