import unittest
from datetime import date

from dates import add_months, long_form, reformat
from tests.checks import modules, unused_imports


class UnusedImportsHiddenTest(unittest.TestCase):
    def test_no_module_has_an_unused_import(self) -> None:
        for path in modules("dates"):
            with self.subTest(module=path.name):
                self.assertEqual(unused_imports(path), [])

    def test_package_still_works(self) -> None:
        self.assertEqual(reformat("2024-12-25"), "25 Dec 2024")
        self.assertEqual(long_form(add_months(date(2024, 8, 31), 1)), "30 Sep 2024")


if __name__ == "__main__":
    unittest.main()
