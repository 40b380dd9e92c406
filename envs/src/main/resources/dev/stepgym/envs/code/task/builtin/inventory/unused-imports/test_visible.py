import unittest

from tests.checks import ROOT, unused_imports


class UnusedImportsTest(unittest.TestCase):
    def test_report_uses_everything_it_imports(self) -> None:
        self.assertEqual(unused_imports(ROOT / "inventory" / "report.py"), [])


if __name__ == "__main__":
    unittest.main()
