import unittest
from datetime import date

from dates import business_days


class BusinessDaysTest(unittest.TestCase):
    def test_one_week_from_monday_to_monday(self) -> None:
        self.assertEqual(business_days(date(2024, 3, 4), date(2024, 3, 11)), 5)


if __name__ == "__main__":
    unittest.main()
