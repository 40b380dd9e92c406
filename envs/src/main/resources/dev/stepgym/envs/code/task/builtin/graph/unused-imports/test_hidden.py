import unittest

from graph import Digraph, hop_count, topological_order
from tests.checks import modules, unused_imports


class UnusedImportsHiddenTest(unittest.TestCase):
    def test_no_module_has_an_unused_import(self) -> None:
        for path in modules("graph"):
            with self.subTest(module=path.name):
                self.assertEqual(unused_imports(path), [])

    def test_package_still_works(self) -> None:
        graph = Digraph()
        graph.add_edge("x", "y")
        graph.add_edge("y", "z")
        self.assertEqual(topological_order(graph), ["x", "y", "z"])
        self.assertEqual(hop_count(graph, "x", "z"), 2)


if __name__ == "__main__":
    unittest.main()
