import unittest

from inventory import Inventory, Item


class PriceOfHiddenTest(unittest.TestCase):
    def test_key_error_carries_the_sku(self) -> None:
        with self.assertRaises(KeyError) as caught:
            Inventory().price_of("nope")
        self.assertEqual(caught.exception.args, ("nope",))

    def test_price_is_unchanged_by_restock(self) -> None:
        inventory = Inventory()
        inventory.add(Item("C-3", "cog", 40, 1))
        inventory.restock("C-3", 4)
        self.assertEqual(inventory.price_of("C-3"), 40)
        self.assertEqual(inventory.total_quantity(), 5)


if __name__ == "__main__":
    unittest.main()
