import unittest

from inventory import Inventory, Item
from inventory.item import Item as ItemFromModule


class ItemNameTest(unittest.TestCase):
    def test_item_is_the_stock_line_class(self) -> None:
        self.assertIs(Item, ItemFromModule)
        inventory = Inventory()
        inventory.add(Item("A-1", "anvil", 2500, 2))
        self.assertEqual(inventory.total_value(), 5000)


if __name__ == "__main__":
    unittest.main()
