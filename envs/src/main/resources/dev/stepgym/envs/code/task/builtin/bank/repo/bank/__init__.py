"""Bank accounts kept in integer cents."""

from bank.account import Account
from bank.errors import InsufficientFunds
from bank.interest import compound
from bank.ledger import Ledger
