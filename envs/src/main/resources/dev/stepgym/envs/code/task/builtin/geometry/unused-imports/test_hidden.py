import unittest

from geometry import Circle, Rectangle, Vector, total_area
from tests.checks import modules, unused_imports


class UnusedImportsHiddenTest(unittest.TestCase):
    def test_no_module_has_an_unused_import(self) -> None:
        for path in modules("geometry"):
            with self.subTest(module=path.name):
                self.assertEqual(unused_imports(path), [])

    def test_shapes_still_work(self) -> None:
        shapes = [Rectangle(Vector(0.0, 0.0), 2.0, 3.0), Circle(Vector(0.0, 0.0), 1.0)]
        self.assertAlmostEqual(total_area(shapes), 6.0 + 3.141592653589793)


if __name__ == "__main__":
    unittest.main()
