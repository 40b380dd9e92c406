import unittest
from datetime import date

from dates import parse_human


class ParseHumanHiddenTest(unittest.TestCase):
    def test_month_day_year(self) -> None:
        self.assertEqual(parse_human("July 14, 1789"), date(1789, 7, 14))

    def test_abbreviation(self) -> None:
        self.assertEqual(parse_human("29 feb 2000"), date(2000, 2, 29))

    def test_bad_input(self) -> None:
        for text in ["3 March", "3 Marzipan 2024", "yesterday"]:
            with self.subTest(text=text):
                with self.assertRaises(ValueError):
                    parse_human(text)


if __name__ == "__main__":
    unittest.main()
