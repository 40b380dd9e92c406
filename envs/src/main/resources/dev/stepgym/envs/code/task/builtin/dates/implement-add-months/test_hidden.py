import unittest
from datetime import date

from dates import add_months


class AddMonthsHiddenTest(unittest.TestCase):
    def test_across_the_year_end(self) -> None:
        self.assertEqual(add_months(date(2023, 11, 30), 3), date(2024, 2, 29))

    def test_backwards(self) -> None:
        self.assertEqual(add_months(date(2024, 3, 31), -1), date(2024, 2, 29))
        self.assertEqual(add_months(date(2024, 1, 10), -13), date(2022, 12, 10))

    def test_zero_months(self) -> None:
        self.assertEqual(add_months(date(2021, 6, 30), 0), date(2021, 6, 30))

    def test_non_leap_february(self) -> None:
        self.assertEqual(add_months(date(2023, 1, 29), 1), date(2023, 2, 28))


if __name__ == "__main__":
    unittest.main()
