import unittest

from graph import Digraph, reachable


class ReachableTest(unittest.TestCase):
    def test_follows_edges_forward(self) -> None:
        graph = Digraph()
        graph.add_edge("a", "b")
        graph.add_edge("b", "c")
        graph.add_edge("d", "a")
        self.assertEqual(reachable(graph, "a"), ["a", "b", "c"])


if __name__ == "__main__":
    unittest.main()
