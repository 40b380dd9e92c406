import unittest

from inventory import Inventory, Item


class RestockHiddenTest(unittest.TestCase):
    def setUp(self) -> None:
        self.inventory = Inventory()
        self.inventory.add(Item("N-7", "nut", 5, 10))
        self.inventory.add(Item("W-1", "washer", 2, 0))

    def test_unknown_sku(self) -> None:
        with self.assertRaises(KeyError) as caught:
            self.inventory.restock("X-0", 3)
        self.assertEqual(caught.exception.args, ("X-0",))

    def test_negative_amount_changes_nothing(self) -> None:
        with self.assertRaises(ValueError):
            self.inventory.restock("N-7", -4)
        self.assertEqual(self.inventory.total_quantity(), 10)

    def test_repeated_restocks_add_up(self) -> None:
        self.inventory.restock("W-1", 1)
        self.inventory.restock("W-1", 2)
        self.assertEqual(self.inventory.price_of("W-1"), 2)
        self.assertEqual(self.inventory.total_quantity(), 13)
        self.assertEqual(self.inventory.low_stock(3), ["W-1"])


if __name__ == "__main__":
    unittest.main()
