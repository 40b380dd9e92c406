import importlib
import unittest

from geometry import Circle, Vector, distance
from tests.checks import identifiers, module_names, sources

OLD_NAME = "dist"


class RenameHiddenTest(unittest.TestCase):
    def test_old_name_is_gone_from_the_sources(self) -> None:
        for path in sources("geometry"):
            with self.subTest(module=path.name):
                self.assertNotIn(OLD_NAME, identifiers(path))

    def test_no_module_has_the_old_name(self) -> None:
        for name in module_names("geometry"):
            with self.subTest(module=name):
                self.assertFalse(hasattr(importlib.import_module(name), OLD_NAME))

    def test_package_still_works(self) -> None:
        self.assertAlmostEqual(distance(Vector(1.0, 1.0), Vector(-2.0, -3.0)), 5.0)
        self.assertTrue(Circle(Vector(0.0, 0.0), 1.0).contains(Vector(0.6, 0.8)))


if __name__ == "__main__":
    unittest.main()
