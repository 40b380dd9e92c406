from text.words import count_words


def test_one_word():
    assert count_words("word") == 1


def test_empty():
    assert count_words("") == 0


def test_tabs_and_newlines():
    assert count_words("a\tb\nc") == 3


def test_leading_space():
    assert count_words("  a b") == 2
