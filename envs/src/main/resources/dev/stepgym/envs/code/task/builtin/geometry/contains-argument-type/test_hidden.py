import unittest

from geometry import Circle, Vector


class CircleContainsHiddenTest(unittest.TestCase):
    def test_boundary_point_is_inside(self) -> None:
        self.assertTrue(Circle(Vector(0.0, 0.0), 5.0).contains(Vector(3.0, 4.0)))

    def test_center_is_inside_a_zero_circle(self) -> None:
        self.assertTrue(Circle(Vector(2.0, -1.0), 0.0).contains(Vector(2.0, -1.0)))

    def test_far_point(self) -> None:
        self.assertFalse(Circle(Vector(-1.0, -1.0), 1.0).contains(Vector(1.0, 1.0)))


if __name__ == "__main__":
    unittest.main()
