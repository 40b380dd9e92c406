"""Splitting text into words and counting them."""

import re

_WORD = re.compile(r"[A-Za-z']+")


def words(text: str) -> list[str]:
    """The words of text, lower-cased, in order."""
    return [match.lower() for match in _WORD.findall(text)]


def word_count(text: str) -> int:
    """How many words text has."""
    return len(words(text))


def most_common(text: str, n: int) -> list[tuple[str, int]]:
    """The n most frequent words with their counts, ties broken alphabetically."""
    counts: dict[str, int] = {}
    for word in words(text):
        counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return ranked[:n]
