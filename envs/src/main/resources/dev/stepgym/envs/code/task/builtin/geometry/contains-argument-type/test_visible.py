import unittest

from geometry import Circle, Vector


class CircleContainsTest(unittest.TestCase):
    def test_point_inside_and_outside(self) -> None:
        circle = Circle(Vector(1.0, 1.0), 2.0)
        self.assertTrue(circle.contains(Vector(2.0, 2.0)))
        self.assertFalse(circle.contains(Vector(4.0, 1.0)))


if __name__ == "__main__":
    unittest.main()
