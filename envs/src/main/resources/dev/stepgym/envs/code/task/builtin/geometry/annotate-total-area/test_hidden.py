import typing
import unittest

from geometry import Circle, Rectangle, Vector, total_area


class TotalAreaHiddenTest(unittest.TestCase):
    def test_annotations_and_behaviour(self) -> None:
        self.assertEqual(typing.get_type_hints(total_area)["return"], float)
        self.assertEqual(total_area([]), 0)
        self.assertAlmostEqual(total_area([Rectangle(Vector(1.0, 1.0), 0.5, 4.0), Circle(Vector(0.0, 0.0), 0.0)]), 2.0)


if __name__ == "__main__":
    unittest.main()
