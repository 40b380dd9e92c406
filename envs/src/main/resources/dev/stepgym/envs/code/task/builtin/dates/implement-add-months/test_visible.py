import unittest
from datetime import date

from dates import add_months


class AddMonthsTest(unittest.TestCase):
    def test_end_of_january_plus_one_month(self) -> None:
        self.assertEqual(add_months(date(2024, 1, 31), 1), date(2024, 2, 29))

    def test_plain_case(self) -> None:
        self.assertEqual(add_months(date(2024, 5, 15), 2), date(2024, 7, 15))


if __name__ == "__main__":
    unittest.main()
