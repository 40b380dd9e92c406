import unittest

from graph import Digraph, hop_count


class HopCountHiddenTest(unittest.TestCase):
    def setUp(self) -> None:
        self.graph = Digraph()
        for source, target in [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d"), ("d", "e")]:
            self.graph.add_edge(source, target)

    def test_shortest_not_first_found(self) -> None:
        self.assertEqual(hop_count(self.graph, "a", "e"), 2)

    def test_same_node(self) -> None:
        self.assertEqual(hop_count(self.graph, "c", "c"), 0)

    def test_edges_are_directed(self) -> None:
        self.assertEqual(hop_count(self.graph, "e", "a"), -1)


if __name__ == "__main__":
    unittest.main()
