import unittest

from textutils import truncate


class TruncateTest(unittest.TestCase):
    def test_text_exactly_at_the_limit_is_kept(self) -> None:
        self.assertEqual(truncate("hello", 5), "hello")


if __name__ == "__main__":
    unittest.main()
