import unittest

from tests.checks import ROOT, unused_imports


class UnusedImportsTest(unittest.TestCase):
    def test_wrap_uses_everything_it_imports(self) -> None:
        self.assertEqual(unused_imports(ROOT / "textutils" / "wrap.py"), [])


if __name__ == "__main__":
    unittest.main()
