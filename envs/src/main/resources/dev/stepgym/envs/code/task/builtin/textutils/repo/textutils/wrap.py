"""Shortening text."""

from textutils.words import words


def truncate(text: str, limit: int, ellipsis: str = "...") -> str:
    """Text cut to at most limit characters, ending in ellipsis when it had to be cut."""
    if len(text) <= limit:
        return text
    return text[: limit - len(ellipsis)] + ellipsis


def initials(text: str) -> str:
    """Upper-case first letters of the words, e.g. 'portable network graphics' -> 'PNG'."""
    return "".join(word[0].upper() for word in words(text))
