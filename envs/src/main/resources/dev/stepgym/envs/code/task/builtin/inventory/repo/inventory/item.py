"""Stock items."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    """One stock line: a SKU with its unit price in cents and the quantity on hand."""

    sku: str
    name: str
    unit_price: int
    quantity: int

    def value(self) -> int:
        """Price of everything on hand, in cents."""
        return self.unit_price * self.quantity
