import unittest

from geometry import Vector, centroid


class CentroidHiddenTest(unittest.TestCase):
    def test_single_point(self) -> None:
        self.assertEqual(centroid([Vector(3.5, -2.0)]), Vector(3.5, -2.0))

    def test_empty_list(self) -> None:
        with self.assertRaises(ValueError):
            centroid([])

    def test_triangle(self) -> None:
        result = centroid([Vector(0.0, 0.0), Vector(6.0, 0.0), Vector(0.0, 3.0)])
        self.assertAlmostEqual(result.x, 2.0)
        self.assertAlmostEqual(result.y, 1.0)


if __name__ == "__main__":
    unittest.main()
