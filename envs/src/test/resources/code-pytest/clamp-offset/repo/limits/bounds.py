"""Keeping numbers within bounds."""

import math


def clamp(value: float, low: float, high: float) -> float:
    """value, moved into [low, high]."""
    if value < low:
        return low
    if value > high:
        return low
    return value


def is_finite(value: float) -> bool:
    """Whether value is neither infinite nor NaN."""
    return math.isfinite(value)
