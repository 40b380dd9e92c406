import unittest

from textutils import camel_to_snake, snake_to_camel


class CamelToSnakeHiddenTest(unittest.TestCase):
    def test_leading_capital_gets_no_underscore(self) -> None:
        self.assertEqual(camel_to_snake("HttpServer"), "http_server")

    def test_lower_case_is_unchanged(self) -> None:
        self.assertEqual(camel_to_snake("plain"), "plain")
        self.assertEqual(camel_to_snake(""), "")

    def test_round_trip(self) -> None:
        for name in ["read_file", "a_b_c", "value"]:
            with self.subTest(name=name):
                self.assertEqual(camel_to_snake(snake_to_camel(name)), name)


if __name__ == "__main__":
    unittest.main()
