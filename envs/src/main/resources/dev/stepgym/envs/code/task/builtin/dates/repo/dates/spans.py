"""Calendar arithmetic."""

from datetime import date, timedelta


def is_leap_year(year: int) -> bool:
    """Gregorian rule: every fourth year, except centuries not divisible by 400."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """Number of days in the month (1-12) of the year."""
    if month == 2:
        return 29 if is_leap_year(year) else 28
    if month in (4, 6, 9, 11):
        return 30
    return 31


def add_months(day: date, months: int) -> date:
    """The same day of the month, months later (or earlier if negative).

    When the target month is shorter the result is its last day: add_months(date(2024, 1, 31), 1)
    is date(2024, 2, 29).
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month_index = divmod(index, 12)
    month = month_index + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def business_days(start: date, end: date) -> int:
    """Monday-to-Friday days from start (included) up to end (excluded); 0 if end is not after start."""
    count = 0
    current = start
    while current < end:
        if current.weekday() < 5:
            count += 1
        current += timedelta(days=1)
    return count
