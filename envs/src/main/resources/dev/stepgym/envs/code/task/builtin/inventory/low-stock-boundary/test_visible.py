import unittest

from inventory import Inventory, Item


class LowStockTest(unittest.TestCase):
    def test_threshold_is_inclusive(self) -> None:
        inventory = Inventory()
        inventory.add(Item("B", "bolt", 10, 5))
        inventory.add(Item("A", "axle", 900, 2))
        inventory.add(Item("C", "cam", 300, 9))
        self.assertEqual(inventory.low_stock(5), ["A", "B"])


if __name__ == "__main__":
    unittest.main()
