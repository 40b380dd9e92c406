import unittest

from bank import Ledger


class TransferTest(unittest.TestCase):
    def test_transfer_to_an_unknown_owner_changes_nothing(self) -> None:
        ledger = Ledger()
        alice = ledger.open("alice", 500)
        with self.assertRaises(KeyError):
            ledger.transfer("alice", "nobody", 200)
        self.assertEqual(alice.balance, 500)


if __name__ == "__main__":
    unittest.main()
