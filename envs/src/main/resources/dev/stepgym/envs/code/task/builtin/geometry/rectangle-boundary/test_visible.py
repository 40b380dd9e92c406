import unittest

from geometry import Rectangle, Vector


class RectangleContainsTest(unittest.TestCase):
    def test_boundary_counts_as_inside(self) -> None:
        rectangle = Rectangle(Vector(0.0, 0.0), 4.0, 2.0)
        self.assertTrue(rectangle.contains(Vector(4.0, 1.0)))
        self.assertTrue(rectangle.contains(Vector(0.0, 0.0)))


if __name__ == "__main__":
    unittest.main()
