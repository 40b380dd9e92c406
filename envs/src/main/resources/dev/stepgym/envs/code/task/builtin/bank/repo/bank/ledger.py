"""All accounts of the bank, by owner."""

from bank.account import Account


class Ledger:
    """Accounts by owner name."""

    def __init__(self) -> None:
        self._accounts: dict[str, Account] = {}

    def open(self, owner: str, balance: int = 0) -> Account:
        """Open an account; ValueError if the owner already has one."""
        if owner in self._accounts:
            raise ValueError(f"{owner} already has an account")
        account = Account(owner, balance)
        self._accounts[owner] = account
        return account

    def get(self, owner: str) -> Account | None:
        """The owner's account, or None."""
        return self._accounts.get(owner)

    def transfer(self, source: str, target: str, amount: int) -> None:
        """Move amount cents between two accounts.

        Raises KeyError(owner) if either owner has no account; then no balance changes.
        """
        payer = self._require(source)
        payee = self._require(target)
        payer.withdraw(amount)
        payee.deposit(amount)

    def total_balance(self) -> int:
        """Sum of all balances, in cents."""
        return sum(account.balance for account in self._accounts.values())

    def _require(self, owner: str) -> Account:
        account = self.get(owner)
        if account is None:
            raise KeyError(owner)
        return account
