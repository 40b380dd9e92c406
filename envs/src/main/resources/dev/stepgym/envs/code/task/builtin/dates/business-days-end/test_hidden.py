import unittest
from datetime import date

from dates import business_days


class BusinessDaysHiddenTest(unittest.TestCase):
    def test_same_day_is_zero(self) -> None:
        self.assertEqual(business_days(date(2024, 3, 6), date(2024, 3, 6)), 0)

    def test_friday_to_monday(self) -> None:
        self.assertEqual(business_days(date(2024, 3, 8), date(2024, 3, 11)), 1)

    def test_weekend_only(self) -> None:
        self.assertEqual(business_days(date(2024, 3, 9), date(2024, 3, 11)), 0)

    def test_end_before_start(self) -> None:
        self.assertEqual(business_days(date(2024, 3, 11), date(2024, 3, 4)), 0)


if __name__ == "__main__":
    unittest.main()
