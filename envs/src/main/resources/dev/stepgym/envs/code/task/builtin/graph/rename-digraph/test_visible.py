import unittest

from graph import Digraph
from graph.digraph import Digraph as DigraphInModule


class DigraphNameTest(unittest.TestCase):
    def test_digraph_is_the_graph_class(self) -> None:
        self.assertIs(Digraph, DigraphInModule)
        graph = Digraph()
        graph.add_edge("a", "b")
        self.assertEqual(graph.edge_count(), 1)


if __name__ == "__main__":
    unittest.main()
