import unittest

from graph import Digraph, topological_order


class TopologicalOrderTest(unittest.TestCase):
    def test_ready_nodes_come_alphabetically(self) -> None:
        graph = Digraph()
        graph.add_edge("a", "c")
        graph.add_edge("b", "c")
        self.assertEqual(topological_order(graph), ["a", "b", "c"])


if __name__ == "__main__":
    unittest.main()
