"""Parsing and calendar arithmetic on top of datetime."""

from dates.format import long_form, reformat
from dates.parse import parse_human, parse_iso, parse_month_name
from dates.spans import add_months, business_days, days_in_month, is_leap_year
