import unittest

from textutils import camel_to_snake


class CamelToSnakeTest(unittest.TestCase):
    def test_splits_before_capitals(self) -> None:
        self.assertEqual(camel_to_snake("parseHttpHeader"), "parse_http_header")


if __name__ == "__main__":
    unittest.main()
