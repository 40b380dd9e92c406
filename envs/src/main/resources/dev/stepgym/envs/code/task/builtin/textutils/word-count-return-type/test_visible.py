import unittest

from textutils import word_count


class WordCountTest(unittest.TestCase):
    def test_counts_words(self) -> None:
        self.assertEqual(word_count("the quick brown fox"), 4)


if __name__ == "__main__":
    unittest.main()
