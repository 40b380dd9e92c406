"""Human-readable summaries of an inventory."""

from inventory.store import Inventory


def summary(inventory: Inventory) -> str:
    """One line: units on hand and their value, e.g. '7 units worth 12.50'."""
    cents = inventory.total_value()
    return f"{inventory.total_quantity()} units worth {cents // 100}.{cents % 100:02d}"
