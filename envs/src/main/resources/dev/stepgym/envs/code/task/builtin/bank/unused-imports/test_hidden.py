import unittest

from bank import Ledger
from tests.checks import modules, unused_imports


class UnusedImportsHiddenTest(unittest.TestCase):
    def test_no_module_has_an_unused_import(self) -> None:
        for path in modules("bank"):
            with self.subTest(module=path.name):
                self.assertEqual(unused_imports(path), [])

    def test_ledger_still_works(self) -> None:
        ledger = Ledger()
        ledger.open("alice", 300)
        ledger.open("bob", 0)
        ledger.transfer("alice", "bob", 120)
        self.assertEqual(ledger.total_balance(), 300)


if __name__ == "__main__":
    unittest.main()
