import unittest

from geometry import Vector, distance


class DistanceTest(unittest.TestCase):
    def test_three_four_five(self) -> None:
        self.assertAlmostEqual(distance(Vector(0.0, 0.0), Vector(3.0, 4.0)), 5.0)


if __name__ == "__main__":
    unittest.main()
