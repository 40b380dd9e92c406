import importlib
import unittest

from graph import Digraph, reachable, topological_order
from tests.checks import identifiers, module_names, sources

OLD_NAME = "DirectedGraph"


class RenameHiddenTest(unittest.TestCase):
    def test_old_name_is_gone_from_the_sources(self) -> None:
        for path in sources("graph"):
            with self.subTest(module=path.name):
                self.assertNotIn(OLD_NAME, identifiers(path))

    def test_no_module_has_the_old_name(self) -> None:
        for name in module_names("graph"):
            with self.subTest(module=name):
                self.assertFalse(hasattr(importlib.import_module(name), OLD_NAME))

    def test_package_still_works(self) -> None:
        graph = Digraph()
        graph.add_edge("b", "c")
        graph.add_edge("a", "b")
        self.assertEqual(reachable(graph, "b"), ["b", "c"])
        self.assertEqual(topological_order(graph), ["a", "b", "c"])


if __name__ == "__main__":
    unittest.main()
