"""The graph type."""


class Digraph:
    """A directed graph; nodes are strings, edges are kept without duplicates."""

    def __init__(self) -> None:
        self._successors: dict[str, set[str]] = {}

    def add_edge(self, source: str, target: str) -> None:
        """Add both nodes if needed and the edge source -> target."""
        self._successors.setdefault(source, set()).add(target)
        self._successors.setdefault(target, set())

    def add_node(self, node: str) -> None:
        """Add a node without edges."""
        self._successors.setdefault(node, set())

    def nodes(self) -> list[str]:
        """All nodes, sorted."""
        return sorted(self._successors)

    def successors(self, node: str) -> list[str]:
        """Targets of the node's edges, sorted; empty for an unknown node."""
        return sorted(self._successors.get(node, set()))

    def edge_count(self) -> int:
        """Number of edges."""
        return sum(len(targets) for targets in self._successors.values())
