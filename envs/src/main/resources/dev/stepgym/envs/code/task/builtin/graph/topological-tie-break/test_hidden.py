import unittest

from graph import Digraph, topological_order


class TopologicalOrderHiddenTest(unittest.TestCase):
    def test_diamond(self) -> None:
        graph = Digraph()
        for source, target in [("shirt", "tie"), ("tie", "jacket"), ("pants", "shoes"), ("pants", "belt"), ("belt", "jacket")]:
            graph.add_edge(source, target)
        graph.add_node("watch")
        self.assertEqual(topological_order(graph), ["pants", "belt", "shirt", "shoes", "tie", "jacket", "watch"])

    def test_cycle(self) -> None:
        graph = Digraph()
        graph.add_edge("x", "y")
        graph.add_edge("y", "x")
        with self.assertRaises(ValueError):
            topological_order(graph)

    def test_empty_graph(self) -> None:
        self.assertEqual(topological_order(Digraph()), [])


if __name__ == "__main__":
    unittest.main()
