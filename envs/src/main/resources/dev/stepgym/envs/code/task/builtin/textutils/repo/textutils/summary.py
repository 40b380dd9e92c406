"""Describing a text in a few words."""

from textutils.words import most_common


def keywords(text: str, n: int = 3) -> list[str]:
    """The n most common words of text."""
    return [word for word, _ in most_common(text, n)]
