import importlib
import unittest

from bank import InsufficientFunds, Ledger
from bank.errors import InsufficientFunds as InsufficientFundsInModule
from tests.checks import identifiers, module_names, sources

OLD_NAME = "NotEnoughMoney"


class RenameHiddenTest(unittest.TestCase):
    def test_old_name_is_gone_from_the_sources(self) -> None:
        for path in sources("bank"):
            with self.subTest(module=path.name):
                self.assertNotIn(OLD_NAME, identifiers(path))

    def test_no_module_has_the_old_name(self) -> None:
        for name in module_names("bank"):
            with self.subTest(module=name):
                self.assertFalse(hasattr(importlib.import_module(name), OLD_NAME))

    def test_package_still_works(self) -> None:
        self.assertIs(InsufficientFunds, InsufficientFundsInModule)
        ledger = Ledger()
        ledger.open("alice", 5)
        ledger.open("bob")
        with self.assertRaises(InsufficientFunds):
            ledger.transfer("alice", "bob", 6)


if __name__ == "__main__":
    unittest.main()
