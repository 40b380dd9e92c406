import typing
import unittest

from geometry import Shape, total_area


class TotalAreaAnnotationsTest(unittest.TestCase):
    def test_total_area_is_fully_annotated(self) -> None:
        self.assertEqual(typing.get_type_hints(total_area), {"shapes": list[Shape], "return": float})


if __name__ == "__main__":
    unittest.main()
