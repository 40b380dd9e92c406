import unittest

from textutils import most_common
from textutils.words import most_common as most_common_in_module


class MostCommonTest(unittest.TestCase):
    def test_ranks_by_count_then_alphabetically(self) -> None:
        self.assertIs(most_common, most_common_in_module)
        self.assertEqual(most_common("b a b c a b", 2), [("b", 3), ("a", 2)])


if __name__ == "__main__":
    unittest.main()
