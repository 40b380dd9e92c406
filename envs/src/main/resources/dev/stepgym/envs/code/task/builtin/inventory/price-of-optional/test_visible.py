import unittest

from inventory import Inventory, Item


class PriceOfTest(unittest.TestCase):
    def setUp(self) -> None:
        self.inventory = Inventory()
        self.inventory.add(Item("A-1", "anvil", 2500, 3))

    def test_known_sku(self) -> None:
        self.assertEqual(self.inventory.price_of("A-1"), 2500)

    def test_unknown_sku_raises_key_error(self) -> None:
        with self.assertRaises(KeyError):
            self.inventory.price_of("B-2")


if __name__ == "__main__":
    unittest.main()
