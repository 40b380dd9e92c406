import unittest

from inventory import Inventory, Item, summary
from tests.checks import modules, unused_imports


class UnusedImportsHiddenTest(unittest.TestCase):
    def test_no_module_has_an_unused_import(self) -> None:
        for path in modules("inventory"):
            with self.subTest(module=path.name):
                self.assertEqual(unused_imports(path), [])

    def test_summary_still_works(self) -> None:
        stock = Inventory()
        stock.add(Item("A", "axle", 250, 3))
        stock.add(Item("B", "bolt", 1000, 1))
        self.assertEqual(summary(stock), "4 units worth 17.50")


if __name__ == "__main__":
    unittest.main()
