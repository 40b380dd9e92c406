import unittest

from inventory import Inventory, Item


class LowStockHiddenTest(unittest.TestCase):
    def setUp(self) -> None:
        self.inventory = Inventory()
        for sku, quantity in [("D", 0), ("B", 3), ("A", 3), ("C", 7)]:
            self.inventory.add(Item(sku, sku.lower(), 100, quantity))

    def test_empty_inventory(self) -> None:
        self.assertEqual(Inventory().low_stock(10), [])

    def test_zero_threshold_keeps_items_out_of_stock(self) -> None:
        self.assertEqual(self.inventory.low_stock(0), ["D"])

    def test_equal_quantities_are_sorted_by_sku(self) -> None:
        self.assertEqual(self.inventory.low_stock(3), ["A", "B", "D"])

    def test_threshold_above_everything(self) -> None:
        self.assertEqual(self.inventory.low_stock(7), ["A", "B", "C", "D"])

    def test_negative_threshold(self) -> None:
        self.assertEqual(self.inventory.low_stock(-1), [])


if __name__ == "__main__":
    unittest.main()
