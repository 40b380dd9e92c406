import unittest

from graph import Digraph, hop_count


class HopCountTest(unittest.TestCase):
    def test_unreachable_goal_gives_minus_one(self) -> None:
        graph = Digraph()
        graph.add_edge("a", "b")
        graph.add_node("z")
        self.assertEqual(hop_count(graph, "a", "b"), 1)
        self.assertEqual(hop_count(graph, "a", "z"), -1)


if __name__ == "__main__":
    unittest.main()
