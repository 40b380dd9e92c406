import importlib
import unittest

from dates import parse_iso, reformat
from tests.checks import identifiers, module_names, sources

OLD_NAME = "iso_date"


class RenameHiddenTest(unittest.TestCase):
    def test_old_name_is_gone_from_the_sources(self) -> None:
        for path in sources("dates"):
            with self.subTest(module=path.name):
                self.assertNotIn(OLD_NAME, identifiers(path))

    def test_no_module_has_the_old_name(self) -> None:
        for name in module_names("dates"):
            with self.subTest(module=name):
                self.assertFalse(hasattr(importlib.import_module(name), OLD_NAME))

    def test_package_still_works(self) -> None:
        self.assertEqual(reformat("1969-07-20"), "20 Jul 1969")
        with self.assertRaises(ValueError):
            parse_iso("20/07/1969")


if __name__ == "__main__":
    unittest.main()
