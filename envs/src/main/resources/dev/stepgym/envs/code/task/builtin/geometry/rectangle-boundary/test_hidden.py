import unittest

from geometry import Rectangle, Vector


class RectangleContainsHiddenTest(unittest.TestCase):
    def setUp(self) -> None:
        self.rectangle = Rectangle(Vector(-1.0, 2.0), 3.0, 1.0)

    def test_every_corner_is_inside(self) -> None:
        for x, y in [(-1.0, 2.0), (2.0, 2.0), (-1.0, 3.0), (2.0, 3.0)]:
            with self.subTest(x=x, y=y):
                self.assertTrue(self.rectangle.contains(Vector(x, y)))

    def test_interior_point(self) -> None:
        self.assertTrue(self.rectangle.contains(Vector(0.5, 2.5)))

    def test_points_just_outside(self) -> None:
        for x, y in [(-1.5, 2.5), (2.5, 2.5), (0.0, 1.5), (0.0, 3.5)]:
            with self.subTest(x=x, y=y):
                self.assertFalse(self.rectangle.contains(Vector(x, y)))


if __name__ == "__main__":
    unittest.main()
