"""Counting words."""


def count_words(line: str) -> int:
    """Number of whitespace-separated words in line."""
    return len(line.split(" "))
