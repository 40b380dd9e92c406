import unittest

from inventory import Inventory, Item


class RestockTest(unittest.TestCase):
    def setUp(self) -> None:
        self.inventory = Inventory()
        self.inventory.add(Item("N-7", "nut", 5, 10))

    def test_restock_returns_the_updated_item(self) -> None:
        updated = self.inventory.restock("N-7", 15)
        self.assertEqual(updated, Item("N-7", "nut", 5, 25))
        self.assertEqual(self.inventory.find("N-7"), updated)

    def test_amount_must_be_positive(self) -> None:
        with self.assertRaises(ValueError):
            self.inventory.restock("N-7", 0)


if __name__ == "__main__":
    unittest.main()
