import typing
import unittest

from textutils import initials


class InitialsHiddenTest(unittest.TestCase):
    def test_annotations_and_behaviour(self) -> None:
        self.assertEqual(typing.get_type_hints(initials), {"text": str, "return": str})
        self.assertEqual(initials("as soon as possible"), "ASAP")
        self.assertEqual(initials(""), "")


if __name__ == "__main__":
    unittest.main()
