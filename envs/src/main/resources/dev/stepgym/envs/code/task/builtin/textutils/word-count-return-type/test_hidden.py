import unittest

from textutils import word_count


class WordCountHiddenTest(unittest.TestCase):
    def test_empty_text(self) -> None:
        self.assertEqual(word_count(""), 0)

    def test_punctuation_is_not_a_word(self) -> None:
        self.assertEqual(word_count("Hello, world! -- it's me."), 4)

    def test_result_is_an_int(self) -> None:
        self.assertIs(type(word_count("a b")), int)


if __name__ == "__main__":
    unittest.main()
