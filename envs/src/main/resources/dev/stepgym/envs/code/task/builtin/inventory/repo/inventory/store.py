"""The inventory: items by SKU."""

from inventory.item import Item


class Inventory:
    """Items keyed by SKU."""

    def __init__(self) -> None:
        self._items: dict[str, Item] = {}

    def add(self, item: Item) -> None:
        """Add a new item; ValueError if its SKU is already present."""
        if item.sku in self._items:
            raise ValueError(f"duplicate sku {item.sku}")
        self._items[item.sku] = item

    def find(self, sku: str) -> Item | None:
        """The item with this SKU, or None."""
        return self._items.get(sku)

    def price_of(self, sku: str) -> int:
        """Unit price of the SKU in cents; KeyError(sku) if the SKU is unknown."""
        item = self.find(sku)
        if item is None:
            raise KeyError(sku)
        return item.unit_price

    def total_quantity(self) -> int:
        """Units on hand over all items."""
        return sum(item.quantity for item in self._items.values())

    def total_value(self) -> int:
        """Value of all stock, in cents."""
        return sum(item.value() for item in self._items.values())

    def low_stock(self, threshold: int) -> list[str]:
        """SKUs whose quantity is at or below the threshold, sorted."""
        return sorted(sku for sku, item in self._items.items() if item.quantity <= threshold)

    def restock(self, sku: str, amount: int) -> Item:
        """Add amount units to the item with this SKU and return the updated item.

        Raises ValueError if amount is not positive and KeyError(sku) if the SKU is unknown.
        """
        if amount <= 0:
            raise ValueError("amount must be positive")
        item = self.find(sku)
        if item is None:
            raise KeyError(sku)
        updated = Item(item.sku, item.name, item.unit_price, item.quantity + amount)
        self._items[sku] = updated
        return updated
