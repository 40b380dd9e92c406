"""Reading dates written by people."""

from datetime import date

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december"]


def parse_iso(text: str) -> date:
    """Read YYYY-MM-DD; ValueError on anything else."""
    parts = text.strip().split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        raise ValueError(f"not an ISO date: {text!r}")
    year, month, day = (int(part) for part in parts)
    return date(year, month, day)


def parse_month_name(name: str) -> int:
    """1-based number of an English month name or its three-letter abbreviation, any case."""
    key = name.strip().lower()
    for number, (short, full) in enumerate(zip(MONTHS, MONTH_NAMES), start=1):
        if key in (short, full):
            return number
    raise ValueError(f"unknown month: {name!r}")


def parse_human(text: str) -> date:
    """Read '3 March 2024' or 'March 3, 2024'; ValueError on anything else."""
    parts = text.replace(",", " ").split()
    if len(parts) != 3:
        raise ValueError(f"not a date: {text!r}")
    if parts[0].isdigit():
        day, month_name, year = parts
    else:
        month_name, day, year = parts
    return date(int(year), parse_month_name(month_name), int(day))
