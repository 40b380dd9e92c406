"""Small text helpers."""

from textutils.case import camel_to_snake, snake_to_camel
from textutils.summary import keywords
from textutils.words import most_common, word_count, words
from textutils.wrap import initials, truncate
