"""A small stock-keeping package."""

from inventory.item import Item
from inventory.report import summary
from inventory.store import Inventory
