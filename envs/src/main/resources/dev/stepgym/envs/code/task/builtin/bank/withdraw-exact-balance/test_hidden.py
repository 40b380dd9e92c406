import unittest

from bank import Account, InsufficientFunds


class WithdrawHiddenTest(unittest.TestCase):
    def test_overdraft_down_to_the_limit(self) -> None:
        account = Account("bob", 50, overdraft_limit=30)
        self.assertEqual(account.withdraw(80), -30)
        self.assertEqual(account.history, [-80])

    def test_one_cent_too_many(self) -> None:
        account = Account("carol", 50, overdraft_limit=30)
        with self.assertRaises(InsufficientFunds) as caught:
            account.withdraw(81)
        self.assertEqual((caught.exception.needed, caught.exception.available), (81, 80))
        self.assertEqual(account.balance, 50)

    def test_amount_must_be_positive(self) -> None:
        with self.assertRaises(ValueError):
            Account("dave", 10).withdraw(0)


if __name__ == "__main__":
    unittest.main()
