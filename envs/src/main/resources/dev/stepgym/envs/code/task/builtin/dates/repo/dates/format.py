"""Writing dates for people."""

from datetime import date

from dates.parse import MONTHS, parse_iso


def long_form(day: date) -> str:
    """'3 Mar 2024'."""
    return f"{day.day} {MONTHS[day.month - 1].capitalize()} {day.year}"


def reformat(text: str) -> str:
    """An ISO date rewritten in long form."""
    return long_form(parse_iso(text))
