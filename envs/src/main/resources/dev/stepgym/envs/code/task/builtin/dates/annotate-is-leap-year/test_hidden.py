import typing
import unittest

from dates import days_in_month, is_leap_year


class IsLeapYearHiddenTest(unittest.TestCase):
    def test_annotations_and_behaviour(self) -> None:
        self.assertEqual(typing.get_type_hints(is_leap_year), {"year": int, "return": bool})
        self.assertEqual([is_leap_year(y) for y in (1900, 2000, 2023, 2024)], [False, True, False, True])
        self.assertEqual(days_in_month(2100, 2), 28)


if __name__ == "__main__":
    unittest.main()
