import unittest

from textutils import truncate


class TruncateHiddenTest(unittest.TestCase):
    def test_short_text(self) -> None:
        self.assertEqual(truncate("hi", 10), "hi")

    def test_long_text(self) -> None:
        self.assertEqual(truncate("hello world", 8), "hello...")

    def test_custom_ellipsis(self) -> None:
        self.assertEqual(truncate("abcdefgh", 5, "~"), "abcd~")
        self.assertEqual(truncate("abcde", 5, "~"), "abcde")

    def test_empty_text(self) -> None:
        self.assertEqual(truncate("", 0), "")


if __name__ == "__main__":
    unittest.main()
