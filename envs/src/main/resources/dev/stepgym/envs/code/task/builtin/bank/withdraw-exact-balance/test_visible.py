import unittest

from bank import Account


class WithdrawTest(unittest.TestCase):
    def test_whole_balance_can_be_withdrawn(self) -> None:
        account = Account("alice", 100)
        self.assertEqual(account.withdraw(100), 0)


if __name__ == "__main__":
    unittest.main()
