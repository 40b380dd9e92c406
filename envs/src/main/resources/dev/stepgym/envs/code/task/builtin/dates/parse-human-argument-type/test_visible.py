import unittest
from datetime import date

from dates import parse_human


class ParseHumanTest(unittest.TestCase):
    def test_day_month_year(self) -> None:
        self.assertEqual(parse_human("3 March 2024"), date(2024, 3, 3))


if __name__ == "__main__":
    unittest.main()
