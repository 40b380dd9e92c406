import unittest

from bank import compound


class CompoundHiddenTest(unittest.TestCase):
    def test_zero_years_keeps_the_balance(self) -> None:
        self.assertEqual(compound(1234, 7.5, 0), 1234)

    def test_rounds_to_the_nearest_cent(self) -> None:
        self.assertEqual(compound(1000, 3.3, 1), 1033)
        self.assertEqual(compound(999, 10.0, 3), 1330)

    def test_negative_years(self) -> None:
        with self.assertRaises(ValueError):
            compound(100, 1.0, -1)

    def test_result_is_an_int(self) -> None:
        self.assertIs(type(compound(100, 2.0, 1)), int)


if __name__ == "__main__":
    unittest.main()
