import unittest

from graph import Digraph, reachable


class ReachableHiddenTest(unittest.TestCase):
    def test_cycle_terminates(self) -> None:
        graph = Digraph()
        for source, target in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]:
            graph.add_edge(source, target)
        self.assertEqual(reachable(graph, "b"), ["a", "b", "c", "d"])

    def test_isolated_and_unknown_nodes(self) -> None:
        graph = Digraph()
        graph.add_node("solo")
        self.assertEqual(reachable(graph, "solo"), ["solo"])
        self.assertEqual(reachable(graph, "ghost"), ["ghost"])


if __name__ == "__main__":
    unittest.main()
