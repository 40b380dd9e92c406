import typing
import unittest

from dates import is_leap_year


class IsLeapYearAnnotationsTest(unittest.TestCase):
    def test_is_leap_year_is_fully_annotated(self) -> None:
        self.assertEqual(typing.get_type_hints(is_leap_year), {"year": int, "return": bool})


if __name__ == "__main__":
    unittest.main()
