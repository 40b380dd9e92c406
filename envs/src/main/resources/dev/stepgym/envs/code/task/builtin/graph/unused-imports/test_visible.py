import unittest

from tests.checks import ROOT, unused_imports


class UnusedImportsTest(unittest.TestCase):
    def test_order_uses_everything_it_imports(self) -> None:
        self.assertEqual(unused_imports(ROOT / "graph" / "order.py"), [])


if __name__ == "__main__":
    unittest.main()
