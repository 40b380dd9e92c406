import unittest

from bank import compound


class CompoundTest(unittest.TestCase):
    def test_two_years_at_five_percent(self) -> None:
        self.assertEqual(compound(10000, 5.0, 2), 11025)


if __name__ == "__main__":
    unittest.main()
