import unittest

from bank import Ledger


class TransferHiddenTest(unittest.TestCase):
    def setUp(self) -> None:
        self.ledger = Ledger()
        self.alice = self.ledger.open("alice", 500)
        self.bob = self.ledger.open("bob", 100)

    def test_transfer_moves_money(self) -> None:
        self.ledger.transfer("alice", "bob", 150)
        self.assertEqual((self.alice.balance, self.bob.balance), (350, 250))
        self.assertEqual(self.ledger.total_balance(), 600)

    def test_unknown_source(self) -> None:
        with self.assertRaises(KeyError) as caught:
            self.ledger.transfer("carol", "bob", 1)
        self.assertEqual(caught.exception.args, ("carol",))
        self.assertEqual(self.bob.balance, 100)

    def test_unknown_target_names_the_target(self) -> None:
        with self.assertRaises(KeyError) as caught:
            self.ledger.transfer("bob", "dave", 1)
        self.assertEqual(caught.exception.args, ("dave",))


if __name__ == "__main__":
    unittest.main()
