import importlib
import unittest

from inventory import Inventory, Item, summary
from tests.checks import identifiers, module_names, sources

OLD_NAME = "Product"


class RenameHiddenTest(unittest.TestCase):
    def test_old_name_is_gone_from_the_sources(self) -> None:
        for path in sources("inventory"):
            with self.subTest(module=path.name):
                self.assertNotIn(OLD_NAME, identifiers(path))

    def test_no_module_has_the_old_name(self) -> None:
        for name in module_names("inventory"):
            with self.subTest(module=name):
                self.assertFalse(hasattr(importlib.import_module(name), OLD_NAME))

    def test_package_still_works(self) -> None:
        stock = Inventory()
        stock.add(Item("B-2", "bolt", 15, 10))
        self.assertEqual(stock.restock("B-2", 5).quantity, 15)
        self.assertEqual(summary(stock), "15 units worth 2.25")


if __name__ == "__main__":
    unittest.main()
