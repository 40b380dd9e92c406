import importlib
import unittest

from textutils import keywords, most_common
from tests.checks import identifiers, module_names, sources

OLD_NAME = "top_words"


class RenameHiddenTest(unittest.TestCase):
    def test_old_name_is_gone_from_the_sources(self) -> None:
        for path in sources("textutils"):
            with self.subTest(module=path.name):
                self.assertNotIn(OLD_NAME, identifiers(path))

    def test_no_module_has_the_old_name(self) -> None:
        for name in module_names("textutils"):
            with self.subTest(module=name):
                self.assertFalse(hasattr(importlib.import_module(name), OLD_NAME))

    def test_package_still_works(self) -> None:
        self.assertEqual(most_common("x y x", 5), [("x", 2), ("y", 1)])
        self.assertEqual(keywords("to be or not to be", 2), ["be", "to"])


if __name__ == "__main__":
    unittest.main()
