from text.words import count_words


def test_simple():
    assert count_words("a b c") == 3


def test_double_space():
    assert count_words("a  b") == 2
