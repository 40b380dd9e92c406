"""A single account."""

from bank.errors import InsufficientFunds


class Account:
    """An owner's balance in cents, with an optional overdraft."""

    def __init__(self, owner: str, balance: int = 0, overdraft_limit: int = 0) -> None:
        if balance < 0:
            raise ValueError("the opening balance must not be negative")
        self.owner = owner
        self.balance = balance
        self.overdraft_limit = overdraft_limit
        self.history: list[int] = []

    def deposit(self, amount: int) -> int:
        """Add amount cents and return the new balance; ValueError unless amount is positive."""
        if amount <= 0:
            raise ValueError("a deposit must be positive")
        self.balance += amount
        self.history.append(amount)
        return self.balance

    def withdraw(self, amount: int) -> int:
        """Take amount cents and return the new balance.

        The balance may go down to minus the overdraft limit; past that InsufficientFunds is raised.
        """
        if amount <= 0:
            raise ValueError("a withdrawal must be positive")
        available = self.balance + self.overdraft_limit
        if amount > available:
            raise InsufficientFunds(amount, available)
        self.balance -= amount
        self.history.append(-amount)
        return self.balance
