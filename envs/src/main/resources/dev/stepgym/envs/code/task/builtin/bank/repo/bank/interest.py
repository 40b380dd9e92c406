"""Interest."""


def compound(balance: int, rate_percent: float, years: int) -> int:
    """The balance in cents after years of yearly compounding, rounded to the nearest cent.

    Raises ValueError if years is negative.
    """
    if years < 0:
        raise ValueError("years must not be negative")
    value = float(balance)
    for _ in range(years):
        value *= 1 + rate_percent / 100
    return round(value)
