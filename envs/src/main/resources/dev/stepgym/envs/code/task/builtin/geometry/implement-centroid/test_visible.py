import unittest

from geometry import Vector, centroid


class CentroidTest(unittest.TestCase):
    def test_square_corners(self) -> None:
        corners = [Vector(0.0, 0.0), Vector(2.0, 0.0), Vector(2.0, 2.0), Vector(0.0, 2.0)]
        self.assertEqual(centroid(corners), Vector(1.0, 1.0))


if __name__ == "__main__":
    unittest.main()
