"""Errors of the bank package."""


class InsufficientFunds(Exception):
    """A withdrawal asked for more than the account can give."""

    def __init__(self, needed: int, available: int) -> None:
        super().__init__(f"needed {needed} cents, {available} available")
        self.needed = needed
        self.available = available
