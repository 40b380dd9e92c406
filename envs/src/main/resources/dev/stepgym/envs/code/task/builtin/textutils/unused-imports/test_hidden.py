import unittest

from textutils import initials, snake_to_camel, truncate
from tests.checks import modules, unused_imports


class UnusedImportsHiddenTest(unittest.TestCase):
    def test_no_module_has_an_unused_import(self) -> None:
        for path in modules("textutils"):
            with self.subTest(module=path.name):
                self.assertEqual(unused_imports(path), [])

    def test_package_still_works(self) -> None:
        self.assertEqual(initials("portable network graphics"), "PNG")
        self.assertEqual(truncate("abcdefgh", 6), "abc...")
        self.assertEqual(snake_to_camel("to_json"), "toJson")


if __name__ == "__main__":
    unittest.main()
