import unittest

from bank import Account, InsufficientFunds


class InsufficientFundsTest(unittest.TestCase):
    def test_overdrawing_raises_insufficient_funds(self) -> None:
        with self.assertRaises(InsufficientFunds):
            Account("alice", 10).withdraw(11)


if __name__ == "__main__":
    unittest.main()
