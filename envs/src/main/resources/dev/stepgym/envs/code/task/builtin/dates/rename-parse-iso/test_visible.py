import unittest
from datetime import date

from dates import parse_iso


class ParseIsoTest(unittest.TestCase):
    def test_reads_iso_dates(self) -> None:
        self.assertEqual(parse_iso("2024-02-29"), date(2024, 2, 29))


if __name__ == "__main__":
    unittest.main()
